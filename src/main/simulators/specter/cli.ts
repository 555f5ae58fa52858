import { parseFaultSpec } from '../faults';
import { createSpecterDemoFixture, SPECTER_DEMO_CREDENTIALS } from './demo-fixture';
import { loadSpecterFixtureFile, type SpecterFixture } from './fixture';
import { type SpecterSimulator, startSpecterSimulator } from './server';

const USAGE = `Specter simulator: a local fake of Specter's getInfo.asp / putInfo.asp API.

Options:
  --port <n>               port to listen on (default 0 = any free port)
  --host <address>         address to bind (default 127.0.0.1)
  --fixture <file.json>    start from this data instead of the demo catalogue
  --seed <n>               seed of the demo catalogue (default 1)
  --latency <ms>           delay before every answer
  --faults <spec>          e.g. error=0.05,timeout=0.01,429=0.1,retryAfter=2
  --response-max-limit <n> records per list or batch reply (default 100)
  --decimal-comma          write decimals as 12,50
  --sbm-id <id>            SBM id to accept (default ${SPECTER_DEMO_CREDENTIALS.sbmId})
  --api-user-id <id>       API user id to accept (default ${SPECTER_DEMO_CREDENTIALS.apiUserId})
  --help                   show this text`;

interface CliOptions {
  port: number;
  host: string;
  fixture?: string;
  seed: number;
  latency: number;
  faults?: string;
  responseMaxLimit: number;
  decimalComma: boolean;
  sbmId: string;
  apiUserId: string;
  help: boolean;
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = {
    port: 0,
    host: '127.0.0.1',
    seed: 1,
    latency: 0,
    responseMaxLimit: 100,
    decimalComma: false,
    sbmId: SPECTER_DEMO_CREDENTIALS.sbmId,
    apiUserId: SPECTER_DEMO_CREDENTIALS.apiUserId,
    help: false,
  };
  const args = [...argv];
  const value = (flag: string): string => {
    const v = args.shift();
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value. Run with --help for usage.`);
    return v;
  };
  const integer = (flag: string, raw: string, min: number): number => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min)
      throw new Error(`${flag} must be a whole number of ${min} or more, got "${raw}".`);
    return n;
  };
  while (args.length > 0) {
    const arg = args.shift() as string;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const next = () => inline ?? value(flag);
    switch (flag) {
      case '--port':
        options.port = integer(flag, next(), 0);
        break;
      case '--host':
        options.host = next();
        break;
      case '--fixture':
        options.fixture = next();
        break;
      case '--seed':
        options.seed = integer(flag, next(), 0);
        break;
      case '--latency':
        options.latency = integer(flag, next(), 0);
        break;
      case '--faults':
        options.faults = next();
        break;
      case '--response-max-limit':
        options.responseMaxLimit = integer(flag, next(), 1);
        break;
      case '--decimal-comma':
        options.decimalComma = true;
        break;
      case '--sbm-id':
        options.sbmId = next();
        break;
      case '--api-user-id':
        options.apiUserId = next();
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new Error(`Unknown option "${arg}". Run with --help for usage.`);
    }
  }
  return options;
}

/**
 * Start the Specter simulator from command-line arguments and print its address and the demo
 * credentials it accepts. Resolves once listening; Ctrl+C stops it.
 */
export async function runSpecterSimulatorCli(
  argv: string[],
  out: (line: string) => void = (line) => console.log(line),
): Promise<SpecterSimulator | undefined> {
  const options = parseArgs(argv);
  if (options.help) {
    out(USAGE);
    return undefined;
  }
  const faults = parseFaultSpec(options.faults);
  const fixture: SpecterFixture = options.fixture
    ? await loadSpecterFixtureFile(options.fixture)
    : createSpecterDemoFixture(options.seed);
  const credentials = { ...SPECTER_DEMO_CREDENTIALS, sbmId: options.sbmId, apiUserId: options.apiUserId };
  const sim = await startSpecterSimulator({
    port: options.port,
    host: options.host,
    fixture,
    credentials,
    latencyMs: options.latency,
    faults,
    responseMaxLimit: options.responseMaxLimit,
    decimalComma: options.decimalComma,
  });
  out(`Specter simulator listening on ${sim.url}`);
  out(`  API:     ${sim.url}/getInfo.asp and ${sim.url}/putInfo.asp`);
  out(`  Control: ${sim.url}/_control/state (loopback only)`);
  out('  Demo credentials (not secret, accepted only by this simulator):');
  out(`    SBM id:          ${credentials.sbmId}`);
  out(`    API user id:     ${credentials.apiUserId}`);
  out(`    API user key:    ${credentials.apiUserKey}   (md5key1)`);
  out(`    Integration key: ${credentials.integrationKey}   (md5key2)`);
  out(
    `  Data: ${sim.state.articles.size} articles, ${sim.state.orders.size} orders, ${sim.state.purchases.size} purchases`,
  );
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return sim;
}

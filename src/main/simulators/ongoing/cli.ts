/**
 * `ongoing-specter-sync sim ongoing [options]`: run the Ongoing simulator until stopped.
 */
import { readFile } from 'node:fs/promises';
import { parseFaultSpec } from '../faults';
import { demoOngoingFixture, ONGOING_DEMO_USER, type OngoingFixture } from './fixture';
import { startOngoingSimulator } from './simulator';
import { createWarehouseClock } from './warehouse-clock';

export { ONGOING_DEMO_USER } from './fixture';

export const ONGOING_SIMULATOR_USAGE = `Usage: sim ongoing [options]

  --port <n>               port to listen on (default 0 = any free port)
  --host <address>         address to bind (default 127.0.0.1)
  --warehouse <name>       warehouse name in the URL (default demo)
  --fixture <file>         JSON fixture with articles, orders, purchaseOrders (docs/ongoing-simulator.md)
  --latency <ms>           delay before every API answer
  --faults <spec>          e.g. error=0.05,timeout=0.01,429=0.1,retryAfter=2
  --clock <ms>             let the warehouse work by itself every <ms> (release, pick, ship, receive)
  --new-article-stock <n>  stock given to articles created through the API (default 0)
`;

export interface OngoingSimulatorCliOptions {
  /** Stops the simulator when aborted (in addition to SIGINT/SIGTERM). */
  signal?: AbortSignal;
  /** Where the banner goes. Default: process.stdout. */
  out?: (line: string) => void;
}

interface ParsedArgs {
  port: number;
  host: string;
  warehouse: string;
  fixture?: string;
  latencyMs: number;
  faults?: string;
  clockMs?: number;
  newArticleStock: number;
  help: boolean;
}

function numberArg(name: string, value: string | undefined, min = 0): number {
  const n = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(n) || n < min) {
    throw new Error(`${name} needs a number of at least ${min}, got "${value ?? ''}".`);
  }
  return n;
}

export function parseOngoingSimulatorArgs(argv: string[]): ParsedArgs {
  const parsed: ParsedArgs = {
    port: 0,
    host: '127.0.0.1',
    warehouse: 'demo',
    latencyMs: 0,
    newArticleStock: 0,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] as string;
    const [flag, inline] = raw.includes('=')
      ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)]
      : [raw, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--'))
        throw new Error(`${flag} needs a value.\n\n${ONGOING_SIMULATOR_USAGE}`);
      i++;
      return next;
    };
    switch (flag) {
      case '--port': {
        const port = numberArg('--port', value());
        if (!Number.isInteger(port) || port > 65535)
          throw new Error(`--port must be a whole number from 0 to 65535, got ${port}.`);
        parsed.port = port;
        break;
      }
      case '--host':
        parsed.host = value();
        break;
      case '--warehouse':
        parsed.warehouse = value();
        break;
      case '--fixture':
        parsed.fixture = value();
        break;
      case '--latency':
        parsed.latencyMs = numberArg('--latency', value());
        break;
      case '--faults':
        parsed.faults = value();
        break;
      case '--clock':
        parsed.clockMs = numberArg('--clock', value(), 1);
        break;
      case '--new-article-stock':
        parsed.newArticleStock = numberArg('--new-article-stock', value());
        break;
      case '--help':
      case '-h':
        parsed.help = true;
        break;
      default:
        throw new Error(`Unknown option "${raw}".\n\n${ONGOING_SIMULATOR_USAGE}`);
    }
  }
  return parsed;
}

async function readFixture(file: string): Promise<OngoingFixture> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new Error(`Cannot read the fixture file "${file}"${code ? ` (${code})` : ''}. Check the path.`);
  }
  try {
    return JSON.parse(text) as OngoingFixture;
  } catch (error) {
    throw new Error(
      `The fixture file "${file}" is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * Start the simulator with the demo user, print its URL and credentials, and resolve when it has
 * been stopped (SIGINT, SIGTERM or the given signal).
 */
export async function runOngoingSimulatorCli(
  argv: string[],
  cliOptions: OngoingSimulatorCliOptions = {},
): Promise<void> {
  const out = cliOptions.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const args = parseOngoingSimulatorArgs(argv);
  if (args.help) {
    out(ONGOING_SIMULATOR_USAGE);
    return;
  }
  const faults = parseFaultSpec(args.faults);
  const fixture = args.fixture ? await readFixture(args.fixture) : demoOngoingFixture();
  const sim = await startOngoingSimulator({
    port: args.port,
    host: args.host,
    warehouse: args.warehouse,
    users: [{ ...ONGOING_DEMO_USER }],
    fixture,
    latencyMs: args.latencyMs,
    faults,
    newArticleStock: args.newArticleStock,
  });
  const clock = args.clockMs ? createWarehouseClock(sim, { intervalMs: args.clockMs }) : undefined;
  clock?.start();

  out(`Ongoing simulator listening at ${sim.url}`);
  out(
    `Demo user: ${ONGOING_DEMO_USER.user} / password ${ONGOING_DEMO_USER.password} / goodsOwnerId ${ONGOING_DEMO_USER.goodsOwnerId} (simulator only)`,
  );
  out(`Control API: ${sim.controlUrl}`);
  if (clock) out(`Warehouse clock: every ${args.clockMs} ms`);

  await new Promise<void>((resolve) => {
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      cliOptions.signal?.removeEventListener('abort', stop);
      clock?.stop();
      void sim.close().then(() => {
        out('Ongoing simulator stopped.');
        resolve();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (cliOptions.signal?.aborted) stop();
    else cliOptions.signal?.addEventListener('abort', stop, { once: true });
  });
}

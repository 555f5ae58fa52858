/**
 * `npm run soak -- [--seed N] [--minutes M] [--kills K] [...]`: the app against both simulators, as
 * separate processes, through a warehouse day with faults and SIGKILLs; then faults off, settle, and
 * check the invariants. Exits 1 on any violation. Runs inside a private keyring session
 * (scripts/with-keyring.sh), so the app's secrets never touch a real keychain.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { SoakOptions } from './context';
import { formatReport } from './report';
import { runSoak } from './run';

const USAGE = `Usage: npm run soak -- [options]

  --seed <n>              seed of the warehouse day and of the kills (default 1)
  --minutes <m>           length of the day with faults and kills (default 10)
  --kills <k>             SIGKILLs of the app during the day (default 20)
  --latency <ms>          latency of both simulators (default 20)
  --specter-faults <spec> fault rates on Specter (default ${'`'}${defaults().specterFaults}${'`'})
  --ongoing-faults <spec> fault rates on Ongoing (default ${'`'}${defaults().ongoingFaults}${'`'})
  --write-fault-every <s> seconds between one-shot faults on writes, answered after applying (default 6)
  --orders-per-minute <n> (default 10)      --purchases-per-minute <n> (default 4)
  --interval <s>          the app's job interval, at least 10 (default 10)
  --settle-minutes <m>    the longest settling may take (default 15)
  --json <file>           also write the report as JSON
  --keep                  keep the work folder (data, logs) even when every invariant holds
  --quiet                 print only the report
`;

export function defaults(): SoakOptions {
  return {
    seed: 1,
    minutes: 10,
    kills: 20,
    latencyMs: 20,
    slowSendLatencyMs: 1500,
    specterFaults: 'error=0.05,reset=0.02,429=0.03,503=0.03,html=0.02,malformed=0.02,timeout=0.004,retryAfter=1',
    ongoingFaults: 'error=0.05,reset=0.02,429=0.03,503=0.03,html=0.02,malformed=0.02,timeout=0.003,retryAfter=1',
    writeFaultEverySeconds: 6,
    ordersPerMinute: 10,
    purchasesPerMinute: 4,
    jobIntervalSeconds: 10,
    settleStuckSeconds: 150,
    settleMaxMinutes: 15,
    keep: false,
    verbose: true,
  };
}

function number(flag: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${flag} needs a number of at least ${min}, got "${raw}".`);
  return n;
}

export function parseSoakArgs(argv: string[]): SoakOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: 'string' },
      minutes: { type: 'string' },
      kills: { type: 'string' },
      latency: { type: 'string' },
      'specter-faults': { type: 'string' },
      'ongoing-faults': { type: 'string' },
      'write-fault-every': { type: 'string' },
      'orders-per-minute': { type: 'string' },
      'purchases-per-minute': { type: 'string' },
      interval: { type: 'string' },
      'settle-minutes': { type: 'string' },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  const d = defaults();
  return {
    ...d,
    seed: number('--seed', values.seed, 0) ?? d.seed,
    minutes: number('--minutes', values.minutes, 0.5) ?? d.minutes,
    kills: Math.floor(number('--kills', values.kills, 0) ?? d.kills),
    latencyMs: number('--latency', values.latency, 0) ?? d.latencyMs,
    specterFaults: values['specter-faults'] ?? d.specterFaults,
    ongoingFaults: values['ongoing-faults'] ?? d.ongoingFaults,
    writeFaultEverySeconds: number('--write-fault-every', values['write-fault-every'], 1) ?? d.writeFaultEverySeconds,
    ordersPerMinute: number('--orders-per-minute', values['orders-per-minute'], 0) ?? d.ordersPerMinute,
    purchasesPerMinute: number('--purchases-per-minute', values['purchases-per-minute'], 0) ?? d.purchasesPerMinute,
    jobIntervalSeconds: number('--interval', values.interval, 10) ?? d.jobIntervalSeconds,
    settleMaxMinutes: number('--settle-minutes', values['settle-minutes'], 1) ?? d.settleMaxMinutes,
    jsonReport: values.json,
    keep: values.keep ?? false,
    verbose: !values.quiet,
  };
}

async function main(): Promise<number> {
  const options = parseSoakArgs(process.argv.slice(2));
  if (!options) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (process.env.OSS_KEYRING_SANDBOX !== '1') {
    process.stderr.write(
      'The soak stores the simulators\' credentials in a keychain: run it through "npm run soak" ' +
        '(scripts/with-keyring.sh gives it a private one).\n',
    );
    return 2;
  }
  // A keychain service of the soak's own, on top of the private keyring (children inherit it).
  process.env.OSS_KEYCHAIN_SERVICE ||= 'se.ongoing-specter-sync.soak';
  const report = await runSoak(options);
  if (options.jsonReport) fs.writeFileSync(options.jsonReport, JSON.stringify(report, null, 2));
  process.stdout.write(`${formatReport(report)}\n`);
  if (report.violations.length === 0 && !options.keep) fs.rmSync(report.workDir, { recursive: true, force: true });
  return report.violations.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `Soak failed to run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);

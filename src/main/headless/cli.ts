import path from 'node:path';
import { parseArgs } from 'node:util';
import { isSecretName, SECRET_NAMES } from '../../shared/credentials';
import { JOB_NAMES, type JobName } from '../../shared/domain/sync';
import { settingsPatchSchema } from '../../shared/settings';
import { patchFromPath, valueAtPath } from '../../shared/settings-path';
import { dispatchApiCall } from '../core/api-dispatch';
import { APP_VERSION } from '../core/app-context';
import { collectSupportBundle } from '../core/support/collect';
import { READ_ONLY_NOTICE, runDoctor } from '../core/doctor/doctor';
import { resolveDataDir } from '../core/data-dir';
import { KeychainSecretStore } from '../core/secrets/keychain-secret-store';
import { openHeadlessContext, startServe } from './serve';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
}

export const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readStdin: async () => {
    if (process.stdin.isTTY) process.stderr.write('Type the value and press Ctrl-D: ');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

const USAGE = `Usage: ongoing-specter-sync <command> [options]

Commands:
  serve [--port N] [--demo]      Run the sync core and the local web UI (prints its URL)
        [--warehouse-clock MS]   Demo: how often the simulated warehouse picks, ships and receives (0 = off)
  status [--json]                Show data folder, schema, keychain and which credentials are set
  config get [path]              Print settings (or one value, e.g. specter.sbmId)
  config set <path> <value>      Change one setting, e.g. config set ongoing.goodsOwnerId 12
  secrets set <name>             Store a secret in the OS keychain; the value is read from stdin
  secrets list                   Show which secrets are stored (never their values)
  secrets clear [name]           Remove one or all secrets from the keychain
  sync [--job NAME] [--dry-run]  Run one job (or all) once; --dry-run shows what would be sent, writes nothing.
  support-bundle [--out FILE]    Write a zip for support (log, settings, runs, problems, postings, remote calls),
                                 with every password, key and token removed
                                 Exit code 0: every job ok; 3: some partial; 1: a job failed
  doctor [--out FILE]            Call every read the app makes on Specter and Ongoing once (never a write) and
                                 write a redacted zip of what each answered; exit code 1 when an action failed
  sim specter|ongoing [options]  Run a simulator of Specter or Ongoing

Options for every command:
  --data-dir <folder>            Where the database and logs live (default: the platform's app-data folder)

Secret names: ${SECRET_NAMES.join(', ')}
`;

/** Run one CLI command; returns the process exit code. `serve` and `sim` keep running until stopped. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serveCommand(rest, io);
      case 'status':
        return await statusCommand(rest, io);
      case 'config':
        return await configCommand(rest, io);
      case 'secrets':
        return await secretsCommand(rest, io);
      case 'sim':
        return await simCommand(rest, io);
      case 'sync':
        return await syncCommand(rest, io);
      case 'support-bundle':
        return await supportBundleCommand(rest, io);
      case 'doctor':
        return await doctorCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return command === undefined ? 1 : 0;
      default:
        io.stderr(`Unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

const common = { 'data-dir': { type: 'string' as const } };

async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...common,
      port: { type: 'string' },
      demo: { type: 'boolean', default: false },
      'warehouse-clock': { type: 'string' },
    },
  });
  const clock = values['warehouse-clock'] === undefined ? undefined : Number(values['warehouse-clock']);
  if (clock !== undefined && (!Number.isInteger(clock) || clock < 0)) {
    throw new Error(`--warehouse-clock takes milliseconds (0 = off), got "${values['warehouse-clock']}".`);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got "${values.port}".`);
  const running = await startServe({
    dataDir: values['data-dir'],
    port,
    demo: values.demo ?? false,
    warehouseClockMs: clock,
  });
  io.stdout(`Ongoing ⇄ Specter Sync is running${values.demo ? ' on demo data' : ''}.\n`);
  if (running.demo) {
    io.stdout(`Specter simulator: ${running.demo.specter.url}/_control/\n`);
    io.stdout(`Ongoing simulator: ${running.demo.ongoing.controlUrl}\n`);
  }
  io.stdout(`Open ${running.bridge.openUrl}\n`);
  io.stdout(`Data folder: ${running.context.dataDir}. Stop with Ctrl-C.\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  return 0;
}

async function statusCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { ...common, json: { type: 'boolean', default: false } } });
  const context = openHeadlessContext(values['data-dir']);
  try {
    const status = await context.service.getStatus({});
    const credentials = await context.service.hasCredentials({});
    if (values.json) {
      io.stdout(`${JSON.stringify({ ...status, credentials, runningApp: context.lockHeldBy }, null, 2)}\n`);
    } else {
      io.stdout(`Data folder:   ${status.dataDir}\n`);
      io.stdout(
        `App:           ${context.lockHeldBy ? `running (${context.lockHeldBy.command}, pid ${context.lockHeldBy.pid}, since ${context.lockHeldBy.since})` : 'not running on this data folder'}\n`,
      );
      io.stdout(`Schema:        version ${status.schemaVersion}\n`);
      io.stdout(
        `Keychain:      ${status.keychain.available ? 'available' : `NOT available: ${status.keychain.message}`}\n`,
      );
      for (const [name, set] of Object.entries(credentials)) io.stdout(`  ${name.padEnd(24)} ${set ? 'set' : '-'}\n`);
    }
    return 0;
  } finally {
    context.close();
  }
}

async function configCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: common, allowPositionals: true });
  const [action, key, value] = positionals;
  const context = openHeadlessContext(values['data-dir']);
  try {
    if (action === 'get') {
      const settings = await context.service.getSettings({});
      const shown = key ? valueAtPath(settings, key) : settings;
      if (shown === undefined) throw new Error(`No setting "${key}". Run "config get" to see them all.`);
      io.stdout(`${typeof shown === 'string' ? shown : JSON.stringify(shown, null, 2)}\n`);
      return 0;
    }
    if (action === 'set' && key && value !== undefined) {
      if (isSecretName(key)) throw new Error(`"${key}" is a secret: use "secrets set ${key}" (reads stdin).`);
      const built = patchFromPath(await context.service.getSettings({}), key, value);
      if ('error' in built) throw new Error(built.error);
      const { patch, value: typed } = built;
      const parsed = settingsPatchSchema.safeParse(patch);
      if (!parsed.success) {
        throw new Error(`Cannot set ${key}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      }
      const envelope = await dispatchApiCall(context.service, 'updateSettings', { patch: parsed.data });
      if (!envelope.ok) throw new Error(envelope.error.message);
      io.stdout(`${key} = ${JSON.stringify(typed)}\n`);
      return 0;
    }
    throw new Error('Use "config get [path]" or "config set <path> <value>".');
  } finally {
    context.close();
  }
}

async function secretsCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: common, allowPositionals: true });
  const [action, name, ...extra] = positionals;
  if (extra.length) {
    throw new Error('Secrets are never taken from the command line. Give only the name; the value is read from stdin.');
  }
  const context = openHeadlessContext(values['data-dir'], new KeychainSecretStore());
  try {
    if (action === 'set') {
      if (!name || !isSecretName(name)) throw new Error(`Name one of: ${SECRET_NAMES.join(', ')}.`);
      const value = (await io.readStdin()).replace(/\r?\n$/, '');
      const envelope = await dispatchApiCall(context.service, 'setCredentials', { values: { [name]: value } });
      if (!envelope.ok) throw new Error(envelope.error.message);
      io.stdout(`${name} stored in the OS keychain.\n`);
      return 0;
    }
    if (action === 'list') {
      const set = await context.service.hasCredentials({});
      for (const [n, isSet] of Object.entries(set)) io.stdout(`${n.padEnd(24)} ${isSet ? 'set' : '-'}\n`);
      return 0;
    }
    if (action === 'clear') {
      if (name && !isSecretName(name)) throw new Error(`Name one of: ${SECRET_NAMES.join(', ')}.`);
      const envelope = await dispatchApiCall(context.service, 'clearCredentials', name ? { names: [name] } : {});
      if (!envelope.ok) throw new Error(envelope.error.message);
      io.stdout(name ? `${name} removed.\n` : 'All secrets removed.\n');
      return 0;
    }
    throw new Error('Use "secrets set <name>", "secrets list" or "secrets clear [name]".');
  } finally {
    context.close();
  }
}

async function syncCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...common,
      job: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const job = values.job;
  if (job !== undefined && !(JOB_NAMES as readonly string[]).includes(job)) {
    throw new Error(`Unknown job "${job}". Jobs: ${JOB_NAMES.join(', ')}.`);
  }
  const context = openHeadlessContext(values['data-dir'], undefined, { command: 'sync' });
  const runtime = context.sync;
  try {
    const dryRun = values['dry-run'] ?? false;
    const outcomes = await context.service.syncNow({ job: job as JobName | undefined, dryRun });
    if (values.json) {
      io.stdout(`${JSON.stringify(outcomes, null, 2)}\n`);
    } else {
      for (const { run, plan } of outcomes) {
        const counts = Object.entries(run.counts)
          .filter(([, v]) => v)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ');
        io.stdout(
          `${run.job.padEnd(15)} ${run.status.padEnd(8)} ${counts || 'nothing to do'}${run.error ? ` — ${run.error}` : ''}\n`,
        );
        for (const change of (plan ?? []).filter((c) => c.action !== 'unchanged')) {
          io.stdout(`  would ${change.action} ${change.key}${change.message ? `: ${change.message}` : ''}\n`);
        }
      }
    }
    return syncExitCode(outcomes.map((o) => o.run.status));
  } finally {
    await runtime.stop();
    context.close();
  }
}

/** `sync` exit code: 0 only when every job ran ok, 3 when some were partial (none failed), 1 when any failed. */
export function syncExitCode(statuses: readonly string[]): number {
  if (statuses.some((s) => s !== 'ok' && s !== 'partial')) return 1;
  if (statuses.some((s) => s === 'partial')) return 3;
  return 0;
}

async function simCommand(args: string[], io: CliIo): Promise<number> {
  const [which, ...rest] = args;
  if (which === 'specter') {
    const { runSpecterSimulatorCli } = await import('../simulators/specter/cli');
    await runSpecterSimulatorCli(rest);
    return 0;
  }
  if (which === 'ongoing') {
    const { runOngoingSimulatorCli } = await import('../simulators/ongoing/cli');
    await runOngoingSimulatorCli(rest);
    return 0;
  }
  io.stderr('Use "sim specter [options]" or "sim ongoing [options]"; add --help for the options.\n');
  return 2;
}

export { resolveDataDir };

async function supportBundleCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { ...common, out: { type: 'string' } } });
  const context = openHeadlessContext(values['data-dir']);
  try {
    const { file, bytes } = await collectSupportBundle(
      {
        db: context.db,
        dataDir: context.dataDir,
        settings: context.settings,
        runs: context.runs,
        exceptions: context.exceptions,
        postings: context.postings,
        secrets: context.secrets,
        calls: () => context.callLog.recent(),
        appVersion: APP_VERSION,
      },
      values.out ? path.resolve(values.out) : undefined,
    );
    io.stdout(`Support bundle written: ${file} (${bytes} bytes). Passwords, keys and tokens are removed.\n`);
    if (context.lockHeldBy) {
      io.stdout(
        'The app is running: its recent remote calls are in the bundle it makes itself (Settings → Create support bundle).\n',
      );
    }
    return 0;
  } finally {
    context.close();
  }
}

async function doctorCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { ...common, out: { type: 'string' } } });
  const context = openHeadlessContext(values['data-dir']);
  try {
    io.stdout(`${READ_ONLY_NOTICE}\n`);
    const report = await runDoctor({
      settings: () => context.settings.get(),
      secrets: context.secrets,
      dataDir: context.dataDir,
      appVersion: APP_VERSION,
      out: values.out ? path.resolve(values.out) : undefined,
    });
    io.stdout(`Report written: ${report.file}\n${report.line}\n`);
    return report.failed > 0 ? 1 : 0;
  } finally {
    context.close();
  }
}

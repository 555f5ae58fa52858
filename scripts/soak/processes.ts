/**
 * The soak's processes: both simulators and the app, each a child process started through the
 * product's own command line (`bin/ongoing-specter-sync.mjs`), as an operator would run them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin', 'ongoing-specter-sync.mjs');

export interface Child {
  process: ChildProcess;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  exited: Promise<number | null>;
}

function startChild(args: string[], logFile: string): Child {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const log = fs.createWriteStream(logFile, { flags: 'a' });
  const take = (d: Buffer) => {
    output += String(d);
    if (output.length > 200_000) output = output.slice(-100_000);
    log.write(d);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      log.end();
      resolve(code);
    }),
  );
  return { process: child, output: () => output, exited };
}

/** Wait until the child printed a line matching `pattern`; fails with the output if it exits or takes too long. */
async function waitForOutput(
  child: Child,
  pattern: RegExp,
  what: string,
  timeoutMs = 60_000,
): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(child.output());
    if (match) return match;
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(
        `${what} exited (${child.process.exitCode ?? child.process.signalCode}) before it was ready:\n${child.output()}`,
      );
    }
    if (Date.now() > deadline)
      throw new Error(`${what} was not ready within ${timeoutMs / 1000} s:\n${child.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stopChild(child: Child, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill(signal);
  const forced = setTimeout(() => child.process.kill('SIGKILL'), 15_000);
  await child.exited;
  clearTimeout(forced);
}

export interface SimulatorProcess {
  /** Specter: the API root; Ongoing: the API base URL (…/api/v1/). */
  url: string;
  /** Ongoing only: …/_control/. */
  controlUrl: string;
  stop(): Promise<void>;
}

export async function startSimulator(
  which: 'specter' | 'ongoing',
  args: string[],
  logFile: string,
): Promise<SimulatorProcess> {
  const child = startChild(['sim', which, '--port', '0', ...args], logFile);
  const what = `The ${which} simulator`;
  if (which === 'specter') {
    const [, url = ''] = await waitForOutput(child, /listening on (http:\/\/\S+)/, what);
    return { url, controlUrl: `${url}/_control/`, stop: () => stopChild(child) };
  }
  await waitForOutput(child, /Control API: (\S+)/, what);
  const url = /listening at (http:\/\/\S+)/.exec(child.output())?.[1] ?? '';
  const controlUrl = /Control API: (\S+)/.exec(child.output())?.[1] ?? '';
  return { url, controlUrl, stop: () => stopChild(child) };
}

/** Run one CLI command to its end (e.g. `config set`); `stdin` is written to its standard input. */
export async function runCli(args: string[], stdin?: string): Promise<string> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => {
    output += String(d);
  });
  child.stderr.on('data', (d) => {
    output += String(d);
  });
  child.stdin.end(stdin ?? '');
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`ongoing-specter-sync ${args.join(' ')} failed (${code}):\n${output}`);
  return output;
}

export interface AppEndpoint {
  baseUrl: string;
  token: string;
}

/** The app (`serve`) on one data folder: started, SIGKILLed and started again on the same folder. */
export class AppProcess {
  private child: Child | null = null;
  private endpoint: AppEndpoint | null = null;
  starts = 0;

  constructor(
    private readonly dataDir: string,
    private readonly logFile: string,
  ) {}

  get current(): AppEndpoint | null {
    return this.endpoint;
  }

  get running(): boolean {
    return this.child !== null && this.child.process.exitCode === null && this.child.process.signalCode === null;
  }

  async start(): Promise<AppEndpoint> {
    if (this.running) throw new Error('The app is already running.');
    fs.appendFileSync(this.logFile, `\n=== start ${this.starts + 1} at ${new Date().toISOString()}\n`);
    const child = startChild(['serve', '--data-dir', this.dataDir, '--port', '0'], this.logFile);
    this.child = child;
    const [, openUrl = ''] = await waitForOutput(
      child,
      /Open (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/,
      'The app',
    );
    const [baseUrl = '', token = ''] = openUrl.split('#token=');
    this.endpoint = { baseUrl, token };
    this.starts += 1;
    return this.endpoint;
  }

  /** SIGKILL: no shutdown code runs, as when the PC loses power. */
  async kill(): Promise<void> {
    const child = this.child;
    this.endpoint = null;
    if (!child) return;
    fs.appendFileSync(this.logFile, `\n=== SIGKILL at ${new Date().toISOString()}\n`);
    child.process.kill('SIGKILL');
    await child.exited;
    this.child = null;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.endpoint = null;
    if (!child) return;
    await stopChild(child);
    this.child = null;
  }
}

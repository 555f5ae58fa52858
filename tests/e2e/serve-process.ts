import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testProcessEnv } from '../helpers/test-keychain';

export interface ServeProcess {
  openUrl: string;
  baseUrl: string;
  token: string;
  dataDir: string;
  /** Demo only: control API base URLs of the simulators (ending in /_control/). */
  specterControl: string;
  ongoingControl: string;
  output: () => string;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');

/** Start the real CLI (`serve`) as a child process and read the URL it prints. */
export async function startServeProcess(extraArgs: string[] = []): Promise<ServeProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oss-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, 'bin', 'ongoing-specter-sync.mjs'), 'serve', '--data-dir', dataDir, ...extraArgs],
    // The test keychain service: the server never touches a real installation's secrets.
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: testProcessEnv() },
  );
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print its URL in time:\n${output}`)), 30_000);
    const check = () => {
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  const [baseUrl = '', token = ''] = openUrl.split('#token=');
  return {
    openUrl,
    baseUrl,
    token,
    dataDir,
    specterControl: /Specter simulator: (\S+)/.exec(output)?.[1] ?? '',
    ongoingControl: /Ongoing simulator: (\S+)/.exec(output)?.[1] ?? '',
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Call a simulator's control API: GET without a body, POST with one. */
export async function control<T>(base: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Call the app's API through the loopback bridge, as the renderer does. */
export async function callApi<T>(serve: ServeProcess, method: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`${serve.baseUrl}api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const envelope = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
  return envelope.value;
}

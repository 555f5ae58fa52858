/**
 * `ongoing-specter-sync doctor` with the configured settings and keychain secrets: says it only reads,
 * prints where the report went and one summary line, and exits 1 when an action failed.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/main/core/app-context';
import { KEYCHAIN_SERVICE_ENV } from '../../src/main/core/secrets/secret-store';
import { KeychainSecretStore } from '../../src/main/core/secrets/keychain-secret-store';
import { unzip } from '../../src/main/core/support/zip';
import { type CliIo, runCli } from '../../src/main/headless/cli';
import { type DemoEnvironment, startDemoEnvironment } from '../../src/main/headless/demo';
import { TEST_KEYCHAIN_SERVICE } from '../helpers/test-keychain';
import { tempDir } from '../helpers/temp-dir';

// A keychain service of this file's own, so other test files setting or clearing secrets do not race it.
process.env[KEYCHAIN_SERVICE_ENV] = `${TEST_KEYCHAIN_SERVICE}.doctor`;

const SECRETS = {
  apiUserKey: 'Cli-Doctor-ApiUserKey-77d1',
  integrationKey: 'Cli-Doctor-IntegrationKey-0c3f',
  ongoingPassword: 'Cli-Doctor-Lösen-4410',
};
const { dir, cleanup } = tempDir('oss-doctor-cli-');
let env: DemoEnvironment;

function io(stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => stdin };
  return { value, out: () => out.join(''), err: () => err.join('') };
}

beforeAll(async () => {
  env = await startDemoEnvironment({ secrets: SECRETS });
  const context = createAppContext({ dataDir: dir, secrets: new KeychainSecretStore(), mode: 'headless' });
  env.configure(context);
  context.close();
  const stored: [string, string][] = [
    ['specter.apiUserKey', SECRETS.apiUserKey],
    ['specter.integrationKey', SECRETS.integrationKey],
    ['ongoing.password', SECRETS.ongoingPassword],
  ];
  for (const [name, value] of stored) {
    expect(await runCli(['secrets', 'set', name, '--data-dir', dir], io(`${value}\n`).value)).toBe(0);
  }
});

afterAll(async () => {
  await runCli(['secrets', 'clear', '--data-dir', dir], io().value);
  await env.close();
  cleanup();
});

describe('doctor command', () => {
  it('says it only reads, prints the report file and one line, and exits 0 when every action passed', async () => {
    const run = io();
    const out = `${dir}/report.zip`;
    expect(await runCli(['doctor', '--out', out, '--data-dir', dir], run.value)).toBe(0);
    const lines = run.out().trim().split('\n');
    expect(lines[0]).toMatch(/only reads/);
    expect(lines[1]).toBe(`Report written: ${out}`);
    expect(lines[2]).toMatch(/^Specter 6\/6 answered, 6\/6 parsed; Ongoing \d\/\d answered/);
    const archive = fs.readFileSync(out);
    for (const value of Object.values(SECRETS)) {
      expect(archive.includes(Buffer.from(value, 'utf8'))).toBe(false);
      for (const entry of unzip(archive)) expect(Buffer.from(entry.data).includes(Buffer.from(value))).toBe(false);
    }
  });

  it('exits 1 and names the failing action when Specter refuses the key', async () => {
    expect(
      await runCli(['secrets', 'set', 'specter.integrationKey', '--data-dir', dir], io('wrong-key-123\n').value),
    ).toBe(0);
    const run = io();
    expect(await runCli(['doctor', '--data-dir', dir], run.value)).toBe(1);
    expect(run.out()).toMatch(/Report written: .*support\/doctor-.*\.zip/);
    expect(run.out()).toMatch(/failed: getOrders/);
    expect(
      await runCli(
        ['secrets', 'set', 'specter.integrationKey', '--data-dir', dir],
        io(`${SECRETS.integrationKey}\n`).value,
      ),
    ).toBe(0);
  });
});

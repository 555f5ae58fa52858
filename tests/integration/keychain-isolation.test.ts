/**
 * Tests never touch a real installation's keychain entries: every test process uses the test service
 * name, and the CLI (which builds its keychain store itself) honours it. Inside `npm test`'s private
 * keyring (OSS_KEYRING_SANDBOX=1, which this test requires) a stand-in production secret is planted and
 * must come out unchanged.
 */
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { KeychainSecretStore } from '../../src/main/core/secrets/keychain-secret-store';
import { KEYCHAIN_SERVICE, keychainService } from '../../src/main/core/secrets/secret-store';
import { type CliIo, runCli } from '../../src/main/headless/cli';
import { tempDir } from '../helpers/temp-dir';
import { TEST_KEYCHAIN_SERVICE } from '../helpers/test-keychain';

const keytar = createRequire(import.meta.url)('keytar') as {
  getPassword(s: string, a: string): Promise<string | null>;
  setPassword(s: string, a: string, p: string): Promise<void>;
  deletePassword(s: string, a: string): Promise<boolean>;
};

const inPrivateKeyring = process.env.OSS_KEYRING_SANDBOX === '1';
const { dir, cleanup } = tempDir('oss-keychain-iso-');
afterAll(async () => {
  await keytar.deletePassword(TEST_KEYCHAIN_SERVICE, 'ongoing.password').catch(() => false);
  if (inPrivateKeyring) await keytar.deletePassword(KEYCHAIN_SERVICE, 'ongoing.password').catch(() => false);
  cleanup();
});

function io(stdin = ''): CliIo {
  return { stdout: () => {}, stderr: () => {}, readStdin: async () => stdin };
}

describe('keychain service in tests', () => {
  it('is the test service in every test process, and a bad override is refused by name', () => {
    expect(TEST_KEYCHAIN_SERVICE).not.toBe(KEYCHAIN_SERVICE);
    expect(keychainService()).toBe(TEST_KEYCHAIN_SERVICE);
    expect(new KeychainSecretStore().service).toBe(TEST_KEYCHAIN_SERVICE);
    expect(keychainService({})).toBe(KEYCHAIN_SERVICE);
    expect(() => keychainService({ OSS_KEYCHAIN_SERVICE: 'two words' })).toThrow(/OSS_KEYCHAIN_SERVICE "two words"/);
  });

  it('the CLI sets and clears a secret under the test service and leaves the production entry alone', async () => {
    // Planting a stand-in production secret is only done in the private keyring of scripts/with-keyring.sh.
    expect(inPrivateKeyring, 'run this test through scripts/with-keyring.sh (npm test does)').toBe(true);
    const planted = `production-secret-${process.pid}`;
    await keytar.setPassword(KEYCHAIN_SERVICE, 'ongoing.password', planted);
    const production = () => keytar.getPassword(KEYCHAIN_SERVICE, 'ongoing.password');

    const secret = `test-secret-${Date.now()}`;
    expect(await runCli(['secrets', 'set', 'ongoing.password', '--data-dir', dir], io(`${secret}\n`))).toBe(0);
    expect(await keytar.getPassword(TEST_KEYCHAIN_SERVICE, 'ongoing.password')).toBe(secret);
    expect(await production()).toBe(planted);

    expect(await runCli(['secrets', 'clear', 'ongoing.password', '--data-dir', dir], io())).toBe(0);
    expect(await keytar.getPassword(TEST_KEYCHAIN_SERVICE, 'ongoing.password')).toBeNull();
    expect(await production()).toBe(planted);
  });
});

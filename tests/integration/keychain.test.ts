import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppContext, createAppContext } from '../../src/main/core/app-context';
import { dispatchApiCall } from '../../src/main/core/api-dispatch';
import { KeychainSecretStore } from '../../src/main/core/secrets/keychain-secret-store';
import { tempDir } from '../helpers/temp-dir';

const keytar = createRequire(import.meta.url)('keytar') as {
  getPassword(s: string, a: string): Promise<string | null>;
  deletePassword(s: string, a: string): Promise<boolean>;
};

// A service name of its own, so the test never touches a real installation's secrets.
const SERVICE = `se.ongoing-specter-sync.test-${process.pid}`;
const SECRET = `Hemlig-Nyckel-${Date.now()}-åäö`;
const PASSWORD = `pw-${Math.random().toString(36).slice(2)}-Öland`;

let context: AppContext;
let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = tempDir('oss-keychain-'));
  context = createAppContext({ dataDir: dir, secrets: new KeychainSecretStore(SERVICE), mode: 'headless' });
});

afterAll(async () => {
  await keytar.deletePassword(SERVICE, 'specter.apiUserKey').catch(() => false);
  await keytar.deletePassword(SERVICE, 'ongoing.password').catch(() => false);
  context.close();
  cleanup();
});

function filesUnder(folder: string): string[] {
  return fs
    .readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe('OS keychain (real Secret Service)', () => {
  it('is available in this session (npm test starts gnome-keyring in a private D-Bus session)', async () => {
    const availability = await context.secrets.availability();
    expect(availability, availability.message).toMatchObject({ available: true });
  });

  it('stores a secret set through the contract in the real keychain, and nowhere else', async () => {
    const envelope = await dispatchApiCall(context.service, 'setCredentials', {
      values: { 'specter.apiUserKey': SECRET, 'ongoing.password': PASSWORD },
    });
    expect(envelope).toMatchObject({ ok: true, value: { 'specter.apiUserKey': true, 'ongoing.password': true } });
    expect(await keytar.getPassword(SERVICE, 'specter.apiUserKey')).toBe(SECRET);
    expect(await keytar.getPassword(SERVICE, 'ongoing.password')).toBe(PASSWORD);

    context.logger.info('after storing', { note: 'log file must not contain secrets' });
    context.db.pragma('wal_checkpoint(FULL)');
    const files = filesUnder(dir);
    expect(files.some((f) => f.endsWith('sync.sqlite'))).toBe(true);
    expect(files.some((f) => f.endsWith('app.log'))).toBe(true);
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      for (const secret of [SECRET, PASSWORD]) {
        expect(bytes.includes(Buffer.from(secret, 'utf8')), `${secret} found in ${file}`).toBe(false);
        expect(bytes.includes(Buffer.from(secret, 'latin1')), `${secret} (latin1) found in ${file}`).toBe(false);
      }
    }
  });

  it('reports which secrets are stored without returning values', async () => {
    const has = await context.service.hasCredentials({});
    expect(has['specter.apiUserKey']).toBe(true);
    expect(has['specter.md5key1']).toBe(false);
    expect(JSON.stringify(has)).not.toContain(SECRET);
  });

  it('clears a secret from the keychain', async () => {
    await context.service.clearCredentials({ names: ['ongoing.password'] });
    expect(await keytar.getPassword(SERVICE, 'ongoing.password')).toBeNull();
  });
});

describe('without a keychain', () => {
  it('refuses to store and says what to do; nothing reaches SQLite', async () => {
    const t = tempDir('oss-nokeychain-');
    const broken = new KeychainSecretStore(SERVICE, () => {
      throw new Error('Cannot find module keytar');
    });
    const ctx = createAppContext({ dataDir: t.dir, secrets: broken, mode: 'headless' });
    const envelope = await dispatchApiCall(ctx.service, 'setCredentials', { values: { 'ongoing.password': PASSWORD } });
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) {
      expect(envelope.error.code).toBe('unavailable');
      expect(envelope.error.message).toMatch(/No usable OS keychain.*never stored in plain text/);
      expect(envelope.error.message).not.toContain(PASSWORD);
    }
    ctx.db.pragma('wal_checkpoint(FULL)');
    for (const file of filesUnder(t.dir)) {
      expect(fs.readFileSync(file).includes(Buffer.from(PASSWORD))).toBe(false);
    }
    expect((await ctx.service.getStatus({})).keychain.available).toBe(false);
    ctx.close();
    t.cleanup();
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../../src/main/headless/cli';
import { tempDir } from '../helpers/temp-dir';

const { dir, cleanup } = tempDir('oss-cli-');
afterAll(cleanup);

function io(stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => stdin };
  return { value, out: () => out.join(''), err: () => err.join('') };
}

describe('CLI', () => {
  it('sets and reads settings, typed and validated', async () => {
    const a = io();
    expect(await runCli(['config', 'set', 'ongoing.goodsOwnerId', '12', '--data-dir', dir], a.value)).toBe(0);
    const b = io();
    expect(await runCli(['config', 'get', 'ongoing.goodsOwnerId', '--data-dir', dir], b.value)).toBe(0);
    expect(b.out().trim()).toBe('12');
    const c = io();
    expect(await runCli(['config', 'set', 'specter.sbmId', 'abc', '--data-dir', dir], c.value)).toBe(1);
    expect(c.err()).toContain('SBM ID is a number');
    const d = io();
    expect(await runCli(['config', 'get', 'specter.nope', '--data-dir', dir], d.value)).toBe(1);
    expect(d.err()).toContain('No setting "specter.nope"');
  });

  it('takes a secret from stdin only, stores it in the keychain, and never prints or writes it', async () => {
    const secret = `cli-secret-${Date.now()}-Ö`;
    const refused = io();
    expect(await runCli(['secrets', 'set', 'ongoing.password', secret, '--data-dir', dir], refused.value)).toBe(1);
    expect(refused.err()).toContain('never taken from the command line');
    const viaConfig = io();
    expect(await runCli(['config', 'set', 'ongoing.password', 'x', '--data-dir', dir], viaConfig.value)).toBe(1);
    expect(viaConfig.err()).toContain('is a secret');

    const set = io(`${secret}\n`);
    expect(await runCli(['secrets', 'set', 'ongoing.password', '--data-dir', dir], set.value)).toBe(0);
    const list = io();
    expect(await runCli(['secrets', 'list', '--data-dir', dir], list.value)).toBe(0);
    expect(list.out()).toMatch(/ongoing\.password\s+set/);
    expect(list.out() + set.out()).not.toContain(secret);
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) {
        expect(fs.readFileSync(path.join(entry.parentPath, entry.name)).includes(Buffer.from(secret))).toBe(false);
      }
    }
    expect(await runCli(['secrets', 'clear', 'ongoing.password', '--data-dir', dir], io().value)).toBe(0);
  });

  it('reports status as JSON', async () => {
    const s = io();
    expect(await runCli(['status', '--json', '--data-dir', dir], s.value)).toBe(0);
    const status = JSON.parse(s.out());
    expect(status).toMatchObject({ dataDir: dir, schemaVersion: expect.any(Number), mode: 'headless' });
    expect(Object.keys(status.credentials)).toContain('specter.apiUserKey');
  });

  it('explains unknown commands and jobs', async () => {
    const u = io();
    expect(await runCli(['frobnicate'], u.value)).toBe(2);
    expect(u.err()).toContain('Unknown command "frobnicate"');
    const j = io();
    expect(await runCli(['sync', '--job', 'invoices', '--data-dir', dir], j.value)).toBe(1);
    expect(j.err()).toContain('Unknown job "invoices". Jobs: articles, orders');
  });
});

/**
 * A support bundle made after a full demo run (articles, orders, deliveries confirmed, a fault, a
 * refused login) holds the log, runs, problems and remote calls, and not one byte of any secret.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { unzip } from '../../src/main/core/support/zip';
import { startSyncHarness, type SyncHarness } from '../helpers/sync-harness';

const SECRETS = {
  apiUserKey: 'Spec-ApiUserKey-7f3a91',
  integrationKey: 'Spec-IntegrationKey-c2d4e8',
  ongoingPassword: 'Ongoing-Lösen-5521!',
};
const TOKEN = 'bridge-token-0a1b2c3d4e5f6a7b8c9d';

let harness: SyncHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('support bundle', () => {
  it('after a demo run with failures holds what support needs and none of the secrets', async () => {
    harness = await startSyncHarness({ secrets: SECRETS, newArticleStock: 50, timeoutMs: 800 });
    const h = harness;
    h.context.rememberSecretValue(TOKEN);
    h.updateSettings({ sync: { autoConfirm: { deliveries: true, receipts: true } } });
    const service = h.context.service;
    await service.syncNow({});
    // The warehouse ships three orders; their deliveries are posted and acknowledged.
    for (const order of [...h.env.ongoing.state.orders.values()].slice(0, 3)) {
      try {
        h.env.ongoing.warehouse.release(order.orderId);
        h.env.ongoing.warehouse.pick(order.orderId);
        h.env.ongoing.warehouse.ship(order.orderId, { status: 450, waybill: `W-${order.orderId}` });
      } catch {
        // Not enough stock for this one: it stays in the warehouse.
      }
    }
    h.env.specter.faults.enqueue({ kind: 'error', phase: 'before', match: 'getInfo', count: 1 });
    await service.syncNow({});
    await service.syncNow({ job: 'deliveries' });
    // A wrong password: Ongoing refuses the login (its error text and the request are recorded).
    await h.context.secrets.set('ongoing.password', 'Wrong-Ongoing-Lösen-99');
    await service.testConnection({ system: 'ongoing' });
    await h.context.secrets.set('ongoing.password', SECRETS.ongoingPassword);

    const { file, bytes } = await service.createSupportBundle({});
    expect(path.dirname(file)).toBe(path.join(h.dataDir, 'support'));
    const archive = fs.readFileSync(file);
    expect(archive.length).toBe(bytes);
    const entries = unzip(archive);
    expect(entries.map((e) => e.name).sort()).toEqual([
      'README.txt',
      'app.log',
      'open-problems.json',
      'postings-not-done.json',
      'remote-calls.json',
      'runs.json',
      'settings.json',
    ]);
    const text = (name: string) => String(entries.find((e) => e.name === name)?.data ?? '');
    const calls = JSON.parse(text('remote-calls.json')) as { system: string; url: string; status: number | null }[];
    expect(calls.length).toBeGreaterThan(20);
    expect(calls.length).toBeLessThanOrEqual(200);
    expect(new Set(calls.map((c) => c.system))).toEqual(new Set(['specter', 'ongoing']));
    expect(calls.some((c) => c.url.includes('deliverySubmit'))).toBe(true);
    expect(calls.some((c) => c.status === 401)).toBe(true);
    expect(JSON.parse(text('runs.json')).length).toBeGreaterThan(5);

    // Every byte of the archive's contents, and of the archive itself, is free of every secret form.
    const everything = Buffer.concat([archive, ...entries.map((e) => e.data as Buffer)]);
    const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
    const forbidden = [
      ...Object.values(SECRETS),
      'Wrong-Ongoing-Lösen-99',
      TOKEN,
      ...Object.values(SECRETS).map(b64),
      b64(`demo-api:${SECRETS.ongoingPassword}`),
      b64('demo-api:Wrong-Ongoing-Lösen-99'),
    ];
    for (const secret of forbidden) expect(everything.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
    expect(everything.toString('utf8')).not.toMatch(/key=[0-9a-f]{32}/i);
    expect(everything.toString('utf8')).not.toMatch(/Basic [A-Za-z0-9+/=]{8,}/);
  });
});

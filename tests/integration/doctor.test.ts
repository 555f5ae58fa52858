/**
 * `doctor` against both simulators: every read is answered and parsed; behind a proxy that renames an
 * action or an XML element, the report names the action and the wire constant to correct; the zip
 * holds none of the configured secrets.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/main/core/doctor/doctor';
import { unzip } from '../../src/main/core/support/zip';
import { ACTION, ERROR_CODE, XML_ORDER } from '../../src/main/core/specter/wire';
import type { DoctorReport } from '../../src/shared/doctor';
import { startSyncHarness, type SyncHarness } from '../helpers/sync-harness';

const SECRETS = {
  apiUserKey: 'Doctor-ApiUserKey-51ac07',
  integrationKey: 'Doctor-IntegrationKey-9e2b44',
  ongoingPassword: 'Doctor-Lösen-3318!',
};

interface Proxy {
  url: string;
  close(): Promise<void>;
}

/** An HTTP proxy in front of a simulator that rewrites the request path and the reply text (Latin-1). */
async function startProxy(
  target: string,
  rewrite: { path?: (path: string) => string; reply?: (text: string) => string },
): Promise<Proxy> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL((rewrite.path ?? ((p) => p))(req.url ?? '/'), target);
      const headers = { ...req.headers, host: url.host };
      const forward = http.request(url, { method: req.method, headers }, (reply) => {
        const parts: Buffer[] = [];
        reply.on('data', (c: Buffer) => parts.push(c));
        reply.on('end', () => {
          const text = Buffer.concat(parts).toString('latin1');
          const body = Buffer.from((rewrite.reply ?? ((t) => t))(text), 'latin1');
          const out = { ...reply.headers, 'content-length': String(body.length) };
          res.writeHead(reply.statusCode ?? 502, out);
          res.end(body);
        });
      });
      forward.on('error', () => res.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let harness: SyncHarness | undefined;
let proxy: Proxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await harness?.close();
  harness = undefined;
});

async function synced(): Promise<SyncHarness> {
  harness = await startSyncHarness({ secrets: SECRETS, newArticleStock: 50 });
  // Ongoing holds articles, orders and purchase orders once the app has sent them.
  await harness.context.service.syncNow({});
  return harness;
}

function doctor(h: SyncHarness): Promise<DoctorReport> {
  return runDoctor({
    settings: () => h.context.settings.get(),
    secrets: h.context.secrets,
    dataDir: h.dataDir,
    appVersion: 'test',
    timeoutMs: 3_000,
  });
}

function entriesOf(report: DoctorReport) {
  return unzip(fs.readFileSync(report.file));
}

describe('doctor', () => {
  it('calls every read on both simulators: each answered and parsed, nothing missing, no secret in the zip', async () => {
    const h = await synced();
    // One article changed in Specter since: the article feed has something to read.
    const feed = h.env.specter.state.feeds.articles;
    const [changed] = [...h.env.specter.state.articles.keys()];
    feed.mark(changed as string);
    const report = await doctor(h);
    const called = report.actions.filter((a) => a.called);
    const specterActions = called.filter((a) => a.system === 'specter').map((a) => a.action);
    expect(specterActions).toEqual([
      ACTION.getOrders,
      ACTION.getOrder,
      ACTION.getPurchases,
      ACTION.getPurchase,
      ACTION.getStock,
      ACTION.articleFeed,
    ]);
    expect(called.filter((a) => a.system === 'ongoing').map((a) => a.action)).toEqual([
      'GET articles',
      'GET orders',
      'GET orders/{id}',
      'GET purchaseOrders',
      'GET purchaseOrders/{id}',
      'GET orders/statuses',
      'GET purchaseOrders/statuses',
    ]);
    for (const action of called) {
      expect({ action: action.action, answered: action.answered, parsed: action.parsed }).toEqual({
        action: action.action,
        answered: true,
        parsed: true,
      });
      expect(action.missing, `${action.action} missing`).toEqual([]);
      expect(action.records, `${action.action} records`).toBeGreaterThan(0);
    }
    expect(report.failed).toBe(0);
    const ack = report.actions.find((a) => a.action === ACTION.articleFeedAck);
    expect(ack?.called).toBe(false);

    const entries = entriesOf(report);
    const names = entries.map((e) => e.name);
    expect(names).toContain('summary.txt');
    expect(names).toContain('summary.json');
    for (const action of called) {
      expect(names.some((n) => n.startsWith(`${action.file}.request`))).toBe(true);
      expect(names.some((n) => n.startsWith(`${action.file}.reply`))).toBe(true);
    }
    const summary = String(entries.find((e) => e.name === 'summary.txt')?.data);
    for (const action of called) expect(summary).toContain(`[ok] ${action.system} ${action.action}`);
    const reply = entries.find((e) => e.name.includes(ACTION.getOrders) && e.name.includes('.reply.'));
    expect(Buffer.from(reply?.data ?? '').toString('latin1')).toContain(`<${XML_ORDER.list}`);

    const secrets = Object.values(SECRETS);
    for (const entry of entries) {
      const bytes = Buffer.from(entry.data);
      for (const value of secrets) {
        for (const encoded of [Buffer.from(value, 'utf8'), Buffer.from(value, 'latin1')]) {
          expect(bytes.includes(encoded), `${entry.name} holds a secret`).toBe(false);
        }
        expect(bytes.includes(Buffer.from(Buffer.from(`x:${value}`).toString('base64').slice(4)))).toBe(false);
      }
      expect(bytes.toString('latin1')).not.toMatch(/[?&]key=(?!\[redacted\])/);
    }
    const archive = fs.readFileSync(report.file);
    for (const value of secrets) expect(archive.includes(Buffer.from(value, 'utf8'))).toBe(false);

    // The doctor left the batch it read open and unacknowledged; the app's next article run takes it over.
    expect(feed.open?.entries.map(([key]) => key)).toEqual([changed]);
    const [articles] = await h.context.service.syncNow({ job: 'articles' });
    expect(articles?.run.status).toBe('ok');
    expect(feed.open).toBeNull();
    expect(feed.pending.size).toBe(0);
  });

  it('names the action and ACTION constant when Specter does not know an action', async () => {
    const h = await synced();
    proxy = await startProxy(h.env.specter.url, {
      path: (p) => p.replace(`action=${ACTION.getPurchases}&`, 'action=getPurchaseList&'),
    });
    h.updateSettings({ specter: { baseUrl: proxy.url } });
    const report = await doctor(h);
    const renamed = report.actions.find((a) => a.action === ACTION.getPurchases);
    expect(renamed).toMatchObject({ answered: true, parsed: false, ok: false, errorCode: ERROR_CODE.unknownAction });
    expect(renamed?.errorText).not.toBe('');
    expect(report.failed).toBeGreaterThan(0);
    expect(report.line).toContain(ACTION.getPurchases);
    const summary = String(entriesOf(report).find((e) => e.name === 'summary.txt')?.data);
    expect(summary).toContain(`[FAIL] specter ${ACTION.getPurchases} (ACTION.getPurchases)`);
    expect(summary).toMatch(/check in wire\.ts: ACTION\.getPurchases/);
    // The other actions are still answered and parsed.
    expect(report.actions.find((a) => a.action === ACTION.getOrders)).toMatchObject({ ok: true });
  });

  it('names the missing field and its XML constant, and the unknown one, when a reply element is renamed', async () => {
    const h = await synced();
    proxy = await startProxy(h.env.specter.url, {
      reply: (text) => text.replaceAll(` ${XML_ORDER.orderNo}="`, ' orderNumber="'),
    });
    h.updateSettings({ specter: { baseUrl: proxy.url } });
    const report = await doctor(h);
    const orders = report.actions.find((a) => a.action === ACTION.getOrders);
    expect(orders).toMatchObject({ answered: true, parsed: true, ok: false });
    expect(orders?.missing).toContainEqual({
      where: 'response > orders > order',
      name: 'orderNo',
      constant: 'XML_ORDER.orderNo',
    });
    expect(orders?.unknown).toContainEqual({ where: 'response > orders > order', name: 'orderNumber', constant: '' });
    expect(report.line).toContain('XML_ORDER.orderNo');
  });
});

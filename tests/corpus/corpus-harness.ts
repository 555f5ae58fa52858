/**
 * The bad-input corpus runs each case against the real simulators (real HTTP, real SQLite). Where a
 * case needs bytes the simulators never send (a price "abc", UTF-8 under a Latin-1 prolog, an HTML
 * page, HTTP 413), a small rewriting proxy sits between the app and the simulator: it forwards every
 * call unchanged except the ones the case rewrites.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createArticlesJob } from '../../src/main/core/flows/articles';
import { createOrdersJob } from '../../src/main/core/flows/orders';
import { createPurchaseOrdersJob } from '../../src/main/core/flows/purchase-orders';
import type { Job, JobContext, JobResult } from '../../src/main/core/sync/scheduler';
import type { SpecterFixture } from '../../src/main/simulators/specter/fixture';
import type { SyncException } from '../../src/shared/domain/sync';
import { type HarnessOptions, type SyncHarness, startSyncHarness } from '../helpers/sync-harness';

export interface ProxyRequest {
  method: string;
  /** Path and query. */
  url: string;
  body: Buffer;
}

export interface ProxyAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Return a changed answer, or undefined to pass the simulator's answer through. */
export type Rewrite = (request: ProxyRequest, answer: ProxyAnswer) => ProxyAnswer | undefined;

export interface RewritingProxy {
  url: string;
  /** Calls that were rewritten. */
  rewritten: ProxyRequest[];
  set(rewrite: Rewrite | null): void;
  close(): Promise<void>;
}

function forward(target: URL, request: ProxyRequest, headers: http.IncomingHttpHeaders): Promise<ProxyAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: { ...headers, host: target.host },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') out[k] = v;
          resolve({ status: res.statusCode ?? 502, headers: out, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

export async function startRewritingProxy(targetUrl: string): Promise<RewritingProxy> {
  const target = new URL(targetUrl);
  let rewrite: Rewrite | null = null;
  const rewritten: ProxyRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: ProxyRequest = { method: req.method ?? 'GET', url: req.url ?? '/', body: Buffer.concat(chunks) };
      forward(target, request, req.headers).then(
        (answer) => {
          const changed = rewrite?.(request, answer);
          if (changed) rewritten.push(request);
          const out = changed ?? answer;
          const headers: Record<string, string> = { ...out.headers, 'content-length': String(out.body.length) };
          delete headers['transfer-encoding'];
          res.writeHead(out.status, headers);
          res.end(out.body);
        },
        () => {
          res.writeHead(502);
          res.end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    rewritten,
    set: (r) => {
      rewrite = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Replace text in a Latin-1 reply body (Specter answers in ISO-8859-1). */
export function replaceLatin1(answer: ProxyAnswer, from: string | RegExp, to: string): ProxyAnswer {
  const text = answer.body.toString('latin1');
  const next = typeof from === 'string' ? text.split(from).join(to) : text.replace(from, to);
  return next === text ? answer : { ...answer, body: Buffer.from(next, 'latin1') };
}

export const isAction = (request: ProxyRequest, action: string) => request.url.includes(`action=${action}`);

export interface CorpusCase {
  harness: SyncHarness;
  specterProxy: RewritingProxy;
  ongoingProxy: RewritingProxy;
  run(job: Job, dryRun?: boolean): Promise<JobResult>;
  articles(): Promise<JobResult>;
  orders(): Promise<JobResult>;
  purchases(): Promise<JobResult>;
  /** Open exceptions of a flow. */
  open(flow: SyncException['flow']): SyncException[];
  close(): Promise<void>;
}

const ctx = (dryRun: boolean): JobContext => ({ runId: 0, dryRun, progress: () => {} });

/** Both simulators with the case's fixture, a proxy in front of each, and a fresh core. */
export async function startCorpusCase(fixture: SpecterFixture, options: HarnessOptions = {}): Promise<CorpusCase> {
  const harness = await startSyncHarness({ specterFixture: fixture, timeoutMs: 2_000, ...options });
  const specterProxy = await startRewritingProxy(harness.env.specter.url);
  const ongoingProxy = await startRewritingProxy(harness.env.settingsPatch.ongoing.warehouse);
  harness.updateSettings({ specter: { baseUrl: specterProxy.url }, ongoing: { warehouse: ongoingProxy.url } });
  const run = (job: Job, dryRun = false) => job.run(ctx(dryRun));
  return {
    harness,
    specterProxy,
    ongoingProxy,
    run,
    articles: () => run(createArticlesJob(harness.deps)),
    orders: () => run(createOrdersJob(harness.deps)),
    purchases: () => run(createPurchaseOrdersJob(harness.deps)),
    open: (flow) => harness.deps.exceptions.list({ state: 'open', flow }),
    close: async () => {
      await specterProxy.close();
      await ongoingProxy.close();
      await harness.close();
    },
  };
}

/** A Specter fixture with the given articles (numbers and names), one customer and one supplier. */
export function baseFixture(extra: Partial<SpecterFixture> = {}): SpecterFixture {
  return {
    articles: ['A-1', 'A-2', 'A-3'].map((articleNo, i) => ({
      articleNo,
      articleId: String(10 + i),
      name: `Artikel ${i + 1}`,
      priceExclVat: 100 + i,
      lastChanged: `2026-01-01 10:00:0${i}`,
    })),
    customers: [
      {
        customerId: '200',
        firstName: 'Åsa',
        surName: 'Öberg',
        deliveryAddress: { address: 'Storgatan 1', zipCode: '111 22', city: 'Stockholm', countryCode: 'SE' },
      },
    ],
    suppliers: [{ supplierNo: '10', name: 'Ullspinneriet AB', countryCode: 'SE' }],
    ...extra,
  };
}

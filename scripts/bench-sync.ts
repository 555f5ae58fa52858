/**
 * Benchmark of the scheduled Specter → Ongoing sync over the in-process simulators.
 *
 *   npx tsx scripts/bench-sync.ts [--articles 10000] [--orders 2000] [--latency 5] [--floor-sample 1000]
 *
 * Runs an initial sync of the generated catalogue (articles, then orders) with a simulated latency on
 * every API answer, then a steady-state run with no changes, and prints:
 * - writes issued / records changed (target 1.0 on the first run, 0 writes on the steady run)
 * - wall time / (writes × latency) (target ≤ 1.15): how close the run comes to the time the writes
 *   alone must take, since Ongoing takes one write at a time per goods owner
 * - the steady-run wall time and the peak RSS of the process
 * - the floor: the same article bodies PUT back to back through the client to a fresh simulator,
 *   without any sync logic, which is the best any pipeline can do with this client and simulator.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppContext } from '../src/main/core/app-context';
import { OngoingClient, type OngoingArticleInput } from '../src/main/core/ongoing';
import { createRemoteClients } from '../src/main/core/remote-clients';
import type { SyncDeps } from '../src/main/core/sync/deps';
import { createArticlesJob } from '../src/main/core/sync/jobs/articles';
import { createOrdersJob } from '../src/main/core/sync/jobs/orders';
import type { Job, JobResult } from '../src/main/core/sync/scheduler';
import { startDemoEnvironment } from '../src/main/headless/demo';
import { ONGOING_DEMO_USER } from '../src/main/simulators/ongoing';
import { createSpecterDemoFixture } from '../src/main/simulators/specter';
import type { SpecterFixture } from '../src/main/simulators/specter/fixture';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`--${name} needs a number of 0 or more, e.g. --${name} ${fallback}`);
    process.exit(2);
  }
  return value;
}

const ARTICLES = option('articles', 10_000);
const ORDERS = option('orders', 2_000);
const LATENCY_MS = option('latency', 5);
const FLOOR_SAMPLE = option('floor-sample', 1_000);

/** A wall-clock time `minutes` after 2026-01-01 00:00:00 (all in the past of the simulated clock). */
function stamp(minutes: number): string {
  const iso = new Date(Date.UTC(2026, 0, 1) + minutes * 60_000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** The demo catalogue scaled up: its customers and suppliers, many more articles and orders. */
function generateFixture(articleCount: number, orderCount: number): SpecterFixture {
  const demo = createSpecterDemoFixture(1);
  const templates = demo.articles ?? [];
  const customers = demo.customers ?? [];
  const articles = Array.from({ length: articleCount }, (_, i) => {
    const t = templates[i % templates.length]!;
    return {
      ...t,
      articleId: String(100_000 + i),
      articleNo: `B-${String(i + 1).padStart(6, '0')}`,
      name: `${t.name} #${i + 1}`,
      barCode: String(7_350_000_000_000 + i),
      lastChanged: stamp(i),
    };
  });
  const orders = Array.from({ length: orderCount }, (_, i) => {
    const customer = customers[i % customers.length]!;
    const rows = Array.from({ length: 1 + (i % 3) }, (_, r) => ({
      articleNo: articles[(i * 7 + r * 13) % articles.length]!.articleNo,
      noOfItems: 1 + ((i + r) % 4),
    }));
    return {
      orderId: String(500_000 + i),
      orderNo: String(100_000 + i),
      customerId: customer.customerId,
      deliveryDate: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`,
      customerReference: `Ref ${i}`,
      lastChanged: stamp(articleCount + i),
      rows,
    };
  });
  return { ...demo, articles, orders, purchases: [], stock: [] };
}

interface Measured {
  result: JobResult;
  wallMs: number;
  writes: number;
}

async function main(): Promise<void> {
  const fixtureStarted = Date.now();
  const fixture = generateFixture(ARTICLES, ORDERS);
  const env = await startDemoEnvironment({ specterFixture: fixture, latencyMs: LATENCY_MS });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oss-bench-'));
  const context = createAppContext({ dataDir, secrets: env.secrets, mode: 'headless' });
  env.configure(context);
  const clients = createRemoteClients({ settings: () => context.settings.get(), secrets: env.secrets });
  const deps: SyncDeps = {
    db: context.db,
    clients,
    settings: () => context.settings.get(),
    settingsRepo: context.settings,
    records: context.records,
    exceptions: context.exceptions,
    watermarks: context.watermarks,
    postings: context.postings,
    audit: context.audit,
    events: context.events,
    logger: context.logger,
    now: () => new Date(),
  };
  console.log(
    `Fixture: ${ARTICLES} articles, ${ORDERS} orders, latency ${LATENCY_MS} ms per answer ` +
      `(set up in ${Date.now() - fixtureStarted} ms)`,
  );

  const writeCount = () => env.ongoing.calls.filter((c) => c.method !== 'GET').length;
  const measure = async (job: Job): Promise<Measured> => {
    const before = writeCount();
    const started = performance.now();
    const result = await job.run({ runId: 0, dryRun: false, progress: () => {} });
    const wallMs = performance.now() - started;
    return { result, wallMs, writes: writeCount() - before };
  };
  const changedOf = (m: Measured) => (m.result.counts.created ?? 0) + (m.result.counts.updated ?? 0);
  const jobs = [createArticlesJob(deps), createOrdersJob(deps)];

  const report = (label: string, runs: Measured[]) => {
    const wall = runs.reduce((s, r) => s + r.wallMs, 0);
    const writes = runs.reduce((s, r) => s + r.writes, 0);
    const changed = runs.reduce((s, r) => s + changedOf(r), 0);
    console.log(`\n${label}`);
    for (const [i, r] of runs.entries()) {
      const c = r.result.counts;
      console.log(
        `  ${jobs[i]!.name.padEnd(9)} status ${r.result.status.padEnd(7)} fetched ${c.fetched} created ${c.created} ` +
          `updated ${c.updated} unchanged ${c.unchanged} failed ${c.failed}  writes ${r.writes}  ` +
          `wall ${(r.wallMs / 1000).toFixed(2)} s` +
          (r.writes > 0 ? `  wall/(writes×latency) ${(r.wallMs / (r.writes * LATENCY_MS)).toFixed(3)}` : '') +
          (r.result.error ? `  (${r.result.error})` : ''),
      );
    }
    console.log(`  writes issued / records changed: ${changed > 0 ? (writes / changed).toFixed(3) : `${writes} / 0`}`);
    if (writes > 0 && LATENCY_MS > 0) {
      console.log(`  wall time / (writes × latency): ${(wall / (writes * LATENCY_MS)).toFixed(3)}`);
    }
    console.log(`  wall time: ${(wall / 1000).toFixed(2)} s`);
  };

  const first: Measured[] = [];
  for (const job of jobs) first.push(await measure(job));
  report('Initial sync', first);

  const steady: Measured[] = [];
  for (const job of jobs) steady.push(await measure(job));
  report('Steady state (no changes)', steady);

  // The floor set by the client and the simulator alone: the same article bodies PUT one after the
  // other through OngoingClient to a fresh simulator, with no sync logic around them.
  const sample = env.ongoing.calls
    .filter((c) => c.method === 'PUT' && c.path.endsWith('/articles'))
    .slice(0, FLOOR_SAMPLE)
    .map((c) => c.body as OngoingArticleInput);
  if (sample.length > 0 && LATENCY_MS > 0) {
    const floorEnv = await startDemoEnvironment({ specterFixture: {}, latencyMs: LATENCY_MS });
    const client = new OngoingClient({
      baseUrl: floorEnv.ongoing.url,
      goodsOwnerId: ONGOING_DEMO_USER.goodsOwnerId,
      credentials: async () => ({ user: ONGOING_DEMO_USER.user, password: ONGOING_DEMO_USER.password }),
    });
    const started = performance.now();
    for (const body of sample) await client.upsertArticle(body);
    const perWrite = (performance.now() - started) / sample.length;
    await floorEnv.close();
    console.log(
      `\nFloor (client + simulator only): ${sample.length} serial PUT /articles, ${perWrite.toFixed(2)} ms per write, ` +
        `wall/(writes×latency) ${(perWrite / LATENCY_MS).toFixed(3)}`,
    );
  }

  console.log(`\nPeak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  const ok = first.every((r) => r.result.status === 'ok') && steady.every((r) => r.result.status === 'ok');
  context.close();
  await env.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (!ok) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/**
 * Benchmark of the scheduled Specter → Ongoing sync over the simulators (run in a child process).
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
 *
 *   npx tsx scripts/bench-sync.ts --adopt [--articles 10000] [--orders 2000] [--purchases 200]
 *
 * Adoption: Ongoing already holds the same catalogue, orders and purchase orders,
 * written by a previous integration; a new installation's first run is measured, once with Specter
 * identical (goal: 0 writes; reads ≤ ⌈articles / 1000⌉ + order and purchase order pages) and once
 * with 1% of the records changed in Specter (goal: writes = changed records).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createAppContext } from '../src/main/core/app-context';
import { OngoingClient, type OngoingArticleInput } from '../src/main/core/ongoing';
import { demoSecretStore } from '../src/main/headless/demo';
import type { Settings } from '../src/shared/settings';
import { createArticlesJob } from '../src/main/core/flows/articles';
import { createOrdersJob } from '../src/main/core/flows/orders';
import { createPurchaseOrdersJob } from '../src/main/core/flows/purchase-orders';
import type { Job, JobResult } from '../src/main/core/sync/scheduler';
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
const PURCHASES = option('purchases', 200);
const ADOPT = process.argv.includes('--adopt');

/** A wall-clock time `minutes` after 2026-01-01 00:00:00 (all in the past of the simulated clock). */
function stamp(minutes: number): string {
  const iso = new Date(Date.UTC(2026, 0, 1) + minutes * 60_000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** The demo catalogue scaled up: its customers and suppliers, many more articles, orders and purchases. */
function generateFixture(articleCount: number, orderCount: number, purchaseCount = 0): SpecterFixture {
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
  const suppliers = demo.suppliers ?? [];
  const purchases = Array.from({ length: purchaseCount }, (_, i) => ({
    purchaseId: String(700_000 + i),
    purchaseNo: `BP-${String(i + 1).padStart(6, '0')}`,
    supplierNo: suppliers[i % suppliers.length]!.supplierNo,
    orderDate: '2026-02-01',
    deliveryOutDate: `2026-04-${String(1 + (i % 28)).padStart(2, '0')}`,
    lastChanged: stamp(articleCount + orderCount + i),
    rows: Array.from({ length: 1 + (i % 2) }, (_, r) => ({
      articleNo: articles[(i * 11 + r * 17) % articles.length]!.articleNo,
      noOfItems: 10 + ((i + r) % 5),
    })),
  }));
  return { ...demo, articles, orders, purchases, stock: [] };
}

interface Measured {
  result: JobResult;
  wallMs: number;
  writes: number;
}

interface Peers {
  specterUrl: string;
  ongoingUrl: string;
  ongoingControl: string;
  settings: Pick<Settings, 'specter' | 'ongoing'>;
  /** One command to the simulators' process (see bench-peers.ts), resolved when it is done. */
  command(line: string): Promise<void>;
  stop(): Promise<void>;
}

/** Start both simulators in a child process (the remote side has its own CPU, as in real life). */
async function startPeers(fixture: SpecterFixture, latencyMs: number): Promise<Peers> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oss-bench-fixture-'));
  const fixturePath = path.join(dir, 'specter.json');
  fs.writeFileSync(fixturePath, JSON.stringify(fixture));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'bench-peers.ts'), fixturePath, String(latencyMs)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  // Lines from the child: the first carries the URLs, each later one answers one command.
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  let buffer = '';
  child.stdout.on('data', (d) => {
    buffer += String(d);
    for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      waiting.shift()?.resolve(line);
    }
  });
  const nextLine = () => new Promise<string>((resolve, reject) => waiting.push({ resolve, reject }));
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`The simulators stopped early (exit ${code}).`));
  });
  const line = await nextLine();
  return {
    ...(JSON.parse(line) as Omit<Peers, 'stop' | 'command'>),
    command: async (text) => {
      const answer = nextLine();
      child.stdin.write(`${text}\n`);
      const reply = await answer;
      if (reply !== 'ok') throw new Error(`The simulators refused "${text}": ${reply}`);
    },
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin.end();
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function ongoingWrites(peers: Peers): Promise<{ count: number; articleBodies: OngoingArticleInput[] }> {
  const calls = (await (await fetch(`${peers.ongoingControl}calls`)).json()) as {
    method: string;
    path: string;
    body: unknown;
  }[];
  const writes = calls.filter((c) => c.method !== 'GET');
  return {
    count: writes.length,
    articleBodies: writes
      .filter((c) => c.method === 'PUT' && c.path.endsWith('/articles'))
      .map((c) => c.body as OngoingArticleInput),
  };
}

async function main(): Promise<void> {
  if (ADOPT) {
    process.exitCode = (await adoptBench()) ? 0 : 1;
    return;
  }
  const fixtureStarted = Date.now();
  const fixture = generateFixture(ARTICLES, ORDERS);
  const peers = await startPeers(fixture, LATENCY_MS);
  const secrets = demoSecretStore();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oss-bench-'));
  const context = createAppContext({ dataDir, secrets, mode: 'headless' });
  context.settings.save({ ...context.settings.get(), ...peers.settings });
  const deps = context.deps;
  console.log(
    `Fixture: ${ARTICLES} articles, ${ORDERS} orders, latency ${LATENCY_MS} ms per answer; simulators in a child ` +
      `process (set up in ${Date.now() - fixtureStarted} ms)`,
  );

  const measure = async (job: Job): Promise<Measured> => {
    const before = (await ongoingWrites(peers)).count;
    const started = performance.now();
    const result = await job.run({ runId: 0, dryRun: false, progress: () => {} });
    const wallMs = performance.now() - started;
    return { result, wallMs, writes: (await ongoingWrites(peers)).count - before };
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

  // The floor set by the client and the simulator alone: the same article bodies PUT again one after the
  // other through OngoingClient, with no sync logic around them.
  const sample = (await ongoingWrites(peers)).articleBodies.slice(0, FLOOR_SAMPLE);
  if (sample.length > 0 && LATENCY_MS > 0) {
    const client = new OngoingClient({
      baseUrl: peers.ongoingUrl,
      goodsOwnerId: ONGOING_DEMO_USER.goodsOwnerId,
      credentials: async () => ({ user: ONGOING_DEMO_USER.user, password: ONGOING_DEMO_USER.password }),
    });
    const started = performance.now();
    for (const body of sample) await client.upsertArticle(body);
    const perWrite = (performance.now() - started) / sample.length;
    console.log(
      `\nFloor (client + simulator only): ${sample.length} serial PUT /articles, ${perWrite.toFixed(2)} ms per write, ` +
        `wall/(writes×latency) ${(perWrite / LATENCY_MS).toFixed(3)}`,
    );
  }

  console.log(`\nPeak RSS of the app process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  const ok = first.every((r) => r.result.status === 'ok') && steady.every((r) => r.result.status === 'ok');
  context.close();
  await peers.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (!ok) process.exitCode = 1;
}

/** Ongoing's recorded calls since the last clear: writes and reads. */
async function ongoingCalls(peers: Peers): Promise<{ writes: number; reads: number; readPaths: Map<string, number> }> {
  const calls = (await (await fetch(`${peers.ongoingControl}calls`)).json()) as { method: string; path: string }[];
  const readPaths = new Map<string, number>();
  for (const c of calls) {
    if (c.method !== 'GET') continue;
    const key = c.path.replace(/\/\d+$/, '/{id}');
    readPaths.set(key, (readPaths.get(key) ?? 0) + 1);
  }
  return {
    writes: calls.filter((c) => c.method !== 'GET').length,
    reads: calls.filter((c) => c.method === 'GET').length,
    readPaths,
  };
}

/** The same fixture with 1% of articles, orders and purchases changed in a mapped field. */
function changeOnePercent(fixture: SpecterFixture): { fixture: SpecterFixture; changed: number } {
  const every = 100;
  let changed = 0;
  const articles = (fixture.articles ?? []).map((a, i) => {
    if (i % every !== 0) return a;
    changed++;
    // The barcode: a field of the article only (its name is also the text of order rows).
    return { ...a, barCode: `${a.barCode}9` };
  });
  const orders = (fixture.orders ?? []).map((o, i) => {
    if (i % every !== 0) return o;
    changed++;
    return { ...o, rows: o.rows.map((r, n) => (n === 0 ? { ...r, noOfItems: r.noOfItems + 1 } : r)) };
  });
  const purchases = (fixture.purchases ?? []).map((p, i) => {
    if (i % every !== 0) return p;
    changed++;
    return { ...p, rows: p.rows.map((r, n) => (n === 0 ? { ...r, noOfItems: r.noOfItems + 1 } : r)) };
  });
  return { fixture: { ...fixture, articles, orders, purchases }, changed };
}

/**
 * Adoption: a previous integration (here the app itself, on its own data folder) has written the
 * catalogue, the orders and the purchase orders to Ongoing; a new installation (a fresh data folder)
 * then meets every record for the first time. Prints writes and reads of its first run.
 */
async function adoptBench(): Promise<boolean> {
  const fixture = generateFixture(ARTICLES, ORDERS, PURCHASES);
  const peers = await startPeers(fixture, 0);
  const secrets = demoSecretStore();
  const dirs: string[] = [];
  const firstRun = async (): Promise<JobResult[]> => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oss-bench-adopt-'));
    dirs.push(dataDir);
    const context = createAppContext({ dataDir, secrets, mode: 'headless' });
    context.settings.save({ ...context.settings.get(), ...peers.settings });
    const results: JobResult[] = [];
    for (const job of [
      createArticlesJob(context.deps),
      createOrdersJob(context.deps),
      createPurchaseOrdersJob(context.deps),
    ]) {
      results.push(await job.run({ runId: 0, dryRun: false, progress: () => {} }));
    }
    context.close();
    return results;
  };
  let ok = true;
  try {
    const seeded = performance.now();
    const previous = await firstRun();
    ok &&= previous.every((r) => r.status === 'ok');
    console.log(
      `Fixture: ${ARTICLES} articles, ${ORDERS} orders, ${PURCHASES} purchase orders; Ongoing filled by a previous ` +
        `integration in ${((performance.now() - seeded) / 1000).toFixed(1)} s. Latency ${LATENCY_MS} ms per answer.`,
    );
    await peers.command(`latency ${LATENCY_MS}`);
    const changedFixture = changeOnePercent(fixture);
    const scenarios: [string, SpecterFixture, number][] = [
      ['Identical state', fixture, 0],
      [
        `1% of the records changed in Specter (${changedFixture.changed} records)`,
        changedFixture.fixture,
        changedFixture.changed,
      ],
    ];
    const fixtureDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oss-bench-adopt-fixture-'));
    dirs.push(fixtureDir);
    const readGoal = Math.ceil(ARTICLES / 1000) + Math.ceil(ORDERS / 100) + Math.ceil(PURCHASES / 100);
    for (const [i, [label, specter, changed]] of scenarios.entries()) {
      const file = path.join(fixtureDir, `specter-${i}.json`);
      fs.writeFileSync(file, JSON.stringify(specter));
      await peers.command(`load ${file}`);
      await peers.command('clear-calls');
      const started = performance.now();
      const results = await firstRun();
      const wall = performance.now() - started;
      const calls = await ongoingCalls(peers);
      console.log(`\n${label}: first run of a new installation`);
      for (const [n, r] of results.entries()) {
        const c = r.counts;
        console.log(
          `  ${['articles', 'orders', 'purchaseOrders'][n]!.padEnd(14)} status ${r.status.padEnd(7)} fetched ${c.fetched} adopted ${c.adopted ?? 0} ` +
            `created ${c.created} updated ${c.updated} conflicts ${c.conflicts} failed ${c.failed}` +
            (r.error ? `  (${r.error})` : ''),
        );
      }
      console.log(`  writes: ${calls.writes} (goal ${changed})`);
      console.log(
        `  reads: ${calls.reads} (goal ≤ ${readGoal} = ⌈${ARTICLES} / 1000⌉ + ⌈${ORDERS} / 100⌉ + ⌈${PURCHASES} / 100⌉)` +
          `  [${[...calls.readPaths].map(([p, n]) => `${p.replace(/^.*\/api\/v1\//, '')} ${n}`).join(', ')}]`,
      );
      console.log(`  wall time: ${(wall / 1000).toFixed(2)} s`);
      ok &&= results.every((r) => r.status === 'ok') && calls.writes === changed && calls.reads <= readGoal;
    }
    console.log(`\nPeak RSS of the app process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    await peers.stop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }
  return ok;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/**
 * One soak: peers and app up, the warehouse day with faults and kills, faults off, settle, then the
 * invariants against the simulators' recorded state and the app's postings.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { countFaults, type FaultCount, runKills, runWriteFaults, startFaults, stopFaults } from './chaos';
import { createContext, type Figures, type SoakOptions, waitFor } from './context';
import { OngoingControl, SpecterControl } from './http';
import { checkInvariants, type Violation } from './invariants';
import { planDay } from './plan';
import { createPrng } from './prng';
import { AppProcess } from './processes';
import { allPostings, settle } from './settle';
import { configureApp, soakCatalogue, startPeers } from './setup';
import { injectBadOrder, runWarehouseDay } from './warehouse';

export interface SoakReport {
  seed: number;
  minutes: number;
  killsAsked: number;
  seconds: { day: number; settle: number; total: number };
  settled: boolean;
  openAtEnd: string[];
  kills: Figures['kills'];
  faults: FaultCount[];
  faultTotal: number;
  /** API calls each simulator answered. */
  calls: { specter: number; ongoing: number };
  figures: Omit<Figures, 'kills'>;
  specter: {
    deliveries: number;
    purchaseDeliveries: number;
    deliveredItems: number;
    receivedItems: number;
    /** Deliveries whose record carries the posting's reference. */
    deliveriesWithReference: number;
  };
  postings: Record<string, number>;
  violations: Violation[];
  workDir: string;
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oss-soak-'));
  const dataDir = path.join(workDir, 'data');
  fs.mkdirSync(dataDir);
  const started = Date.now();
  const log = (line: string) => {
    const stamp = `${String(Math.round((Date.now() - started) / 1000)).padStart(4)} s`;
    fs.appendFileSync(path.join(workDir, 'soak.log'), `${stamp} ${line}\n`);
    if (options.verbose) console.log(`[soak ${stamp}] ${line}`);
  };
  const catalogue = soakCatalogue(options.seed);
  const peers = await startPeers(options, catalogue, workDir);
  const app = new AppProcess(dataDir, path.join(workDir, 'app.log'));
  try {
    log(`work folder ${workDir}; Specter ${peers.specter.url}; Ongoing ${peers.ongoing.url}`);
    await configureApp(dataDir, peers);
    const ctx = createContext({
      options,
      chaos: createPrng(options.seed ^ 0x5eed5eed),
      specter: new SpecterControl(peers.specter.url),
      ongoing: new OngoingControl(peers.ongoing.controlUrl),
      app,
      log,
    });
    await app.start();
    ctx.figures.appStarts++;
    const interval = options.jobIntervalSeconds;
    const settings = await ctx.bridge()!.call('updateSettings', {
      patch: {
        sync: {
          intervals: {
            articles: interval,
            orders: interval,
            purchaseOrders: interval,
            deliveries: interval,
            receipts: interval,
          },
          autoConfirm: { deliveries: true, receipts: true },
        },
      },
    });
    // The day starts once the catalogue is in Ongoing (orders name its articles).
    await waitFor(
      'the articles to reach Ongoing',
      async () => {
        const state = (await ctx.ongoing.state()) as unknown as { articles?: { articleNumber?: string }[] };
        const present = new Set((state.articles ?? []).map((a) => a.articleNumber));
        return catalogue.articleNos.every((n) => present.has(n));
      },
      5 * 60_000,
      500,
    );
    const dayMs = options.minutes * 60_000;
    const plan = planDay(createPrng(options.seed), {
      dayMs,
      articleNos: catalogue.articleNos,
      customerIds: catalogue.customerIds,
      supplierNos: catalogue.supplierNos,
      ordersPerMinute: options.ordersPerMinute,
      purchasesPerMinute: options.purchasesPerMinute,
    });
    log(
      `day of ${options.minutes} min: ${plan.orders.length} orders, ${plan.purchases.length} purchases, ${options.kills} kills`,
    );
    const dayStart = Date.now();
    await startFaults(ctx);
    const expectedExceptions = [await injectBadOrder(ctx, catalogue.customerIds[0] ?? '')];
    const warehouse = runWarehouseDay(ctx, plan, dayStart);
    await Promise.all([runKills(ctx, dayStart, dayMs), runWriteFaults(ctx, dayStart + dayMs)]);
    const remaining = dayStart + dayMs - Date.now();
    if (remaining > 0) await new Promise((r) => setTimeout(r, remaining));
    await stopFaults(ctx);
    log('faults off; the warehouse finishes its day');
    if (!app.running) {
      await app.start();
      ctx.figures.appStarts++;
    }
    await warehouse;
    const daySeconds = Math.round((Date.now() - dayStart) / 1000);
    log('settling');
    const settleResult = await settle(ctx, settings.sync.shippedStatuses);
    log(`settle: ${settleResult.settled ? 'quiet' : 'NOT quiet'} after ${settleResult.seconds} s`);

    const bridge = ctx.bridge()!;
    const [postings, exceptions, specterOrders, specterPurchases, deliveries, purchaseDeliveries, ongoing, tally] =
      await Promise.all([
        allPostings(ctx),
        bridge.call('listExceptions', { state: 'open' }),
        ctx.specter.orders(),
        ctx.specter.purchases(),
        ctx.specter.deliveries(),
        ctx.specter.purchaseDeliveries(),
        ctx.ongoing.state(),
        countFaults(ctx),
      ]);
    const violations = checkInvariants({
      orders: ctx.orders,
      purchases: ctx.purchases,
      specterOrders,
      specterPurchases,
      deliveries,
      purchaseDeliveries,
      ongoing,
      postings,
      exceptions,
      expectedExceptions,
      shippedStatuses: settings.sync.shippedStatuses,
    });
    for (const note of ctx.figures.warehouseNotes) {
      violations.push({ invariant: 'warehouse', record: note.split(':')[0] ?? '', row: '', message: note });
    }
    if (!settleResult.settled) {
      violations.push({
        invariant: 'outbox',
        record: 'the app',
        row: '',
        message: `did not settle within the limits (no progress for ${options.settleStuckSeconds} s or ${options.settleMaxMinutes} min in all); still open: ${settleResult.openItems.slice(0, 10).join('; ')}`,
      });
    }
    const postingCounts: Record<string, number> = {};
    for (const p of postings) postingCounts[`${p.kind} ${p.state}`] = (postingCounts[`${p.kind} ${p.state}`] ?? 0) + 1;
    const { kills, ...figures } = ctx.figures;
    const sumRows = (rows: { noOfItems: number }[]) => rows.reduce((s, r) => s + r.noOfItems, 0);
    const report: SoakReport = {
      seed: options.seed,
      minutes: options.minutes,
      killsAsked: options.kills,
      seconds: { day: daySeconds, settle: settleResult.seconds, total: Math.round((Date.now() - started) / 1000) },
      settled: settleResult.settled,
      openAtEnd: settleResult.openItems,
      kills,
      faults: tally.faults,
      faultTotal: tally.faults.reduce((s, f) => s + f.count, 0),
      calls: tally.calls,
      figures,
      specter: {
        deliveries: deliveries.length,
        purchaseDeliveries: purchaseDeliveries.length,
        deliveredItems: deliveries.reduce((s, d) => s + sumRows(d.rows), 0),
        receivedItems: purchaseDeliveries.reduce((s, d) => s + sumRows(d.rows), 0),
        deliveriesWithReference: [...deliveries, ...purchaseDeliveries].filter(
          (d) => typeof d.reference === 'string' && d.reference !== '',
        ).length,
      },
      postings: postingCounts,
      violations,
      workDir,
    };
    return report;
  } finally {
    await app.stop().catch(() => {});
    await peers.stop().catch(() => {});
  }
}

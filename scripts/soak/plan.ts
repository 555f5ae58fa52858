/**
 * The soak's warehouse day, drawn from a seed: which sales orders and purchase orders Specter gets and
 * when, and what the warehouse does with each (picks in steps, ships or collects, receives in steps).
 * Pure: the same seed and size give the same plan. How the plan interleaves with the app's own timing
 * (jobs, faults, kills) is not deterministic; what the warehouse does is.
 */
import type { Prng } from './prng';

export interface PlannedOrderRow {
  articleNo: string;
  /** Specter's quantity. */
  noOfItems: number;
  /** Specter's second quantity factor; Ongoing is sent noOfItems × noOfItems2 when it is above 0. */
  noOfItems2: number | null;
}

export interface PlannedOrder {
  key: string;
  /** When Specter gets the order, from the start of the day. */
  createAtMs: number;
  customerId: string;
  rows: PlannedOrderRow[];
  /** Pick steps; per step, per row, items to pick in Ongoing's unit (whole multiples of the row's factor). */
  picks: number[][];
  /** Pause before each pick step and before shipping. */
  pauseMs: number[];
  /** 450 Sent or 500 Collected. */
  shipStatus: 450 | 500;
  /** Sent first, then Collected after `pauseMs` (a second status change on a shipped order). */
  collectLater: boolean;
}

export interface PlannedReceipt {
  /** Items to receive per row. */
  quantities: number[];
  /** Receive right after the previous step's proposal appears in the app (two postings in quick succession). */
  quick: boolean;
  pauseMs: number;
}

export interface PlannedPurchase {
  key: string;
  createAtMs: number;
  supplierNo: string;
  rows: { articleNo: string; noOfItems: number }[];
  receipts: PlannedReceipt[];
}

export interface DayPlan {
  orders: PlannedOrder[];
  purchases: PlannedPurchase[];
}

export interface PlanOptions {
  dayMs: number;
  articleNos: readonly string[];
  customerIds: readonly string[];
  supplierNos: readonly string[];
  ordersPerMinute: number;
  purchasesPerMinute: number;
}

/** Ongoing's unit factor of a Specter order row: noOfItems2 when above 0, else 1. */
export function rowFactor(row: { noOfItems2: number | null | undefined }): number {
  return row.noOfItems2 && row.noOfItems2 > 0 ? row.noOfItems2 : 1;
}

function factorOf(random: Prng): number | null {
  const r = random.next();
  if (r < 0.5) return null;
  if (r < 0.6) return 1;
  if (r < 0.65) return 0;
  if (r < 0.85) return 2;
  return 3;
}

/** Split `units` into `steps` whole parts at random (parts may be 0). */
function split(random: Prng, units: number, steps: number): number[] {
  const parts = new Array<number>(steps).fill(0);
  for (let i = 0; i < units; i++) {
    const step = random.int(0, steps - 1);
    parts[step] = (parts[step] ?? 0) + 1;
  }
  return parts;
}

/** Drop steps in which nothing happens (the warehouse refuses an empty pick or receipt). */
function nonEmpty(steps: number[][]): number[][] {
  return steps.filter((s) => s.some((q) => q > 0));
}

function planOrder(random: Prng, index: number, options: PlanOptions, createAtMs: number): PlannedOrder {
  const articles = random.shuffle(options.articleNos).slice(0, random.int(1, 4));
  const rows: PlannedOrderRow[] = articles.map((articleNo) => ({
    articleNo,
    noOfItems: random.int(1, 8),
    noOfItems2: factorOf(random),
  }));
  const partial = random.chance(0.4);
  // Final picked count per row, in whole Specter units.
  const pickedUnits = rows.map((r) => (partial ? random.int(0, r.noOfItems) : r.noOfItems));
  if (!pickedUnits.some((u) => u > 0)) pickedUnits[0] = 1;
  const stepCount = random.int(1, 3);
  const perRow = pickedUnits.map((units) => split(random, units, stepCount));
  const picks = nonEmpty(
    Array.from({ length: stepCount }, (_, step) => rows.map((row, r) => (perRow[r]?.[step] ?? 0) * rowFactor(row))),
  );
  const shipStatus = random.chance(0.7) ? 450 : 500;
  return {
    key: `O${index + 1}`,
    createAtMs,
    customerId: random.pick(options.customerIds),
    rows,
    picks,
    pauseMs: Array.from({ length: picks.length + 2 }, () => random.int(300, 4_000)),
    shipStatus,
    collectLater: shipStatus === 450 && random.chance(0.5),
  };
}

function planPurchase(random: Prng, index: number, options: PlanOptions, createAtMs: number): PlannedPurchase {
  const articles = random.shuffle(options.articleNos).slice(0, random.int(1, 3));
  const rows = articles.map((articleNo) => ({ articleNo, noOfItems: random.int(4, 30) }));
  const partial = random.chance(0.3);
  const received = rows.map((r) => (partial ? random.int(0, r.noOfItems) : r.noOfItems));
  if (!received.some((q) => q > 0)) received[0] = 1;
  const stepCount = random.int(2, 4);
  const perRow = received.map((q) => split(random, q, stepCount));
  const steps = nonEmpty(Array.from({ length: stepCount }, (_, step) => rows.map((_, r) => perRow[r]?.[step] ?? 0)));
  return {
    key: `P${index + 1}`,
    createAtMs,
    supplierNo: random.pick(options.supplierNos),
    rows,
    receipts: steps.map((quantities, i) => ({
      quantities,
      quick: i > 0 && random.chance(0.5),
      pauseMs: random.int(500, 6_000),
    })),
  };
}

/** The day: orders and purchases created over the first 60 % of it, so the warehouse can finish them. */
export function planDay(random: Prng, options: PlanOptions): DayPlan {
  const minutes = options.dayMs / 60_000;
  const orderCount = Math.max(4, Math.round(options.ordersPerMinute * minutes));
  const purchaseCount = Math.max(2, Math.round(options.purchasesPerMinute * minutes));
  const window = options.dayMs * 0.6;
  const times = (count: number) =>
    Array.from({ length: count }, () => Math.floor(random.next() * window)).sort((a, b) => a - b);
  const orderTimes = times(orderCount);
  const purchaseTimes = times(purchaseCount);
  return {
    orders: orderTimes.map((at, i) => planOrder(random, i, options, at)),
    purchases: purchaseTimes.map((at, i) => planPurchase(random, i, options, at)),
  };
}

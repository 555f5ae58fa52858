/**
 * The soak's invariants, checked after the app has settled, against the simulators' recorded state and
 * the app's own postings. Pure: every input is data read beforehand, so the checker is tested on its own.
 *
 * Units: Specter counts an order row in its own unit; Ongoing counts noOfItems × noOfItems2 items where the
 * row was multiplied. Ongoing's numbers are divided by the row's factor before they are compared.
 */
import type { Posting } from '../../src/shared/domain/postings';
import type { SyncException } from '../../src/shared/domain/sync';
import type {
  OngoingStateSnapshot,
  SpecterDeliveryRecord,
  SpecterOrderState,
  SpecterPurchaseDeliveryRecord,
  SpecterPurchaseState,
} from './http';
import { rowFactor } from './plan';

export type InvariantName =
  | 'order-row'
  | 'purchase-row'
  | 'one-delivery-per-posting'
  | 'outbox'
  | 'exceptions'
  | 'warehouse';

export interface Violation {
  invariant: InvariantName;
  /** e.g. "order 1003 (soak O3)" or "posting #12". */
  record: string;
  /** e.g. "row no 2 / row id 88, article ART-1, factor 2"; empty when the violation is about the whole record. */
  row: string;
  /** The three numbers of a quantity invariant, in Specter's unit. */
  numbers?: { specter: number; ongoing: number; reported: number };
  message: string;
}

export interface SoakOrder {
  key: string;
  orderId: string;
  orderNo: string;
  rows: { rowId: string; rowNo: string; articleNo: string; noOfItems: number; noOfItems2: number | null }[];
}

export interface SoakPurchase {
  key: string;
  purchaseId: string;
  purchaseNo: string;
  rows: { rowId: string; rowNo: string; articleNo: string; noOfItems: number }[];
}

export interface CheckInput {
  orders: SoakOrder[];
  purchases: SoakPurchase[];
  specterOrders: SpecterOrderState[];
  specterPurchases: SpecterPurchaseState[];
  deliveries: SpecterDeliveryRecord[];
  purchaseDeliveries: SpecterPurchaseDeliveryRecord[];
  ongoing: OngoingStateSnapshot;
  postings: Posting[];
  /** Open exceptions in the app's inbox. */
  exceptions: SyncException[];
  /** Problems the soak put in on purpose (flow + record key): each must be in the inbox, and nothing else. */
  expectedExceptions?: { flow: string; recordKey: string }[];
  /** Ongoing order statuses that count as shipped (the app's setting). */
  shippedStatuses?: number[];
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
const sum = (values: number[]) => round(values.reduce((s, v) => s + v, 0));
const ORDER_CANCELLED = 1000;

function describeRow(rowNo: string, rowId: string, articleNo: string, factor?: number): string {
  return `row no ${rowNo} / row id ${rowId}, article ${articleNo}${factor !== undefined ? `, factor ${factor}` : ''}`;
}

function checkOrders(input: CheckInput, out: Violation[]): void {
  const shipped = new Set(input.shippedStatuses ?? [450, 500]);
  const ongoingByNumber = new Map(input.ongoing.orders.map((o) => [o.orderInfo?.orderNumber ?? '', o]));
  const specterById = new Map(input.specterOrders.map((o) => [o.orderId, o]));
  for (const order of input.orders) {
    const record = `order ${order.orderNo} (soak ${order.key}, Specter id ${order.orderId})`;
    const ongoing = ongoingByNumber.get(order.orderNo);
    const status = ongoing?.orderInfo?.orderStatus?.number ?? null;
    const isShipped = status !== null && status !== ORDER_CANCELLED && shipped.has(status);
    const deliveries = input.deliveries.filter((d) => d.orderId === order.orderId);
    if (!ongoing) {
      out.push({ invariant: 'warehouse', record, row: '', message: 'the order never reached Ongoing.' });
    }
    const specterOrder = specterById.get(order.orderId);
    for (const row of order.rows) {
      const factor = rowFactor(row);
      const rowText = describeRow(row.rowNo, row.rowId, row.articleNo, factor);
      const delivered = sum(
        deliveries.flatMap((d) => d.rows.filter((r) => r.rowNo === row.rowNo).map((r) => r.noOfItems)),
      );
      const line = (ongoing?.orderLines ?? []).filter((l) => l.rowNumber === row.rowId);
      const picked = round(sum(line.map((l) => l.pickedNumberOfItems ?? 0)) / factor);
      const reported = round(sum(line.map((l) => l.reportedNumberOfItems ?? 0)) / factor);
      const numbers = { specter: delivered, ongoing: picked, reported };
      const raw = `Ongoing picked ${sum(line.map((l) => l.pickedNumberOfItems ?? 0))} and reported ${sum(
        line.map((l) => l.reportedNumberOfItems ?? 0),
      )} items (÷ ${factor})`;
      if (isShipped) {
        if (delivered !== picked || picked !== reported) {
          out.push({
            invariant: 'order-row',
            record,
            row: rowText,
            numbers,
            message: `shipped (status ${status}): Specter has ${delivered} delivered, Ongoing picked ${picked}, Ongoing marked ${reported} reported (${raw}).`,
          });
        }
      } else if (delivered !== 0 || reported !== 0) {
        out.push({
          invariant: 'order-row',
          record,
          row: rowText,
          numbers,
          message: `not shipped (status ${status ?? 'none'}), yet Specter has ${delivered} delivered and Ongoing marked ${reported} reported (${raw}).`,
        });
      }
      const specterRow = specterOrder?.rows.find((r) => r.rowId === row.rowId);
      if (specterRow && round(specterRow.deliveredNoOfItems) !== delivered) {
        out.push({
          invariant: 'order-row',
          record,
          row: rowText,
          numbers,
          message: `Specter's delivered quantity on the row (${specterRow.deliveredNoOfItems}) differs from the sum of its recorded deliveries (${delivered}).`,
        });
      }
    }
  }
}

function checkPurchases(input: CheckInput, out: Violation[]): void {
  const ongoingByNumber = new Map(
    input.ongoing.purchaseOrders.map((p) => [p.purchaseOrderInfo?.purchaseOrderNumber ?? '', p]),
  );
  const specterById = new Map(input.specterPurchases.map((p) => [p.purchaseId, p]));
  for (const purchase of input.purchases) {
    const record = `purchase ${purchase.purchaseNo} (soak ${purchase.key}, Specter id ${purchase.purchaseId})`;
    const ongoing = ongoingByNumber.get(purchase.purchaseNo);
    if (!ongoing)
      out.push({ invariant: 'warehouse', record, row: '', message: 'the purchase order never reached Ongoing.' });
    const receipts = input.purchaseDeliveries.filter((d) => d.purchaseId === purchase.purchaseId);
    const specterPurchase = specterById.get(purchase.purchaseId);
    for (const row of purchase.rows) {
      const rowText = describeRow(row.rowNo, row.rowId, row.articleNo);
      const reportedToSpecter = sum(
        receipts.flatMap((d) => d.rows.filter((r) => r.rowId === row.rowId).map((r) => r.noOfItems)),
      );
      const lines = (ongoing?.purchaseOrderLines ?? []).filter((l) => l.rowNumber === row.rowId);
      const received = sum(lines.map((l) => l.receivedNumberOfItems ?? 0));
      const reported = sum(lines.map((l) => l.reportedNumberOfItems ?? 0));
      const numbers = { specter: reportedToSpecter, ongoing: received, reported };
      if (reportedToSpecter !== received || received !== reported) {
        out.push({
          invariant: 'purchase-row',
          record,
          row: rowText,
          numbers,
          message: `Specter has ${reportedToSpecter} received, Ongoing received ${received}, Ongoing marked ${reported} reported.`,
        });
      }
      const specterRow = specterPurchase?.rows.find((r) => r.rowId === row.rowId);
      if (specterRow && round(specterRow.receivedNoOfItems) !== reportedToSpecter) {
        out.push({
          invariant: 'purchase-row',
          record,
          row: rowText,
          numbers,
          message: `Specter's received quantity on the row (${specterRow.receivedNoOfItems}) differs from the sum of its recorded purchase deliveries (${reportedToSpecter}).`,
        });
      }
    }
  }
}

/** Rows of a delivery or posting as a comparable text: "ref=qty" sorted, zero rows left out. */
function rowsKey(rows: { ref: string; quantity: number }[]): string {
  const merged = new Map<string, number>();
  for (const r of rows) merged.set(r.ref, round((merged.get(r.ref) ?? 0) + r.quantity));
  return [...merged]
    .filter(([, q]) => q !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([ref, q]) => `${ref}=${q}`)
    .join(' ');
}

interface SpecterWrite {
  id: string;
  recordId: string;
  reference: string;
  rows: string;
}

/**
 * No two Specter deliveries from one posting. When Specter's deliveries carry the posting's key as their
 * reference, by reference: one delivery per done posting, none without a reference, none twice. Otherwise by
 * quantities: every Specter delivery is matched to one done posting of the same record with the same rows.
 */
function checkOnePerPosting(input: CheckInput, out: Violation[]): void {
  const writes: { kind: Posting['kind']; label: string; items: SpecterWrite[] }[] = [
    {
      kind: 'delivery',
      label: 'delivery',
      items: input.deliveries.map((d) => ({
        id: d.deliveryId,
        recordId: d.orderId,
        reference: typeof d.reference === 'string' ? d.reference : '',
        rows: rowsKey(d.rows.map((r) => ({ ref: r.rowNo, quantity: r.noOfItems }))),
      })),
    },
    {
      kind: 'receipt',
      label: 'purchase delivery',
      items: input.purchaseDeliveries.map((d) => ({
        id: d.purchaseDeliveryId,
        recordId: d.purchaseId,
        reference: typeof d.reference === 'string' ? d.reference : '',
        rows: rowsKey(d.rows.map((r) => ({ ref: r.rowId, quantity: r.noOfItems }))),
      })),
    },
  ];
  for (const { kind, label, items } of writes) {
    const done = input.postings.filter((p) => p.kind === kind && p.state === 'done');
    const byReference = items.some((w) => w.reference !== '');
    if (byReference) {
      const groups = new Map<string, SpecterWrite[]>();
      for (const w of items) groups.set(w.reference, [...(groups.get(w.reference) ?? []), w]);
      for (const [reference, group] of groups) {
        if (reference === '') {
          for (const w of group) {
            out.push({
              invariant: 'one-delivery-per-posting',
              record: `${label} ${w.id} (Specter record ${w.recordId})`,
              row: w.rows,
              message: `carries no posting reference, so no posting accounts for it.`,
            });
          }
        } else if (group.length > 1) {
          out.push({
            invariant: 'one-delivery-per-posting',
            record: `posting ${reference}`,
            row: group.map((w) => `${w.id}: ${w.rows}`).join('; '),
            message: `${group.length} ${label === 'delivery' ? 'deliveries' : 'purchase deliveries'} in Specter carry this one posting's reference (${group.map((w) => w.id).join(', ')}).`,
          });
        }
      }
      for (const p of done) {
        if (!groups.has(p.idempotencyKey)) {
          out.push({
            invariant: 'one-delivery-per-posting',
            record: `posting #${p.id} ${p.idempotencyKey} (${p.number})`,
            row: rowsKey(p.rows.map((r) => ({ ref: r.rowRef, quantity: r.quantity }))),
            message: `is done, but no ${label} in Specter carries its reference.`,
          });
        }
      }
      continue;
    }
    // By quantities: match each Specter write to an unused done posting of the same record with the same rows.
    const unused = [...done];
    for (const w of items) {
      const index = unused.findIndex(
        (p) =>
          p.specterId === w.recordId &&
          rowsKey(p.rows.map((r) => ({ ref: r.rowRef, quantity: r.quantity }))) === w.rows,
      );
      if (index >= 0) {
        unused.splice(index, 1);
        continue;
      }
      out.push({
        invariant: 'one-delivery-per-posting',
        record: `${label} ${w.id} (Specter record ${w.recordId})`,
        row: w.rows,
        message: `no done posting of the record carries these quantities: sent twice, or sent by a posting that is not done.`,
      });
    }
    for (const p of unused) {
      out.push({
        invariant: 'one-delivery-per-posting',
        record: `posting #${p.id} ${p.idempotencyKey} (${p.number})`,
        row: rowsKey(p.rows.map((r) => ({ ref: r.rowRef, quantity: r.quantity }))),
        message: `is done, but Specter has no ${label} of Specter record ${p.specterId} with these quantities.`,
      });
    }
  }
}

function checkOutbox(input: CheckInput, out: Violation[]): void {
  for (const p of input.postings) {
    const record = `posting #${p.id} ${p.kind} ${p.number} (${p.idempotencyKey})`;
    const rows = rowsKey(p.rows.map((r) => ({ ref: r.rowRef, quantity: r.quantity })));
    const why = p.lastError ? ` Last error: ${p.lastError}` : '';
    if (p.state === 'sending' || p.state === 'in_doubt') {
      out.push({ invariant: 'outbox', record, row: rows, message: `left ${p.state}.${why}` });
    } else if (p.state === 'proposed' || p.state === 'held' || p.state === 'confirmed') {
      out.push({ invariant: 'outbox', record, row: rows, message: `left ${p.state} (never sent).${why}` });
    } else if (p.state === 'failed') {
      out.push({ invariant: 'outbox', record, row: rows, message: `refused by Specter (failed).${why}` });
    } else if (p.state === 'done' && p.ackState !== 'done') {
      out.push({
        invariant: 'outbox',
        record,
        row: rows,
        message: `done, but its Ongoing acknowledgement is ${p.ackState}.${why}`,
      });
    }
  }
}

function checkExceptions(input: CheckInput, out: Violation[]): void {
  const expected = input.expectedExceptions ?? [];
  for (const x of expected) {
    if (!input.exceptions.some((e) => e.state === 'open' && e.flow === x.flow && e.recordKey === x.recordKey)) {
      out.push({
        invariant: 'exceptions',
        record: `${x.flow} ${x.recordKey}`,
        row: '',
        message: 'the problem put in on purpose is not in the exceptions inbox.',
      });
    }
  }
  for (const e of input.exceptions) {
    if (e.state !== 'open') continue;
    if (expected.some((x) => x.flow === e.flow && x.recordKey === e.recordKey)) continue;
    out.push({
      invariant: 'exceptions',
      record: `exception #${e.id} ${e.flow} ${e.recordKey}`,
      row: '',
      message: `${e.class}: ${e.message} (seen ${e.occurrences}×)`,
    });
  }
}

/** Every violation of the soak's invariants; empty when all hold. */
export function checkInvariants(input: CheckInput): Violation[] {
  const out: Violation[] = [];
  checkOrders(input, out);
  checkPurchases(input, out);
  checkOnePerPosting(input, out);
  checkOutbox(input, out);
  checkExceptions(input, out);
  return out;
}

/**
 * Proposal builders: an Ongoing order (shipped) or purchase order (received) becomes a posting
 * proposal for the outbox.
 *
 * Quantities: per Ongoing line, what is still to report = picked (received) − accounted, where
 * accounted is the larger of Ongoing's reported count and the reported count that postings already on
 * their way to Specter will set (their `reportedAfter`). So a posting in flight is never proposed twice,
 * and a later shipment of the rest becomes a proposal of its own, built on top of the earlier one.
 * Rows carry Specter's unit (Ongoing's count ÷ no items2) and, per Ongoing line, the absolute reported
 * count that the acknowledgement sets once Specter has accepted.
 *
 * Idempotency key: `delivery:<ongoingOrderId>:<hash>` / `receipt:<ongoingPurchaseOrderId>:<hash>`, the
 * hash taken over each row's (row ref, quantity reported before, quantity now). Re-running the job
 * gives the same key (nothing doubles); a second shipment starts from a higher "reported before" and
 * gets a new key.
 */
import type { PostingKind, PostingRow } from '../../../shared/domain/postings';
import type { SpecterDeliverySubmit, SpecterPurchaseDeliverySubmit } from '../../../shared/domain/specter';
import {
  buildDeliverySubmit,
  buildReceiptSubmit,
  type DeliveryLineDetail,
  finite,
  type MappingProblem,
  payloadHash,
  type ReceiptLineDetail,
  roundDecimal,
  text,
} from '../../../shared/mapping';
import type { GetOrderModel, GetPurchaseOrderModel } from '../../../shared/ongoing/models';
import type { NewPosting } from '../repositories/posting-repository';

/** Per Ongoing line id: the reported count postings on their way will set. */
export type ReportedBase = Map<number, number>;

export interface ProposalBuild {
  kind: PostingKind;
  ongoingId: number;
  /** Order no / purchase no (the record key of the exceptions inbox). */
  number: string;
  /** The proposal; null when there is nothing (new) to report or the record has errors. */
  posting: NewPosting | null;
  /** Nothing left to report once postings in flight are taken into account. */
  nothingToReport: boolean;
  problems: MappingProblem[];
}

export interface DeliveryProposalOptions {
  sendDeliveryEmail: boolean;
  createInvoice: boolean;
  /** yyyy-MM-dd, for the delivery date's sanity check. */
  today?: string;
}

export interface ReceiptProposalOptions {
  sendEmail: boolean;
  /** yyyy-MM-dd used when Ongoing has neither arrival date nor in date (normally today). */
  fallbackDate: string;
}

/** The idempotency key of a posting with these rows. */
export function postingKey(kind: PostingKind, ongoingId: number, rows: readonly PostingRow[]): string {
  const material = rows
    .map((r) => [r.rowRef, roundDecimal(r.previouslyReported), roundDecimal(r.quantity)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return `${kind}:${ongoingId}:${payloadHash(material)}`;
}

/**
 * The reported count per Ongoing line that these postings set once acknowledged (the largest, as each
 * posting of a record is built on top of the earlier ones).
 */
export function reportedBaseOf(postings: readonly { rows: readonly PostingRow[] }[]): ReportedBase {
  const base: ReportedBase = new Map();
  for (const p of postings) {
    for (const row of p.rows) {
      for (const line of row.ongoingLines ?? []) {
        base.set(line.lineId, Math.max(base.get(line.lineId) ?? 0, line.reportedAfter));
      }
    }
  }
  return base;
}

interface LineForRow {
  lineId: number;
  articleNo: string;
  articleName: string;
  ordered: number;
  accounted: number;
  toReport: number;
  done: number;
}

/** Posting rows from the submit's rows (Specter unit) and the Ongoing lines behind each. */
function postingRows(
  submitRows: { ref: string; quantity: number }[],
  linesByRef: Map<string, LineForRow[]>,
  factors: ReadonlyMap<string, number>,
): PostingRow[] {
  return submitRows.map(({ ref, quantity }) => {
    const lines = linesByRef.get(ref) ?? [];
    const factor = factors.get(ref) ?? 1;
    const first = lines[0];
    const sum = (pick: (l: LineForRow) => number) => roundDecimal(lines.reduce((n, l) => n + pick(l), 0));
    return {
      rowRef: ref,
      articleNo: lines.find((l) => l.articleNo)?.articleNo ?? first?.articleNo ?? '',
      articleName: lines.find((l) => l.articleName)?.articleName ?? '',
      ordered: roundDecimal(sum((l) => l.ordered) / factor),
      previouslyReported: roundDecimal(sum((l) => l.accounted) / factor),
      quantity,
      unitFactor: factor,
      ongoingLines: lines
        .filter((l) => l.toReport > 0)
        .map((l) => ({
          lineId: l.lineId,
          quantity: l.toReport,
          reportedAfter: roundDecimal(l.accounted + l.toReport),
        })),
    };
  });
}

function trackingUrlOf(order: GetOrderModel, packetNo: string): string {
  const tracking = order.tracking ?? [];
  const match = tracking.find((t) => text(t.waybill) === packetNo && text(t.trackingUrl));
  return (
    text(match?.trackingUrl) ??
    text(tracking.find((t) => text(t.trackingUrl))?.trackingUrl) ??
    text(
      (order.parcels ?? []).find((p) => !p.isReturnParcel && text(p.tracking?.trackingUrl))?.tracking?.trackingUrl,
    ) ??
    ''
  );
}

/** The delivery proposal for a shipped Ongoing order. Never throws. */
export function buildDeliveryProposal(
  order: GetOrderModel,
  specterOrderId: string,
  options: DeliveryProposalOptions,
  base: ReportedBase = new Map(),
  unitFactors: ReadonlyMap<string, number> = new Map(),
): ProposalBuild {
  const ongoingId = order.orderInfo?.orderId ?? 0;
  const number = text(order.orderInfo?.orderNumber) ?? String(ongoingId);
  const built = buildDeliverySubmit(order, specterOrderId, { ...options, reportedBase: base, unitFactors });
  const result: ProposalBuild = {
    kind: 'delivery',
    ongoingId,
    number,
    posting: null,
    nothingToReport: built.nothingToReport,
    problems: built.problems,
  };
  const submit: SpecterDeliverySubmit | null = built.submit;
  if (!submit) return result;
  const byId = new Map((order.orderLines ?? []).map((l) => [l.id ?? 0, l]));
  const linesByRef = groupLines(built.lines, (d: DeliveryLineDetail) => {
    const line = byId.get(d.ongoingOrderLineId);
    return {
      ref: d.rowNo,
      line: {
        lineId: d.ongoingOrderLineId,
        articleNo: d.articleNumber,
        articleName: text(line?.article?.articleName) ?? '',
        ordered: finite(line?.orderedNumberOfItems) ?? 0,
        accounted: d.accounted,
        toReport: d.toReport,
        done: d.picked,
      },
    };
  });
  const rows = postingRows(
    submit.rows.map((r) => ({ ref: r.rowNo, quantity: r.noOfItems })),
    linesByRef,
    unitFactors,
  );
  if (rows.length === 0) {
    result.nothingToReport = true;
    return result;
  }
  result.posting = {
    kind: 'delivery',
    idempotencyKey: postingKey('delivery', ongoingId, rows),
    ongoingId,
    specterId: submit.orderId,
    number,
    counterpart: text(order.consignee?.name) ?? '',
    deliveryDate: submit.deliveryDate,
    packetNo: submit.packetNo,
    trackingUrl: trackingUrlOf(order, submit.packetNo),
    sendEmail: submit.sendDeliveryEmail,
    createInvoice: submit.createInvoice,
    rows,
    shippedAt: text(order.orderInfo?.shippedTime) ?? null,
    warehouseStatus: text(order.orderInfo?.orderStatus?.text) ?? null,
    carrier: text(order.transporter?.transporterName) ?? text(order.transporter?.name) ?? null,
  };
  return result;
}

function groupLines<D>(
  details: readonly D[],
  toLine: (d: D) => { ref: string; line: LineForRow },
): Map<string, LineForRow[]> {
  const out = new Map<string, LineForRow[]>();
  for (const d of details) {
    const { ref, line } = toLine(d);
    if (ref === '') continue;
    const list = out.get(ref) ?? [];
    list.push(line);
    out.set(ref, list);
  }
  return out;
}

/** The receipt proposal for an Ongoing purchase order with received lines to report. Never throws. */
export function buildReceiptProposal(
  po: GetPurchaseOrderModel,
  specterPurchaseId: string,
  options: ReceiptProposalOptions,
  base: ReportedBase = new Map(),
): ProposalBuild {
  const ongoingId = po.purchaseOrderInfo?.purchaseOrderId ?? 0;
  const number = text(po.purchaseOrderInfo?.purchaseOrderNumber) ?? String(ongoingId);
  const built = buildReceiptSubmit(po, specterPurchaseId, {
    sendEmail: options.sendEmail,
    fallbackDate: options.fallbackDate,
    today: options.fallbackDate,
    reportedBase: base,
  });
  const result: ProposalBuild = {
    kind: 'receipt',
    ongoingId,
    number,
    posting: null,
    nothingToReport: built.nothingToReport,
    problems: built.problems,
  };
  const submit: SpecterPurchaseDeliverySubmit | null = built.submit;
  if (!submit) return result;
  const byId = new Map((po.purchaseOrderLines ?? []).map((l) => [l.id ?? 0, l]));
  const linesByRef = groupLines(built.lines, (d: ReceiptLineDetail) => {
    const line = byId.get(d.ongoingLineId);
    return {
      ref: d.rowId,
      line: {
        lineId: d.ongoingLineId,
        articleNo: d.articleNumber,
        articleName: text(line?.article?.articleName) ?? '',
        ordered: finite(line?.advisedNumberOfItems) ?? 0,
        accounted: d.accounted,
        toReport: d.toReport,
        done: d.received,
      },
    };
  });
  const rows = postingRows(
    submit.rows.map((r) => ({ ref: r.rowId, quantity: r.noOfItems })),
    linesByRef,
    new Map(),
  );
  if (rows.length === 0) {
    result.nothingToReport = true;
    return result;
  }
  result.posting = {
    kind: 'receipt',
    idempotencyKey: postingKey('receipt', ongoingId, rows),
    ongoingId,
    specterId: submit.orderId,
    number,
    counterpart: text(po.supplierInfo?.supplierName) ?? '',
    deliveryDate: submit.deliveryDate,
    packetNo: '',
    trackingUrl: '',
    sendEmail: submit.sendEmail,
    createInvoice: false,
    rows,
    shippedAt: text(po.purchaseOrderInfo?.advanced?.arrivalDate) ?? null,
    warehouseStatus: text(po.purchaseOrderInfo?.purchaseOrderStatus?.text) ?? null,
  };
  return result;
}

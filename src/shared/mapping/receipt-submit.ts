/**
 * Ongoing purchase order (GET /purchaseOrders/{id}, GetPurchaseOrderModel) → Specter purchase
 * delivery submit proposal.
 *
 * The proposal is what the operator confirms before anything is written to Specter.
 *
 * How rows are found again: purchase-orders.ts sends each Specter row with rowNumber =
 * externalOrderLineId = Specter row id, and Ongoing returns both unchanged on
 * GetPurchaseOrderLine. Specter's purchase delivery submit reports rows by row id, so the row id is
 * read from externalOrderLineId (from rowNumber, with a warning, when a line lacks it).
 *
 * Rules:
 * - Number of items per row = received − already reported (receivedNumberOfItems −
 *   reportedNumberOfItems, a missing reported count being 0). Only rows with more than 0 to report
 *   are in the submit; Ongoing lines with the same Specter row id are added together.
 * - Order id: Specter's purchase id, passed in by the caller.
 * - Delivery date: Ongoing's purchase order has no delivery date. The latest actual put-away date
 *   (purchaseOrderLines[].articleItems[].inDate, when the goods were received) is used; else the
 *   arrival date (purchaseOrderInfo.advanced.arrivalDate); else the in date (the expected arrival);
 *   else the caller's fallback date (normally today); all as calendar dates in Swedish time.
 * - Send delivery email comes from the operator's options.
 */
import type { SpecterPurchaseDeliverySubmit } from '../domain/specter';
import type { GetPurchaseOrderLine, GetPurchaseOrderModel } from '../ongoing/models';
import {
  DEFAULT_TIME_ZONE,
  finite,
  hasErrors,
  isIsoDate,
  type MappingProblem,
  type MappingRow,
  type MappingTable,
  ongoingDateToLocalDate,
  roundDecimal,
  text,
} from './core';
import { dateProblem, lineRemaining, readOngoingCount } from './report-quantities';

export interface ReceiptSubmitOptions {
  /** Ask Specter to send its purchase delivery e-mail. */
  sendEmail: boolean;
  /** Used as the delivery date when Ongoing has neither arrival date nor in date (yyyy-MM-dd). */
  fallbackDate?: string;
  /** Time zone for turning Ongoing's UTC times into dates; Europe/Stockholm unless given. */
  timeZone?: string;
  /** Per Ongoing purchase order line id: the reported count postings on their way will set (see delivery-submit). */
  reportedBase?: ReadonlyMap<number, number>;
  /** Today (yyyy-MM-dd): delivery dates more than a year ahead are refused. */
  today?: string;
}

export interface ReceiptSource {
  purchaseOrder: GetPurchaseOrderModel;
  specterPurchaseId: string;
  options: ReceiptSubmitOptions;
}

export interface ReceiptLineSource {
  line: GetPurchaseOrderLine;
}

/** One Ongoing purchase order line as the operator sees it in the proposal. */
export interface ReceiptLineDetail {
  /** Ongoing's purchase order line id (for PATCH …/lines/{id}/reportedNumberOfItems afterwards). */
  ongoingLineId: number;
  /** Specter row id ('' when the line has none). */
  rowId: string;
  articleNumber: string;
  received: number;
  reported: number;
  /** max(reported, what postings on their way will set reported to). */
  accounted: number;
  /** received − accounted, never below 0. */
  toReport: number;
}

export interface ReceiptSubmitProposal {
  ongoingPurchaseOrderId: number;
  purchaseOrderNumber: string;
  /** The submit to send; null when there are errors or nothing to report. */
  submit: SpecterPurchaseDeliverySubmit | null;
  nothingToReport: boolean;
  lines: ReceiptLineDetail[];
  problems: MappingProblem[];
}

/** Received − reported for one line, never below 0. */
export function receivedToReport(
  line: Pick<GetPurchaseOrderLine, 'receivedNumberOfItems' | 'reportedNumberOfItems'>,
): number {
  const received = finite(line.receivedNumberOfItems) ?? 0;
  const reported = finite(line.reportedNumberOfItems) ?? 0;
  return Math.max(0, roundDecimal(received - reported));
}

/** The Specter row id of a line: externalOrderLineId, else rowNumber (both hold it). */
export function specterRowIdOf(line: Pick<GetPurchaseOrderLine, 'externalOrderLineId' | 'rowNumber'>) {
  return text(line.externalOrderLineId) ?? text(line.rowNumber);
}

/** The latest actual put-away date (yyyy-MM-dd) of the received items; undefined when none has one. */
export function latestPutAwayDate(purchaseOrder: GetPurchaseOrderModel, timeZone: string): string | undefined {
  let latest: string | undefined;
  for (const line of purchaseOrder.purchaseOrderLines ?? []) {
    for (const item of line.articleItems ?? []) {
      const date = ongoingDateToLocalDate(item.inDate, timeZone);
      if (date !== undefined && (latest === undefined || date > latest)) latest = date;
    }
  }
  return latest;
}

/** Delivery date (yyyy-MM-dd): latest put-away date, else arrival date, else in date, else the fallback. */
export function receiptDateOf(
  purchaseOrder: GetPurchaseOrderModel,
  options: Pick<ReceiptSubmitOptions, 'fallbackDate' | 'timeZone'>,
): string | undefined {
  const zone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const fallback = text(options.fallbackDate);
  return (
    latestPutAwayDate(purchaseOrder, zone) ??
    ongoingDateToLocalDate(purchaseOrder.purchaseOrderInfo?.advanced?.arrivalDate, zone) ??
    ongoingDateToLocalDate(purchaseOrder.purchaseOrderInfo?.inDate, zone) ??
    (fallback !== undefined && isIsoDate(fallback) ? fallback : undefined)
  );
}

export const RECEIPT_ROWS: MappingRow<ReceiptSource>[] = [
  {
    spec: 'In order info ⇒ Goods owner order number',
    specter: 'Order id',
    source: 'purchaseOrderInfo.purchaseOrderNumber (Specter purchase no); Specter purchase id passed in',
    target: 'orderId',
    rule:
      "The submit's order id carries Ongoing's goods owner order number, i.e. Specter's purchase no, as the spec maps it " +
      "(wire.ts SUBMIT_ORDER_ID_CARRIES); Specter's purchase id is kept to read the purchase back.",
    apply: (s) => text(s.specterPurchaseId),
  },
  {
    spec: 'In order info ⇒ Delivery date',
    specter: 'Delivery date',
    source:
      'latest purchaseOrderLines[].articleItems[].inDate (else purchaseOrderInfo.advanced.arrivalDate, else ' +
      'purchaseOrderInfo.inDate, else fallback date)',
    target: 'deliveryDate',
    rule:
      "Ongoing's purchase order has no delivery date: the latest actual put-away date of the received items is used " +
      '(when the goods really came in), else the arrival date, else the in date (the expected arrival), else the ' +
      "caller's fallback (today); as a calendar date in Swedish time.",
    apply: (s) => receiptDateOf(s.purchaseOrder, s.options),
  },
  {
    spec: 'Options ⇒ Send purchase delivery email',
    specter: 'Send delivery email',
    source: 'options.sendEmail',
    target: 'sendEmail',
    rule: "The operator's choice when confirming the receipt.",
    apply: (s) => s.options.sendEmail === true,
  },
];

export const RECEIPT_LINE_ROWS: MappingRow<ReceiptLineSource>[] = [
  {
    spec: 'Order line ⇒ Received number of items',
    specter: 'No of items',
    source: 'purchaseOrderLines[].receivedNumberOfItems − purchaseOrderLines[].reportedNumberOfItems',
    target: 'noOfItems',
    rule: 'Received items not yet reported (received − reported); rows with nothing to report are left out.',
    apply: (s) => receivedToReport(s.line),
  },
  {
    spec: 'Order line ⇒ External order line id',
    specter: 'Row id',
    source: 'purchaseOrderLines[].externalOrderLineId (else rowNumber)',
    target: 'rowId',
    rule: 'The Specter row id that purchase-orders.ts stored in externalOrderLineId (and rowNumber), returned unchanged by Ongoing.',
    apply: (s) => specterRowIdOf(s.line),
  },
];

export const RECEIPT_TABLE: MappingTable<ReceiptSource, ReceiptLineSource> = {
  flow: 'receipt-submit',
  title: 'Inbound delivery (purchase delivery submit)',
  direction: 'Ongoing purchase order (GetPurchaseOrderModel, received) → Specter purchase delivery submit',
  arrow: '→',
  notes: [
    'Rows are reported by Specter row id, read back from GetPurchaseOrderLine.externalOrderLineId.',
    'Quantities are received − reported, so a second receipt of the same purchase reports only what is new.',
    'The result is a proposal; it is sent only after the operator confirms it.',
  ],
  header: RECEIPT_ROWS,
  lines: { path: 'rows', each: 'each Ongoing purchase order line with something to report', rows: RECEIPT_LINE_ROWS },
};

function recordName(po: GetPurchaseOrderModel): string {
  const no = text(po.purchaseOrderInfo?.purchaseOrderNumber);
  const id = po.purchaseOrderInfo?.purchaseOrderId;
  return `Ongoing purchase order ${no ?? '(no number)'}${typeof id === 'number' ? ` (id ${id})` : ''}`;
}

/** Builds the purchase delivery submit proposal for an Ongoing purchase order. Never throws. */
export function buildReceiptSubmit(
  purchaseOrder: GetPurchaseOrderModel,
  specterPurchaseId: string,
  options: ReceiptSubmitOptions,
): ReceiptSubmitProposal {
  const record = recordName(purchaseOrder);
  const problems: MappingProblem[] = [];
  const src: ReceiptSource = { purchaseOrder, specterPurchaseId, options };
  const header = Object.fromEntries(RECEIPT_ROWS.map((row) => [row.target, row.apply(src)])) as Record<string, unknown>;

  const orderId = header.orderId as string | undefined;
  if (orderId === undefined) {
    problems.push({
      record,
      field: 'orderId',
      message: `${record}: the Specter purchase id is missing. Sync purchase orders again so its Specter id is known, then retry.`,
      severity: 'error',
    });
  }
  const deliveryDate = header.deliveryDate as string | undefined;
  if (deliveryDate === undefined) {
    problems.push({
      record,
      field: 'purchaseOrderInfo.advanced.arrivalDate',
      message: `${record} has no arrival date or in date, and no fallback date was given. Enter the receipt date, then retry.`,
      severity: 'error',
    });
  }

  if (deliveryDate !== undefined) {
    const problem = dateProblem(deliveryDate, options.today, {
      record,
      field: 'purchaseOrderInfo.advanced.arrivalDate',
      number: text(purchaseOrder.purchaseOrderInfo?.purchaseOrderNumber) ?? '',
    });
    if (problem) problems.push(problem);
  }

  const lines: ReceiptLineDetail[] = [];
  const byRowId = new Map<string, number>();
  (purchaseOrder.purchaseOrderLines ?? []).forEach((line, index) => {
    const rowId = specterRowIdOf(line) ?? '';
    const articleNumber = text(line.article?.articleNumber) ?? '';
    const lineName = `line ${text(line.rowNumber) ?? `#${index + 1}`}${articleNumber ? ` (article ${articleNumber})` : ''}`;
    const where = {
      record,
      line: lineName,
      number: text(purchaseOrder.purchaseOrderInfo?.purchaseOrderNumber) ?? '',
      row: text(line.rowNumber) ?? `#${index + 1}`,
    };
    const receivedRead = readOngoingCount(line.receivedNumberOfItems, {
      ...where,
      field: `purchaseOrderLines[${index}].receivedNumberOfItems`,
      label: 'received number of items',
    });
    const reportedRead = readOngoingCount(line.reportedNumberOfItems, {
      ...where,
      field: `purchaseOrderLines[${index}].reportedNumberOfItems`,
      label: 'reported number of items',
    });
    if (receivedRead.problem || reportedRead.problem) {
      for (const r of [receivedRead, reportedRead]) if (r.problem) problems.push(r.problem);
      return;
    }
    const received = receivedRead.value;
    const reported = reportedRead.value;
    const lineId = line.id ?? 0;
    const accounted = Math.max(reported, options.reportedBase?.get(lineId) ?? 0);
    const toReport = lineRemaining(received, reported, options.reportedBase?.get(lineId));
    lines.push({ ongoingLineId: lineId, rowId, articleNumber, received, reported, accounted, toReport });
    if (reported > received) {
      problems.push({
        record,
        field: `purchaseOrderLines[${index}].reportedNumberOfItems`,
        message: `${record}, ${lineName}: ${reported} reported but only ${received} received. Nothing is reported for this line; check it in Ongoing.`,
        severity: 'warning',
      });
    }
    if (toReport <= 0) return;
    if (rowId === '') {
      problems.push({
        record,
        field: `purchaseOrderLines[${index}].externalOrderLineId`,
        message:
          `${record}, ${lineName}: ${toReport} received but the line has no Specter row id (externalOrderLineId), so ` +
          'Specter cannot be told which row arrived. The line was probably added in Ongoing; report it in Specter by hand.',
        severity: 'error',
      });
      return;
    }
    if (text(line.externalOrderLineId) === undefined) {
      problems.push({
        record,
        field: `purchaseOrderLines[${index}].externalOrderLineId`,
        message: `${record}, ${lineName}: no externalOrderLineId; the row number ${rowId} is used as the Specter row id. Check the row in Specter after the receipt.`,
        severity: 'warning',
      });
    }
    byRowId.set(rowId, roundDecimal((byRowId.get(rowId) ?? 0) + toReport));
  });

  const rows = [...byRowId].map(([rowId, noOfItems]) => ({ rowId, noOfItems }));
  const nothingToReport = rows.length === 0;
  const submit: SpecterPurchaseDeliverySubmit | null =
    hasErrors(problems) || nothingToReport
      ? null
      : {
          orderId: orderId!,
          purchaseNo: text(purchaseOrder.purchaseOrderInfo?.purchaseOrderNumber) ?? '',
          reference: '',
          deliveryDate: deliveryDate!,
          rows,
          sendEmail: header.sendEmail as boolean,
        };

  return {
    ongoingPurchaseOrderId: purchaseOrder.purchaseOrderInfo?.purchaseOrderId ?? 0,
    purchaseOrderNumber: text(purchaseOrder.purchaseOrderInfo?.purchaseOrderNumber) ?? '',
    submit,
    nothingToReport,
    lines,
    problems,
  };
}

/**
 * Ongoing order (GET /orders/{id}, GetOrderModel) → Specter delivery submit proposal.
 *
 * The proposal is what the operator confirms before anything is written to Specter.
 *
 * How rows are found again: orders.ts sends each Specter row with rowNumber = Specter row id and
 * externalId = Specter row no, and Ongoing returns both unchanged on GetOrderLine. Specter's
 * delivery submit reports rows by row no, so the row no is read from GetOrderLine.externalId.
 *
 * Rules:
 * - Number of items per row = picked − already reported (GetOrderLine.pickedNumberOfItems −
 *   reportedNumberOfItems, a missing reported count being 0). Only rows with more than 0 to report
 *   are in the submit. Ongoing lines that carry the same Specter row no are added together.
 * - Order id: Specter's internal order id, passed in by the caller (it was stored when the order
 *   was sent). Ongoing's order number is Specter's order number; when Ongoing also has the Specter
 *   order id (orderInfo.goodsOwnerOrderId, set by orders.ts) and it differs, the proposal is refused.
 * - Delivery date: orderInfo.deliveryDate as a calendar date in Swedish time (Ongoing answers in
 *   UTC); when it is missing, the date of orderInfo.shippedTime.
 * - Packet no: orderInfo.wayBill; else the first waybill in tracking[]; else the first outgoing
 *   parcel number. Empty when Ongoing has none.
 * - Send delivery email and create invoice come from the operator's options.
 */
import type { SpecterDeliverySubmit } from '../domain/specter';
import type { GetOrderLine, GetOrderModel } from '../ongoing/models';
import {
  DEFAULT_TIME_ZONE,
  finite,
  firstText,
  hasErrors,
  type MappingProblem,
  type MappingRow,
  type MappingTable,
  ongoingDateToLocalDate,
  roundDecimal,
  text,
} from './core';
import { dateProblem, lineRemaining, readOngoingCount, toSpecterUnit } from './report-quantities';

export interface DeliverySubmitOptions {
  /** Ask Specter to e-mail the customer about the delivery. */
  sendDeliveryEmail: boolean;
  /** Ask Specter to invoice the delivered quantities. */
  createInvoice: boolean;
  /** Time zone for turning Ongoing's UTC times into dates; Europe/Stockholm unless given. */
  timeZone?: string;
  /**
   * Per Ongoing order line id: what is already accounted for beyond Ongoing's reported count (the
   * reported count postings on their way to Specter will set). Lines report done − max(reported, base).
   */
  reportedBase?: ReadonlyMap<number, number>;
  /** Per Specter row no: the second quantity factor (no items2) the row was sent to Ongoing with. */
  unitFactors?: ReadonlyMap<string, number>;
  /** Today (yyyy-MM-dd): delivery dates more than a year ahead are refused. */
  today?: string;
}

/** What the header rows read. */
export interface DeliverySource {
  order: GetOrderModel;
  specterOrderId: string;
  options: DeliverySubmitOptions;
}

/** What the row rows read: one Ongoing order line. */
export interface DeliveryLineSource {
  line: GetOrderLine;
}

/** One Ongoing order line as the operator sees it in the proposal. */
export interface DeliveryLineDetail {
  /** Ongoing's order line id (for PATCH …/lines/{id}/reportedNumberOfItems afterwards). */
  ongoingOrderLineId: number;
  /** Ongoing rowNumber = Specter row id. */
  rowNumber: string;
  /** Specter row no, read from externalId ('' when the line has none). */
  rowNo: string;
  articleNumber: string;
  picked: number;
  reported: number;
  /** max(reported, what postings on their way will set reported to). */
  accounted: number;
  /** picked − accounted, never below 0 (Ongoing's unit). */
  toReport: number;
}

export interface DeliverySubmitProposal {
  ongoingOrderId: number;
  orderNumber: string;
  /** The submit to send; null when there are errors or nothing to report. */
  submit: SpecterDeliverySubmit | null;
  /** True when no row has anything left to report. */
  nothingToReport: boolean;
  lines: DeliveryLineDetail[];
  problems: MappingProblem[];
}

/** Picked − reported for one line, never below 0. */
export function lineToReport(line: Pick<GetOrderLine, 'pickedNumberOfItems' | 'reportedNumberOfItems'>): number {
  const picked = finite(line.pickedNumberOfItems) ?? 0;
  const reported = finite(line.reportedNumberOfItems) ?? 0;
  return Math.max(0, roundDecimal(picked - reported));
}

/** The packet (tracking) number: waybill, else first tracking waybill, else first outgoing parcel number. */
export function packetNumber(order: GetOrderModel): string | undefined {
  const trackingWaybills = (order.tracking ?? []).map((t) => t.waybill);
  const parcelNumbers = (order.parcels ?? []).filter((p) => !p.isReturnParcel).map((p) => p.parcelNumber);
  return firstText(order.orderInfo?.wayBill, ...trackingWaybills, ...parcelNumbers);
}

/** Delivery date (yyyy-MM-dd): orderInfo.deliveryDate, else the date of orderInfo.shippedTime. */
export function deliveryDateOf(order: GetOrderModel, timeZone: string = DEFAULT_TIME_ZONE): string | undefined {
  return (
    ongoingDateToLocalDate(order.orderInfo?.deliveryDate, timeZone) ??
    ongoingDateToLocalDate(order.orderInfo?.shippedTime, timeZone)
  );
}

export const DELIVERY_ROWS: MappingRow<DeliverySource>[] = [
  {
    spec: 'Order info ⇒ Goods owner order number',
    specter: 'Order id',
    source:
      'orderInfo.orderNumber (Specter order number); Specter order id passed in, checked against orderInfo.goodsOwnerOrderId',
    target: 'orderId',
    rule:
      "The submit's order id carries Ongoing's goods owner order number, i.e. Specter's order number, as the spec maps it " +
      "(wire.ts SUBMIT_ORDER_ID_CARRIES). Specter's internal order id is kept to read the order back; when Ongoing holds " +
      'it (goodsOwnerOrderId) and it differs, nothing is proposed.',
    apply: (s) => text(s.specterOrderId),
  },
  {
    spec: 'Order info ⇒ Delivery date',
    specter: 'Delivery date',
    source: 'orderInfo.deliveryDate (else orderInfo.shippedTime)',
    target: 'deliveryDate',
    rule: "Calendar date (yyyy-MM-dd) in Swedish time of Ongoing's UTC delivery date; the shipped time's date when missing.",
    apply: (s) => deliveryDateOf(s.order, s.options.timeZone),
  },
  {
    spec: 'Order line ⇒ Waybill',
    specter: 'Packet no',
    source: 'orderInfo.wayBill / tracking[].waybill / parcels[].parcelNumber',
    target: 'packetNo',
    rule: 'The waybill; else the first tracking waybill; else the first outgoing parcel number; empty when none.',
    apply: (s) => packetNumber(s.order),
  },
  {
    spec: 'Options ⇒ Send delivery email',
    specter: 'Send delivery email',
    source: 'options.sendDeliveryEmail',
    target: 'sendDeliveryEmail',
    rule: "The operator's choice when confirming the delivery.",
    apply: (s) => s.options.sendDeliveryEmail === true,
  },
  {
    spec: null,
    specter: 'Create invoice',
    source: 'options.createInvoice',
    target: 'createInvoice',
    rule: 'The operator\'s choice ("It is possible in this step to create an invoice"); the invoice holds the delivered quantities.',
    apply: (s) => s.options.createInvoice === true,
  },
];

export const DELIVERY_LINE_ROWS: MappingRow<DeliveryLineSource>[] = [
  {
    spec: 'Order line ⇒ Picked number of items',
    specter: 'No of items',
    source: '(orderLines[].pickedNumberOfItems − orderLines[].reportedNumberOfItems) ÷ no items2',
    target: 'noOfItems',
    rule:
      "Picked items not yet reported (picked − reported, and not already in a posting on its way), in Specter's unit: " +
      "divided by the row's no items2 where the order line was sent as no items × no items2; a count that is not a whole " +
      'multiple holds the proposal back. A picked count that is not a number of 0 or more makes the order invalid.',
    apply: (s) => lineToReport(s.line),
  },
  {
    spec: 'Order line ⇒ External order line code',
    specter: 'Row no',
    source: 'orderLines[].externalId',
    target: 'rowNo',
    rule: 'The Specter row no that orders.ts stored in externalId, returned unchanged by Ongoing.',
    apply: (s) => text(s.line.externalId),
  },
];

export const DELIVERY_TABLE: MappingTable<DeliverySource, DeliveryLineSource> = {
  flow: 'delivery-submit',
  title: 'Outbound delivery (delivery submit)',
  direction: 'Ongoing order (GetOrderModel, status Sent/Collected) → Specter delivery submit',
  arrow: '→',
  notes: [
    'Rows are reported by Specter row no, read back from GetOrderLine.externalId.',
    'Quantities are picked − reported, so a second delivery of the same order reports only what is new.',
    "The posting's idempotency key travels as the delivery's reference text (wire.ts PARAM.reference), so a send without a clear answer is matched to its delivery.",
    'After Specter accepts, Ongoing is acknowledged per line (PATCH …/lines/{id}/reportedNumberOfItems) with the absolute count the posting carried.',
    'The result is a proposal; it is sent only after the operator confirms it.',
  ],
  header: DELIVERY_ROWS,
  lines: { path: 'rows', each: 'each Ongoing order line with something to report', rows: DELIVERY_LINE_ROWS },
};

/** The record name used in problems, e.g. 'Ongoing order 1001 (id 77)'. */
function recordName(order: GetOrderModel): string {
  const no = text(order.orderInfo?.orderNumber);
  const id = order.orderInfo?.orderId;
  return `Ongoing order ${no ?? '(no number)'}${typeof id === 'number' ? ` (id ${id})` : ''}`;
}

/** Builds the delivery submit proposal for an Ongoing order. Never throws. */
export function buildDeliverySubmit(
  order: GetOrderModel,
  specterOrderId: string,
  options: DeliverySubmitOptions,
): DeliverySubmitProposal {
  const record = recordName(order);
  const problems: MappingProblem[] = [];
  const src: DeliverySource = { order, specterOrderId, options };
  const header = Object.fromEntries(DELIVERY_ROWS.map((row) => [row.target, row.apply(src)])) as Record<
    string,
    unknown
  >;

  const orderId = header.orderId as string | undefined;
  if (orderId === undefined) {
    problems.push({
      record,
      field: 'orderId',
      message: `${record}: the Specter order id is missing. Sync orders again so the order's Specter id is known, then retry.`,
      severity: 'error',
    });
  }
  const ongoingSpecterId = text(order.orderInfo?.goodsOwnerOrderId);
  if (orderId !== undefined && ongoingSpecterId !== undefined && ongoingSpecterId !== orderId) {
    problems.push({
      record,
      field: 'orderInfo.goodsOwnerOrderId',
      message:
        `${record} belongs to Specter order id ${ongoingSpecterId}, not ${orderId}. ` +
        'Check which Specter order this Ongoing order was created from before reporting the delivery.',
      severity: 'error',
    });
  }
  const deliveryDate = header.deliveryDate as string | undefined;
  if (deliveryDate === undefined) {
    problems.push({
      record,
      field: 'orderInfo.deliveryDate',
      message: `${record} has neither a delivery date nor a shipped time. Set the delivery date in Ongoing, then retry.`,
      severity: 'error',
    });
  }

  if (deliveryDate !== undefined) {
    const problem = dateProblem(deliveryDate, options.today, {
      record,
      field: 'orderInfo.deliveryDate',
      number: text(order.orderInfo?.orderNumber) ?? '',
    });
    if (problem) problems.push(problem);
  }

  const lines: DeliveryLineDetail[] = [];
  const byRowNo = new Map<string, number>();
  (order.orderLines ?? []).forEach((line, index) => {
    const rowNo = text(line.externalId) ?? '';
    const articleNumber = text(line.article?.articleNumber) ?? '';
    const lineName = `line ${text(line.rowNumber) ?? `#${index + 1}`}${articleNumber ? ` (article ${articleNumber})` : ''}`;
    const where = {
      record,
      line: lineName,
      number: text(order.orderInfo?.orderNumber) ?? '',
      row: text(line.rowNumber) ?? `#${index + 1}`,
    };
    const pickedRead = readOngoingCount(line.pickedNumberOfItems, {
      ...where,
      field: `orderLines[${index}].pickedNumberOfItems`,
      label: 'picked number of items',
    });
    const reportedRead = readOngoingCount(line.reportedNumberOfItems, {
      ...where,
      field: `orderLines[${index}].reportedNumberOfItems`,
      label: 'reported number of items',
    });
    if (pickedRead.problem || reportedRead.problem) {
      for (const r of [pickedRead, reportedRead]) if (r.problem) problems.push(r.problem);
      return;
    }
    const picked = pickedRead.value;
    const reported = reportedRead.value;
    const lineId = line.id ?? 0;
    const accounted = Math.max(reported, options.reportedBase?.get(lineId) ?? 0);
    const toReport = lineRemaining(picked, reported, options.reportedBase?.get(lineId));
    lines.push({
      ongoingOrderLineId: lineId,
      rowNumber: text(line.rowNumber) ?? '',
      rowNo,
      articleNumber,
      picked,
      reported,
      accounted,
      toReport,
    });
    if (reported > picked) {
      problems.push({
        record,
        field: `orderLines[${index}].reportedNumberOfItems`,
        message: `${record}, ${lineName}: ${reported} reported but only ${picked} picked. Nothing is reported for this line; check it in Ongoing.`,
        severity: 'warning',
      });
    }
    if (toReport <= 0) return;
    if (rowNo === '') {
      problems.push({
        record,
        field: `orderLines[${index}].externalId`,
        message:
          `${record}, ${lineName}: ${toReport} picked but the line has no Specter row no (externalId), so Specter ` +
          'cannot be told which row was delivered. The line was probably added in Ongoing; report it in Specter by hand.',
        severity: 'error',
      });
      return;
    }
    byRowNo.set(rowNo, roundDecimal((byRowNo.get(rowNo) ?? 0) + toReport));
  });

  const rows: SpecterDeliverySubmit['rows'] = [];
  for (const [rowNo, count] of byRowNo) {
    const factor = options.unitFactors?.get(rowNo) ?? 1;
    const converted = toSpecterUnit(count, factor, {
      record,
      row: `row no ${rowNo}`,
      verb: 'picked',
      number: text(order.orderInfo?.orderNumber) ?? '',
      rowNo,
    });
    if (converted.problem) problems.push(converted.problem);
    else rows.push({ rowNo, noOfItems: converted.value });
  }
  const nothingToReport = byRowNo.size === 0;
  const submit: SpecterDeliverySubmit | null =
    hasErrors(problems) || nothingToReport
      ? null
      : {
          orderId: orderId!,
          orderNo: text(order.orderInfo?.orderNumber) ?? '',
          reference: '',
          deliveryDate: deliveryDate!,
          rows,
          packetNo: (header.packetNo as string | undefined) ?? '',
          sendDeliveryEmail: header.sendDeliveryEmail as boolean,
          createInvoice: header.createInvoice as boolean,
        };

  return {
    ongoingOrderId: order.orderInfo?.orderId ?? 0,
    orderNumber: text(order.orderInfo?.orderNumber) ?? '',
    submit,
    nothingToReport,
    lines,
    problems,
  };
}

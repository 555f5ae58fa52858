/**
 * What differs between outbound deliveries and inbound receipts: where Ongoing keeps what is to be
 * reported, how Specter is told, how Specter's state is read back, and how Ongoing is acknowledged.
 */
import { deliverySubmitOf, receiptSubmitOf } from '../../../shared/domain/posting-submit';
import type { Posting, PostingKind } from '../../../shared/domain/postings';
import type { JobName } from '../../../shared/domain/sync';
import { text, unitFactorOf } from '../../../shared/mapping';
import type { Settings } from '../../../shared/settings';
import type { SyncDeps } from '../sync/deps';
import { orderState, purchaseState, type SpecterRowsState } from './in-doubt';
import { buildDeliveryProposal, buildReceiptProposal, type ProposalBuild, type ReportedBase } from './proposals';

/** An Ongoing record with something to report. */
export interface Candidate {
  ongoingId: number;
  number: string;
  /** The Specter id Ongoing itself holds (orders: goodsOwnerOrderId), used when no synced record links it. */
  specterIdInOngoing: string | undefined;
  /** The warehouse status Ongoing showed when the candidate was read (kept on the record for the Orders page). */
  status: { number: number; text: string } | null;
  /**
   * The proposal, given the Specter id, the reported counts postings on their way will set, and Specter's
   * second quantity factor per row (from unitFactors).
   */
  build(specterId: string, base: ReportedBase, unitFactors: ReadonlyMap<string, number>): ProposalBuild;
}

/** One Ongoing line's acknowledgement: set its reported count to this absolute value. */
export interface LineAck {
  lineId: number;
  reportedAfter: number;
}

export interface SubmitResult {
  id: string;
  message: string;
  invoiceId?: string;
}

export interface KindAdapter {
  kind: PostingKind;
  /** Job (and exception flow) that handles this kind. */
  flow: Extract<JobName, 'deliveries' | 'receipts'>;
  recordFlow: 'orders' | 'purchaseOrders';
  /** 'delivery' / 'receipt' for messages. */
  noun: string;
  /** 'order' / 'purchase' (Specter's record). */
  specterRecord: string;
  /** 'picked' / 'received' */
  verb: string;
  candidates(settings: Settings, today: string): Promise<Candidate[]>;
  readSpecter(specterId: string): Promise<SpecterRowsState | null>;
  /** Specter's second quantity factor per row ref (deliveries: no items2 per row no; receipts: none). */
  unitFactors(specterId: string): Promise<ReadonlyMap<string, number>>;
  payload(posting: Posting): unknown;
  submit(posting: Posting): Promise<SubmitResult>;
  /** Ongoing's reported count per line id now. */
  readOngoingReported(ongoingId: number): Promise<Map<number, number>>;
  /** Set each line's reported count to its absolute value. */
  acknowledgeLine(ongoingId: number, line: LineAck): Promise<void>;
  autoConfirm(settings: Settings): boolean;
}

/** Ongoing's status of an order or purchase order; null when it has no number. */
export function statusOf(status: { number?: number; text?: string | null } | null | undefined) {
  return typeof status?.number === 'number' ? { number: status.number, text: status.text ?? '' } : null;
}

export function deliveryAdapter(deps: SyncDeps): KindAdapter {
  return {
    kind: 'delivery',
    flow: 'deliveries',
    recordFlow: 'orders',
    noun: 'delivery',
    specterRecord: 'order',
    verb: 'picked',
    async candidates(settings, today) {
      const shipped = new Set(settings.sync.shippedStatuses);
      const numbers = [...shipped];
      const orders = await deps.clients.ongoing().queryOrders({
        onlyOrdersWithOrderLinesToReport: true,
        orderStatusFrom: Math.min(...numbers),
        orderStatusTo: Math.max(...numbers),
      });
      const options = {
        sendDeliveryEmail: settings.sync.sendDeliveryEmail,
        createInvoice: settings.sync.createInvoice,
      };
      return orders
        .filter((o) => shipped.has(o.orderInfo?.orderStatus?.number ?? Number.NaN))
        .map((order) => ({
          ongoingId: order.orderInfo?.orderId ?? 0,
          number: text(order.orderInfo?.orderNumber) ?? String(order.orderInfo?.orderId ?? ''),
          specterIdInOngoing: text(order.orderInfo?.goodsOwnerOrderId),
          status: statusOf(order.orderInfo?.orderStatus),
          build: (specterId, base, factors) =>
            buildDeliveryProposal(order, specterId, { ...options, today }, base, factors),
        }));
    },
    async readSpecter(specterId) {
      const order = await deps.clients.specter().getOrder(specterId);
      return order ? orderState(order) : null;
    },
    async unitFactors(specterId) {
      const order = specterId ? await deps.clients.specter().getOrder(specterId) : null;
      return new Map((order?.rows ?? []).map((row) => [row.rowNo, unitFactorOf(row.noOfItems2)]));
    },
    payload: (posting) => deliverySubmitOf(posting),
    async submit(posting) {
      const result = await deps.clients.specter().submitDelivery(deliverySubmitOf(posting));
      return { id: result.id, message: result.message, invoiceId: result.invoiceId };
    },
    async readOngoingReported(ongoingId) {
      const order = await deps.clients.ongoing().getOrder(ongoingId);
      return new Map((order.orderLines ?? []).map((l) => [l.id ?? 0, l.reportedNumberOfItems ?? 0]));
    },
    async acknowledgeLine(ongoingId, line) {
      await deps.clients.ongoing().setOrderLineReported(ongoingId, line.lineId, line.reportedAfter);
    },
    autoConfirm: (settings) => settings.sync.autoConfirm.deliveries,
  };
}

export function receiptAdapter(deps: SyncDeps): KindAdapter {
  return {
    kind: 'receipt',
    flow: 'receipts',
    recordFlow: 'purchaseOrders',
    noun: 'receipt',
    specterRecord: 'purchase',
    verb: 'received',
    async candidates(settings, today) {
      const purchaseOrders = await deps.clients.ongoing().queryPurchaseOrders({
        onlyPurchaseOrdersWithOrderLinesToReport: true,
      });
      const options = { sendEmail: settings.sync.sendReceiptEmail, fallbackDate: today };
      return purchaseOrders.map((po) => ({
        ongoingId: po.purchaseOrderInfo?.purchaseOrderId ?? 0,
        number: text(po.purchaseOrderInfo?.purchaseOrderNumber) ?? String(po.purchaseOrderInfo?.purchaseOrderId ?? ''),
        specterIdInOngoing: undefined,
        status: statusOf(po.purchaseOrderInfo?.purchaseOrderStatus),
        build: (specterId, base) => buildReceiptProposal(po, specterId, options, base),
      }));
    },
    async readSpecter(specterId) {
      const purchase = await deps.clients.specter().getPurchase(specterId);
      return purchase ? purchaseState(purchase) : null;
    },
    async unitFactors() {
      return new Map();
    },
    payload: (posting) => receiptSubmitOf(posting),
    async submit(posting) {
      const result = await deps.clients.specter().submitPurchaseDelivery(receiptSubmitOf(posting));
      return { id: result.id, message: result.message };
    },
    async readOngoingReported(ongoingId) {
      const po = await deps.clients.ongoing().getPurchaseOrder(ongoingId);
      return new Map((po.purchaseOrderLines ?? []).map((l) => [l.id ?? 0, l.reportedNumberOfItems ?? 0]));
    },
    async acknowledgeLine(ongoingId, line) {
      await deps.clients.ongoing().setPurchaseOrderLineReported(ongoingId, line.lineId, line.reportedAfter);
    },
    autoConfirm: (settings) => settings.sync.autoConfirm.receipts,
  };
}

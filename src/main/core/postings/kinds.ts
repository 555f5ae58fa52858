/**
 * What differs between outbound deliveries and inbound receipts: where Ongoing keeps what is to be
 * reported, how Specter is told, how Specter's state is read back, and how Ongoing is acknowledged.
 */
import { deliverySubmitOf, receiptSubmitOf } from '../../../shared/domain/posting-submit';
import type { Posting, PostingKind } from '../../../shared/domain/postings';
import type { JobName } from '../../../shared/domain/sync';
import { text } from '../../../shared/mapping';
import type { Settings } from '../../../shared/settings';
import type { SyncDeps } from '../sync/deps';
import { orderState, purchaseState, type SpecterRowsState } from './in-doubt';
import {
  buildDeliveryProposal,
  buildReceiptProposal,
  orderToReport,
  type ProposalBuild,
  purchaseOrderToReport,
  type RowQuantities,
} from './proposals';

/** An Ongoing record with something to report. */
export interface Candidate {
  ongoingId: number;
  number: string;
  /** The Specter id Ongoing itself holds (orders: goodsOwnerOrderId), used when no synced record links it. */
  specterIdInOngoing: string | undefined;
  build(specterId: string, covered: RowQuantities): ProposalBuild;
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
  payload(posting: Posting): unknown;
  submit(posting: Posting): Promise<SubmitResult>;
  readOngoingToReport(ongoingId: number): Promise<RowQuantities>;
  acknowledge(ongoingId: number): Promise<void>;
  autoConfirm(settings: Settings): boolean;
}

export function deliveryAdapter(deps: SyncDeps): KindAdapter {
  return {
    kind: 'delivery',
    flow: 'deliveries',
    recordFlow: 'orders',
    noun: 'delivery',
    specterRecord: 'order',
    verb: 'picked',
    async candidates(settings) {
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
          build: (specterId, covered) => buildDeliveryProposal(order, specterId, options, covered),
        }));
    },
    async readSpecter(specterId) {
      const order = await deps.clients.specter().getOrder(specterId);
      return order ? orderState(order) : null;
    },
    payload: (posting) => deliverySubmitOf(posting),
    async submit(posting) {
      const result = await deps.clients.specter().submitDelivery(deliverySubmitOf(posting));
      return { id: result.id, message: result.message, invoiceId: result.invoiceId };
    },
    async readOngoingToReport(ongoingId) {
      return orderToReport(await deps.clients.ongoing().getOrder(ongoingId));
    },
    async acknowledge(ongoingId) {
      await deps.clients.ongoing().setReportedToPicked(ongoingId);
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
        build: (specterId, covered) => buildReceiptProposal(po, specterId, options, covered),
      }));
    },
    async readSpecter(specterId) {
      const purchase = await deps.clients.specter().getPurchase(specterId);
      return purchase ? purchaseState(purchase) : null;
    },
    payload: (posting) => receiptSubmitOf(posting),
    async submit(posting) {
      const result = await deps.clients.specter().submitPurchaseDelivery(receiptSubmitOf(posting));
      return { id: result.id, message: result.message };
    },
    async readOngoingToReport(ongoingId) {
      return purchaseOrderToReport(await deps.clients.ongoing().getPurchaseOrder(ongoingId));
    },
    async acknowledge(ongoingId) {
      await deps.clients.ongoing().setReportedToReceived(ongoingId);
    },
    autoConfirm: (settings) => settings.sync.autoConfirm.receipts,
  };
}

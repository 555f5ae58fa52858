/**
 * Flow: Specter purchases → Ongoing `PUT /purchaseOrders`.
 *
 * The same pattern as sales orders, with its own persisted watermark ('purchaseOrders'): purchases
 * not yet fully delivered (delivery status N or P) that changed since the watermark (with overlap)
 * are validated, mapped and sent when their payload changed. Once the warehouse has started
 * receiving, a purchase order is not replaced: the differences become a conflict in the inbox
 * (Ongoing offers no PATCH for the mapped purchase order fields). A purchase cancelled in Specter
 * (status id 5) is cancelled in Ongoing while receiving has not started, else it becomes a conflict.
 * Fully delivered purchases (D) are not fetched: there is nothing left for the warehouse to receive.
 */
import type { SpecterDeliveryStatus, SpecterPurchase } from '../../../shared/domain/specter';
import type { FieldDifference } from '../../../shared/domain/sync';
import type { GetPurchaseOrderModel, PostPurchaseOrderModel } from '../../../shared/ongoing/models';

type PurchaseLineBody = NonNullable<PostPurchaseOrderModel['purchaseOrderLines']>[number];
type PurchaseLineModel = NonNullable<GetPurchaseOrderModel['purchaseOrderLines']>[number];
import { PURCHASE_TABLE, preparePurchase, purchaseRecordName, text } from '../../../shared/mapping';
import { STATUS_ID_DELETED } from '../specter/wire';
import type { SyncDeps } from '../sync/deps';
import type { Job, JobContext, JobResult } from '../sync/scheduler';
import { connectClients } from '../engine/clients';
import { readByNumbers } from '../engine/adopt';
import { comparisonFromTable } from '../engine/compare';
import { type DocumentRemote, type RemoteDocument, runDocumentJob } from '../engine/document-engine';
import { toSpecterTimestamp } from '../specter/time';
import { articleList } from './orders';

/** Ongoing purchase order status from which receiving has started (Inbound): PUT and DELETE are refused. */
export const PURCHASE_ORDER_LOCK_STATUS = 300;

/** Delivery statuses of the purchases this job sends. */
export const PURCHASE_DELIVERY_STATUSES: readonly SpecterDeliveryStatus[] = ['N', 'P'];

const purchaseComparison = comparisonFromTable<PurchaseLineBody, PurchaseLineModel>(PURCHASE_TABLE, {
  storedLines: 'purchaseOrderLines',
  sentKey: (l) => l.rowNumber,
  storedKey: (l) => l.rowNumber ?? '',
  describeSent: (l) => `${l.articleNumber} × ${l.numberOfItems ?? 0}`,
  describeStored: (l) => `${l.article?.articleNumber ?? '?'} × ${l.advisedNumberOfItems ?? 0}`,
});

/** Differences derived from the purchase order mapping table (every row with a `readBack`). */
export function diffPurchaseOrder(body: PostPurchaseOrderModel, model: GetPurchaseOrderModel): FieldDifference[] {
  return purchaseComparison(body, model);
}

function remotePurchaseOrder(model: GetPurchaseOrderModel): RemoteDocument {
  const info = model.purchaseOrderInfo;
  const status = info?.purchaseOrderStatus;
  return {
    id: info?.purchaseOrderId ?? 0,
    status:
      status && typeof status.number === 'number'
        ? { number: status.number, text: status.text ?? String(status.number) }
        : null,
    model,
  };
}

function purchaseKey(purchase: SpecterPurchase): string {
  return text(purchase.purchaseNo) ?? `id:${purchase.purchaseId}`;
}

/** The scheduled purchase order job. */
export function createPurchaseOrdersJob(deps: SyncDeps): Job {
  return {
    name: 'purchaseOrders',
    run: async (ctx: JobContext): Promise<JobResult> => {
      const connected = connectClients(deps, 'purchaseOrders', ctx);
      if ('stopped' in connected) return connected.stopped;
      const { specter, ongoing } = connected;
      const goodsOwnerId = ongoing?.goodsOwnerId ?? deps.settings().ongoing.goodsOwnerId ?? 0;
      const client = ongoing;
      const remote: DocumentRemote<PostPurchaseOrderModel> | null = client && {
        upsert: async (body) => {
          const result = await client.upsertPurchaseOrder(body);
          return { id: result.purchaseOrderId, created: null };
        },
        cancel: async (id) => {
          await client.cancelPurchaseOrder(id);
        },
        read: async (id, number) => {
          if (id !== null) return remotePurchaseOrder(await client.getPurchaseOrder(id));
          const found = await client.queryPurchaseOrders({ purchaseOrderNumber: number });
          const model = found.find((p) => p.purchaseOrderInfo?.purchaseOrderNumber === number);
          return model ? remotePurchaseOrder(model) : null;
        },
        diff: (body, model) => diffPurchaseOrder(body, model as GetPurchaseOrderModel),
        readMany: (numbers) =>
          readByNumbers(
            numbers,
            (group, pageSize) => client.purchaseOrderPages({ purchaseOrderNumbers: group, pageSize }),
            (p) => text(p.purchaseOrderInfo?.purchaseOrderNumber ?? undefined),
            remotePurchaseOrder,
          ),
      };
      return runDocumentJob<SpecterPurchase, PostPurchaseOrderModel>(deps, ctx, {
        job: 'purchaseOrders',
        noun: 'purchase order',
        lockStatus: PURCHASE_ORDER_LOCK_STATUS,
        fetchChanged: async (changedFrom) => {
          const all: SpecterPurchase[] = [];
          for (const deliveryStatus of PURCHASE_DELIVERY_STATUSES) {
            all.push(...(await specter.listPurchases({ deliveryStatus, changedFrom })));
          }
          return all;
        },
        replyDate: () => specter.lastReplyDate,
        nowTimestamp: toSpecterTimestamp,
        refetch: (specterId) => specter.getPurchase(specterId),
        wanted: (purchase) => PURCHASE_DELIVERY_STATUSES.includes(purchase.deliveryStatus),
        specterId: (purchase) => purchase.purchaseId,
        key: purchaseKey,
        changed: (purchase) => purchase.lastChanged,
        cancelled: (purchase) => purchase.statusId === STATUS_ID_DELETED,
        recordName: (purchase) => purchaseRecordName(purchase),
        summary: (purchase) => ({
          purchaseNo: purchase.purchaseNo,
          supplier: purchase.supplier?.name ?? '',
          inDate: purchase.deliveryOutDate,
          rows: Array.isArray(purchase.rows) ? purchase.rows.length : 0,
          specterStatus: purchase.deliveryStatus,
          articles: articleList(purchase.rows),
        }),
        prepare: (purchase, known) => preparePurchase(purchase, goodsOwnerId, known),
        remote,
      });
    },
  };
}

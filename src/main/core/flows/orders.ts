/**
 * Flow: Specter sales orders → Ongoing `PUT /orders`.
 *
 * Orders whose delivery status is one of the settings' statuses (default N) and that changed since
 * the job's watermark (with a small overlap) are validated, mapped and sent when their payload
 * changed. Once the warehouse has started on an order, it is not replaced: the differences become a
 * conflict in the inbox and only what Ongoing still allows is applied (delivery date, order remark,
 * free text 1, service point code). An order cancelled in Specter (status id 5) is cancelled in
 * Ongoing while work has not started, else it becomes a conflict. An order that merely leaves the
 * status filter (e.g. delivered, status P or D) is left alone: that is the normal course of an order.
 */
import type { SpecterOrder } from '../../../shared/domain/specter';
import type { FieldDifference } from '../../../shared/domain/sync';
import type { GetOrderModel, PostOrderModel } from '../../../shared/ongoing/models';

type OrderLineBody = NonNullable<PostOrderModel['orderLines']>[number];
type OrderLineModel = NonNullable<GetOrderModel['orderLines']>[number];
import { customerName, fitPatchValue, ORDER_TABLE, orderRecordName, prepareOrder, text } from '../../../shared/mapping';
import type { OngoingClient } from '../ongoing';
import { STATUS_ID_DELETED } from '../specter/wire';
import type { SyncDeps } from '../sync/deps';
import type { Job, JobContext, JobResult } from '../sync/scheduler';
import { connectClients } from '../engine/clients';
import { readByNumbers } from '../engine/adopt';
import { comparisonFromTable } from '../engine/compare';
import { type DocumentRemote, type RemoteDocument, runDocumentJob } from '../engine/document-engine';
import { classify, errorText } from '../engine/failure';
import { toSpecterTimestamp } from '../specter/time';

/** Ongoing order status from which the warehouse has started (Released): PUT and DELETE are refused. */
export const ORDER_LOCK_STATUS = 300;

const orderComparison = comparisonFromTable<OrderLineBody, OrderLineModel>(ORDER_TABLE, {
  storedLines: 'orderLines',
  sentKey: (l) => l.rowNumber,
  storedKey: (l) => l.rowNumber ?? '',
  describeSent: (l) => `${l.articleNumber} × ${l.numberOfItems ?? 0}`,
  describeStored: (l) => `${l.article?.articleNumber ?? '?'} × ${l.orderedNumberOfItems ?? 0}`,
});

/**
 * What Specter wants (the PUT body) against what Ongoing holds, field by field and line by line: every
 * row of the order mapping table with a `readBack` is compared.
 */
export function diffOrder(body: PostOrderModel, model: GetOrderModel): FieldDifference[] {
  return orderComparison(body, model);
}

/** The order fields Ongoing still accepts once the warehouse has started (its PATCH endpoints). */
export const ORDER_PATCHABLE_FIELDS = ['deliveryDate', 'orderRemark', 'freeText1', 'servicePointCode'] as const;

/** Apply the patchable fields that differ; returns the fields applied and notes for the operator. */
export async function applyAllowedOrderFields(
  ongoing: OngoingClient,
  orderId: number,
  body: PostOrderModel,
  differences: readonly FieldDifference[],
  record: string,
): Promise<{ applied: string[]; notes: string[] }> {
  const applied: string[] = [];
  const notes: string[] = [];
  const differing = new Set(differences.map((d) => d.field));
  for (const field of ORDER_PATCHABLE_FIELDS) {
    if (!differing.has(field)) continue;
    try {
      if (field === 'deliveryDate') {
        await ongoing.patchOrderDeliveryDate(orderId, body.deliveryDate);
      } else if (field === 'orderRemark') {
        const fitted = fitPatchValue(record, 'PatchOrderRemark', body.orderRemark ?? '');
        await ongoing.patchOrderRemark(orderId, fitted.value);
        if (fitted.problem) notes.push(fitted.problem.message);
      } else if (field === 'freeText1') {
        await ongoing.patchOrderFreeText1(orderId, body.freeText1 ?? '');
      } else {
        const value = text(body.servicePointCode ?? undefined);
        if (value === undefined) {
          notes.push(
            'The service point code was removed in Specter; Ongoing cannot clear it, so remove it there by hand.',
          );
          continue;
        }
        const fitted = fitPatchValue(record, 'PatchServicePointCode', value);
        await ongoing.patchOrderServicePointCode(orderId, fitted.value);
        if (fitted.problem) notes.push(fitted.problem.message);
      }
      applied.push(field);
    } catch (error) {
      if (classify(error).class !== 'refused') throw error;
      notes.push(`Ongoing refused the ${field} change: ${errorText(error)}`);
    }
  }
  return { applied, notes };
}

function remoteOrder(model: GetOrderModel): RemoteDocument {
  const info = model.orderInfo;
  const status = info?.orderStatus;
  return {
    id: info?.orderId ?? 0,
    status:
      status && typeof status.number === 'number'
        ? { number: status.number, text: status.text ?? String(status.number) }
        : null,
    model,
  };
}

function orderKey(order: SpecterOrder): string {
  return text(order.orderNo) ?? `id:${order.orderId}`;
}

/** The scheduled sales order job. */
export function createOrdersJob(deps: SyncDeps): Job {
  return {
    name: 'orders',
    run: async (ctx: JobContext): Promise<JobResult> => {
      const connected = connectClients(deps, 'orders', ctx);
      if ('stopped' in connected) return connected.stopped;
      const { specter, ongoing } = connected;
      const settings = deps.settings();
      const statuses = [...new Set(settings.sync.orderDeliveryStatuses)];
      const goodsOwnerId = ongoing?.goodsOwnerId ?? settings.ongoing.goodsOwnerId ?? 0;
      const client = ongoing;
      const remote: DocumentRemote<PostOrderModel> | null = client && {
        upsert: async (body) => {
          const result = await client.upsertOrder(body);
          return { id: result.orderId, created: result.created };
        },
        cancel: async (id) => {
          await client.cancelOrder(id);
        },
        read: async (id, number) => {
          const model = id !== null ? await client.getOrder(id) : await client.findOrderByNumber(number);
          return model ? remoteOrder(model) : null;
        },
        diff: (body, model) => diffOrder(body, model as GetOrderModel),
        readMany: (numbers) =>
          readByNumbers(
            numbers,
            (group, pageSize) => client.orderPages({ orderNumbers: group, pageSize }),
            (o) => text(o.orderInfo?.orderNumber ?? undefined),
            remoteOrder,
          ),
        applyAllowed: (id, body, differences, record) => applyAllowedOrderFields(client, id, body, differences, record),
      };
      return runDocumentJob<SpecterOrder, PostOrderModel>(deps, ctx, {
        job: 'orders',
        noun: 'order',
        lockStatus: ORDER_LOCK_STATUS,
        fetchChanged: async (changedFrom) => {
          const all: SpecterOrder[] = [];
          for (const deliveryStatus of statuses)
            all.push(...(await specter.listOrders({ deliveryStatus, changedFrom })));
          return all;
        },
        replyDate: () => specter.lastReplyDate,
        nowTimestamp: toSpecterTimestamp,
        refetch: (specterId) => specter.getOrder(specterId),
        wanted: (order) => statuses.includes(order.deliveryStatus),
        specterId: (order) => order.orderId,
        key: orderKey,
        changed: (order) => order.lastChanged,
        cancelled: (order) => order.statusId === STATUS_ID_DELETED,
        recordName: (order) => orderRecordName(order),
        summary: (order) => ({
          orderNo: order.orderNo,
          customer: customerName(order.customer) ?? '',
          deliveryDate: order.deliveryDate,
          rows: Array.isArray(order.rows) ? order.rows.length : 0,
          specterStatus: order.statusId === STATUS_ID_DELETED ? 'cancelled' : order.deliveryStatus,
          webshopNo: typeof order.externalOrderNo === 'string' ? order.externalOrderNo : '',
          articles: articleList(order.rows),
        }),
        prepare: (order, known) => prepareOrder(order, goodsOwnerId, known),
        remote,
      });
    },
  };
}

/** The article numbers of a document's rows, for searching the Orders page by article. */
export function articleList(rows: unknown): string {
  if (!Array.isArray(rows)) return '';
  const numbers = rows
    .map((r) => (r && typeof r === 'object' ? (r as { articleNo?: unknown }).articleNo : undefined))
    .filter((n): n is string => typeof n === 'string' && n !== '');
  return [...new Set(numbers)].join(' ').slice(0, 500);
}

/**
 * Scheduled job: Specter sales orders → Ongoing `PUT /orders`.
 *
 * Orders whose delivery status is one of the settings' statuses (default N) and that changed since
 * the job's watermark (with a small overlap) are validated, mapped and sent when their payload
 * changed. Once the warehouse has started on an order, it is not replaced: the differences become a
 * conflict in the inbox and only what Ongoing still allows is applied (delivery date, order remark,
 * free text 1, service point code). An order cancelled in Specter (status id 5) is cancelled in
 * Ongoing while work has not started, else it becomes a conflict. An order that merely leaves the
 * status filter (e.g. delivered, status P or D) is left alone: that is the normal course of an order.
 */
import type { SpecterOrder } from '../../../../shared/domain/specter';
import type { FieldDifference } from '../../../../shared/domain/sync';
import type { GetOrderModel, PostOrderModel } from '../../../../shared/ongoing/models';
import { customerName, fitPatchValue, orderRecordName, prepareOrder, text } from '../../../../shared/mapping';
import type { OngoingClient } from '../../ongoing';
import { STATUS_ID_DELETED } from '../../specter/wire';
import type { SyncDeps } from '../deps';
import type { Job, JobContext, JobResult } from '../scheduler';
import {
  compareFields,
  compareLines,
  type DocumentRemote,
  errorText,
  type FieldPair,
  failureKind,
  connectClients,
  type RemoteDocument,
  runDocumentJob,
} from './job-support';

/** Ongoing order status from which the warehouse has started (Released): PUT and DELETE are refused. */
export const ORDER_LOCK_STATUS = 300;

/** Order header fields compared between the PUT body and Ongoing's GET /orders/{id}. */
export const ORDER_FIELD_PAIRS: readonly FieldPair[] = [
  { field: 'deliveryDate', sent: 'deliveryDate', stored: 'orderInfo.deliveryDate', kind: 'date' },
  { field: 'orderRemark', sent: 'orderRemark', stored: 'orderInfo.orderRemark' },
  { field: 'freeText1', sent: 'freeText1', stored: 'orderInfo.freeText1' },
  { field: 'servicePointCode', sent: 'servicePointCode', stored: 'orderInfo.servicePointCode' },
  { field: 'consigneeOrderNumber', sent: 'consigneeOrderNumber', stored: 'orderInfo.consigneeOrderNumber' },
  { field: 'goodsOwnerOrderId', sent: 'goodsOwnerOrderId', stored: 'orderInfo.goodsOwnerOrderId' },
  { field: 'referenceNumber', sent: 'referenceNumber', stored: 'orderInfo.referenceNumber' },
  { field: 'salesCode', sent: 'salesCode', stored: 'orderInfo.salesCode' },
  {
    field: 'preparedTransportDocumentId',
    sent: 'preparedTransportDocumentId',
    stored: 'orderInfo.preparedTransportDocumentId',
  },
  {
    field: 'marketPlace.marketPlaceOrderNumber',
    sent: 'marketPlace.marketPlaceOrderNumber',
    stored: 'orderInfo.marketPlace.marketPlaceOrderNumber',
  },
  { field: 'smsNotification.value', sent: 'smsNotification.value', stored: 'orderInfo.smsNotification.value' },
  {
    field: 'smsNotification.toBeNotified',
    sent: 'smsNotification.toBeNotified',
    stored: 'orderInfo.smsNotification.toBeNotified',
    kind: 'flag',
  },
  ...(['name', 'address1', 'address2', 'address3', 'postCode', 'city', 'countryCode', 'customerNumber'] as const).map(
    (f) => ({ field: `consignee.${f}`, sent: `consignee.${f}`, stored: `consignee.${f}` }),
  ),
  {
    field: 'consignee.advanced.smsNotification.value',
    sent: 'consignee.advanced.smsNotification.value',
    stored: 'consignee.advanced.smsNotification.value',
  },
  {
    field: 'consignee.advanced.smsNotification.toBeNotified',
    sent: 'consignee.advanced.smsNotification.toBeNotified',
    stored: 'consignee.advanced.smsNotification.toBeNotified',
    kind: 'flag',
  },
  {
    field: 'consignee.advanced.telephoneNotification.value',
    sent: 'consignee.advanced.telephoneNotification.value',
    stored: 'consignee.advanced.telephoneNotification.value',
  },
  ...(['name', 'address1', 'address2', 'address3', 'postCode', 'city', 'countryCode'] as const).map((f) => ({
    field: `consignee.invoiceAddress.${f}`,
    sent: `consignee.invoiceAddress.${f}`,
    stored: `consignee.invoiceAddress.${f}`,
  })),
];

/** Order line fields compared, lines matched by rowNumber (the Specter row id). */
export const ORDER_LINE_PAIRS: readonly FieldPair[] = [
  { field: 'articleNumber', sent: 'articleNumber', stored: 'article.articleNumber' },
  { field: 'numberOfItems', sent: 'numberOfItems', stored: 'orderedNumberOfItems', kind: 'number' },
  { field: 'comment', sent: 'comment', stored: 'comment' },
  { field: 'externalId', sent: 'externalId', stored: 'externalId' },
  { field: 'prices.linePrice', sent: 'prices.linePrice', stored: 'prices.linePrice', kind: 'number' },
  { field: 'prices.currencyCode', sent: 'prices.currencyCode', stored: 'prices.currencyCode' },
];

/** What Specter wants (the PUT body) against what Ongoing holds, field by field and line by line. */
export function diffOrder(body: PostOrderModel, model: GetOrderModel): FieldDifference[] {
  return [
    ...compareFields(body, model, ORDER_FIELD_PAIRS),
    ...compareLines({
      list: 'orderLines',
      sent: body.orderLines ?? [],
      stored: model.orderLines ?? [],
      sentKey: (l) => l.rowNumber,
      storedKey: (l) => l.rowNumber ?? '',
      pairs: ORDER_LINE_PAIRS,
      describeSent: (l) => `${l.articleNumber} × ${l.numberOfItems ?? 0}`,
      describeStored: (l) => `${l.article?.articleNumber ?? '?'} × ${l.orderedNumberOfItems ?? 0}`,
    }),
  ];
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
      if (failureKind(error) !== 'refusal') throw error;
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
        }),
        prepare: (order, known) => prepareOrder(order, goodsOwnerId, known),
        remote,
      });
    },
  };
}

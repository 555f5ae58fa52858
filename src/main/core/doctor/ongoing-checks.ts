/**
 * The Ongoing part of the diagnostic run: each GET the app makes, once, one page each (lists of at most
 * PAGE records), through the client's own transport. Nothing is written.
 */
import { OngoingTransport } from '../ongoing/transport';
import { type OngoingCredentials, ongoingBaseUrl, type Query } from '../ongoing/types';
import { checkJson, type JsonShape } from './shape-check';
import { ARTICLE_SHAPE, ORDER_SHAPE, PURCHASE_ORDER_SHAPE, STATUSES_SHAPE } from './ongoing-shapes';
import { type CapturedCall, type CheckRun, emptyResult, errorMessage } from './types';

const PAGE = 100;

export interface OngoingCheckOptions {
  warehouse: string;
  goodsOwnerId: number;
  credentials: () => Promise<OngoingCredentials>;
  timeoutMs?: number;
}

interface OngoingCheck {
  path: string;
  query?: Query;
  /** A list of records, or one object (checked as one record, or as itself for the status lists). */
  kind: 'list' | 'object';
  shape: JsonShape;
  idOf?: (record: Record<string, unknown>) => number | undefined;
}

const nested = (outer: string, inner: string) => (record: Record<string, unknown>) => {
  const value = (record[outer] as Record<string, unknown> | undefined)?.[inner];
  return typeof value === 'number' ? value : undefined;
};

export async function checkOngoing(options: OngoingCheckOptions): Promise<CheckRun[]> {
  let sink: CapturedCall[] = [];
  const baseUrl = ongoingBaseUrl(options.warehouse);
  const t = new OngoingTransport({
    baseUrl,
    goodsOwnerId: options.goodsOwnerId,
    credentials: options.credentials,
    timeoutMs: options.timeoutMs,
    retry: { maxAttempts: 1 },
    onCall: (event) =>
      sink.push({
        method: event.method,
        url: `${baseUrl}${event.path}`,
        requestBody: event.requestBody,
        status: event.status ?? null,
        replyBytes: event.replyBody === undefined ? undefined : Buffer.from(event.replyBody, 'utf8'),
        durationMs: event.durationMs,
        error: event.error === undefined ? undefined : errorMessage(event.error),
      }),
  });
  const run = async (check: OngoingCheck): Promise<CheckRun & { firstId?: number }> => {
    sink = [];
    const action = `GET ${check.path.replace(/\/\d+$/, '/{id}')}`;
    const result = emptyResult('ongoing', action, '');
    let firstId: number | undefined;
    try {
      const { status, data } = await t.call({
        method: 'GET',
        path: check.path,
        query: check.query,
        ctx: t.ctx(action, 'read', check.path),
        retry: false,
      });
      result.status = status;
      result.answered = true;
      const records = check.kind === 'list' ? data : [data];
      if (!Array.isArray(records) || records.some((r) => typeof r !== 'object' || r === null || Array.isArray(r))) {
        result.notes.push(`Expected ${check.kind === 'list' ? 'a list of records' : 'one record'} in the reply.`);
      } else {
        result.parsed = true;
        result.records = records.length;
        const found = checkJson(records, check.shape, check.path.replace(/\/\d+$/, '/{id}'));
        result.missing = found.missing;
        result.unknown = found.unknown;
        firstId = records[0] ? check.idOf?.(records[0] as Record<string, unknown>) : undefined;
      }
    } catch (error) {
      const last = sink[sink.length - 1];
      result.status = last?.status ?? null;
      result.answered = last?.status !== null && last?.status !== undefined;
      result.notes.push(errorMessage(error));
    }
    return { result, calls: sink, firstId };
  };
  const byId = async (path: string, list: { firstId?: number; result: { action: string } }, shape: JsonShape) => {
    if (list.firstId !== undefined) return run({ path: `${path}/${list.firstId}`, kind: 'object', shape });
    const result = emptyResult('ongoing', `GET ${path}/{id}`, '');
    result.called = false;
    result.notes.push(`Not called: ${list.result.action} gave no record to read by its id.`);
    return { result, calls: [] };
  };

  const owner = options.goodsOwnerId;
  const runs: CheckRun[] = [];
  runs.push(
    await run({
      path: 'articles',
      query: { goodsOwnerId: owner, maxArticlesToGet: PAGE },
      kind: 'list',
      shape: ARTICLE_SHAPE,
    }),
  );
  const orders = await run({
    path: 'orders',
    query: { goodsOwnerId: owner, maxOrdersToGet: PAGE },
    kind: 'list',
    shape: ORDER_SHAPE,
    idOf: nested('orderInfo', 'orderId'),
  });
  runs.push(orders, await byId('orders', orders, ORDER_SHAPE));
  const purchaseOrders = await run({
    path: 'purchaseOrders',
    query: { goodsOwnerId: owner, maxPurchaseOrdersToGet: PAGE },
    kind: 'list',
    shape: PURCHASE_ORDER_SHAPE,
    idOf: nested('purchaseOrderInfo', 'purchaseOrderId'),
  });
  runs.push(purchaseOrders, await byId('purchaseOrders', purchaseOrders, PURCHASE_ORDER_SHAPE));
  runs.push(await run({ path: 'orders/statuses', kind: 'object', shape: STATUSES_SHAPE }));
  runs.push(await run({ path: 'purchaseOrders/statuses', kind: 'object', shape: STATUSES_SHAPE }));
  return runs;
}

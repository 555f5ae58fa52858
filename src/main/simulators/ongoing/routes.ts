/**
 * The API proper under `/{warehouse}/api/v1/`: query parsing, goods-owner checks, body validation
 * against the OpenAPI schemas, and one route per served operation onto the state.
 */
import type { PostArticleModel, PostOrderModel, PostPurchaseOrderModel } from '../../../shared/ongoing/models';
import { type Answer, idParam, type OngoingSimulatorUser } from './http';
import { isOngoingDateTime, validateOngoingBody } from './schema';
import { OngoingSimError, type OngoingState } from './state';

class QueryReader {
  constructor(private readonly params: URLSearchParams) {}

  string(name: string): string | undefined {
    const v = this.params.get(name);
    return v === null ? undefined : v;
  }

  list(name: string): string[] | undefined {
    const all = this.params.getAll(name);
    return all.length > 0 ? all : undefined;
  }

  int(name: string): number | undefined {
    const v = this.params.get(name);
    if (v === null || v === '') return undefined;
    if (!/^-?\d+$/.test(v)) throw new OngoingSimError(400, `The value '${v}' is not valid for ${name}.`);
    return Number(v);
  }

  bool(name: string): boolean | undefined {
    const v = this.params.get(name);
    if (v === null || v === '') return undefined;
    if (/^true$/i.test(v)) return true;
    if (/^false$/i.test(v)) return false;
    throw new OngoingSimError(400, `The value '${v}' is not valid for ${name}.`);
  }

  /** Milliseconds since epoch; a date-time without zone is read as UTC. */
  date(name: string): number | undefined {
    const v = this.params.get(name);
    if (v === null || v === '') return undefined;
    if (!isOngoingDateTime(v)) throw new OngoingSimError(400, `The value '${v}' is not valid for ${name}.`);
    const text = v.length === 10 ? `${v}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(v) ? v : `${v}Z`;
    return Date.parse(text);
  }
}

function checkOwner(user: OngoingSimulatorUser, goodsOwnerId: number | undefined, where: string): number {
  if (goodsOwnerId === undefined) throw new OngoingSimError(400, `${where} goodsOwnerId is required.`);
  if (goodsOwnerId !== user.goodsOwnerId) {
    throw new OngoingSimError(403, `The API user is not allowed to access goods owner ${goodsOwnerId}.`);
  }
  return goodsOwnerId;
}

function parseJsonBody(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (!text.trim()) throw new OngoingSimError(400, 'The request body is empty; send a JSON object.');
  try {
    return JSON.parse(text);
  } catch {
    throw new OngoingSimError(400, 'The request body is not valid JSON.');
  }
}

function validateBody(schema: string | undefined, body: unknown): void {
  if (!schema) return;
  const errors = validateOngoingBody(schema, body);
  if (errors.length > 0) throw new OngoingSimError(400, `The request is invalid: ${errors.join('; ')}.`);
}

/** The API proper. `segments` are the parts after /api/v1. */
export function handleApi(
  state: OngoingState,
  method: string,
  segments: string[],
  params: URLSearchParams,
  user: OngoingSimulatorUser,
  bodySchema: string | undefined,
  raw: Buffer,
): Answer {
  const q = new QueryReader(params);
  const [resource, second, third] = segments;
  const needsBody = method === 'PUT' || (method === 'PATCH' && bodySchema !== undefined);
  const body = needsBody ? parseJsonBody(raw) : undefined;
  if (needsBody) validateBody(bodySchema, body);
  const owner = user.goodsOwnerId;

  // ---- articles
  if (resource === 'articles') {
    if (segments.length === 1 && method === 'GET') {
      checkOwner(user, q.int('goodsOwnerId'), 'Query parameter');
      const stockFrom = q.date('stockInfoChangedFrom');
      if (stockFrom !== undefined && stockFrom < Date.parse(state.now()) - 24 * 3600 * 1000) {
        throw new OngoingSimError(400, 'stockInfoChangedFrom must be within the last 24 hours.');
      }
      const list = state.queryArticles(owner, {
        articleNumber: q.string('articleNumber'),
        articleNumbers: q.list('articleNumbers'),
        productCode: q.string('productCode'),
        articleSystemIdFrom: q.int('articleSystemIdFrom'),
        maxArticlesToGet: q.int('maxArticlesToGet'),
        onlyArticlesInStock: q.bool('onlyArticlesInStock'),
        articleDataLastUpdatedFrom: q.date('articleDataLastUpdatedFrom'),
        stockInfoChangedFrom: stockFrom,
      });
      return { status: 200, body: list.map((a) => state.renderArticle(a)) };
    }
    if (segments.length === 1 && method === 'PUT') {
      const article = body as PostArticleModel;
      checkOwner(user, article.goodsOwnerId, 'Body');
      return { status: 200, body: state.upsertArticle(owner, article) };
    }
    if (segments.length === 2) {
      const id = idParam(second, 'articleSystemId');
      if (method === 'GET') return { status: 200, body: state.renderArticle(state.requireArticle(id, owner)) };
      if (method === 'PUT') {
        const article = body as PostArticleModel;
        checkOwner(user, article.goodsOwnerId, 'Body');
        return { status: 200, body: state.upsertArticle(owner, article, id) };
      }
    }
  }

  // ---- orders
  if (resource === 'orders') {
    if (segments.length === 1 && method === 'GET') {
      checkOwner(user, q.int('goodsOwnerId'), 'Query parameter');
      const list = state.queryOrders(owner, {
        orderNumber: q.string('orderNumber'),
        orderNumbers: q.list('orderNumbers'),
        articleNumbers: q.list('articleNumbers'),
        orderStatusFrom: q.int('orderStatusFrom'),
        orderStatusTo: q.int('orderStatusTo'),
        orderStatusChangedTimeFrom: q.date('orderStatusChangedTimeFrom'),
        orderCreatedTimeFrom: q.date('orderCreatedTimeFrom'),
        orderCreatedTimeTo: q.date('orderCreatedTimeTo'),
        shippedTimeFrom: q.date('shippedTimeFrom'),
        shippedTimeTo: q.date('shippedTimeTo'),
        lastPickingTimeFrom: q.date('lastPickingTimeFrom'),
        onlyOrdersWithOrderLinesToReport: q.bool('onlyOrdersWithOrderLinesToReport'),
        orderIdFrom: q.int('orderIdFrom'),
        maxOrdersToGet: q.int('maxOrdersToGet'),
      });
      return { status: 200, body: list.map((o) => state.renderOrder(o)) };
    }
    if (segments.length === 1 && method === 'PUT') {
      const order = body as PostOrderModel;
      checkOwner(user, order.goodsOwnerId, 'Body');
      const result = state.upsertOrder(owner, order);
      return { status: result.created ? 201 : 200, body: { orderId: result.orderId, message: result.message } };
    }
    if (segments.length === 1 && method === 'DELETE') {
      checkOwner(user, q.int('goodsOwnerId'), 'Query parameter');
      const number = q.string('orderNumber');
      if (!number) throw new OngoingSimError(400, 'Query parameter orderNumber is required.');
      const order = state.orderByNumber(owner, number);
      if (!order) throw new OngoingSimError(404, `There is no order with order number '${number}'.`);
      return { status: 200, body: state.cancelOrder(order) };
    }
    if (segments.length === 2 && second === 'statuses' && method === 'GET') {
      return { status: 200, body: { orderStatuses: state.orderStatuses } };
    }
    if (segments.length >= 2) {
      const id = idParam(second, 'orderId');
      const order = state.requireOrder(id, owner);
      if (segments.length === 2) {
        if (method === 'GET') return { status: 200, body: state.renderOrder(order) };
        if (method === 'PUT') {
          const model = body as PostOrderModel;
          checkOwner(user, model.goodsOwnerId, 'Body');
          const result = state.upsertOrder(owner, model, id);
          return { status: 200, body: { orderId: result.orderId, message: result.message } };
        }
        if (method === 'DELETE') return { status: 200, body: state.cancelOrder(order) };
      }
      if (segments.length === 3 && method === 'PATCH') {
        const record = (body ?? {}) as Record<string, string>;
        switch (third) {
          case 'deliveryDate':
          case 'orderRemark':
          case 'freeText1':
          case 'freeText2':
          case 'freeText3':
          case 'servicePointCode':
            return {
              status: 200,
              body: { orderId: id, message: state.patchOrder(order, third, record[third] as string) },
            };
          case 'setReportedNumberOfItemsToPickedNumberOfItems':
            return { status: 200, body: { orderId: id, message: state.setReportedToPicked(order) } };
        }
      }
      if (segments.length === 5 && method === 'PATCH' && third === 'lines' && segments[4] === 'reportedNumberOfItems') {
        const lineId = idParam(segments[3], 'orderLineId');
        const value = (body as { reportedNumberOfItems: number }).reportedNumberOfItems;
        return { status: 200, body: { orderId: id, message: state.setLineReported(order, lineId, value) } };
      }
    }
  }

  // ---- purchase orders
  if (resource === 'purchaseOrders') {
    if (segments.length === 1 && method === 'GET') {
      checkOwner(user, q.int('goodsOwnerId'), 'Query parameter');
      const list = state.queryPurchaseOrders(owner, {
        purchaseOrderNumber: q.string('purchaseOrderNumber'),
        purchaseOrderNumbers: q.list('purchaseOrderNumbers'),
        articleNumbers: q.list('articleNumbers'),
        purchaseOrderStatusFrom: q.int('purchaseOrderStatusFrom'),
        purchaseOrderStatusTo: q.int('purchaseOrderStatusTo'),
        purchaseOrderStatusChangedTimeFrom: q.date('purchaseOrderStatusChangedTimeFrom'),
        lastReceiveTimeFrom: q.date('lastReceiveTimeFrom'),
        lastReceiveTimeTo: q.date('lastReceiveTimeTo'),
        inDateFrom: q.date('inDateFrom'),
        inDateTo: q.date('inDateTo'),
        onlyPurchaseOrdersWithOrderLinesToReport: q.bool('onlyPurchaseOrdersWithOrderLinesToReport'),
        purchaseOrderIdFrom: q.int('purchaseOrderIdFrom'),
        maxPurchaseOrdersToGet: q.int('maxPurchaseOrdersToGet'),
      });
      return { status: 200, body: list.map((p) => state.renderPurchaseOrder(p)) };
    }
    if (segments.length === 1 && method === 'PUT') {
      const model = body as PostPurchaseOrderModel;
      checkOwner(user, model.goodsOwnerId, 'Body');
      const result = state.upsertPurchaseOrder(owner, model);
      return { status: 200, body: { purchaseOrderId: result.purchaseOrderId, message: result.message } };
    }
    if (segments.length === 1 && method === 'DELETE') {
      checkOwner(user, q.int('goodsOwnerId'), 'Query parameter');
      const number = q.string('purchaseOrderNumber');
      if (!number) throw new OngoingSimError(400, 'Query parameter purchaseOrderNumber is required.');
      const po = state.purchaseOrderByNumber(owner, number);
      if (!po) throw new OngoingSimError(404, `There is no purchase order with purchase order number '${number}'.`);
      return { status: 200, body: state.cancelPurchaseOrder(po) };
    }
    if (segments.length === 2 && second === 'statuses' && method === 'GET') {
      return { status: 200, body: { orderStatuses: state.purchaseOrderStatuses } };
    }
    if (segments.length >= 2) {
      const id = idParam(second, 'purchaseOrderId');
      const po = state.requirePurchaseOrder(id, owner);
      if (segments.length === 2) {
        if (method === 'GET') return { status: 200, body: state.renderPurchaseOrder(po) };
        if (method === 'PUT') {
          const model = body as PostPurchaseOrderModel;
          checkOwner(user, model.goodsOwnerId, 'Body');
          const result = state.upsertPurchaseOrder(owner, model, id);
          return { status: 200, body: { purchaseOrderId: result.purchaseOrderId, message: result.message } };
        }
        if (method === 'DELETE') return { status: 200, body: state.cancelPurchaseOrder(po) };
      }
      if (segments.length >= 3 && method === 'PATCH') {
        if (third === 'setReportedNumberOfItemsToReceivedNumberOfItems') {
          return { status: 200, body: { purchaseOrderId: id, message: state.setReportedToReceived(po) } };
        }
        if (third === 'lines' && segments.length === 5 && segments[4] === 'reportedNumberOfItems') {
          const lineId = idParam(segments[3], 'purchaseOrderLineId');
          const value = (body as { reportedNumberOfItems: number }).reportedNumberOfItems;
          return { status: 200, body: state.setPurchaseLineReported(po, lineId, value) };
        }
        if (third === 'freeText1') {
          po.data = {
            ...po.data,
            freeValues: { ...po.data.freeValues, freeText1: (body as { freeText1?: string }).freeText1 },
          };
          return { status: 200, body: { purchaseOrderId: id, message: 'Free text 1 updated.' } };
        }
      }
    }
  }
  throw new OngoingSimError(501, 'not simulated');
}

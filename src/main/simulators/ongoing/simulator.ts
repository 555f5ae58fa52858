/**
 * Ongoing WMS simulator: a real node:http server speaking the Goods Owner REST API under
 * `/{warehouse}/api/v1/`, with HTTP Basic, goods-owner checks, request validation against the
 * OpenAPI schemas, the "no update after the warehouse started" rule, fault injection, latency, a
 * record of every call, and a JSON control API under `/_control/` (no auth) to act as the warehouse.
 */
import { BodyTooLargeError, readRequestBody } from '../../core/net/read-body';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  GetArticleModel,
  GetOrderModel,
  GetPurchaseOrderModel,
  PostArticleModel,
  PostOrderModel,
  PostPurchaseOrderModel,
} from '../../../shared/ongoing/models';
import {
  type Fault,
  FaultInjector,
  type FaultRates,
  parseFaultSpec,
  type QueuedFault,
  sendFaultResponse,
} from '../faults';
import { ONGOING_DEMO_GOODS_OWNER_NAME, ONGOING_DEMO_USER, loadOngoingFixture, type OngoingFixture } from './fixture';
import { findOngoingOperation, isOngoingDateTime, validateOngoingBody } from './schema';
import { type LineQuantities, OngoingSimError, OngoingState } from './state';

export interface OngoingSimulatorUser {
  user: string;
  password: string;
  goodsOwnerId: number;
}

export interface OngoingSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  warehouse?: string;
  users: OngoingSimulatorUser[];
  fixture?: OngoingFixture;
  latencyMs?: number;
  faults?: FaultRates;
  /** Orders at or above this status refuse PUT and DELETE. Default 300 (Released). */
  lockFromStatus?: number;
  /** Purchase orders at or above this status refuse PUT and DELETE. Default 300 (Inbound). */
  purchaseOrderLockFromStatus?: number;
  /** HTTP status of that refusal. Default 400, with Ongoing-style message text. */
  lockedHttpStatus?: number;
  /** Physical stock a new article gets when it is first created by PUT (a number or per article). Default 0. */
  newArticleStock?: number | ((articleNumber: string) => number);
  /** Random source for rate-based faults. */
  random?: () => number;
  now?: () => Date;
}

/** One API request as the simulator saw it. Authorization and secret-looking fields are redacted. */
export interface RecordedOngoingCall {
  seq: number;
  at: string;
  method: string;
  /** Path below the warehouse, e.g. `/api/v1/orders/12`. */
  path: string;
  /** Raw query string without `?`. */
  query: string;
  headers: Record<string, string>;
  user?: string;
  goodsOwnerId?: number;
  /** Parsed JSON body (or the raw text when it is not JSON). */
  body?: unknown;
  bodyBytes: number;
  /** The Content-Length header, when sent. */
  contentLength?: number;
  /** True when the body came with Transfer-Encoding: chunked. */
  chunked: boolean;
  operationId?: string;
  bodySchema?: string;
  status?: number;
  fault?: string;
  faultPhase?: string;
  durationMs?: number;
}

export interface OngoingSimulatorStats {
  requests: number;
  /** Highest number of writes (PUT/PATCH/DELETE/POST) in flight at once, per goods owner. */
  maxConcurrentWrites: Record<number, number>;
}

export interface OngoingWarehouseControl {
  release(orderId: number): GetOrderModel;
  /** Full pick by default (up to stock); quantities per rowNumber for a partial pick. */
  pick(orderId: number, quantities?: LineQuantities): GetOrderModel;
  ship(orderId: number, options?: { status?: 450 | 500; waybill?: string }): GetOrderModel;
  /** Full receipt by default; quantities per rowNumber for a partial one. */
  receive(purchaseOrderId: number, quantities?: LineQuantities): GetPurchaseOrderModel;
  /** Set the physical stock of an article. */
  adjustStock(articleNumber: string, numberOfItems: number, goodsOwnerId?: number): GetArticleModel;
  orderIdByNumber(orderNumber: string, goodsOwnerId?: number): number;
  purchaseOrderIdByNumber(purchaseOrderNumber: string, goodsOwnerId?: number): number;
  /** Rates as an object or a spec string such as `error=0.05,429=0.1`. */
  setFaults(rates: FaultRates | string): void;
  enqueueFault(fault: QueuedFault): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  /** Back to the fixture: state, faults, latency and statistics; calls too unless keepCalls. */
  reset(options?: { keepCalls?: boolean }): void;
  nextWaybill(): string;
}

export interface OngoingSimulator {
  /** Base URL of the API, ending in `/{warehouse}/api/v1/`. */
  url: string;
  /** `http://host:port` */
  origin: string;
  /** `http://host:port/_control/` */
  controlUrl: string;
  warehouseName: string;
  readonly state: OngoingState;
  calls: RecordedOngoingCall[];
  faults: FaultInjector;
  warehouse: OngoingWarehouseControl;
  stats: OngoingSimulatorStats;
  /** Highest number of writes in flight at once for a goods owner (all goods owners when absent). */
  maxConcurrentWrites(goodsOwnerId?: number): number;
  clearCalls(): void;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const WRITE_METHODS = new Set(['PUT', 'PATCH', 'DELETE', 'POST']);
const SECRET_KEY_RE = /pass(word)?|secret|token|authorization|^key$|apikey|api_key/i;

function redactDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactDeep);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY_RE.test(k) ? '***' : redactDeep(v);
  return out;
}

function redactHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (name === 'authorization') out[name] = text.replace(/^(\w+)\s.*$/, '$1 ***');
    else if (name === 'cookie' || SECRET_KEY_RE.test(name)) out[name] = '***';
    else out[name] = text;
  }
  return out;
}

function sendJson(res: ServerResponse, answer: Answer): void {
  if (res.headersSent || res.destroyed) return;
  const text = answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
  const payload = Buffer.from(text, 'utf8');
  res.writeHead(answer.status, {
    'Content-Type': answer.text !== undefined ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
    'Content-Length': String(payload.length),
    ...answer.headers,
  });
  res.end(payload);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- query parsing

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

// ---------------------------------------------------------------- server

export async function startOngoingSimulator(options: OngoingSimulatorOptions): Promise<OngoingSimulator> {
  if (!options.users || options.users.length === 0) {
    throw new Error('The Ongoing simulator needs at least one user ({ user, password, goodsOwnerId }).');
  }
  const warehouseName = options.warehouse ?? 'demo';
  if (!/^[A-Za-z0-9_.-]+$/.test(warehouseName)) {
    throw new Error(`Warehouse name "${warehouseName}" may only contain letters, digits, '.', '_' and '-'.`);
  }
  const host = options.host ?? '127.0.0.1';
  const initialLatency = options.latencyMs ?? 0;
  let latencyMs = initialLatency;
  const faults = new FaultInjector(options.faults ?? {}, options.random);
  const calls: RecordedOngoingCall[] = [];
  const stats: OngoingSimulatorStats = { requests: 0, maxConcurrentWrites: {} };
  const inFlightWrites = new Map<number, number>();
  let seq = 0;

  const freshState = (): OngoingState => {
    const owners = new Map<number, string>();
    for (const u of options.users) {
      owners.set(
        u.goodsOwnerId,
        u.goodsOwnerId === ONGOING_DEMO_USER.goodsOwnerId
          ? ONGOING_DEMO_GOODS_OWNER_NAME
          : `Goods owner ${u.goodsOwnerId}`,
      );
    }
    const state = new OngoingState({
      goodsOwners: [...owners].map(([id, name]) => ({ id, name })),
      lockFromStatus: options.lockFromStatus,
      purchaseOrderLockFromStatus: options.purchaseOrderLockFromStatus,
      lockedHttpStatus: options.lockedHttpStatus,
      newArticleStock: options.newArticleStock,
      now: options.now,
    });
    if (options.fixture) loadOngoingFixture(state, options.fixture);
    return state;
  };
  let state = freshState();

  const authenticate = (req: IncomingMessage): OngoingSimulatorUser | undefined => {
    const header = req.headers.authorization;
    if (!header || !/^Basic\s+/i.test(header)) return undefined;
    const decoded = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    return options.users.find((u) => u.user === user && u.password === password);
  };

  const checkOwner = (user: OngoingSimulatorUser, goodsOwnerId: number | undefined, where: string): number => {
    if (goodsOwnerId === undefined) throw new OngoingSimError(400, `${where} goodsOwnerId is required.`);
    if (goodsOwnerId !== user.goodsOwnerId) {
      throw new OngoingSimError(403, `The API user is not allowed to access goods owner ${goodsOwnerId}.`);
    }
    return goodsOwnerId;
  };

  const parseJsonBody = (raw: Buffer): unknown => {
    const text = raw.toString('utf8');
    if (!text.trim()) throw new OngoingSimError(400, 'The request body is empty; send a JSON object.');
    try {
      return JSON.parse(text);
    } catch {
      throw new OngoingSimError(400, 'The request body is not valid JSON.');
    }
  };

  const validateBody = (schema: string | undefined, body: unknown): void => {
    if (!schema) return;
    const errors = validateOngoingBody(schema, body);
    if (errors.length > 0) throw new OngoingSimError(400, `The request is invalid: ${errors.join('; ')}.`);
  };

  const idParam = (value: string | undefined, name: string): number => {
    if (!value || !/^\d+$/.test(value))
      throw new OngoingSimError(400, `The value '${value}' is not valid for ${name}.`);
    return Number(value);
  };

  /** The API proper. `segments` are the parts after /api/v1. */
  const handleApi = (
    method: string,
    segments: string[],
    params: URLSearchParams,
    user: OngoingSimulatorUser,
    bodySchema: string | undefined,
    raw: Buffer,
  ): Answer => {
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
        if (
          segments.length === 5 &&
          method === 'PATCH' &&
          third === 'lines' &&
          segments[4] === 'reportedNumberOfItems'
        ) {
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
  };

  // ---------------------------------------------------------------- warehouse control

  const orderIdByNumber = (orderNumber: string, goodsOwnerId?: number): number => {
    const matches = [...state.orders.values()].filter(
      (o) => o.orderNumber === orderNumber && (goodsOwnerId === undefined || o.goodsOwnerId === goodsOwnerId),
    );
    if (matches.length === 0) throw new OngoingSimError(404, `There is no order with order number '${orderNumber}'.`);
    if (matches.length > 1)
      throw new OngoingSimError(
        409,
        `Order number '${orderNumber}' exists for several goods owners: give goodsOwnerId.`,
      );
    return matches[0]!.orderId;
  };

  const purchaseOrderIdByNumber = (purchaseOrderNumber: string, goodsOwnerId?: number): number => {
    const matches = [...state.purchaseOrders.values()].filter(
      (p) =>
        p.purchaseOrderNumber === purchaseOrderNumber &&
        (goodsOwnerId === undefined || p.goodsOwnerId === goodsOwnerId),
    );
    if (matches.length === 0) {
      throw new OngoingSimError(404, `There is no purchase order with purchase order number '${purchaseOrderNumber}'.`);
    }
    if (matches.length > 1) {
      throw new OngoingSimError(
        409,
        `Purchase order number '${purchaseOrderNumber}' exists for several goods owners: give goodsOwnerId.`,
      );
    }
    return matches[0]!.purchaseOrderId;
  };

  const warehouse: OngoingWarehouseControl = {
    release(orderId) {
      const order = state.requireOrder(orderId);
      state.release(order);
      return state.renderOrder(order);
    },
    pick(orderId, quantities) {
      const order = state.requireOrder(orderId);
      state.pick(order, quantities);
      return state.renderOrder(order);
    },
    ship(orderId, shipOptions = {}) {
      const order = state.requireOrder(orderId);
      state.ship(order, shipOptions);
      return state.renderOrder(order);
    },
    receive(purchaseOrderId, quantities) {
      const po = state.requirePurchaseOrder(purchaseOrderId);
      state.receive(po, quantities);
      return state.renderPurchaseOrder(po);
    },
    adjustStock(articleNumber, numberOfItems, goodsOwnerId) {
      const article = state.findArticleForControl(articleNumber, goodsOwnerId);
      state.adjustStock(article, numberOfItems);
      return state.renderArticle(article);
    },
    orderIdByNumber,
    purchaseOrderIdByNumber,
    setFaults(rates) {
      faults.setRates(typeof rates === 'string' ? parseFaultSpec(rates) : rates);
    },
    enqueueFault(fault) {
      faults.enqueue(fault);
    },
    clearFaults() {
      faults.clear();
    },
    setLatency(ms) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new OngoingSimError(400, `Latency must be 0 or more milliseconds, got ${ms}.`);
      latencyMs = ms;
    },
    reset(resetOptions = {}) {
      state = freshState();
      faults.clear();
      faults.setRates(options.faults ?? {});
      latencyMs = initialLatency;
      stats.requests = 0;
      stats.maxConcurrentWrites = {};
      if (!resetOptions.keepCalls) calls.length = 0;
    },
    nextWaybill() {
      return state.nextWaybill();
    },
  };

  const handleControl = (method: string, segments: string[], params: URLSearchParams, raw: Buffer): Answer => {
    let body: Record<string, unknown> = {};
    if (raw.length > 0) {
      const text = raw.toString('utf8').trim();
      if (text) {
        try {
          body = JSON.parse(text) as Record<string, unknown>;
        } catch {
          throw new OngoingSimError(400, 'The control request body is not valid JSON.');
        }
      }
    }
    const ownerParam =
      params.get('goodsOwnerId') ?? (body.goodsOwnerId !== undefined ? String(body.goodsOwnerId) : null);
    const goodsOwnerId = ownerParam === null ? undefined : Number(ownerParam);
    const [first, second, third, fourth] = segments;
    const quantities = body.quantities as LineQuantities | undefined;
    if (
      quantities !== undefined &&
      (typeof quantities !== 'object' || quantities === null || Array.isArray(quantities))
    ) {
      throw new OngoingSimError(400, 'quantities must be an object of rowNumber → number.');
    }

    if (method === 'GET' && first === 'state' && segments.length === 1) {
      return {
        status: 200,
        body: {
          articles: [...state.articles.values()].map((a) => state.renderArticle(a)),
          orders: [...state.orders.values()].map((o) => state.renderOrder(o)),
          purchaseOrders: [...state.purchaseOrders.values()].map((p) => state.renderPurchaseOrder(p)),
        },
      };
    }
    if (first === 'calls' && segments.length === 1) {
      if (method === 'GET') return { status: 200, body: calls };
      if (method === 'DELETE') {
        calls.length = 0;
        return { status: 200, body: { ok: true } };
      }
    }
    if (method === 'GET' && first === 'stats' && segments.length === 1) return { status: 200, body: stats };
    if (method === 'POST' && first === 'reset' && segments.length === 1) {
      warehouse.reset({ keepCalls: body.keepCalls === true });
      return { status: 200, body: { ok: true } };
    }
    if (first === 'faults' && segments.length === 1) {
      if (method === 'DELETE') {
        faults.clear();
        return { status: 200, body: { ok: true } };
      }
      if (method === 'POST' || method === 'PUT') {
        if (body.clear === true) faults.clear();
        if (body.rates !== undefined) {
          try {
            warehouse.setFaults(body.rates as FaultRates | string);
          } catch (error) {
            throw new OngoingSimError(400, error instanceof Error ? error.message : String(error));
          }
        }
        const queue = body.enqueue === undefined ? [] : Array.isArray(body.enqueue) ? body.enqueue : [body.enqueue];
        for (const fault of queue as QueuedFault[]) {
          if (!fault || typeof fault.kind !== 'string')
            throw new OngoingSimError(400, 'Each queued fault needs a kind.');
          faults.enqueue({ ...fault, phase: fault.phase ?? 'before' });
        }
        return { status: 200, body: { ok: true } };
      }
    }
    if (method === 'POST' && first === 'latency' && segments.length === 1) {
      warehouse.setLatency(Number(body.latencyMs));
      return { status: 200, body: { latencyMs } };
    }
    if (method === 'POST' && first === 'orders') {
      const byNumber = second === 'by-number';
      const id = byNumber ? orderIdByNumber(decodeURIComponent(third ?? ''), goodsOwnerId) : idParam(second, 'orderId');
      const action = byNumber ? fourth : third;
      if (segments.length === (byNumber ? 4 : 3)) {
        if (action === 'release') return { status: 200, body: warehouse.release(id) };
        if (action === 'pick') return { status: 200, body: warehouse.pick(id, quantities) };
        if (action === 'ship') {
          const status = body.status === undefined ? undefined : Number(body.status);
          const waybill = typeof body.waybill === 'string' ? body.waybill : undefined;
          return { status: 200, body: warehouse.ship(id, { status: status as 450 | 500 | undefined, waybill }) };
        }
      }
    }
    if (method === 'POST' && first === 'purchaseOrders') {
      const byNumber = second === 'by-number';
      const id = byNumber
        ? purchaseOrderIdByNumber(decodeURIComponent(third ?? ''), goodsOwnerId)
        : idParam(second, 'purchaseOrderId');
      const action = byNumber ? fourth : third;
      if (segments.length === (byNumber ? 4 : 3) && action === 'receive') {
        return { status: 200, body: warehouse.receive(id, quantities) };
      }
    }
    if (method === 'POST' && first === 'articles' && third === 'stock' && segments.length === 3) {
      const n = Number(body.numberOfItems);
      if (body.numberOfItems === undefined || !Number.isFinite(n)) {
        throw new OngoingSimError(400, 'Send { "numberOfItems": <number> } to set the stock.');
      }
      return { status: 200, body: warehouse.adjustStock(decodeURIComponent(second ?? ''), n, goodsOwnerId) };
    }
    throw new OngoingSimError(
      404,
      `Unknown control call ${method} /_control/${segments.join('/')}. See docs/ongoing-simulator.md.`,
    );
  };

  // ---------------------------------------------------------------- request loop

  const apiPrefix = `/${warehouseName}/api/v1`;

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://simulator.local');
    const pathname = url.pathname;

    if (pathname === '/_control' || pathname.startsWith('/_control/')) {
      try {
        const raw = await readRequestBody(req, MAX_BODY_BYTES).catch((e: unknown) => {
          throw e instanceof BodyTooLargeError ? new OngoingSimError(413, 'The request body is too large.') : e;
        });
        const segments = pathname.split('/').filter(Boolean).slice(1);
        sendJson(res, handleControl(method, segments, url.searchParams, raw));
      } catch (error) {
        const status = error instanceof OngoingSimError ? error.status : 500;
        sendJson(res, { status, body: { message: error instanceof Error ? error.message : String(error) } });
      }
      return;
    }

    const started = Date.now();
    const arrivedAt = performance.now();
    stats.requests += 1;
    const relativePath = pathname.startsWith(`/${warehouseName}/`)
      ? pathname.slice(warehouseName.length + 1)
      : pathname;
    const operation = pathname.startsWith(`${apiPrefix}/`) ? findOngoingOperation(method, relativePath) : undefined;
    const call: RecordedOngoingCall = {
      seq: ++seq,
      at: new Date(started).toISOString(),
      method,
      path: relativePath,
      query: url.search.replace(/^\?/, ''),
      headers: redactHeaders(req.headers),
      bodyBytes: 0,
      contentLength: req.headers['content-length'] !== undefined ? Number(req.headers['content-length']) : undefined,
      chunked: /chunked/i.test(String(req.headers['transfer-encoding'] ?? '')),
      operationId: operation?.operationId,
      bodySchema: operation?.bodySchema,
    };
    calls.push(call);

    const user = authenticate(req);
    if (user) {
      call.user = user.user;
      call.goodsOwnerId = user.goodsOwnerId;
    }
    const isWrite = WRITE_METHODS.has(method) && user !== undefined;
    if (isWrite && user) {
      const now = (inFlightWrites.get(user.goodsOwnerId) ?? 0) + 1;
      inFlightWrites.set(user.goodsOwnerId, now);
      stats.maxConcurrentWrites[user.goodsOwnerId] = Math.max(stats.maxConcurrentWrites[user.goodsOwnerId] ?? 0, now);
      let done = false;
      const release = () => {
        if (done) return;
        done = true;
        inFlightWrites.set(user.goodsOwnerId, (inFlightWrites.get(user.goodsOwnerId) ?? 1) - 1);
      };
      res.once('finish', release);
      res.once('close', release);
    }
    res.once('finish', () => {
      call.status = res.statusCode;
      call.durationMs = Date.now() - started;
    });

    let raw: Buffer;
    try {
      raw = await readRequestBody(req, MAX_BODY_BYTES).catch((e: unknown) => {
        throw e instanceof BodyTooLargeError ? new OngoingSimError(413, 'The request body is too large.') : e;
      });
    } catch (error) {
      const status = error instanceof OngoingSimError ? error.status : 400;
      sendJson(res, {
        status,
        body: { message: error instanceof Error ? error.message : 'Could not read the request.' },
      });
      return;
    }
    call.bodyBytes = raw.length;
    if (raw.length > 0) {
      const text = raw.toString('utf8');
      try {
        call.body = redactDeep(JSON.parse(text));
      } catch {
        call.body = text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
      }
    }

    const fault: Fault | null = faults.next(`${method} ${pathname}${url.search}`);
    if (fault) {
      call.fault = fault.kind;
      call.faultPhase = fault.phase;
    }
    const errorBody = JSON.stringify({ Message: 'An error has occurred.' });
    const untilAnswer = async () => {
      const wait = latencyMs - (performance.now() - arrivedAt);
      if (wait > 0) await sleep(wait);
    };
    if (fault && fault.phase === 'before') {
      await untilAnswer();
      sendFaultResponse(fault, res, errorBody);
      return;
    }

    let answer: Answer;
    if (!pathname.startsWith(`${apiPrefix}/`)) {
      answer = {
        status: 404,
        text: `<!DOCTYPE html><html><head><title>404 - File or directory not found.</title></head><body><h2>404 - File or directory not found.</h2><p>There is no warehouse at ${pathname.split('/')[1] ?? ''}. This simulator serves /${warehouseName}/api/v1/.</p></body></html>`,
      };
    } else if (!user) {
      answer = {
        status: 401,
        body: { Message: 'Authorization has been denied for this request.' },
        headers: { 'WWW-Authenticate': 'Basic realm="Ongoing WMS"' },
      };
    } else {
      const segments = pathname.slice(apiPrefix.length).split('/').filter(Boolean);
      try {
        if (!operation) {
          throw new OngoingSimError(
            404,
            `No HTTP resource was found that matches the request URI '${method} ${relativePath}'.`,
          );
        }
        answer = handleApi(method, segments, url.searchParams, user, operation.bodySchema, raw);
      } catch (error) {
        if (error instanceof OngoingSimError) {
          answer =
            error.status === 501
              ? {
                  status: 501,
                  body: { message: `The Ongoing simulator does not implement ${method} ${operation?.pathTemplate}.` },
                }
              : { status: error.status, body: { message: error.message } };
        } else {
          answer = { status: 500, body: { Message: 'An error has occurred.' } };
          console.error('Ongoing simulator error:', error);
        }
      }
    }

    // The answer leaves `latencyMs` after the request arrived: network time both ways and the server's
    // own work together, as a client sees it.
    await untilAnswer();
    if (fault && fault.phase === 'after') {
      sendFaultResponse(fault, res, errorBody);
      return;
    }
    sendJson(res, answer);
  };

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      console.error('Ongoing simulator error:', error);
      sendJson(res, { status: 500, body: { Message: 'An error has occurred.' } });
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${hostForUrl}:${address.port}`;

  return {
    url: `${origin}/${warehouseName}/api/v1/`,
    origin,
    controlUrl: `${origin}/_control/`,
    warehouseName,
    get state() {
      return state;
    },
    calls,
    faults,
    warehouse,
    stats,
    maxConcurrentWrites(goodsOwnerId) {
      if (goodsOwnerId !== undefined) return stats.maxConcurrentWrites[goodsOwnerId] ?? 0;
      return Math.max(0, ...Object.values(stats.maxConcurrentWrites));
    },
    clearCalls() {
      calls.length = 0;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

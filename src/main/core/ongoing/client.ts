/**
 * Client for the Ongoing WMS Goods Owner REST API (`/{warehouse}/api/v1/`).
 *
 * - HTTP Basic on every request; the password is read through `credentials()` for each attempt and
 *   never appears in errors or call events.
 * - JSON bodies are sent as a buffer with an explicit Content-Length (no chunked bodies).
 * - goodsOwnerId goes into every PUT body and every list / delete-by-number query.
 * - Writes (PUT, PATCH, DELETE) run one at a time per goods owner through a process-wide queue.
 * - Retries with backoff only where a repeat is safe: reads, PUT upserts (keyed by business number),
 *   PATCH setters and the set-reported PATCHes. Cancels (DELETE) are retried only when the request
 *   certainly was not applied (429/503, connection refused), never after a 5xx, timeout or reset.
 * - Every failure is a RemoteError with system 'ongoing' (see errors.ts for the rules).
 */
import axios, { type AxiosInstance } from 'axios';
import type {
  GetArticleModel,
  GetOrderModel,
  GetOrderStatusModel,
  GetPurchaseOrderModel,
  GetPurchaseOrderStatusModel,
  PostArticleModel,
  PostOrderModel,
  PostPurchaseOrderModel,
} from '../../../shared/ongoing/models';
import { type RemoteErrorKind, RemoteError, isRemoteError } from '../net/remote-error';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, withRetry } from '../net/retry';
import {
  classifyOngoingAnswer,
  classifyOngoingTransportError,
  extractOngoingMessage,
  looksLikeHtml,
  type OngoingCallContext,
  type OngoingCallKind,
  protocolError,
} from './errors';
import { runOngoingWrite } from './write-queue';

export const ONGOING_PRODUCTION_HOST = 'https://api.ongoingsystems.se';

/**
 * Base URL for a warehouse: a plain warehouse name becomes
 * `https://api.ongoingsystems.se/{warehouse}/api/v1/`; a full http(s) URL (demo systems such as
 * `https://wms1.ongoingsystems.se/{warehouse}/api/v1/`, or a simulator) is kept as it is, with a
 * trailing slash added.
 */
export function ongoingBaseUrl(warehouseOrUrl: string): string {
  const value = (warehouseOrUrl ?? '').trim();
  if (!value) {
    throw new Error(
      'Ongoing warehouse is empty: enter the warehouse name (as in your Ongoing login URL) or a full URL.',
    );
  }
  if (/^https?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new Error(`Ongoing base URL "${value}" is not a valid URL.`);
    }
    const text = url.toString();
    return text.endsWith('/') ? text : `${text}/`;
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(value)) {
    throw new Error(
      `Ongoing warehouse "${value}" is not a warehouse name: use the name from https://{warehouse}.ongoingsystems.se/{warehouse}, or a full URL.`,
    );
  }
  return `${ONGOING_PRODUCTION_HOST}/${encodeURIComponent(value)}/api/v1/`;
}

/** A date-time for query filters: UTC with an explicit offset, e.g. `2019-04-09T08:00:00.000+00:00`. */
export function formatOngoingDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new Error('Invalid date given to an Ongoing filter.');
  return date.toISOString().replace(/Z$/, '+00:00');
}

export interface OngoingCredentials {
  user: string;
  password: string;
}

/** One HTTP attempt, reported after it ends. Carries no secrets and no bodies. */
export interface OngoingCallEvent {
  operation: string;
  method: string;
  /** Path relative to the base URL, with query string. */
  path: string;
  attempt: number;
  status?: number;
  durationMs: number;
  errorKind?: RemoteErrorKind;
}

export interface OngoingClientOptions {
  /** From ongoingBaseUrl(): ends with `/api/v1/`. */
  baseUrl: string;
  credentials: () => Promise<OngoingCredentials>;
  goodsOwnerId: number;
  /** Per attempt. Default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  onCall?: (event: OngoingCallEvent) => void;
}

type WithGoodsOwner<T extends { goodsOwnerId: number }> = Omit<T, 'goodsOwnerId'> & { goodsOwnerId?: number };
export type OngoingArticleInput = WithGoodsOwner<PostArticleModel>;
export type OngoingOrderInput = WithGoodsOwner<PostOrderModel>;
export type OngoingPurchaseOrderInput = WithGoodsOwner<PostPurchaseOrderModel>;

export interface UpsertArticleResult {
  articleSystemId: number;
  message: string | null;
}
export interface UpsertOrderResult {
  orderId: number;
  message: string | null;
  /** True when Ongoing answered 201 (a new order). */
  created: boolean;
}
export interface UpsertPurchaseOrderResult {
  purchaseOrderId: number;
  message: string | null;
}
export interface OrderWriteResult {
  orderId: number;
  message: string | null;
}
export interface PurchaseOrderWriteResult {
  purchaseOrderId: number;
  message: string | null;
}

export interface ArticleQuery {
  /** Only these articles. Sent in groups of 100; an empty list returns nothing without a call. */
  articleNumbers?: string[];
  articleSystemIdFrom?: number;
  onlyArticlesInStock?: boolean;
  articleDataLastUpdatedFrom?: Date;
  /** Ongoing refuses values older than 24 hours. */
  stockInfoChangedFrom?: Date;
  /** Articles per request (maxArticlesToGet). Default 500. */
  pageSize?: number;
}

export interface OrderQuery {
  orderNumber?: string;
  orderNumbers?: string[];
  orderStatusFrom?: number;
  orderStatusTo?: number;
  orderStatusChangedTimeFrom?: Date;
  shippedTimeFrom?: Date;
  shippedTimeTo?: Date;
  onlyOrdersWithOrderLinesToReport?: boolean;
  orderIdFrom?: number;
  /** Orders per request (maxOrdersToGet). Default 500. */
  pageSize?: number;
}

export interface PurchaseOrderQuery {
  purchaseOrderNumber?: string;
  purchaseOrderNumbers?: string[];
  purchaseOrderStatusFrom?: number;
  purchaseOrderStatusTo?: number;
  purchaseOrderStatusChangedTimeFrom?: Date;
  lastReceiveTimeFrom?: Date;
  lastReceiveTimeTo?: Date;
  onlyPurchaseOrdersWithOrderLinesToReport?: boolean;
  purchaseOrderIdFrom?: number;
  /** Purchase orders per request (maxPurchaseOrdersToGet). Default 500. */
  pageSize?: number;
}

type QueryValue = string | number | boolean | Date | readonly string[] | undefined;
type Query = Record<string, QueryValue>;
type Method = 'GET' | 'PUT' | 'PATCH' | 'DELETE';

interface CallSpec {
  method: Method;
  path: string;
  query?: Query;
  body?: unknown;
  ctx: OngoingCallContext;
  retry: boolean;
  /** An empty or non-JSON 2xx body is fine (returned as its text). */
  lenientBody?: boolean;
}

interface CallResult {
  status: number;
  data: unknown;
}

const DEFAULT_PAGE_SIZE = 500;
const ARTICLE_NUMBERS_PER_REQUEST = 100;

function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(name, String(item));
    } else if (value instanceof Date) {
      params.append(name, formatOngoingDateTime(value));
    } else {
      params.append(name, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function checkPageSize(pageSize: number | undefined): number {
  const size = pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`Ongoing page size must be a positive whole number, got ${size}.`);
  return size;
}

function checkId(kind: string, id: number): void {
  if (!Number.isInteger(id) || id < 1) throw new Error(`${kind} id must be a positive whole number, got ${id}.`);
}

function errorKindOf(error: unknown): RemoteErrorKind | undefined {
  return isRemoteError(error) ? error.kind : undefined;
}

export class OngoingClient {
  readonly baseUrl: string;
  readonly goodsOwnerId: number;
  private readonly credentials: () => Promise<OngoingCredentials>;
  private readonly timeoutMs: number;
  private readonly retryPolicy: RetryPolicy;
  private readonly onCall?: (event: OngoingCallEvent) => void;
  private readonly http: AxiosInstance;
  /** Secrets seen so far, removed from any text that reaches an error message. */
  private readonly secrets = new Set<string>();

  constructor(options: OngoingClientOptions) {
    if (!Number.isInteger(options.goodsOwnerId) || options.goodsOwnerId < 1) {
      throw new Error(
        `Ongoing goods owner id must be a positive whole number (ask the warehouse for it), got ${options.goodsOwnerId}.`,
      );
    }
    this.baseUrl = ongoingBaseUrl(options.baseUrl);
    this.goodsOwnerId = options.goodsOwnerId;
    this.credentials = options.credentials;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.onCall = options.onCall;
    this.http = axios.create({
      adapter: 'http',
      timeout: this.timeoutMs,
      maxRedirects: 0,
      responseType: 'text',
      transformRequest: [(data: unknown) => data],
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
    });
  }

  // ---------------------------------------------------------------- articles

  /** PUT /articles: create or update by article number. */
  async upsertArticle(article: OngoingArticleInput): Promise<UpsertArticleResult> {
    const ctx = this.ctx('upsertArticle', 'upsert', `article ${article.articleNumber ?? '(no article number)'}`);
    const body = this.withGoodsOwner(article, ctx);
    const { status, data } = await this.write({ method: 'PUT', path: 'articles', body, ctx, retry: true });
    const record = (data ?? {}) as { articleSystemId?: unknown; message?: string | null };
    if (typeof record.articleSystemId !== 'number') throw protocolError(ctx, status, 'returned no articleSystemId');
    return { articleSystemId: record.articleSystemId, message: record.message ?? null };
  }

  /** GET /articles/{articleSystemId}. */
  async getArticle(articleSystemId: number): Promise<GetArticleModel> {
    checkId('Article system', articleSystemId);
    const ctx = this.ctx('getArticle', 'read', `article id ${articleSystemId}`);
    return this.readObject<GetArticleModel>(`articles/${articleSystemId}`, undefined, ctx);
  }

  /**
   * GET /articles, every page (`articleSystemIdFrom` = highest id + 1, until an empty page).
   * Each article carries `inventoryInfo`.
   */
  async listArticles(query: ArticleQuery = {}): Promise<GetArticleModel[]> {
    const all: GetArticleModel[] = [];
    for await (const page of this.articlePages(query)) all.push(...page);
    return all;
  }

  /** GET /articles page by page, for catalogues too large to hold at once. */
  async *articlePages(query: ArticleQuery = {}): AsyncGenerator<GetArticleModel[], void, void> {
    const pageSize = checkPageSize(query.pageSize);
    const base: Query = {
      goodsOwnerId: this.goodsOwnerId,
      onlyArticlesInStock: query.onlyArticlesInStock,
      articleDataLastUpdatedFrom: query.articleDataLastUpdatedFrom,
      stockInfoChangedFrom: query.stockInfoChangedFrom,
    };
    const groups: (string[] | undefined)[] = [];
    if (query.articleNumbers) {
      if (query.articleNumbers.length === 0) return;
      const unique = [...new Set(query.articleNumbers)];
      for (let i = 0; i < unique.length; i += ARTICLE_NUMBERS_PER_REQUEST) {
        groups.push(unique.slice(i, i + ARTICLE_NUMBERS_PER_REQUEST));
      }
    } else {
      groups.push(undefined);
    }
    for (const articleNumbers of groups) {
      yield* this.paged<GetArticleModel>({
        operation: 'listArticles',
        subject: articleNumbers
          ? `articles ${articleNumbers.slice(0, 3).join(', ')}${articleNumbers.length > 3 ? ', …' : ''}`
          : 'articles',
        path: 'articles',
        query: { ...base, articleNumbers },
        fromParam: 'articleSystemIdFrom',
        maxParam: 'maxArticlesToGet',
        pageSize,
        startFrom: query.articleSystemIdFrom,
        idOf: (a) => a.articleSystemId,
      });
    }
  }

  // ---------------------------------------------------------------- orders

  /** PUT /orders: create (201) or update (200) by order number. Refused ('locked') once the warehouse started. */
  async upsertOrder(order: OngoingOrderInput): Promise<UpsertOrderResult> {
    const ctx = this.ctx('upsertOrder', 'upsert', `order ${order.orderNumber ?? '(no order number)'}`, true);
    const body = this.withGoodsOwner(order, ctx);
    const { status, data } = await this.write({ method: 'PUT', path: 'orders', body, ctx, retry: true });
    const record = (data ?? {}) as { orderId?: unknown; message?: string | null };
    if (typeof record.orderId !== 'number') throw protocolError(ctx, status, 'returned no orderId');
    return { orderId: record.orderId, message: record.message ?? null, created: status === 201 };
  }

  /** GET /orders/{orderId}. */
  async getOrder(orderId: number): Promise<GetOrderModel> {
    checkId('Order', orderId);
    const ctx = this.ctx('getOrder', 'read', `order id ${orderId}`);
    return this.readObject<GetOrderModel>(`orders/${orderId}`, undefined, ctx);
  }

  /** The order with this number, or undefined. */
  async findOrderByNumber(orderNumber: string): Promise<GetOrderModel | undefined> {
    const found = await this.queryOrders({ orderNumber });
    return found.find((o) => o.orderInfo?.orderNumber === orderNumber);
  }

  /** GET /orders, every page (`orderIdFrom` + `maxOrdersToGet`, until an empty page). */
  async queryOrders(query: OrderQuery = {}): Promise<GetOrderModel[]> {
    const all: GetOrderModel[] = [];
    for await (const page of this.orderPages(query)) all.push(...page);
    return all;
  }

  /** GET /orders page by page. */
  async *orderPages(query: OrderQuery = {}): AsyncGenerator<GetOrderModel[], void, void> {
    const pageSize = checkPageSize(query.pageSize);
    yield* this.paged<GetOrderModel>({
      operation: 'queryOrders',
      subject: query.orderNumber ? `order ${query.orderNumber}` : 'orders',
      path: 'orders',
      query: {
        goodsOwnerId: this.goodsOwnerId,
        orderNumber: query.orderNumber,
        orderNumbers: query.orderNumbers,
        orderStatusFrom: query.orderStatusFrom,
        orderStatusTo: query.orderStatusTo,
        orderStatusChangedTimeFrom: query.orderStatusChangedTimeFrom,
        shippedTimeFrom: query.shippedTimeFrom,
        shippedTimeTo: query.shippedTimeTo,
        onlyOrdersWithOrderLinesToReport: query.onlyOrdersWithOrderLinesToReport,
      },
      fromParam: 'orderIdFrom',
      maxParam: 'maxOrdersToGet',
      pageSize,
      startFrom: query.orderIdFrom,
      idOf: (o) => o.orderInfo?.orderId,
    });
  }

  /** DELETE /orders/{orderId}: cancel. Refused ('locked') once the warehouse started. Retried only after 429/503. */
  async cancelOrder(orderId: number): Promise<OrderWriteResult> {
    checkId('Order', orderId);
    const ctx = this.ctx('cancelOrder', 'cancel', `order id ${orderId}`, true);
    const { data } = await this.write({ method: 'DELETE', path: `orders/${orderId}`, ctx, retry: false });
    return { orderId, message: (data as { message?: string | null } | undefined)?.message ?? null };
  }

  /** DELETE /orders?goodsOwnerId=…&orderNumber=…: cancel by order number. Retried only after 429/503. */
  async cancelOrderByNumber(orderNumber: string): Promise<OrderWriteResult> {
    const ctx = this.ctx('cancelOrder', 'cancel', `order ${orderNumber}`, true);
    const { status, data } = await this.write({
      method: 'DELETE',
      path: 'orders',
      query: { goodsOwnerId: this.goodsOwnerId, orderNumber },
      ctx,
      retry: false,
    });
    const record = (data ?? {}) as { orderId?: unknown; message?: string | null };
    if (typeof record.orderId !== 'number') throw protocolError(ctx, status, 'returned no orderId');
    return { orderId: record.orderId, message: record.message ?? null };
  }

  /** PATCH /orders/{orderId}/deliveryDate (allowed after the warehouse started). */
  patchOrderDeliveryDate(orderId: number, deliveryDate: string | Date): Promise<OrderWriteResult> {
    const value = deliveryDate instanceof Date ? formatOngoingDateTime(deliveryDate) : deliveryDate;
    return this.patchOrder(orderId, 'deliveryDate', 'patchOrderDeliveryDate', { deliveryDate: value });
  }

  /** PATCH /orders/{orderId}/orderRemark. */
  patchOrderRemark(orderId: number, orderRemark: string): Promise<OrderWriteResult> {
    return this.patchOrder(orderId, 'orderRemark', 'patchOrderRemark', { orderRemark });
  }

  /** PATCH /orders/{orderId}/freeText1. */
  patchOrderFreeText1(orderId: number, freeText1: string): Promise<OrderWriteResult> {
    return this.patchOrder(orderId, 'freeText1', 'patchOrderFreeText1', { freeText1 });
  }

  /** PATCH /orders/{orderId}/servicePointCode. */
  patchOrderServicePointCode(orderId: number, servicePointCode: string): Promise<OrderWriteResult> {
    return this.patchOrder(orderId, 'servicePointCode', 'patchOrderServicePointCode', { servicePointCode });
  }

  /** PATCH /orders/{orderId}/setReportedNumberOfItemsToPickedNumberOfItems: acknowledge what was picked. */
  setReportedToPicked(orderId: number): Promise<OrderWriteResult> {
    return this.patchOrder(orderId, 'setReportedNumberOfItemsToPickedNumberOfItems', 'setReportedToPicked', undefined);
  }

  /**
   * PATCH /orders/{orderId}/lines/{orderLineId}/reportedNumberOfItems: set one line's reported quantity
   * to an absolute value, so a repeated call (after a lost reply) changes nothing.
   */
  setOrderLineReported(orderId: number, orderLineId: number, reportedNumberOfItems: number): Promise<OrderWriteResult> {
    checkId('Order line', orderLineId);
    return this.patchOrder(orderId, `lines/${orderLineId}/reportedNumberOfItems`, 'setOrderLineReported', {
      reportedNumberOfItems,
    });
  }

  /** GET /orders/statuses: this warehouse's order status list. */
  async orderStatuses(): Promise<GetOrderStatusModel[]> {
    const ctx = this.ctx('orderStatuses', 'read', 'order statuses');
    const data = await this.readObject<{ orderStatuses?: GetOrderStatusModel[] | null }>(
      'orders/statuses',
      undefined,
      ctx,
    );
    if (!Array.isArray(data.orderStatuses)) throw protocolError(ctx, 200, 'returned no orderStatuses list');
    return data.orderStatuses;
  }

  // ---------------------------------------------------------------- purchase orders

  /** PUT /purchaseOrders: create or update by purchase order number. Refused ('locked') once receiving started. */
  async upsertPurchaseOrder(purchaseOrder: OngoingPurchaseOrderInput): Promise<UpsertPurchaseOrderResult> {
    const ctx = this.ctx(
      'upsertPurchaseOrder',
      'upsert',
      `purchase order ${purchaseOrder.purchaseOrderNumber ?? '(no purchase order number)'}`,
      true,
    );
    const body = this.withGoodsOwner(purchaseOrder, ctx);
    const { status, data } = await this.write({ method: 'PUT', path: 'purchaseOrders', body, ctx, retry: true });
    const record = (data ?? {}) as { purchaseOrderId?: unknown; message?: string | null };
    if (typeof record.purchaseOrderId !== 'number') throw protocolError(ctx, status, 'returned no purchaseOrderId');
    return { purchaseOrderId: record.purchaseOrderId, message: record.message ?? null };
  }

  /** GET /purchaseOrders/{purchaseOrderId}. */
  async getPurchaseOrder(purchaseOrderId: number): Promise<GetPurchaseOrderModel> {
    checkId('Purchase order', purchaseOrderId);
    const ctx = this.ctx('getPurchaseOrder', 'read', `purchase order id ${purchaseOrderId}`);
    return this.readObject<GetPurchaseOrderModel>(`purchaseOrders/${purchaseOrderId}`, undefined, ctx);
  }

  /** GET /purchaseOrders, every page (`purchaseOrderIdFrom` + `maxPurchaseOrdersToGet`, until an empty page). */
  async queryPurchaseOrders(query: PurchaseOrderQuery = {}): Promise<GetPurchaseOrderModel[]> {
    const all: GetPurchaseOrderModel[] = [];
    for await (const page of this.purchaseOrderPages(query)) all.push(...page);
    return all;
  }

  /** GET /purchaseOrders page by page. */
  async *purchaseOrderPages(query: PurchaseOrderQuery = {}): AsyncGenerator<GetPurchaseOrderModel[], void, void> {
    const pageSize = checkPageSize(query.pageSize);
    yield* this.paged<GetPurchaseOrderModel>({
      operation: 'queryPurchaseOrders',
      subject: query.purchaseOrderNumber ? `purchase order ${query.purchaseOrderNumber}` : 'purchase orders',
      path: 'purchaseOrders',
      query: {
        goodsOwnerId: this.goodsOwnerId,
        purchaseOrderNumber: query.purchaseOrderNumber,
        purchaseOrderNumbers: query.purchaseOrderNumbers,
        purchaseOrderStatusFrom: query.purchaseOrderStatusFrom,
        purchaseOrderStatusTo: query.purchaseOrderStatusTo,
        purchaseOrderStatusChangedTimeFrom: query.purchaseOrderStatusChangedTimeFrom,
        lastReceiveTimeFrom: query.lastReceiveTimeFrom,
        lastReceiveTimeTo: query.lastReceiveTimeTo,
        onlyPurchaseOrdersWithOrderLinesToReport: query.onlyPurchaseOrdersWithOrderLinesToReport,
      },
      fromParam: 'purchaseOrderIdFrom',
      maxParam: 'maxPurchaseOrdersToGet',
      pageSize,
      startFrom: query.purchaseOrderIdFrom,
      idOf: (p) => p.purchaseOrderInfo?.purchaseOrderId,
    });
  }

  /** DELETE /purchaseOrders/{purchaseOrderId}: cancel. Refused ('locked') once receiving started. Retried only after 429/503. */
  async cancelPurchaseOrder(purchaseOrderId: number): Promise<PurchaseOrderWriteResult> {
    checkId('Purchase order', purchaseOrderId);
    const ctx = this.ctx('cancelPurchaseOrder', 'cancel', `purchase order id ${purchaseOrderId}`, true);
    const { data } = await this.write({
      method: 'DELETE',
      path: `purchaseOrders/${purchaseOrderId}`,
      ctx,
      retry: false,
    });
    return { purchaseOrderId, message: (data as { message?: string | null } | undefined)?.message ?? null };
  }

  /** DELETE /purchaseOrders?goodsOwnerId=…&purchaseOrderNumber=…. Retried only after 429/503. */
  async cancelPurchaseOrderByNumber(purchaseOrderNumber: string): Promise<PurchaseOrderWriteResult> {
    const ctx = this.ctx('cancelPurchaseOrder', 'cancel', `purchase order ${purchaseOrderNumber}`, true);
    const { status, data } = await this.write({
      method: 'DELETE',
      path: 'purchaseOrders',
      query: { goodsOwnerId: this.goodsOwnerId, purchaseOrderNumber },
      ctx,
      retry: false,
    });
    const record = (data ?? {}) as { purchaseOrderId?: unknown; message?: string | null };
    if (typeof record.purchaseOrderId !== 'number') throw protocolError(ctx, status, 'returned no purchaseOrderId');
    return { purchaseOrderId: record.purchaseOrderId, message: record.message ?? null };
  }

  /** GET /purchaseOrders/statuses: this warehouse's purchase order status list. */
  async purchaseOrderStatuses(): Promise<GetPurchaseOrderStatusModel[]> {
    const ctx = this.ctx('purchaseOrderStatuses', 'read', 'purchase order statuses');
    const data = await this.readObject<{ orderStatuses?: GetPurchaseOrderStatusModel[] | null }>(
      'purchaseOrders/statuses',
      undefined,
      ctx,
    );
    if (!Array.isArray(data.orderStatuses)) throw protocolError(ctx, 200, 'returned no orderStatuses list');
    return data.orderStatuses;
  }

  /**
   * PATCH /purchaseOrders/{id}/setReportedNumberOfItemsToReceivedNumberOfItems: acknowledge what was
   * received. The spec types the answer as binary, so any 2xx body is accepted.
   */
  async setReportedToReceived(purchaseOrderId: number): Promise<PurchaseOrderWriteResult> {
    checkId('Purchase order', purchaseOrderId);
    const ctx = this.ctx('setReportedToReceived', 'patch', `purchase order id ${purchaseOrderId}`);
    const { data } = await this.write({
      method: 'PATCH',
      path: `purchaseOrders/${purchaseOrderId}/setReportedNumberOfItemsToReceivedNumberOfItems`,
      ctx,
      retry: true,
      lenientBody: true,
    });
    const message = typeof data === 'string' ? data || null : (extractOngoingMessage(data) ?? null);
    return { purchaseOrderId, message };
  }

  /**
   * PATCH /purchaseOrders/{id}/lines/{lineId}/reportedNumberOfItems: set one line's reported quantity to
   * an absolute value (idempotent). The spec types the answer as binary, so any 2xx body is accepted.
   */
  async setPurchaseOrderLineReported(
    purchaseOrderId: number,
    purchaseOrderLineId: number,
    reportedNumberOfItems: number,
  ): Promise<PurchaseOrderWriteResult> {
    checkId('Purchase order', purchaseOrderId);
    checkId('Purchase order line', purchaseOrderLineId);
    const ctx = this.ctx('setPurchaseOrderLineReported', 'patch', `purchase order id ${purchaseOrderId}`);
    const { data } = await this.write({
      method: 'PATCH',
      path: `purchaseOrders/${purchaseOrderId}/lines/${purchaseOrderLineId}/reportedNumberOfItems`,
      body: { reportedNumberOfItems },
      ctx,
      retry: true,
      lenientBody: true,
    });
    const message = typeof data === 'string' ? data || null : (extractOngoingMessage(data) ?? null);
    return { purchaseOrderId, message };
  }

  // ---------------------------------------------------------------- connection

  /** Cheap authenticated read that also checks the goods owner id (one article). */
  async checkConnection(): Promise<void> {
    const ctx = this.ctx('checkConnection', 'read', `goods owner ${this.goodsOwnerId}`);
    const data = await this.call({
      method: 'GET',
      path: 'articles',
      query: { goodsOwnerId: this.goodsOwnerId, maxArticlesToGet: 1 },
      ctx,
      retry: false,
    });
    if (!Array.isArray(data.data)) throw protocolError(ctx, data.status, 'did not return a list of articles');
  }

  // ---------------------------------------------------------------- internals

  private ctx(operation: string, callKind: OngoingCallKind, subject: string, lockable = false): OngoingCallContext {
    return { operation, callKind, subject, lockable, redact: (text) => this.redact(text) };
  }

  private redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) {
      if (secret.length >= 3) out = out.split(secret).join('***');
    }
    return out;
  }

  private withGoodsOwner<T extends { goodsOwnerId?: number }>(
    input: T,
    ctx: OngoingCallContext,
  ): T & { goodsOwnerId: number } {
    if (input.goodsOwnerId !== undefined && input.goodsOwnerId !== this.goodsOwnerId) {
      throw new RemoteError({
        system: 'ongoing',
        kind: 'validation',
        operation: ctx.operation,
        message: `${ctx.subject}: goodsOwnerId ${input.goodsOwnerId} does not match the configured goods owner ${this.goodsOwnerId}. Remove it or fix the Ongoing settings.`,
      });
    }
    return { ...input, goodsOwnerId: this.goodsOwnerId };
  }

  private async patchOrder(
    orderId: number,
    field: string,
    operation: string,
    body: unknown,
  ): Promise<OrderWriteResult> {
    checkId('Order', orderId);
    const ctx = this.ctx(operation, 'patch', `order id ${orderId}`);
    const { data } = await this.write({ method: 'PATCH', path: `orders/${orderId}/${field}`, body, ctx, retry: true });
    const record = (data ?? {}) as { orderId?: unknown; message?: string | null };
    return { orderId: typeof record.orderId === 'number' ? record.orderId : orderId, message: record.message ?? null };
  }

  private async readObject<T>(path: string, query: Query | undefined, ctx: OngoingCallContext): Promise<T> {
    const { status, data } = await this.call({ method: 'GET', path, query, ctx, retry: true });
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      throw protocolError(ctx, status, 'did not return an object');
    }
    return data as T;
  }

  private async *paged<T>(opts: {
    operation: string;
    subject: string;
    path: string;
    query: Query;
    fromParam: string;
    maxParam: string;
    pageSize: number;
    startFrom?: number;
    idOf: (item: T) => number | null | undefined;
  }): AsyncGenerator<T[], void, void> {
    let from = opts.startFrom;
    for (;;) {
      const ctx = this.ctx(
        opts.operation,
        'read',
        from !== undefined ? `${opts.subject} from id ${from}` : opts.subject,
      );
      const query: Query = { ...opts.query, [opts.fromParam]: from, [opts.maxParam]: opts.pageSize };
      const { status, data } = await this.call({ method: 'GET', path: opts.path, query, ctx, retry: true });
      if (!Array.isArray(data)) throw protocolError(ctx, status, 'did not return a list');
      if (data.length === 0) return;
      let max = Number.NEGATIVE_INFINITY;
      for (const item of data as T[]) {
        const id = opts.idOf(item);
        if (typeof id !== 'number' || !Number.isInteger(id))
          throw protocolError(ctx, status, 'returned a record without its id');
        if (id > max) max = id;
      }
      if (from !== undefined && max < from) {
        throw protocolError(ctx, status, `returned ids below ${opts.fromParam}=${from}, so paging cannot continue`);
      }
      yield data as T[];
      from = max + 1;
    }
  }

  private write(spec: CallSpec): Promise<CallResult> {
    return runOngoingWrite(this.goodsOwnerId, () => this.call(spec));
  }

  /**
   * Safe calls retry every transient failure. The others (cancels) retry only when the request
   * certainly was not applied: Ongoing asked to slow down (429/503) or the connection was never made.
   */
  private call(spec: CallSpec): Promise<CallResult> {
    const isRetryable = spec.retry
      ? undefined
      : (error: unknown) =>
          isRemoteError(error) && !error.inDoubt && (error.kind === 'rate' || error.kind === 'network');
    return withRetry((attempt) => this.attempt(spec, attempt), { policy: this.retryPolicy, isRetryable });
  }

  private async attempt(spec: CallSpec, attempt: number): Promise<CallResult> {
    const { ctx } = spec;
    const relative = `${spec.path}${buildQuery(spec.query)}`;
    const started = Date.now();
    const report = (status: number | undefined, error?: unknown) =>
      this.onCall?.({
        operation: ctx.operation,
        method: spec.method,
        path: relative,
        attempt,
        status,
        durationMs: Date.now() - started,
        errorKind: errorKindOf(error),
      });

    let creds: OngoingCredentials;
    try {
      creds = await this.credentials();
    } catch {
      const error = new RemoteError({
        system: 'ongoing',
        kind: 'auth',
        operation: ctx.operation,
        message: `${ctx.subject}: the Ongoing API user and password could not be read. Enter them in Settings.`,
      });
      report(undefined, error);
      throw error;
    }
    if (!creds?.user || !creds.password) {
      const error = new RemoteError({
        system: 'ongoing',
        kind: 'auth',
        operation: ctx.operation,
        message: `${ctx.subject}: no Ongoing API user or password is set. Enter them in Settings.`,
      });
      report(undefined, error);
      throw error;
    }
    const token = Buffer.from(`${creds.user}:${creds.password}`, 'utf8').toString('base64');
    this.secrets.add(creds.password);
    this.secrets.add(token);

    const headers: Record<string, string> = {
      Authorization: `Basic ${token}`,
      Accept: 'application/json',
    };
    let payload: Buffer | undefined;
    if (spec.body !== undefined) {
      payload = Buffer.from(JSON.stringify(spec.body), 'utf8');
      headers['Content-Type'] = 'application/json; charset=utf-8';
      headers['Content-Length'] = String(payload.length);
    } else if (spec.method !== 'GET') {
      payload = Buffer.alloc(0);
      headers['Content-Length'] = '0';
    }

    let response: { status: number; data: unknown; headers: Record<string, unknown> };
    try {
      response = await this.http.request({
        method: spec.method,
        url: new URL(relative, this.baseUrl).toString(),
        headers,
        data: payload,
      });
    } catch (error) {
      const classified = classifyOngoingTransportError(error, ctx, this.timeoutMs);
      report(undefined, classified);
      throw classified;
    }

    const status = response.status;
    const text = typeof response.data === 'string' ? response.data : String(response.data ?? '');
    const contentType =
      typeof response.headers['content-type'] === 'string' ? response.headers['content-type'] : undefined;
    if (status < 200 || status >= 300) {
      const retryAfter = response.headers['retry-after'];
      const error = classifyOngoingAnswer(
        { status, contentType, retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined, body: text },
        ctx,
      );
      report(status, error);
      throw error;
    }
    if (!text.trim()) {
      if (spec.lenientBody) {
        report(status);
        return { status, data: '' };
      }
      const error = protocolError(ctx, status, 'the answer was empty');
      report(status, error);
      throw error;
    }
    if (looksLikeHtml(contentType, text)) {
      const error = protocolError(ctx, status, 'sent a web page instead of JSON');
      report(status, error);
      throw error;
    }
    try {
      const data: unknown = JSON.parse(text);
      report(status);
      return { status, data };
    } catch {
      if (spec.lenientBody && !/^\s*[[{]/.test(text)) {
        report(status);
        return { status, data: text.trim() };
      }
      const error = protocolError(ctx, status, 'the answer was not valid JSON');
      report(status, error);
      throw error;
    }
  }
}

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
import type { GetArticleModel, GetOrderModel, GetOrderStatusModel } from '../../../shared/ongoing/models';
import { protocolError } from './errors';
import { OngoingPurchaseOrderApi } from './purchase-order-api';
import { OngoingTransport } from './transport';
import {
  ARTICLE_NUMBERS_PER_REQUEST,
  type ArticleQuery,
  checkId,
  checkPageSize,
  type OngoingArticleInput,
  type OngoingClientOptions,
  type OngoingOrderInput,
  ongoingBaseUrl,
  type OrderQuery,
  type OrderWriteResult,
  formatOngoingDateTime,
  type Query,
  type UpsertArticleResult,
  type UpsertOrderResult,
} from './types';

export * from './types';

export class OngoingClient extends OngoingPurchaseOrderApi {
  readonly baseUrl: string;

  constructor(options: OngoingClientOptions) {
    if (!Number.isInteger(options.goodsOwnerId) || options.goodsOwnerId < 1) {
      throw new Error(
        `Ongoing goods owner id must be a positive whole number (ask the warehouse for it), got ${options.goodsOwnerId}.`,
      );
    }
    const baseUrl = ongoingBaseUrl(options.baseUrl);
    super(new OngoingTransport({ ...options, baseUrl }), options.goodsOwnerId);
    this.baseUrl = baseUrl;
  }

  // ---------------------------------------------------------------- articles

  /** PUT /articles: create or update by article number. */
  async upsertArticle(article: OngoingArticleInput): Promise<UpsertArticleResult> {
    const ctx = this.t.ctx('upsertArticle', 'upsert', `article ${article.articleNumber ?? '(no article number)'}`);
    const body = this.withGoodsOwner(article, ctx);
    const { status, data } = await this.t.write({ method: 'PUT', path: 'articles', body, ctx, retry: true });
    const record = (data ?? {}) as { articleSystemId?: unknown; message?: string | null };
    if (typeof record.articleSystemId !== 'number') throw protocolError(ctx, status, 'returned no articleSystemId');
    return { articleSystemId: record.articleSystemId, message: record.message ?? null };
  }

  /** GET /articles/{articleSystemId}. */
  async getArticle(articleSystemId: number): Promise<GetArticleModel> {
    checkId('Article system', articleSystemId);
    const ctx = this.t.ctx('getArticle', 'read', `article id ${articleSystemId}`);
    return this.t.readObject<GetArticleModel>(`articles/${articleSystemId}`, undefined, ctx);
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
      yield* this.t.paged<GetArticleModel>({
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
    const ctx = this.t.ctx('upsertOrder', 'upsert', `order ${order.orderNumber ?? '(no order number)'}`, true);
    const body = this.withGoodsOwner(order, ctx);
    const { status, data } = await this.t.write({ method: 'PUT', path: 'orders', body, ctx, retry: true });
    const record = (data ?? {}) as { orderId?: unknown; message?: string | null };
    if (typeof record.orderId !== 'number') throw protocolError(ctx, status, 'returned no orderId');
    return { orderId: record.orderId, message: record.message ?? null, created: status === 201 };
  }

  /** GET /orders/{orderId}. */
  async getOrder(orderId: number): Promise<GetOrderModel> {
    checkId('Order', orderId);
    const ctx = this.t.ctx('getOrder', 'read', `order id ${orderId}`);
    return this.t.readObject<GetOrderModel>(`orders/${orderId}`, undefined, ctx);
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
    yield* this.t.paged<GetOrderModel>({
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
    const ctx = this.t.ctx('cancelOrder', 'cancel', `order id ${orderId}`, true);
    const { data } = await this.t.write({ method: 'DELETE', path: `orders/${orderId}`, ctx, retry: false });
    return { orderId, message: (data as { message?: string | null } | undefined)?.message ?? null };
  }

  /** DELETE /orders?goodsOwnerId=…&orderNumber=…: cancel by order number. Retried only after 429/503. */
  async cancelOrderByNumber(orderNumber: string): Promise<OrderWriteResult> {
    const ctx = this.t.ctx('cancelOrder', 'cancel', `order ${orderNumber}`, true);
    const { status, data } = await this.t.write({
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
    const ctx = this.t.ctx('orderStatuses', 'read', 'order statuses');
    const data = await this.t.readObject<{ orderStatuses?: GetOrderStatusModel[] | null }>(
      'orders/statuses',
      undefined,
      ctx,
    );
    if (!Array.isArray(data.orderStatuses)) throw protocolError(ctx, 200, 'returned no orderStatuses list');
    return data.orderStatuses;
  }

  // ---------------------------------------------------------------- connection

  /** Cheap authenticated read that also checks the goods owner id (one article). */
  async checkConnection(): Promise<void> {
    const ctx = this.t.ctx('checkConnection', 'read', `goods owner ${this.goodsOwnerId}`);
    const data = await this.t.call({
      method: 'GET',
      path: 'articles',
      query: { goodsOwnerId: this.goodsOwnerId, maxArticlesToGet: 1 },
      ctx,
      retry: false,
    });
    if (!Array.isArray(data.data)) throw protocolError(ctx, data.status, 'did not return a list of articles');
  }

  // ---------------------------------------------------------------- internals

  private async patchOrder(
    orderId: number,
    field: string,
    operation: string,
    body: unknown,
  ): Promise<OrderWriteResult> {
    checkId('Order', orderId);
    const ctx = this.t.ctx(operation, 'patch', `order id ${orderId}`);
    const { data } = await this.t.write({
      method: 'PATCH',
      path: `orders/${orderId}/${field}`,
      body,
      ctx,
      retry: true,
    });
    const record = (data ?? {}) as { orderId?: unknown; message?: string | null };
    return { orderId: typeof record.orderId === 'number' ? record.orderId : orderId, message: record.message ?? null };
  }
}

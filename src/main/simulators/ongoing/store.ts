/**
 * The Ongoing simulator's store: the records (articles, orders, purchase orders), their ids and
 * lookups, the status lists and the clock. The API's rules (`rules.ts`), the warehouse's own work
 * (`warehouse.ts`), the GET models (`render.ts`) and the list filters (`query.ts`) are functions
 * over this store; `OngoingState` (`state.ts`) puts them together.
 */
import type {
  GetOrderStatusModel,
  GetPurchaseOrderStatusModel,
  PostArticleModel,
  PostOrderLine,
  PostOrderModel,
  PostPurchaseOrderLine,
  PostPurchaseOrderModel,
  GetOrderTracking,
} from '../../../shared/ongoing/models';

/** Standard order status numbers (docs.ongoingwarehouse.com/manuals/statuses). */
export const ORDER_STATUS = {
  error: 150,
  open: 200,
  released: 300,
  allocated: 320,
  picked: 400,
  sent: 450,
  collected: 500,
  returned: 800,
  cancelled: 1000,
} as const;

export const PURCHASE_ORDER_STATUS = {
  notified: 100,
  arrivalSpace: 200,
  inbound: 300,
  deflection: 400,
  received: 500,
  cancelled: 900,
} as const;

export const DEFAULT_ORDER_STATUSES: GetOrderStatusModel[] = [
  { number: 150, text: 'Error' },
  { number: 200, text: 'Open' },
  { number: 300, text: 'Released' },
  { number: 320, text: 'Allocated' },
  { number: 400, text: 'Picked' },
  { number: 450, text: 'Sent' },
  { number: 500, text: 'Collected' },
  { number: 800, text: 'Returned' },
  { number: 1000, text: 'Cancelled' },
];

export const DEFAULT_PURCHASE_ORDER_STATUSES: GetPurchaseOrderStatusModel[] = [
  { number: 100, text: 'Notified' },
  { number: 200, text: 'Arrival space' },
  { number: 300, text: 'Inbound' },
  { number: 400, text: 'Deflection' },
  { number: 500, text: 'Received' },
  { number: 900, text: 'Cancelled' },
];

/** A refusal with the HTTP status the simulator answers with. */
export class OngoingSimError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'OngoingSimError';
    this.status = status;
  }
}

export interface SimArticle {
  articleSystemId: number;
  goodsOwnerId: number;
  articleNumber: string;
  /** The last PUT body (without goodsOwnerId). */
  data: Omit<PostArticleModel, 'goodsOwnerId'>;
  numberOfItems: number;
  lastInDate: string | null;
  articleDataLastUpdated: string;
  stockInfoChanged: string;
}

export interface SimOrderLine {
  id: number;
  rowNumber: string;
  articleSystemId: number;
  articleNumber: string;
  ordered: number;
  allocated: number;
  picked: number;
  packed: number;
  reported: number;
  data: PostOrderLine;
}

export interface SimOrder {
  orderId: number;
  goodsOwnerId: number;
  orderNumber: string;
  status: number;
  createdDate: string;
  updatedTime: string;
  statusChangedTime: string;
  lastPickingTime: string | null;
  shippedTime: string | null;
  wayBill: string | null;
  tracking: GetOrderTracking[];
  parcelIds: number[];
  customerId: number;
  data: Omit<PostOrderModel, 'goodsOwnerId' | 'orderLines'>;
  lines: SimOrderLine[];
}

export interface SimPurchaseOrderLine {
  id: number;
  rowNumber: string;
  articleSystemId: number;
  articleNumber: string;
  advised: number;
  received: number;
  reported: number;
  data: PostPurchaseOrderLine;
}

export interface SimPurchaseOrder {
  purchaseOrderId: number;
  goodsOwnerId: number;
  purchaseOrderNumber: string;
  status: number;
  createdDate: string;
  updatedTime: string;
  statusChangedTime: string;
  lastReceiveTime: string | null;
  data: Omit<PostPurchaseOrderModel, 'goodsOwnerId' | 'purchaseOrderLines'>;
  lines: SimPurchaseOrderLine[];
}

export interface OngoingStateOptions {
  goodsOwners: { id: number; name: string }[];
  orderStatuses?: GetOrderStatusModel[];
  purchaseOrderStatuses?: GetPurchaseOrderStatusModel[];
  /** Orders at or above this status refuse PUT and DELETE. Default 300 (Released). */
  lockFromStatus?: number;
  /** Purchase orders at or above this status refuse PUT and DELETE. Default 300 (Inbound). */
  purchaseOrderLockFromStatus?: number;
  /** HTTP status of the refusal. Default 400 (with a message saying why). */
  lockedHttpStatus?: number;
  /** Physical stock given to an article the first time it is created by PUT (a number or per article). Default 0. */
  newArticleStock?: number | ((articleNumber: string) => number);
  now?: () => Date;
}

/** Quantities per line, keyed by rowNumber. */
export type LineQuantities = Record<string, number>;

/**
 * Raw values an article's GET model carries instead of the computed ones, to play a warehouse that
 * answers with odd data (a missing `inventoryInfo`, stock `-4`, `"abc"`, `1e15`).
 */
export interface ArticleAnswerOverride {
  /** Dotted path (e.g. `inventoryInfo.numberOfItems`) → the raw JSON value to serve there. */
  set?: Record<string, unknown>;
  /** Dotted paths left out of the answer, e.g. `inventoryInfo`. */
  remove?: string[];
}

export const WAREHOUSE = { id: 1, code: 'WH1', name: 'Main warehouse' };

export function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

export function time(iso: string | null | undefined): number {
  return iso ? Date.parse(iso) : Number.NaN;
}

/** A date-time as the API returns it (UTC with Z); a plain date is read as midnight UTC. */
export function normalizeDateTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const parsed = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`);
  return Number.isNaN(parsed) ? value : new Date(parsed).toISOString();
}

export class OngoingStore {
  readonly articles = new Map<number, SimArticle>();
  /** Articles by goods owner and article number; kept in step wherever an article is added or renumbered. */
  private readonly articleIndex = new Map<string, SimArticle>();
  readonly orders = new Map<number, SimOrder>();
  readonly purchaseOrders = new Map<number, SimPurchaseOrder>();
  readonly goodsOwners: Map<number, string>;
  orderStatuses: GetOrderStatusModel[];
  purchaseOrderStatuses: GetPurchaseOrderStatusModel[];
  lockFromStatus: number;
  purchaseOrderLockFromStatus: number;
  lockedHttpStatus: number;
  newArticleStock: number | ((articleNumber: string) => number);
  private readonly clock: () => Date;
  readonly nextIds = {
    article: 1,
    order: 1,
    orderLine: 1,
    purchaseOrder: 1,
    purchaseOrderLine: 1,
    parcel: 1,
    customer: 1,
  };
  /** Customer ids by goods owner and customer number (or name). */
  readonly customers = new Map<string, number>();
  /** Odd values served for an article (by articleSystemId) until cleared; see ArticleAnswerOverride. */
  readonly articleOverrides = new Map<number, ArticleAnswerOverride>();
  private waybillSeq = 1;

  constructor(options: OngoingStateOptions) {
    this.goodsOwners = new Map(options.goodsOwners.map((g) => [g.id, g.name]));
    this.orderStatuses = options.orderStatuses ?? DEFAULT_ORDER_STATUSES;
    this.purchaseOrderStatuses = options.purchaseOrderStatuses ?? DEFAULT_PURCHASE_ORDER_STATUSES;
    this.lockFromStatus = options.lockFromStatus ?? ORDER_STATUS.released;
    this.purchaseOrderLockFromStatus = options.purchaseOrderLockFromStatus ?? PURCHASE_ORDER_STATUS.inbound;
    this.lockedHttpStatus = options.lockedHttpStatus ?? 400;
    this.newArticleStock = options.newArticleStock ?? 0;
    this.clock = options.now ?? (() => new Date());
  }

  now(): string {
    return this.clock().toISOString();
  }

  /** A 20-digit SSCC-style waybill, e.g. `00370712345000000001`. */
  nextWaybill(): string {
    return `0037071234${String(this.waybillSeq++).padStart(10, '0')}`;
  }

  orderStatusText(status: number): string {
    return this.orderStatuses.find((s) => s.number === status)?.text ?? String(status);
  }

  purchaseOrderStatusText(status: number): string {
    return this.purchaseOrderStatuses.find((s) => s.number === status)?.text ?? String(status);
  }

  articleByNumber(goodsOwnerId: number, articleNumber: string): SimArticle | undefined {
    return this.articleIndex.get(`${goodsOwnerId}\u0000${articleNumber}`);
  }

  indexArticle(article: SimArticle, previousNumber?: string): void {
    if (previousNumber !== undefined) this.articleIndex.delete(`${article.goodsOwnerId}\u0000${previousNumber}`);
    this.articleIndex.set(`${article.goodsOwnerId}\u0000${article.articleNumber}`, article);
  }

  orderByNumber(goodsOwnerId: number, orderNumber: string): SimOrder | undefined {
    for (const o of this.orders.values()) {
      if (o.goodsOwnerId === goodsOwnerId && o.orderNumber === orderNumber) return o;
    }
    return undefined;
  }

  purchaseOrderByNumber(goodsOwnerId: number, purchaseOrderNumber: string): SimPurchaseOrder | undefined {
    for (const p of this.purchaseOrders.values()) {
      if (p.goodsOwnerId === goodsOwnerId && p.purchaseOrderNumber === purchaseOrderNumber) return p;
    }
    return undefined;
  }

  /** The order, checked against the caller's goods owner (404 otherwise). */
  requireOrder(orderId: number, goodsOwnerId?: number): SimOrder {
    const order = this.orders.get(orderId);
    if (!order || (goodsOwnerId !== undefined && order.goodsOwnerId !== goodsOwnerId)) {
      throw new OngoingSimError(404, `There is no order with id ${orderId}.`);
    }
    return order;
  }

  requirePurchaseOrder(purchaseOrderId: number, goodsOwnerId?: number): SimPurchaseOrder {
    const po = this.purchaseOrders.get(purchaseOrderId);
    if (!po || (goodsOwnerId !== undefined && po.goodsOwnerId !== goodsOwnerId)) {
      throw new OngoingSimError(404, `There is no purchase order with id ${purchaseOrderId}.`);
    }
    return po;
  }

  requireArticle(articleSystemId: number, goodsOwnerId?: number): SimArticle {
    const article = this.articles.get(articleSystemId);
    if (!article || (goodsOwnerId !== undefined && article.goodsOwnerId !== goodsOwnerId)) {
      throw new OngoingSimError(404, `There is no article with id ${articleSystemId}.`);
    }
    return article;
  }

  /** Find an article by number; when no goods owner is given it must be unique across goods owners. */
  findArticleForControl(articleNumber: string, goodsOwnerId?: number): SimArticle {
    const matches = [...this.articles.values()].filter(
      (a) => a.articleNumber === articleNumber && (goodsOwnerId === undefined || a.goodsOwnerId === goodsOwnerId),
    );
    if (matches.length === 0)
      throw new OngoingSimError(404, `There is no article with article number '${articleNumber}'.`);
    if (matches.length > 1) {
      throw new OngoingSimError(
        409,
        `Article number '${articleNumber}' exists for several goods owners: give goodsOwnerId.`,
      );
    }
    return matches[0] as SimArticle;
  }

  touchStock(article: SimArticle): void {
    article.stockInfoChanged = this.now();
  }

  setOrderStatus(order: SimOrder, status: number): void {
    if (order.status === status) return;
    order.status = status;
    order.statusChangedTime = this.now();
  }

  setPurchaseOrderStatus(po: SimPurchaseOrder, status: number): void {
    if (po.status === status) return;
    po.status = status;
    po.statusChangedTime = this.now();
  }
}

/**
 * In-memory warehouse of the Ongoing simulator: articles with stock, orders and purchase orders,
 * the upsert/cancel rules of the REST API and the warehouse's own work (release, pick, ship,
 * receive). Rendering produces the GET models of the OpenAPI spec.
 *
 * Stock model (per article):
 * - `numberOfItems`: physical stock on locations. Picking takes items off it, receiving adds to it.
 * - `pickedToBeCollectedNumberOfItems`: picked on orders not yet Sent (status < 450).
 * - `numberOfBookedItems`: ordered but not yet picked on open orders (not cancelled, status < 450).
 * - `allocatedNumberOfItems`: allocated but not yet picked on released orders.
 * - `sellableNumberOfItems` = numberOfItems − booked (may be negative).
 * - `toReceiveNumberOfItems`: advised but not yet received on purchase orders below Received.
 */
import type {
  GetArticleInventoryInfo,
  GetArticleModel,
  GetOrderLine,
  GetOrderModel,
  GetOrderStatusModel,
  GetOrderTracking,
  GetPurchaseOrderLine,
  GetPurchaseOrderModel,
  GetPurchaseOrderStatusModel,
  PostArticleModel,
  PostOrderLine,
  PostOrderModel,
  PostPurchaseOrderLine,
  PostPurchaseOrderModel,
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

export interface OrderFilters {
  orderNumber?: string;
  orderNumbers?: string[];
  articleNumbers?: string[];
  orderStatusFrom?: number;
  orderStatusTo?: number;
  orderStatusChangedTimeFrom?: number;
  orderCreatedTimeFrom?: number;
  orderCreatedTimeTo?: number;
  shippedTimeFrom?: number;
  shippedTimeTo?: number;
  lastPickingTimeFrom?: number;
  onlyOrdersWithOrderLinesToReport?: boolean;
  orderIdFrom?: number;
  maxOrdersToGet?: number;
}

export interface PurchaseOrderFilters {
  purchaseOrderNumber?: string;
  purchaseOrderNumbers?: string[];
  articleNumbers?: string[];
  purchaseOrderStatusFrom?: number;
  purchaseOrderStatusTo?: number;
  purchaseOrderStatusChangedTimeFrom?: number;
  lastReceiveTimeFrom?: number;
  lastReceiveTimeTo?: number;
  inDateFrom?: number;
  inDateTo?: number;
  onlyPurchaseOrdersWithOrderLinesToReport?: boolean;
  purchaseOrderIdFrom?: number;
  maxPurchaseOrdersToGet?: number;
}

export interface ArticleFilters {
  articleNumber?: string;
  articleNumbers?: string[];
  productCode?: string;
  articleSystemIdFrom?: number;
  maxArticlesToGet?: number;
  onlyArticlesInStock?: boolean;
  articleDataLastUpdatedFrom?: number;
  stockInfoChangedFrom?: number;
}

/** Quantities per line, keyed by rowNumber. */
export type LineQuantities = Record<string, number>;

const WAREHOUSE = { id: 1, code: 'WH1', name: 'Main warehouse' };

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

function time(iso: string | null | undefined): number {
  return iso ? Date.parse(iso) : Number.NaN;
}

/** A date-time as the API returns it (UTC with Z); a plain date is read as midnight UTC. */
export function normalizeDateTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const parsed = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`);
  return Number.isNaN(parsed) ? value : new Date(parsed).toISOString();
}

function page<T>(items: T[], idOf: (item: T) => number, from: number | undefined, max: number | undefined): T[] {
  const sorted = items.filter((i) => from === undefined || idOf(i) >= from).sort((a, b) => idOf(a) - idOf(b));
  return max !== undefined && max >= 0 ? sorted.slice(0, max) : sorted;
}

export class OngoingState {
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
  private nextIds = {
    article: 1,
    order: 1,
    orderLine: 1,
    purchaseOrder: 1,
    purchaseOrderLine: 1,
    parcel: 1,
    customer: 1,
  };
  private readonly customers = new Map<string, number>();
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

  // ------------------------------------------------------------ lookups

  articleByNumber(goodsOwnerId: number, articleNumber: string): SimArticle | undefined {
    return this.articleIndex.get(`${goodsOwnerId}\u0000${articleNumber}`);
  }

  private indexArticle(article: SimArticle, previousNumber?: string): void {
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

  // ------------------------------------------------------------ articles

  upsertArticle(
    goodsOwnerId: number,
    body: PostArticleModel,
    articleSystemId?: number,
  ): { articleSystemId: number; message: string } {
    const { goodsOwnerId: _owner, ...data } = body;
    const now = this.now();
    let article = articleSystemId !== undefined ? this.requireArticle(articleSystemId, goodsOwnerId) : undefined;
    article ??= this.articleByNumber(goodsOwnerId, body.articleNumber);
    if (article) {
      if (articleSystemId !== undefined && article.articleNumber !== body.articleNumber) {
        const clash = this.articleByNumber(goodsOwnerId, body.articleNumber);
        if (clash && clash !== article) {
          throw new OngoingSimError(
            400,
            `Article number '${body.articleNumber}' is already used by article id ${clash.articleSystemId}.`,
          );
        }
      }
      article.data = data;
      const previousNumber = article.articleNumber;
      article.articleNumber = body.articleNumber;
      this.indexArticle(article, previousNumber);
      article.articleDataLastUpdated = now;
      return {
        articleSystemId: article.articleSystemId,
        message: `Article with article number '${body.articleNumber}' updated.`,
      };
    }
    const id = this.nextIds.article++;
    const stock =
      typeof this.newArticleStock === 'function' ? this.newArticleStock(body.articleNumber) : this.newArticleStock;
    const created: SimArticle = {
      articleSystemId: id,
      goodsOwnerId,
      articleNumber: body.articleNumber,
      data,
      numberOfItems: Number.isFinite(stock) && stock > 0 ? stock : 0,
      lastInDate: stock > 0 ? now : null,
      articleDataLastUpdated: now,
      stockInfoChanged: now,
    };
    this.articles.set(id, created);
    this.indexArticle(created);
    return { articleSystemId: id, message: `Article with article number '${body.articleNumber}' created.` };
  }

  inventory(article: SimArticle): GetArticleInventoryInfo {
    let booked = 0;
    let allocated = 0;
    let pickedToBeCollected = 0;
    let pickedToBeReported = 0;
    for (const order of this.orders.values()) {
      if (order.goodsOwnerId !== article.goodsOwnerId) continue;
      const open = order.status !== ORDER_STATUS.cancelled && order.status < ORDER_STATUS.sent;
      for (const line of order.lines) {
        if (line.articleSystemId !== article.articleSystemId) continue;
        if (open) {
          booked += Math.max(0, line.ordered - line.picked);
          if (order.status >= ORDER_STATUS.released) allocated += Math.max(0, line.allocated - line.picked);
          pickedToBeCollected += line.picked;
        }
        pickedToBeReported += Math.max(0, line.picked - line.reported);
      }
    }
    let toReceive = 0;
    let receivedToBeReported = 0;
    for (const po of this.purchaseOrders.values()) {
      if (po.goodsOwnerId !== article.goodsOwnerId) continue;
      const open = po.status !== PURCHASE_ORDER_STATUS.cancelled && po.status < PURCHASE_ORDER_STATUS.received;
      for (const line of po.lines) {
        if (line.articleSystemId !== article.articleSystemId) continue;
        if (open) toReceive += Math.max(0, line.advised - line.received);
        receivedToBeReported += Math.max(0, line.received - line.reported);
      }
    }
    const price = article.data.stockValuationPrice ?? article.data.purchasePrice ?? 0;
    return {
      numberOfItems: round(article.numberOfItems),
      numberOfBookedItems: round(booked),
      numberOfLockedItems: 0,
      toReceiveNumberOfItems: round(toReceive),
      allocatedNumberOfItems: round(allocated),
      lockedForSaleNumberOfItems: 0,
      pickedToBeCollectedNumberOfItems: round(pickedToBeCollected),
      receivedToBeFinishedNumberOfItems: 0,
      lastInDate: article.lastInDate,
      sellableNumberOfItems: round(article.numberOfItems - booked),
      totalStockValue: round(article.numberOfItems * price),
      reported: {
        pickedToBeReportedNumberOfItems: round(pickedToBeReported),
        returnedToBeReportedNumberOfItems: 0,
        receivedToBeReportedNumberOfItems: round(receivedToBeReported),
      },
    };
  }

  renderArticle(article: SimArticle): GetArticleModel {
    const d = article.data;
    return {
      goodsOwner: { id: article.goodsOwnerId, name: this.goodsOwners.get(article.goodsOwnerId) ?? null },
      articleSystemId: article.articleSystemId,
      articleNumber: article.articleNumber,
      articleName: d.articleName ?? null,
      productCode: d.productCode ?? null,
      unitCode: d.unitCode ?? null,
      description: d.description ?? null,
      isStockArticle: d.isStockArticle ?? true,
      isActive: d.isActive ?? true,
      supplierInfo: d.supplierInfo
        ? {
            supplierArticleNumber: d.supplierInfo.supplierArticleNumber ?? null,
            supplierNumber: d.supplierInfo.supplierNumber ?? null,
            supplierName: d.supplierInfo.supplierName ?? null,
          }
        : null,
      barCodeInfo: d.barCodeInfo
        ? {
            barCode: d.barCodeInfo.barCode ?? null,
            barCodePackage: d.barCodeInfo.barCodePackage ?? null,
            barCodePallet: d.barCodeInfo.barCodePallet ?? null,
          }
        : null,
      quantityPerPackage: d.quantityPerPackage ?? null,
      quantityPerPallet: d.quantityPerPallet ?? null,
      weight: d.weight ?? null,
      length: d.length ?? null,
      width: d.width ?? null,
      height: d.height ?? null,
      volume: d.volume ?? null,
      purchasePrice: d.purchasePrice ?? null,
      stockValuationPrice: d.stockValuationPrice ?? null,
      customerPrice: d.customerPrice ?? null,
      purcaseCurrencyCode: d.purcaseCurrencyCode ?? null,
      countryOfOriginCode: d.countryOfOriginCode ?? null,
      statisticsNumber: d.statisticsNumber ?? null,
      articleGroup: d.articleGroup ?? null,
      articleCategory: d.articleCategory ?? null,
      articleColor: d.articleColor ?? null,
      articleSize: d.articleSize ?? null,
      netWeight: d.netWeight ?? null,
      stockLimit: d.stockLimit ?? null,
      minimumReorderQuantity: d.minimumReorderQuantity ?? null,
      customsDescription: d.customsDescription ?? null,
      additionalStatisticsNumber: d.additionalStatisticsNumber ?? null,
      linkToPicture: d.linkToPicture ?? null,
      inventoryInfo: this.inventory(article),
      articleDataLastUpdated: article.articleDataLastUpdated,
      articleKind: 'Standard',
      classes: [],
    };
  }

  queryArticles(goodsOwnerId: number, f: ArticleFilters): SimArticle[] {
    const list = [...this.articles.values()].filter((a) => {
      if (a.goodsOwnerId !== goodsOwnerId) return false;
      if (f.articleNumber !== undefined && a.articleNumber !== f.articleNumber) return false;
      if (f.articleNumbers && f.articleNumbers.length > 0 && !f.articleNumbers.includes(a.articleNumber)) return false;
      if (f.productCode !== undefined && a.data.productCode !== f.productCode) return false;
      if (f.onlyArticlesInStock && a.numberOfItems <= 0) return false;
      if (f.articleDataLastUpdatedFrom !== undefined && time(a.articleDataLastUpdated) < f.articleDataLastUpdatedFrom)
        return false;
      if (f.stockInfoChangedFrom !== undefined && time(a.stockInfoChanged) < f.stockInfoChangedFrom) return false;
      return true;
    });
    return page(list, (a) => a.articleSystemId, f.articleSystemIdFrom, f.maxArticlesToGet);
  }

  private touchStock(article: SimArticle): void {
    article.stockInfoChanged = this.now();
  }

  // ------------------------------------------------------------ orders

  private lockedOrderMessage(order: SimOrder, action: 'updated' | 'cancelled'): string {
    return `Order with order number '${order.orderNumber}' can not be ${action} since the warehouse has started working on it. The order has status ${this.orderStatusText(order.status)} (${order.status}).`;
  }

  private checkLines<T extends { rowNumber: string; articleNumber: string }>(
    goodsOwnerId: number,
    lines: T[],
    listName: string,
  ): Map<string, SimArticle> {
    const seen = new Set<string>();
    const articles = new Map<string, SimArticle>();
    lines.forEach((line, index) => {
      if (seen.has(line.rowNumber)) {
        throw new OngoingSimError(
          400,
          `${listName}[${index}].rowNumber '${line.rowNumber}' is used by more than one line.`,
        );
      }
      seen.add(line.rowNumber);
      const article = this.articleByNumber(goodsOwnerId, line.articleNumber);
      if (!article) {
        throw new OngoingSimError(
          400,
          `${listName}[${index}].articleNumber: there is no article with article number '${line.articleNumber}'. Create the article first.`,
        );
      }
      articles.set(line.rowNumber, article);
    });
    return articles;
  }

  upsertOrder(
    goodsOwnerId: number,
    body: PostOrderModel,
    orderId?: number,
  ): { orderId: number; created: boolean; message: string } {
    const { goodsOwnerId: _owner, orderLines, ...data } = body;
    const lines = orderLines ?? [];
    const existing =
      orderId !== undefined
        ? this.requireOrder(orderId, goodsOwnerId)
        : this.orderByNumber(goodsOwnerId, body.orderNumber);
    if (existing && existing.status >= this.lockFromStatus) {
      throw new OngoingSimError(this.lockedHttpStatus, this.lockedOrderMessage(existing, 'updated'));
    }
    if (existing && orderId !== undefined && existing.orderNumber !== body.orderNumber) {
      const clash = this.orderByNumber(goodsOwnerId, body.orderNumber);
      if (clash && clash !== existing) {
        throw new OngoingSimError(
          400,
          `Order number '${body.orderNumber}' is already used by order id ${clash.orderId}.`,
        );
      }
    }
    const articles = this.checkLines(goodsOwnerId, lines, 'orderLines');
    const now = this.now();
    const customerPart = this.customerMessage(goodsOwnerId, body);
    const newLines = lines.map((line) => {
      const article = articles.get(line.rowNumber) as SimArticle;
      const old = existing?.lines.find((l) => l.rowNumber === line.rowNumber);
      const ordered = line.numberOfItems ?? 0;
      return {
        id: old?.id ?? this.nextIds.orderLine++,
        rowNumber: line.rowNumber,
        articleSystemId: article.articleSystemId,
        articleNumber: article.articleNumber,
        ordered,
        allocated: old && existing && existing.status >= ORDER_STATUS.released ? Math.min(old.allocated, ordered) : 0,
        picked: old?.picked ?? 0,
        packed: old?.packed ?? 0,
        reported: old?.reported ?? 0,
        data: line,
      } satisfies SimOrderLine;
    });
    if (existing) {
      existing.data = data;
      existing.orderNumber = body.orderNumber;
      existing.lines = newLines;
      existing.updatedTime = now;
      existing.customerId = this.customerId(goodsOwnerId, body);
      return {
        orderId: existing.orderId,
        created: false,
        message: `${customerPart}Order number ${body.orderNumber} updated.`,
      };
    }
    const id = this.nextIds.order++;
    this.orders.set(id, {
      orderId: id,
      goodsOwnerId,
      orderNumber: body.orderNumber,
      status: ORDER_STATUS.open,
      createdDate: now,
      updatedTime: now,
      statusChangedTime: now,
      lastPickingTime: null,
      shippedTime: null,
      wayBill: null,
      tracking: [],
      parcelIds: [],
      customerId: this.customerId(goodsOwnerId, body),
      data,
      lines: newLines,
    });
    return { orderId: id, created: true, message: `${customerPart}Order number ${body.orderNumber} created.` };
  }

  private customerId(goodsOwnerId: number, body: PostOrderModel): number {
    const key = `${goodsOwnerId}:${body.consignee?.customerNumber ?? body.consignee?.name ?? body.orderNumber}`;
    let id = this.customers.get(key);
    if (id === undefined) {
      id = this.nextIds.customer++;
      this.customers.set(key, id);
    }
    return id;
  }

  private customerMessage(goodsOwnerId: number, body: PostOrderModel): string {
    const number = body.consignee?.customerNumber;
    if (!number) return '';
    const known = this.customers.has(`${goodsOwnerId}:${number}`);
    return `Customer with customer number '${number}' ${known ? 'updated' : 'created'}. <br/> <br/>`;
  }

  cancelOrder(order: SimOrder): { orderId: number; message: string } {
    if (order.status === ORDER_STATUS.cancelled) {
      return {
        orderId: order.orderId,
        message: `Order with order number '${order.orderNumber}' is already cancelled.`,
      };
    }
    if (order.status >= this.lockFromStatus) {
      throw new OngoingSimError(this.lockedHttpStatus, this.lockedOrderMessage(order, 'cancelled'));
    }
    this.setOrderStatus(order, ORDER_STATUS.cancelled);
    return { orderId: order.orderId, message: `Order with order number '${order.orderNumber}' cancelled.` };
  }

  setOrderStatus(order: SimOrder, status: number): void {
    if (order.status === status) return;
    order.status = status;
    order.statusChangedTime = this.now();
  }

  patchOrder(
    order: SimOrder,
    field: 'deliveryDate' | 'orderRemark' | 'freeText1' | 'freeText2' | 'freeText3' | 'servicePointCode',
    value: string,
  ): string {
    order.data = { ...order.data, [field]: value };
    order.updatedTime = this.now();
    return `Order with order number '${order.orderNumber}' updated (${field}).`;
  }

  setReportedToPicked(order: SimOrder): string {
    for (const line of order.lines) line.reported = line.picked;
    order.updatedTime = this.now();
    return `Reported number of items set to picked number of items on ${order.lines.length} order line(s).`;
  }

  /**
   * PATCH /orders/{id}/lines/{lineId}/reportedNumberOfItems: set the line's reported quantity to an
   * absolute value (a repeated call changes nothing). Refused when the value is negative or above
   * what was picked.
   */
  setLineReported(order: SimOrder, lineId: number, value: number): string {
    const line = order.lines.find((l) => l.id === lineId);
    if (!line) throw new OngoingSimError(404, `Order ${order.orderId} has no order line with id ${lineId}.`);
    if (!Number.isFinite(value) || value < 0 || value > line.picked) {
      throw new OngoingSimError(
        400,
        `reportedNumberOfItems ${value} is not valid for order line ${lineId}: it must be between 0 and the picked number of items (${line.picked}).`,
      );
    }
    line.reported = value;
    order.updatedTime = this.now();
    return `Reported number of items set to ${value} on order line ${lineId}.`;
  }

  /** Release: status 300, lines allocated from free stock. */
  release(order: SimOrder): void {
    if (order.status !== ORDER_STATUS.open && order.status !== ORDER_STATUS.error) {
      throw new OngoingSimError(
        409,
        `Order ${order.orderId} (${order.orderNumber}) is ${this.orderStatusText(order.status)} (${order.status}); only Open orders can be released.`,
      );
    }
    for (const line of order.lines) {
      const article = this.articles.get(line.articleSystemId);
      if (!article) continue;
      const free = article.numberOfItems - this.inventory(article).allocatedNumberOfItems!;
      line.allocated = Math.max(0, Math.min(line.ordered, free));
    }
    this.setOrderStatus(order, ORDER_STATUS.released);
  }

  /**
   * Pick: without quantities every line is picked up to what is ordered and in stock; with
   * quantities (per rowNumber) exactly those. Status becomes Picked (400).
   */
  pick(order: SimOrder, quantities?: LineQuantities): void {
    if (order.status < ORDER_STATUS.released || order.status >= ORDER_STATUS.sent) {
      const hint = order.status < ORDER_STATUS.released ? ' Release it first.' : '';
      throw new OngoingSimError(
        409,
        `Order ${order.orderId} (${order.orderNumber}) is ${this.orderStatusText(order.status)} (${order.status}) and cannot be picked.${hint}`,
      );
    }
    const plan = new Map<SimOrderLine, number>();
    if (quantities) {
      for (const [rowNumber, qty] of Object.entries(quantities)) {
        const line = order.lines.find((l) => l.rowNumber === rowNumber);
        if (!line)
          throw new OngoingSimError(400, `Order ${order.orderNumber} has no line with rowNumber '${rowNumber}'.`);
        if (!Number.isFinite(qty) || qty < 0) {
          throw new OngoingSimError(400, `Quantity for row ${rowNumber} must be a number of at least 0, got ${qty}.`);
        }
        if (line.picked + qty > line.ordered) {
          throw new OngoingSimError(
            400,
            `Row ${rowNumber} of order ${order.orderNumber}: ${line.picked} of ${line.ordered} already picked, cannot pick ${qty} more.`,
          );
        }
        plan.set(line, qty);
      }
      const need = new Map<SimArticle, number>();
      for (const [line, qty] of plan) {
        const article = this.articles.get(line.articleSystemId) as SimArticle;
        need.set(article, (need.get(article) ?? 0) + qty);
      }
      for (const [article, qty] of need) {
        if (qty > article.numberOfItems) {
          throw new OngoingSimError(
            409,
            `Not enough stock of article ${article.articleNumber}: ${article.numberOfItems} in stock, ${qty} to pick.`,
          );
        }
      }
    } else {
      const left = new Map<SimArticle, number>();
      for (const line of order.lines) {
        const article = this.articles.get(line.articleSystemId) as SimArticle;
        const available = left.get(article) ?? article.numberOfItems;
        const qty = Math.max(0, Math.min(line.ordered - line.picked, available));
        left.set(article, available - qty);
        plan.set(line, qty);
      }
    }
    const total = [...plan.values()].reduce((s, q) => s + q, 0);
    if (total <= 0) {
      const missing = order.lines.filter((l) => l.picked < l.ordered).map((l) => l.articleNumber);
      throw new OngoingSimError(
        409,
        missing.length > 0
          ? `Nothing could be picked on order ${order.orderNumber}: no stock of ${[...new Set(missing)].join(', ')}.`
          : `Order ${order.orderNumber} is already fully picked.`,
      );
    }
    for (const [line, qty] of plan) {
      if (qty <= 0) continue;
      const article = this.articles.get(line.articleSystemId) as SimArticle;
      line.picked = round(line.picked + qty);
      line.allocated = Math.max(line.allocated, line.picked);
      article.numberOfItems = round(article.numberOfItems - qty);
      this.touchStock(article);
    }
    order.lastPickingTime = this.now();
    if (order.status < ORDER_STATUS.picked) this.setOrderStatus(order, ORDER_STATUS.picked);
  }

  /** Ship: Sent (450) or Collected (500), with waybill, tracking and a parcel. */
  ship(order: SimOrder, options: { status?: number; waybill?: string; trackingUrl?: string } = {}): void {
    const status = options.status ?? ORDER_STATUS.sent;
    if (status !== ORDER_STATUS.sent && status !== ORDER_STATUS.collected) {
      throw new OngoingSimError(400, `Ship status must be 450 (Sent) or 500 (Collected), got ${status}.`);
    }
    if (order.status < ORDER_STATUS.picked || order.status >= status || order.status === ORDER_STATUS.cancelled) {
      throw new OngoingSimError(
        409,
        `Order ${order.orderId} (${order.orderNumber}) is ${this.orderStatusText(order.status)} (${order.status}) and cannot become ${this.orderStatusText(status)} (${status}).${order.status < ORDER_STATUS.picked ? ' Pick it first.' : ''}`,
      );
    }
    const now = this.now();
    const waybill = options.waybill ?? order.wayBill ?? this.nextWaybill();
    order.wayBill = waybill;
    if (!order.tracking.some((t) => t.waybill === waybill)) {
      order.tracking.push({
        waybill,
        trackingUrl: options.trackingUrl ?? `https://tracking.example.com/?id=${waybill}`,
        created: now,
        freightPrice: null,
      });
    }
    if (order.parcelIds.length === 0) order.parcelIds.push(this.nextIds.parcel++);
    for (const line of order.lines) line.packed = line.picked;
    order.shippedTime ??= now;
    this.setOrderStatus(order, status);
  }

  renderOrder(order: SimOrder): GetOrderModel {
    const d = order.data;
    const c = d.consignee;
    const lines: GetOrderLine[] = order.lines.map((line) => {
      const article = this.articles.get(line.articleSystemId);
      return {
        id: line.id,
        rowNumber: line.rowNumber,
        article: {
          articleSystemId: line.articleSystemId,
          articleNumber: line.articleNumber,
          articleName: article?.data.articleName ?? null,
          productCode: article?.data.productCode ?? null,
          articleKind: 'Standard',
        },
        comment: line.data.comment ?? null,
        orderedNumberOfItems: line.ordered,
        allocatedNumberOfItems: line.allocated,
        pickedNumberOfItems: line.picked,
        packedNumberOfItems: line.packed,
        reportedNumberOfItems: line.reported,
        shouldBePicked: line.data.shouldBePicked ?? true,
        pickedArticleItems: [],
        subOrderLines: [],
        serialNumber: line.data.serialNumber ?? null,
        lineTotalCustomsValue: line.data.lineTotalCustomsValue ?? null,
        batchNumber: line.data.batchNumber ?? null,
        reportedReturnedNumberOfItems: 0,
        returnedNumberOfItems: 0,
        lineType: line.data.lineType ?? null,
        prices: line.data.prices
          ? {
              linePrice: line.data.prices.linePrice ?? null,
              customerLinePrice: line.data.prices.customerLinePrice ?? null,
              currencyCode: line.data.prices.currencyCode ?? null,
              discountPercentage: line.data.prices.discountPercentage ?? null,
            }
          : null,
        customerArticleNumber: line.data.customerArticleNumber ?? null,
        externalId: line.data.externalId ?? null,
        deliveryDate: normalizeDateTime(line.data.deliveryDate),
        warehouseInstruction: line.data.warehouseInstruction ?? null,
        vat: line.data.vat ? { code: line.data.vat.code, percent: line.data.vat.percent } : null,
      };
    });
    const sum = (pick: (l: SimOrderLine) => number) => round(order.lines.reduce((s, l) => s + pick(l), 0));
    return {
      goodsOwner: { id: order.goodsOwnerId, name: this.goodsOwners.get(order.goodsOwnerId) ?? null },
      orderInfo: {
        orderId: order.orderId,
        orderNumber: order.orderNumber,
        goodsOwnerOrderId: d.goodsOwnerOrderId ?? null,
        referenceNumber: d.referenceNumber ?? null,
        salesCode: d.salesCode ?? null,
        orderRemark: d.orderRemark ?? null,
        deliveryInstruction: d.deliveryInstruction ?? null,
        servicePointCode: d.servicePointCode ?? null,
        freeText1: d.freeText1 ?? null,
        freeText2: d.freeText2 ?? null,
        freeText3: d.freeText3 ?? null,
        orderType: d.orderType ?? null,
        wayOfDelivery: d.wayOfDelivery ?? null,
        deliveryDate: normalizeDateTime(d.deliveryDate) ?? d.deliveryDate,
        createdDate: order.createdDate,
        shippedTime: order.shippedTime,
        wayBill: order.wayBill,
        returnWayBill: null,
        orderStatus: { number: order.status, text: this.orderStatusText(order.status) },
        emailNotification: d.emailNotification ?? null,
        smsNotification: d.smsNotification ?? null,
        telephoneNotification: d.telephoneNotification ?? null,
        orderedNumberOfItems: sum((l) => l.ordered),
        allocatedNumberOfItems: sum((l) => l.allocated),
        pickedNumberOfItems: sum((l) => l.picked),
        preparedTransportDocumentId: d.preparedTransportDocumentId ?? null,
        warehouse: WAREHOUSE,
        termsOfDeliveryType: d.termsOfDeliveryType ?? null,
        customerPrice: d.customerPrice ?? null,
        consigneeOrderNumber: d.consigneeOrderNumber ?? null,
        warehouseInstruction: d.warehouseInstruction ?? null,
        marketPlace: d.marketPlace ?? null,
        pickingPriority: d.pickingPriority ?? null,
        freightPrice: d.freightPrice ?? null,
        invoiceUrl: d.invoiceUrl ?? null,
        orderFreeDateTime1: normalizeDateTime(d.orderFreeDateTime1),
      },
      consignee: {
        id: order.customerId,
        customerNumber: c.customerNumber ?? null,
        name: c.name ?? null,
        address1: c.address1 ?? null,
        address2: c.address2 ?? null,
        address3: c.address3 ?? null,
        postCode: c.postCode ?? null,
        city: c.city ?? null,
        countryCode: c.countryCode ?? null,
        countryStateCode: c.countryStateCode ?? null,
        remark: c.remark ?? null,
        doorCode: c.doorCode ?? null,
        advanced: c.advanced
          ? {
              telephoneNotification: c.advanced.telephoneNotification ?? null,
              emailNotification: c.advanced.emailNotification ?? null,
              smsNotification: c.advanced.smsNotification ?? null,
            }
          : null,
      },
      parcels: order.parcelIds.map((id) => ({
        id,
        parcelNumber: order.wayBill,
        isReturnParcel: false,
        tracking: { trackingUrl: order.tracking[0]?.trackingUrl ?? null },
      })),
      orderLines: lines,
      transporter: d.transporter
        ? { code: d.transporter.transporterCode ?? null, serviceCode: d.transporter.transporterServiceCode ?? null }
        : null,
      tracking: order.tracking.map((t) => ({ ...t })),
      classes: [],
      returnTracking: [],
    };
  }

  queryOrders(goodsOwnerId: number, f: OrderFilters): SimOrder[] {
    const list = [...this.orders.values()].filter((o) => {
      if (o.goodsOwnerId !== goodsOwnerId) return false;
      if (f.orderNumber !== undefined && o.orderNumber !== f.orderNumber) return false;
      if (f.orderNumbers && f.orderNumbers.length > 0 && !f.orderNumbers.includes(o.orderNumber)) return false;
      if (
        f.articleNumbers &&
        f.articleNumbers.length > 0 &&
        !o.lines.some((l) => f.articleNumbers?.includes(l.articleNumber))
      )
        return false;
      if (f.orderStatusFrom !== undefined && o.status < f.orderStatusFrom) return false;
      if (f.orderStatusTo !== undefined && o.status > f.orderStatusTo) return false;
      if (f.orderStatusChangedTimeFrom !== undefined && time(o.statusChangedTime) < f.orderStatusChangedTimeFrom)
        return false;
      if (f.orderCreatedTimeFrom !== undefined && time(o.createdDate) < f.orderCreatedTimeFrom) return false;
      if (f.orderCreatedTimeTo !== undefined && time(o.createdDate) > f.orderCreatedTimeTo) return false;
      if (f.shippedTimeFrom !== undefined && !(time(o.shippedTime) >= f.shippedTimeFrom)) return false;
      if (f.shippedTimeTo !== undefined && !(time(o.shippedTime) <= f.shippedTimeTo)) return false;
      if (f.lastPickingTimeFrom !== undefined && !(time(o.lastPickingTime) >= f.lastPickingTimeFrom)) return false;
      if (f.onlyOrdersWithOrderLinesToReport && !o.lines.some((l) => l.reported < l.picked)) return false;
      return true;
    });
    return page(list, (o) => o.orderId, f.orderIdFrom, f.maxOrdersToGet);
  }

  // ------------------------------------------------------------ purchase orders

  private lockedPurchaseOrderMessage(po: SimPurchaseOrder, action: 'updated' | 'cancelled'): string {
    return `Purchase order with purchase order number '${po.purchaseOrderNumber}' can not be ${action} since the warehouse has started working on it. The purchase order has status ${this.purchaseOrderStatusText(po.status)} (${po.status}).`;
  }

  upsertPurchaseOrder(
    goodsOwnerId: number,
    body: PostPurchaseOrderModel,
    purchaseOrderId?: number,
  ): { purchaseOrderId: number; created: boolean; message: string } {
    const { goodsOwnerId: _owner, purchaseOrderLines, ...data } = body;
    const lines = purchaseOrderLines ?? [];
    const existing =
      purchaseOrderId !== undefined
        ? this.requirePurchaseOrder(purchaseOrderId, goodsOwnerId)
        : this.purchaseOrderByNumber(goodsOwnerId, body.purchaseOrderNumber);
    if (existing && existing.status >= this.purchaseOrderLockFromStatus) {
      throw new OngoingSimError(this.lockedHttpStatus, this.lockedPurchaseOrderMessage(existing, 'updated'));
    }
    if (existing && purchaseOrderId !== undefined && existing.purchaseOrderNumber !== body.purchaseOrderNumber) {
      const clash = this.purchaseOrderByNumber(goodsOwnerId, body.purchaseOrderNumber);
      if (clash && clash !== existing) {
        throw new OngoingSimError(
          400,
          `Purchase order number '${body.purchaseOrderNumber}' is already used by purchase order id ${clash.purchaseOrderId}.`,
        );
      }
    }
    const articles = this.checkLines(goodsOwnerId, lines, 'purchaseOrderLines');
    const now = this.now();
    const newLines = lines.map((line) => {
      const article = articles.get(line.rowNumber) as SimArticle;
      const old = existing?.lines.find((l) => l.rowNumber === line.rowNumber);
      return {
        id: old?.id ?? this.nextIds.purchaseOrderLine++,
        rowNumber: line.rowNumber,
        articleSystemId: article.articleSystemId,
        articleNumber: article.articleNumber,
        advised: line.numberOfItems ?? 0,
        received: old?.received ?? 0,
        reported: old?.reported ?? 0,
        data: line,
      } satisfies SimPurchaseOrderLine;
    });
    if (existing) {
      existing.data = data;
      existing.purchaseOrderNumber = body.purchaseOrderNumber;
      existing.lines = newLines;
      existing.updatedTime = now;
      return {
        purchaseOrderId: existing.purchaseOrderId,
        created: false,
        message: `Purchase order number ${body.purchaseOrderNumber} updated.`,
      };
    }
    const id = this.nextIds.purchaseOrder++;
    this.purchaseOrders.set(id, {
      purchaseOrderId: id,
      goodsOwnerId,
      purchaseOrderNumber: body.purchaseOrderNumber,
      status: PURCHASE_ORDER_STATUS.notified,
      createdDate: now,
      updatedTime: now,
      statusChangedTime: now,
      lastReceiveTime: null,
      data,
      lines: newLines,
    });
    return {
      purchaseOrderId: id,
      created: true,
      message: `Purchase order number ${body.purchaseOrderNumber} created.`,
    };
  }

  cancelPurchaseOrder(po: SimPurchaseOrder): { purchaseOrderId: number; message: string } {
    if (po.status === PURCHASE_ORDER_STATUS.cancelled) {
      return {
        purchaseOrderId: po.purchaseOrderId,
        message: `Purchase order with purchase order number '${po.purchaseOrderNumber}' is already cancelled.`,
      };
    }
    if (po.status >= this.purchaseOrderLockFromStatus) {
      throw new OngoingSimError(this.lockedHttpStatus, this.lockedPurchaseOrderMessage(po, 'cancelled'));
    }
    this.setPurchaseOrderStatus(po, PURCHASE_ORDER_STATUS.cancelled);
    return {
      purchaseOrderId: po.purchaseOrderId,
      message: `Purchase order with purchase order number '${po.purchaseOrderNumber}' cancelled.`,
    };
  }

  setPurchaseOrderStatus(po: SimPurchaseOrder, status: number): void {
    if (po.status === status) return;
    po.status = status;
    po.statusChangedTime = this.now();
  }

  /** PATCH /purchaseOrders/{id}/lines/{lineId}/reportedNumberOfItems: absolute, between 0 and received. */
  setPurchaseLineReported(po: SimPurchaseOrder, lineId: number, value: number): string {
    const line = po.lines.find((l) => l.id === lineId);
    if (!line) {
      throw new OngoingSimError(
        404,
        `Purchase order ${po.purchaseOrderId} has no purchase order line with id ${lineId}.`,
      );
    }
    if (!Number.isFinite(value) || value < 0 || value > line.received) {
      throw new OngoingSimError(
        400,
        `reportedNumberOfItems ${value} is not valid for purchase order line ${lineId}: it must be between 0 and the received number of items (${line.received}).`,
      );
    }
    line.reported = value;
    po.updatedTime = this.now();
    return `Reported number of items set to ${value} on purchase order line ${lineId}.`;
  }

  setReportedToReceived(po: SimPurchaseOrder): string {
    for (const line of po.lines) line.reported = line.received;
    po.updatedTime = this.now();
    return `Reported number of items set to received number of items on ${po.lines.length} purchase order line(s).`;
  }

  /**
   * Receive: without quantities every line is received up to what was advised; with quantities
   * (per rowNumber) exactly those, over-receipt allowed. Received (500) when every line is complete,
   * else Inbound (300). Stock goes up.
   */
  receive(po: SimPurchaseOrder, quantities?: LineQuantities): void {
    if (po.status === PURCHASE_ORDER_STATUS.cancelled || po.status >= PURCHASE_ORDER_STATUS.received) {
      throw new OngoingSimError(
        409,
        `Purchase order ${po.purchaseOrderId} (${po.purchaseOrderNumber}) is ${this.purchaseOrderStatusText(po.status)} (${po.status}) and cannot be received.`,
      );
    }
    const plan = new Map<SimPurchaseOrderLine, number>();
    if (quantities) {
      for (const [rowNumber, qty] of Object.entries(quantities)) {
        const line = po.lines.find((l) => l.rowNumber === rowNumber);
        if (!line) {
          throw new OngoingSimError(
            400,
            `Purchase order ${po.purchaseOrderNumber} has no line with rowNumber '${rowNumber}'.`,
          );
        }
        if (!Number.isFinite(qty) || qty < 0) {
          throw new OngoingSimError(400, `Quantity for row ${rowNumber} must be a number of at least 0, got ${qty}.`);
        }
        plan.set(line, qty);
      }
    } else {
      for (const line of po.lines) plan.set(line, Math.max(0, line.advised - line.received));
    }
    const total = [...plan.values()].reduce((s, q) => s + q, 0);
    if (total <= 0) throw new OngoingSimError(409, `Nothing to receive on purchase order ${po.purchaseOrderNumber}.`);
    const now = this.now();
    for (const [line, qty] of plan) {
      if (qty <= 0) continue;
      line.received = round(line.received + qty);
      const article = this.articles.get(line.articleSystemId);
      if (article) {
        article.numberOfItems = round(article.numberOfItems + qty);
        article.lastInDate = now;
        this.touchStock(article);
      }
    }
    po.lastReceiveTime = now;
    const complete = po.lines.every((l) => l.received >= l.advised);
    this.setPurchaseOrderStatus(po, complete ? PURCHASE_ORDER_STATUS.received : PURCHASE_ORDER_STATUS.inbound);
  }

  renderPurchaseOrder(po: SimPurchaseOrder): GetPurchaseOrderModel {
    const d = po.data;
    const lines: GetPurchaseOrderLine[] = po.lines.map((line) => {
      const article = this.articles.get(line.articleSystemId);
      return {
        id: line.id,
        rowNumber: line.rowNumber,
        article: {
          articleSystemId: line.articleSystemId,
          articleNumber: line.articleNumber,
          articleName: article?.data.articleName ?? null,
          productCode: article?.data.productCode ?? null,
        },
        comment: line.data.comment ?? null,
        rowPrice: line.data.rowPrice ?? null,
        advisedNumberOfItems: line.advised,
        receivedNumberOfItems: line.received,
        reportedNumberOfItems: line.reported,
        articleItems: [],
        subPurchaseOrderLines: [],
        externalOrderLineId: line.data.externalOrderLineId ?? null,
        lineType: line.data.lineType ?? null,
        inDate: normalizeDateTime(line.data.inDate),
        textLines: [],
      };
    });
    return {
      goodsOwner: { id: po.goodsOwnerId, name: this.goodsOwners.get(po.goodsOwnerId) ?? null },
      supplierInfo: d.supplierInfo
        ? { supplierNumber: d.supplierInfo.supplierNumber ?? null, supplierName: d.supplierInfo.supplierName ?? null }
        : null,
      purchaseOrderInfo: {
        purchaseOrderId: po.purchaseOrderId,
        purchaseOrderNumber: po.purchaseOrderNumber,
        supplierOrderNumber: d.supplierOrderNumber ?? null,
        goodsOwnerReference: d.goodsOwnerReference ?? null,
        referenceNumber: d.referenceNumber ?? null,
        purchaseOrderStatus: { number: po.status, text: this.purchaseOrderStatusText(po.status) },
        purchaseOrderType: d.purchaseOrderType ?? null,
        inDate: normalizeDateTime(d.inDate),
        purchaseOrderRemark: d.purchaseOrderRemark ?? null,
        warehouse: WAREHOUSE,
        createdDate: po.createdDate,
        advanced: {
          orderDate: normalizeDateTime(d.advanced?.orderDate),
          advisedDate: normalizeDateTime(d.advanced?.advisedDate),
          arrivalDate: po.lastReceiveTime,
          container: d.advanced?.container ?? null,
          purchaseOrderIsReturnType: d.advanced?.purchaseOrderIsReturnType ?? false,
        },
        invoiceNumber: d.invoiceNumber ?? null,
      },
      purchaseOrderLines: lines,
      classes: [],
      textLines: [],
    };
  }

  queryPurchaseOrders(goodsOwnerId: number, f: PurchaseOrderFilters): SimPurchaseOrder[] {
    const list = [...this.purchaseOrders.values()].filter((p) => {
      if (p.goodsOwnerId !== goodsOwnerId) return false;
      if (f.purchaseOrderNumber !== undefined && p.purchaseOrderNumber !== f.purchaseOrderNumber) return false;
      if (
        f.purchaseOrderNumbers &&
        f.purchaseOrderNumbers.length > 0 &&
        !f.purchaseOrderNumbers.includes(p.purchaseOrderNumber)
      )
        return false;
      if (
        f.articleNumbers &&
        f.articleNumbers.length > 0 &&
        !p.lines.some((l) => f.articleNumbers?.includes(l.articleNumber))
      )
        return false;
      if (f.purchaseOrderStatusFrom !== undefined && p.status < f.purchaseOrderStatusFrom) return false;
      if (f.purchaseOrderStatusTo !== undefined && p.status > f.purchaseOrderStatusTo) return false;
      if (
        f.purchaseOrderStatusChangedTimeFrom !== undefined &&
        time(p.statusChangedTime) < f.purchaseOrderStatusChangedTimeFrom
      )
        return false;
      if (f.lastReceiveTimeFrom !== undefined && !(time(p.lastReceiveTime) >= f.lastReceiveTimeFrom)) return false;
      if (f.lastReceiveTimeTo !== undefined && !(time(p.lastReceiveTime) <= f.lastReceiveTimeTo)) return false;
      if (f.inDateFrom !== undefined && !(time(normalizeDateTime(p.data.inDate)) >= f.inDateFrom)) return false;
      if (f.inDateTo !== undefined && !(time(normalizeDateTime(p.data.inDate)) <= f.inDateTo)) return false;
      if (f.onlyPurchaseOrdersWithOrderLinesToReport && !p.lines.some((l) => l.reported !== l.received)) return false;
      return true;
    });
    return page(list, (p) => p.purchaseOrderId, f.purchaseOrderIdFrom, f.maxPurchaseOrdersToGet);
  }

  // ------------------------------------------------------------ stock

  adjustStock(article: SimArticle, numberOfItems: number): void {
    if (!Number.isFinite(numberOfItems) || numberOfItems < 0) {
      throw new OngoingSimError(400, `numberOfItems must be a number of at least 0, got ${numberOfItems}.`);
    }
    article.numberOfItems = round(numberOfItems);
    this.touchStock(article);
  }
}

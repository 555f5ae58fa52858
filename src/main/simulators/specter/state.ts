import type { z } from 'zod';
import type {
  SpecterArticle,
  SpecterCustomer,
  SpecterDeliveryRecord,
  SpecterDeliveryStatus,
  SpecterOrder,
  SpecterOrderRow,
  SpecterPurchase,
  SpecterPurchaseRow,
  SpecterSupplier,
} from '../../../shared/domain/specter';
import {
  articleSchema,
  describeIssues,
  type NormalizedSpecterFixture,
  orderSchema,
  purchaseSchema,
  type SpecterFixtureArticle,
  type SpecterFixtureOrder,
  type SpecterFixturePurchase,
} from './fixture';
import { ERROR_CODE, MAX_ROWS_PER_WRITE, STATUS_ID_DELETED } from './protocol';
import { isCalendarDate, nextSecond, stockholmTimestamp } from './time';

/** A refusal in Specter's terms: the envelope code and a message naming what to fix. */
export class SpecterSimError extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.name = 'SpecterSimError';
    this.code = code;
  }
}

export type SimOrder = SpecterOrder & { deliveries: SpecterDeliveryRecord[] };
export type SimPurchase = SpecterPurchase & { deliveries: SpecterDeliveryRecord[] };

export interface SimDelivery {
  deliveryId: string;
  orderId: string;
  deliveryDate: string;
  packetNo: string;
  rows: { rowNo: string; noOfItems: number }[];
  sendDeliveryEmail: boolean;
  createInvoice: boolean;
  /** '' when no invoice was asked for. */
  invoiceId: string;
  /** The reference text sent with the submit ('' for none). */
  reference: string;
  receivedAt: string;
}

export interface SimPurchaseDelivery {
  purchaseDeliveryId: string;
  purchaseId: string;
  deliveryDate: string;
  rows: { rowId: string; noOfItems: number }[];
  sendEmail: boolean;
  reference: string;
  receivedAt: string;
}

export interface SimStockUpdate {
  stockSiteId: string;
  rows: { articleNo: string; noItemsInStock: number }[];
  receivedAt: string;
}

export type BatchReadResult = { kind: 'ok'; keys: string[] } | { kind: 'open'; oldBatchNo: string };

/**
 * One change feed with Specter's batch rules: changed keys wait in `pending`; a read with a new
 * batchNo opens a batch of at most `limit` keys; the same batchNo returns the same keys; another
 * batchNo while one is open is refused (code 99); the acknowledgement clears the keys that did not
 * change again meanwhile.
 */
export class BatchFeed {
  private seq = 0;
  readonly pending = new Map<string, number>();
  open: { batchNo: string; entries: [string, number][] } | null = null;

  mark(key: string): void {
    this.pending.delete(key);
    this.pending.set(key, ++this.seq);
  }

  read(batchNo: string, limit: number): BatchReadResult {
    if (this.open) {
      if (this.open.batchNo === batchNo) return { kind: 'ok', keys: this.open.entries.map(([k]) => k) };
      return { kind: 'open', oldBatchNo: this.open.batchNo };
    }
    const entries = [...this.pending.entries()].slice(0, Math.max(1, limit));
    if (entries.length > 0) this.open = { batchNo, entries };
    return { kind: 'ok', keys: entries.map(([k]) => k) };
  }

  /** Returns how many changes were cleared (0 when `batchNo` is not the open batch). */
  ack(batchNo: string): number {
    if (!this.open || this.open.batchNo !== batchNo) return 0;
    let cleared = 0;
    for (const [key, seq] of this.open.entries) {
      if (this.pending.get(key) === seq) {
        this.pending.delete(key);
        cleared++;
      }
    }
    this.open = null;
    return cleared;
  }

  reset(): void {
    this.pending.clear();
    this.open = null;
    this.seq = 0;
  }
}

export const stockKey = (stockSiteId: string, articleNo: string) => `${stockSiteId}\u0000${articleNo}`;

const round2 = (n: number) => Math.round(n * 100) / 100;

function statusFromRows(rows: { noOfItems: number; delivered: number }[]): SpecterDeliveryStatus {
  if (rows.length > 0 && rows.every((r) => r.delivered >= r.noOfItems)) return 'D';
  if (rows.some((r) => r.delivered > 0)) return 'P';
  return 'N';
}

function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new SpecterSimError(ERROR_CODE.invalidValue, describeIssues(what, parsed.error));
  return parsed.data;
}

function nextNumericId(current: number, id: string): number {
  const n = Number(id);
  return Number.isInteger(n) && n > current ? n : current;
}

export type OrderPatch = Partial<
  Pick<
    SpecterOrder,
    | 'externalOrderNo'
    | 'currency'
    | 'deliveryDate'
    | 'customerReference'
    | 'customerOrderReference'
    | 'internalComment'
    | 'publishedComment'
    | 'notifyDeliveryByMobile'
    | 'notifyDeliveryMobileNo'
    | 'preparedShipmentId'
    | 'agentNo'
    | 'bulkId'
    | 'stockSiteId'
  >
> & { rows?: SpecterFixtureOrder['rows']; customer?: Partial<SpecterCustomer> };

const PATCHABLE_ORDER_FIELDS = [
  'externalOrderNo',
  'currency',
  'deliveryDate',
  'customerReference',
  'customerOrderReference',
  'internalComment',
  'publishedComment',
  'notifyDeliveryByMobile',
  'notifyDeliveryMobileNo',
  'preparedShipmentId',
  'agentNo',
  'bulkId',
  'stockSiteId',
] as const;

/** The simulated Specter database. All changes go through these methods so the feeds stay right. */
export class SpecterSimState {
  stockSites: { stockSiteId: string; name: string }[] = [];
  readonly articles = new Map<string, SpecterArticle>();
  readonly customers = new Map<string, SpecterCustomer>();
  readonly suppliers = new Map<string, SpecterSupplier>();
  readonly orders = new Map<string, SimOrder>();
  readonly purchases = new Map<string, SimPurchase>();
  /** stockSiteId → articleNo → physical stock (null = no stock record). */
  readonly stock = new Map<string, Map<string, number | null>>();
  readonly deliveries: SimDelivery[] = [];
  readonly purchaseDeliveries: SimPurchaseDelivery[] = [];
  readonly stockUpdates: SimStockUpdate[] = [];
  readonly feeds = { articles: new BatchFeed(), stock: new BatchFeed(), orders: new BatchFeed() };

  private counters = {
    articleId: 100,
    orderId: 5500,
    orderNo: 1000,
    rowId: 88000,
    purchaseId: 3000,
    delivery: 7000,
    invoice: 9000,
  };
  private lastStamp = '';
  private readonly now: () => Date;

  constructor(now: () => Date = () => new Date()) {
    this.now = now;
  }

  /** A unique, increasing change time (one second after the previous one when the clock has not moved). */
  stamp(): string {
    const candidate = stockholmTimestamp(this.now());
    this.lastStamp = candidate > this.lastStamp ? candidate : nextSecond(this.lastStamp);
    return this.lastStamp;
  }

  private observeStamp(stamp: string): void {
    if (stamp > this.lastStamp) this.lastStamp = stamp;
  }

  private today(): string {
    return stockholmTimestamp(this.now()).slice(0, 10);
  }

  /** Replace everything with the fixture's data; every record starts as changed in its feed. */
  load(fixture: NormalizedSpecterFixture): void {
    this.articles.clear();
    this.customers.clear();
    this.suppliers.clear();
    this.orders.clear();
    this.purchases.clear();
    this.stock.clear();
    this.deliveries.length = 0;
    this.purchaseDeliveries.length = 0;
    this.stockUpdates.length = 0;
    for (const feed of Object.values(this.feeds)) feed.reset();
    this.counters = {
      articleId: 100,
      orderId: 5500,
      orderNo: 1000,
      rowId: 88000,
      purchaseId: 3000,
      delivery: 7000,
      invoice: 9000,
    };
    this.lastStamp = '';
    this.stockSites = fixture.stockSites.map((s) => ({ ...s }));
    for (const site of this.stockSites) this.stock.set(site.stockSiteId, new Map());

    for (const a of fixture.articles) if (a.lastChanged) this.observeStamp(a.lastChanged);
    for (const o of fixture.orders) if (o.lastChanged) this.observeStamp(o.lastChanged);
    for (const p of fixture.purchases) if (p.lastChanged) this.observeStamp(p.lastChanged);
    for (const a of fixture.articles) {
      if (a.articleId) this.counters.articleId = nextNumericId(this.counters.articleId, a.articleId);
    }
    for (const o of fixture.orders) {
      if (o.orderId) this.counters.orderId = nextNumericId(this.counters.orderId, o.orderId);
      if (o.orderNo) this.counters.orderNo = nextNumericId(this.counters.orderNo, o.orderNo);
      for (const r of o.rows) if (r.rowId) this.counters.rowId = nextNumericId(this.counters.rowId, r.rowId);
    }
    for (const p of fixture.purchases) {
      if (p.purchaseId) this.counters.purchaseId = nextNumericId(this.counters.purchaseId, p.purchaseId);
      for (const r of p.rows) if (r.rowId) this.counters.rowId = nextNumericId(this.counters.rowId, r.rowId);
    }

    for (const c of fixture.customers) this.customers.set(c.customerId, structuredClone(c));
    for (const s of fixture.suppliers) this.suppliers.set(s.supplierNo, structuredClone(s));
    const articleStamp = this.stamp();
    for (const a of fixture.articles) this.putArticle(a, a.lastChanged ?? articleStamp);
    for (const s of fixture.stock) {
      this.stock.get(s.stockSiteId)?.set(s.articleNo, s.noItemsInStock);
      this.feeds.stock.mark(stockKey(s.stockSiteId, s.articleNo));
    }
    for (const o of fixture.orders) this.insertOrder(o);
    for (const p of fixture.purchases) this.insertPurchase(p);
  }

  // -------------------------------------------------------------------------------------------
  // Articles and stock
  // -------------------------------------------------------------------------------------------

  private putArticle(input: z.output<typeof articleSchema>, lastChanged: string): SpecterArticle {
    const existing = this.articles.get(input.articleNo);
    const articleId = input.articleId ?? existing?.articleId ?? String(++this.counters.articleId);
    const article: SpecterArticle = {
      articleId,
      articleNo: input.articleNo,
      name: input.name,
      articleComment: input.articleComment,
      articleGroup: input.articleGroup,
      barCode: input.barCode,
      suppliers: input.suppliers.map((s) => ({ ...s })),
      manufacturingCountryCode: input.manufacturingCountryCode,
      commodityCode: input.commodityCode,
      buyPrice: input.buyPrice,
      priceExclVat: input.priceExclVat,
      stockPrice: input.stockPrice,
      vatPercent: input.vatPercent,
      productVolume: input.productVolume,
      productWeight: input.productWeight,
      lastChanged,
    };
    this.articles.set(article.articleNo, article);
    this.feeds.articles.mark(article.articleNo);
    return article;
  }

  /** Create or replace an article; it goes into the article change feed. */
  upsertArticle(input: SpecterFixtureArticle): SpecterArticle {
    const parsed = parseOrThrow(articleSchema, input, 'The article');
    return structuredClone(this.putArticle(parsed, this.stamp()));
  }

  /** Set the physical stock of one article on one stock site (goes into the stock change feed). */
  setStock(stockSiteId: string, articleNo: string, noItemsInStock: number | null): void {
    const site = this.stock.get(stockSiteId);
    if (!site) throw new SpecterSimError(ERROR_CODE.notFound, `Stock site ${stockSiteId} does not exist.`);
    site.set(articleNo, noItemsInStock);
    this.feeds.stock.mark(stockKey(stockSiteId, articleNo));
  }

  /** Move an article's stock by a delivered (−) or received (+) quantity; no stock record stays none. */
  private moveStock(stockSiteId: string, articleNo: string, delta: number): void {
    const current = this.stock.get(stockSiteId)?.get(articleNo);
    if (current === undefined || current === null || delta === 0) return;
    this.setStock(stockSiteId, articleNo, Math.round((current + delta) * 1e6) / 1e6);
  }

  getStock(stockSiteId: string, articleNo: string): number | null {
    return this.stock.get(stockSiteId)?.get(articleNo) ?? null;
  }

  // -------------------------------------------------------------------------------------------
  // Orders
  // -------------------------------------------------------------------------------------------

  private buildOrderRows(rows: z.output<typeof orderSchema>['rows']): SpecterOrderRow[] {
    const usedRowNos = new Set<string>();
    return rows.map((r, i) => {
      const rowNo = r.rowNo ?? String(i + 1);
      if (usedRowNos.has(rowNo)) {
        throw new SpecterSimError(ERROR_CODE.invalidValue, `Row ${i + 1}: row no ${rowNo} is used twice in the order.`);
      }
      usedRowNos.add(rowNo);
      const article = this.articles.get(r.articleNo);
      const price = r.priceExclVat !== undefined ? r.priceExclVat : (article?.priceExclVat ?? null);
      const vat = r.vatPercent !== undefined ? r.vatPercent : (article?.vatPercent ?? 25);
      const count = r.noOfItems * (r.noOfItems2 && r.noOfItems2 > 0 ? r.noOfItems2 : 1);
      const sumExcl = price === null ? null : round2(price * count);
      return {
        rowId: r.rowId ?? String(++this.counters.rowId),
        rowNo,
        articleNo: r.articleNo,
        articleName: r.articleName ?? article?.name ?? '',
        noOfItems: r.noOfItems,
        noOfItems2: r.noOfItems2,
        deliveredNoOfItems: r.deliveredNoOfItems,
        priceExclVat: price,
        vatPercent: vat,
        rowSumExclVat: sumExcl,
        rowSumVat: sumExcl === null || vat === null ? null : round2((sumExcl * vat) / 100),
      };
    });
  }

  private customerFor(customerId: string, override?: Partial<SpecterCustomer>): SpecterCustomer {
    const base = this.customers.get(customerId);
    if (!base && !override) {
      throw new SpecterSimError(ERROR_CODE.notFound, `Customer ${customerId} does not exist.`);
    }
    const empty = {
      attention: '',
      companyName: '',
      address: '',
      address2: '',
      address3: '',
      zipCode: '',
      city: '',
      countryCode: 'SE',
    };
    const merged: SpecterCustomer = {
      customerId,
      firstName: '',
      surName: '',
      name: '',
      orgNo: '',
      vatNo: '',
      phoneNo: '',
      mobileNo: '',
      emailAddress: '',
      ...structuredClone(base ?? {}),
      ...structuredClone(override ?? {}),
      invoiceAddress: { ...empty, ...base?.invoiceAddress, ...override?.invoiceAddress },
      deliveryAddress: { ...empty, ...base?.deliveryAddress, ...override?.deliveryAddress },
    };
    merged.customerId = customerId;
    return merged;
  }

  private insertOrder(input: z.output<typeof orderSchema>): SimOrder {
    const orderId = input.orderId ?? String(++this.counters.orderId);
    if (this.orders.has(orderId)) {
      throw new SpecterSimError(ERROR_CODE.invalidValue, `Order id ${orderId} already exists.`);
    }
    if (!this.stock.has(input.stockSiteId)) {
      throw new SpecterSimError(ERROR_CODE.invalidValue, `Stock site ${input.stockSiteId} does not exist.`);
    }
    const rows = this.buildOrderRows(input.rows);
    const order: SimOrder = {
      orderId,
      orderNo: input.orderNo ?? String(++this.counters.orderNo),
      externalOrderNo: input.externalOrderNo,
      customerId: input.customerId,
      currency: input.currency,
      deliveryDate: input.deliveryDate,
      lastChanged: input.lastChanged ?? this.stamp(),
      stockSiteId: input.stockSiteId,
      deliveryStatus:
        input.deliveryStatus ??
        statusFromRows(rows.map((r) => ({ noOfItems: r.noOfItems, delivered: r.deliveredNoOfItems }))),
      statusId: input.statusId,
      customerReference: input.customerReference,
      customerOrderReference: input.customerOrderReference,
      internalComment: input.internalComment,
      publishedComment: input.publishedComment,
      notifyDeliveryByMobile: input.notifyDeliveryByMobile,
      notifyDeliveryMobileNo: input.notifyDeliveryMobileNo,
      preparedShipmentId: input.preparedShipmentId,
      agentNo: input.agentNo,
      bulkId: input.bulkId,
      customer: this.customerFor(input.customerId, input.customer),
      rows,
      deliveries: [],
    };
    this.orders.set(orderId, order);
    this.feeds.orders.mark(orderId);
    return order;
  }

  /** Create an order as if entered in Specter; returns its ids. */
  createOrder(input: SpecterFixtureOrder): {
    orderId: string;
    orderNo: string;
    rows: { rowNo: string; rowId: string }[];
  } {
    const parsed = parseOrThrow(orderSchema, input, 'The order');
    const order = this.insertOrder(parsed);
    return {
      orderId: order.orderId,
      orderNo: order.orderNo,
      rows: order.rows.map((r) => ({ rowNo: r.rowNo, rowId: r.rowId })),
    };
  }

  /**
   * The order a delivery submit names. The submit's order id carries the order number (the
   * integration spec maps Ongoing's goods owner order number to it), so it is looked up by number.
   */
  orderBySubmitRef(ref: string): SimOrder {
    for (const order of this.orders.values()) if (order.orderNo === ref) return order;
    throw new SpecterSimError(ERROR_CODE.notFound, `Order ${ref} does not exist (the order id is the order number).`);
  }

  /** The purchase a purchase delivery submit names, by purchase number (as for orders). */
  purchaseBySubmitRef(ref: string): SimPurchase {
    for (const purchase of this.purchases.values()) if (purchase.purchaseNo === ref) return purchase;
    throw new SpecterSimError(
      ERROR_CODE.notFound,
      `Purchase ${ref} does not exist (the order id is the purchase number).`,
    );
  }

  requireOrder(orderId: string): SimOrder {
    const order = this.orders.get(orderId);
    if (!order) throw new SpecterSimError(ERROR_CODE.notFound, `Order ${orderId} does not exist.`);
    return order;
  }

  private touchOrder(order: SimOrder): void {
    order.lastChanged = this.stamp();
    this.feeds.orders.mark(order.orderId);
  }

  /** Change header fields (and optionally replace the rows) of an order, as an edit in Specter would. */
  updateOrder(orderId: string, patch: OrderPatch): SimOrder {
    const order = this.requireOrder(orderId);
    for (const name of PATCHABLE_ORDER_FIELDS) {
      const value = patch[name];
      if (value !== undefined) (order as unknown as Record<string, unknown>)[name] = value;
    }
    if (patch.customer) order.customer = this.customerFor(order.customerId, { ...order.customer, ...patch.customer });
    if (patch.rows) {
      const parsed = parseOrThrow(orderSchema.shape.rows, patch.rows, 'The order rows');
      order.rows = this.buildOrderRows(parsed);
      order.deliveryStatus = statusFromRows(
        order.rows.map((r) => ({ noOfItems: r.noOfItems, delivered: r.deliveredNoOfItems })),
      );
    }
    this.touchOrder(order);
    return structuredClone(order);
  }

  /** Delete/cancel an order in Specter: statusId 5. */
  cancelOrder(orderId: string): SimOrder {
    const order = this.requireOrder(orderId);
    order.statusId = STATUS_ID_DELETED;
    this.touchOrder(order);
    return structuredClone(order);
  }

  // -------------------------------------------------------------------------------------------
  // Purchases
  // -------------------------------------------------------------------------------------------

  private insertPurchase(input: z.output<typeof purchaseSchema>): SimPurchase {
    const purchaseId = input.purchaseId ?? String(++this.counters.purchaseId);
    if (this.purchases.has(purchaseId)) {
      throw new SpecterSimError(ERROR_CODE.invalidValue, `Purchase id ${purchaseId} already exists.`);
    }
    const supplier = this.suppliers.get(input.supplierNo);
    if (!supplier) throw new SpecterSimError(ERROR_CODE.notFound, `Supplier ${input.supplierNo} does not exist.`);
    const usedRowNos = new Set<string>();
    const rows: SpecterPurchaseRow[] = input.rows.map((r, i) => {
      const rowNo = r.rowNo ?? String(i + 1);
      if (usedRowNos.has(rowNo)) {
        throw new SpecterSimError(
          ERROR_CODE.invalidValue,
          `Row ${i + 1}: row no ${rowNo} is used twice in the purchase.`,
        );
      }
      usedRowNos.add(rowNo);
      const article = this.articles.get(r.articleNo);
      const price = r.priceExclVat !== undefined ? r.priceExclVat : (article?.buyPrice ?? null);
      const sumExcl = price === null ? null : round2(price * r.noOfItems);
      return {
        rowId: r.rowId ?? String(++this.counters.rowId),
        rowNo,
        articleNo: r.articleNo,
        noOfItems: r.noOfItems,
        receivedNoOfItems: r.receivedNoOfItems,
        rowSumExclVat: sumExcl,
        rowSumVat: sumExcl === null ? null : round2(sumExcl * 0.25),
      };
    });
    const purchase: SimPurchase = {
      purchaseId,
      purchaseNo: input.purchaseNo ?? `P-${purchaseId}`,
      orderDate: input.orderDate || this.today(),
      deliveryOutDate: input.deliveryOutDate,
      lastChanged: input.lastChanged ?? this.stamp(),
      stockSiteId: input.stockSiteId,
      currency: input.currency,
      deliveryStatus:
        input.deliveryStatus ??
        statusFromRows(rows.map((r) => ({ noOfItems: r.noOfItems, delivered: r.receivedNoOfItems }))),
      statusId: input.statusId,
      supplier: structuredClone(supplier),
      rows,
      deliveries: [],
    };
    this.purchases.set(purchaseId, purchase);
    return purchase;
  }

  createPurchase(input: SpecterFixturePurchase): {
    purchaseId: string;
    purchaseNo: string;
    rows: { rowNo: string; rowId: string }[];
  } {
    const parsed = parseOrThrow(purchaseSchema, input, 'The purchase');
    const p = this.insertPurchase(parsed);
    return {
      purchaseId: p.purchaseId,
      purchaseNo: p.purchaseNo,
      rows: p.rows.map((r) => ({ rowNo: r.rowNo, rowId: r.rowId })),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Writes arriving over the API
  // -------------------------------------------------------------------------------------------

  private checkDate(value: string): string {
    if (value === '') return this.today();
    if (!isCalendarDate(value)) {
      throw new SpecterSimError(ERROR_CODE.invalidValue, `deliveryDate "${value}" is not a date; use yyyy-MM-dd.`);
    }
    return value;
  }

  /**
   * Apply a delivery submit. Every row is checked before anything changes: an unknown row no or
   * more items than remain undelivered refuses the whole submit with a message naming the row.
   */
  applyDelivery(input: {
    orderId: string;
    deliveryDate: string;
    rows: { param: string; rowNo: string; noOfItems: string }[];
    packetNo: string;
    sendDeliveryEmail: boolean;
    createInvoice: boolean;
    reference?: string;
  }): SimDelivery {
    const order = this.orderBySubmitRef(input.orderId);
    if (order.statusId === STATUS_ID_DELETED) {
      throw new SpecterSimError(ERROR_CODE.invalidValue, `Order ${order.orderId} is deleted; it cannot be delivered.`);
    }
    const deliveryDate = this.checkDate(input.deliveryDate);
    const totals = this.checkRows(
      input.rows.map((r) => ({ param: r.param, ref: r.rowNo, noOfItems: r.noOfItems })),
      (ref) => order.rows.find((r) => r.rowNo === ref),
      (row) => row.noOfItems - row.deliveredNoOfItems,
      { what: `order ${order.orderId}`, refLabel: 'row no', verb: 'delivered' },
    );
    for (const [row, n] of totals) {
      row.deliveredNoOfItems += n;
      // As in Specter, a delivery takes the items off the stock site's stock.
      this.moveStock(order.stockSiteId, row.articleNo, -n);
    }
    order.deliveryStatus = statusFromRows(
      order.rows.map((r) => ({ noOfItems: r.noOfItems, delivered: r.deliveredNoOfItems })),
    );
    const delivery: SimDelivery = {
      deliveryId: String(++this.counters.delivery),
      orderId: order.orderId,
      deliveryDate,
      packetNo: input.packetNo,
      rows: [...totals].map(([row, n]) => ({ rowNo: row.rowNo, noOfItems: n })),
      sendDeliveryEmail: input.sendDeliveryEmail,
      createInvoice: input.createInvoice,
      invoiceId: input.createInvoice ? String(++this.counters.invoice) : '',
      reference: input.reference ?? '',
      receivedAt: new Date().toISOString(),
    };
    order.deliveries.push({
      deliveryId: delivery.deliveryId,
      deliveryDate,
      trackingNo: delivery.packetNo,
      invoiceId: delivery.invoiceId,
      reference: delivery.reference,
    });
    this.deliveries.push(delivery);
    this.touchOrder(order);
    return structuredClone(delivery);
  }

  /** Apply a purchase delivery submit (rows by row id), with the same checks as deliveries. */
  applyPurchaseDelivery(input: {
    purchaseId: string;
    deliveryDate: string;
    rows: { param: string; rowId: string; noOfItems: string }[];
    sendEmail: boolean;
    reference?: string;
  }): SimPurchaseDelivery {
    const purchase = this.purchaseBySubmitRef(input.purchaseId);
    if (purchase.statusId === STATUS_ID_DELETED) {
      throw new SpecterSimError(
        ERROR_CODE.invalidValue,
        `Purchase ${purchase.purchaseId} is deleted; it cannot be received.`,
      );
    }
    const deliveryDate = this.checkDate(input.deliveryDate);
    const totals = this.checkRows(
      input.rows.map((r) => ({ param: r.param, ref: r.rowId, noOfItems: r.noOfItems })),
      (ref) => purchase.rows.find((r) => r.rowId === ref),
      (row) => row.noOfItems - row.receivedNoOfItems,
      { what: `purchase ${purchase.purchaseId}`, refLabel: 'row id', verb: 'received' },
    );
    for (const [row, n] of totals) {
      row.receivedNoOfItems += n;
      // A purchase delivery adds the received items to the stock site's stock.
      this.moveStock(purchase.stockSiteId, row.articleNo, n);
    }
    purchase.deliveryStatus = statusFromRows(
      purchase.rows.map((r) => ({ noOfItems: r.noOfItems, delivered: r.receivedNoOfItems })),
    );
    const record: SimPurchaseDelivery = {
      purchaseDeliveryId: String(++this.counters.delivery),
      purchaseId: purchase.purchaseId,
      deliveryDate,
      rows: [...totals].map(([row, n]) => ({ rowId: row.rowId, noOfItems: n })),
      sendEmail: input.sendEmail,
      reference: input.reference ?? '',
      receivedAt: new Date().toISOString(),
    };
    purchase.deliveries.push({
      deliveryId: record.purchaseDeliveryId,
      deliveryDate,
      trackingNo: '',
      invoiceId: '',
      reference: record.reference,
    });
    purchase.lastChanged = this.stamp();
    this.purchaseDeliveries.push(record);
    return structuredClone(record);
  }

  private checkRows<R>(
    rows: { param: string; ref: string; noOfItems: string }[],
    find: (ref: string) => R | undefined,
    remaining: (row: R) => number,
    labels: { what: string; refLabel: string; verb: string },
  ): Map<R, number> {
    if (rows.length === 0) {
      throw new SpecterSimError(
        ERROR_CODE.missingParameter,
        `No rows in the submit for ${labels.what}: send the rows as _1, _2, …`,
      );
    }
    const totals = new Map<R, number>();
    rows.forEach((r, i) => {
      const where = `Row ${i + 1} (${labels.refLabel} ${r.ref || '?'})`;
      const row = find(r.ref);
      if (!row) {
        throw new SpecterSimError(
          ERROR_CODE.invalidValue,
          `${where}: ${labels.what} has no row with ${labels.refLabel} "${r.ref}".`,
        );
      }
      const n = Number(r.noOfItems.replace(',', '.'));
      if (r.noOfItems.trim() === '' || !Number.isFinite(n) || n < 0) {
        throw new SpecterSimError(
          ERROR_CODE.invalidValue,
          `${where}: noOfItems "${r.noOfItems}" (${r.param}) must be a number of 0 or more.`,
        );
      }
      totals.set(row, (totals.get(row) ?? 0) + n);
    });
    for (const [row, n] of totals) {
      const left = remaining(row);
      if (n > left) {
        const index = rows.findIndex((r) => find(r.ref) === row);
        throw new SpecterSimError(
          ERROR_CODE.invalidValue,
          `Row ${index + 1} (${labels.refLabel} ${rows[index]?.ref}) of ${labels.what}: ${n} items ${labels.verb} but only ${left} remain.`,
        );
      }
    }
    const total = [...totals.values()].reduce((a, b) => a + b, 0);
    if (total === 0) {
      throw new SpecterSimError(
        ERROR_CODE.invalidValue,
        `Nothing ${labels.verb} for ${labels.what}: every noOfItems is 0.`,
      );
    }
    for (const [row, n] of totals) if (n === 0) totals.delete(row);
    return totals;
  }

  /** Set absolute physical stock per article on a stock site. */
  applyStockUpdate(input: {
    stockSiteId: string;
    rows: { param: string; articleNo: string; noItemsInStock: string }[];
  }): SimStockUpdate {
    const site = this.stock.get(input.stockSiteId);
    if (!site) throw new SpecterSimError(ERROR_CODE.notFound, `Stock site ${input.stockSiteId} does not exist.`);
    if (input.rows.length === 0) {
      throw new SpecterSimError(ERROR_CODE.missingParameter, 'No rows: send articleNo_1 and noItemsInStock_1.');
    }
    if (input.rows.length > MAX_ROWS_PER_WRITE) {
      throw new SpecterSimError(
        ERROR_CODE.invalidValue,
        `${input.rows.length} rows in one call; at most ${MAX_ROWS_PER_WRITE} are accepted. Split the update.`,
      );
    }
    const parsed = input.rows.map((r, i) => {
      if (!this.articles.has(r.articleNo)) {
        throw new SpecterSimError(ERROR_CODE.invalidValue, `Row ${i + 1}: article "${r.articleNo}" does not exist.`);
      }
      const n = Number(r.noItemsInStock.replace(',', '.'));
      if (r.noItemsInStock.trim() === '' || !Number.isFinite(n)) {
        throw new SpecterSimError(
          ERROR_CODE.invalidValue,
          `Row ${i + 1} (article ${r.articleNo}): ${r.param} "${r.noItemsInStock}" is not a number.`,
        );
      }
      return { articleNo: r.articleNo, noItemsInStock: n };
    });
    for (const row of parsed) {
      site.set(row.articleNo, row.noItemsInStock);
      this.feeds.stock.mark(stockKey(input.stockSiteId, row.articleNo));
    }
    const record: SimStockUpdate = {
      stockSiteId: input.stockSiteId,
      rows: parsed,
      receivedAt: new Date().toISOString(),
    };
    this.stockUpdates.push(record);
    return structuredClone(record);
  }
}

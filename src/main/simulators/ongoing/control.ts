/**
 * Acting as the warehouse: `sim.warehouse` (release, pick, ship, receive, stock, faults, latency,
 * reset) and the same actions as JSON under `/_control/` (no auth). The routes are listed in
 * docs/ongoing-simulator.md.
 */
import type { GetArticleModel, GetOrderModel, GetPurchaseOrderModel } from '../../../shared/ongoing/models';
import { type FaultInjector, type FaultRates, parseFaultSpec, type QueuedFault } from '../faults';
import { type Answer, idParam, type RecordedOngoingCall } from './http';
import { type ArticleAnswerOverride, type LineQuantities, OngoingSimError, type OngoingState } from './state';

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
  /** Serve odd raw values in the article's GET model from now on (null: serve the real ones again). */
  overrideArticle(
    articleNumber: string,
    override: ArticleAnswerOverride | null,
    goodsOwnerId?: number,
  ): GetArticleModel;
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

/** What the control side needs from the running simulator. */
export interface ControlRuntime {
  /** The live state (a new one after a reset). */
  state(): OngoingState;
  faults: FaultInjector;
  calls: RecordedOngoingCall[];
  stats: OngoingSimulatorStats;
  latencyMs(): number;
  setLatencyMs(ms: number): void;
  /** A fresh state from the fixture, with the starting faults and latency. */
  restart(): void;
}

function orderIdByNumber(rt: ControlRuntime, orderNumber: string, goodsOwnerId?: number): number {
  const matches = [...rt.state().orders.values()].filter(
    (o) => o.orderNumber === orderNumber && (goodsOwnerId === undefined || o.goodsOwnerId === goodsOwnerId),
  );
  if (matches.length === 0) throw new OngoingSimError(404, `There is no order with order number '${orderNumber}'.`);
  if (matches.length > 1)
    throw new OngoingSimError(409, `Order number '${orderNumber}' exists for several goods owners: give goodsOwnerId.`);
  return matches[0]!.orderId;
}

function purchaseOrderIdByNumber(rt: ControlRuntime, purchaseOrderNumber: string, goodsOwnerId?: number): number {
  const matches = [...rt.state().purchaseOrders.values()].filter(
    (p) =>
      p.purchaseOrderNumber === purchaseOrderNumber && (goodsOwnerId === undefined || p.goodsOwnerId === goodsOwnerId),
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
}

export function createWarehouseControl(rt: ControlRuntime): OngoingWarehouseControl {
  return {
    release(orderId) {
      const order = rt.state().requireOrder(orderId);
      rt.state().release(order);
      return rt.state().renderOrder(order);
    },
    pick(orderId, quantities) {
      const order = rt.state().requireOrder(orderId);
      rt.state().pick(order, quantities);
      return rt.state().renderOrder(order);
    },
    ship(orderId, shipOptions = {}) {
      const order = rt.state().requireOrder(orderId);
      rt.state().ship(order, shipOptions);
      return rt.state().renderOrder(order);
    },
    receive(purchaseOrderId, quantities) {
      const po = rt.state().requirePurchaseOrder(purchaseOrderId);
      rt.state().receive(po, quantities);
      return rt.state().renderPurchaseOrder(po);
    },
    overrideArticle(articleNumber, override, goodsOwnerId) {
      const article = rt.state().findArticleForControl(articleNumber, goodsOwnerId);
      if (override) rt.state().articleOverrides.set(article.articleSystemId, override);
      else rt.state().articleOverrides.delete(article.articleSystemId);
      return rt.state().renderArticle(article);
    },
    adjustStock(articleNumber, numberOfItems, goodsOwnerId) {
      const article = rt.state().findArticleForControl(articleNumber, goodsOwnerId);
      rt.state().adjustStock(article, numberOfItems);
      return rt.state().renderArticle(article);
    },
    orderIdByNumber: (orderNumber, goodsOwnerId) => orderIdByNumber(rt, orderNumber, goodsOwnerId),
    purchaseOrderIdByNumber: (number, goodsOwnerId) => purchaseOrderIdByNumber(rt, number, goodsOwnerId),
    setFaults(rates) {
      rt.faults.setRates(typeof rates === 'string' ? parseFaultSpec(rates) : rates);
    },
    enqueueFault(fault) {
      rt.faults.enqueue(fault);
    },
    clearFaults() {
      rt.faults.clear();
    },
    setLatency(ms) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new OngoingSimError(400, `Latency must be 0 or more milliseconds, got ${ms}.`);
      rt.setLatencyMs(ms);
    },
    reset(resetOptions = {}) {
      rt.restart();
      rt.stats.requests = 0;
      rt.stats.maxConcurrentWrites = {};
      if (!resetOptions.keepCalls) rt.calls.length = 0;
    },
    nextWaybill() {
      return rt.state().nextWaybill();
    },
  };
}

export function handleControl(
  rt: ControlRuntime,
  warehouse: OngoingWarehouseControl,
  method: string,
  segments: string[],
  params: URLSearchParams,
  raw: Buffer,
): Answer {
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
  const ownerParam = params.get('goodsOwnerId') ?? (body.goodsOwnerId !== undefined ? String(body.goodsOwnerId) : null);
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
        articles: [...rt.state().articles.values()].map((a) => rt.state().renderArticle(a)),
        orders: [...rt.state().orders.values()].map((o) => rt.state().renderOrder(o)),
        purchaseOrders: [...rt.state().purchaseOrders.values()].map((p) => rt.state().renderPurchaseOrder(p)),
      },
    };
  }
  if (first === 'calls' && segments.length === 1) {
    if (method === 'GET') return { status: 200, body: rt.calls };
    if (method === 'DELETE') {
      rt.calls.length = 0;
      return { status: 200, body: { ok: true } };
    }
  }
  if (method === 'GET' && first === 'stats' && segments.length === 1) return { status: 200, body: rt.stats };
  if (method === 'POST' && first === 'reset' && segments.length === 1) {
    warehouse.reset({ keepCalls: body.keepCalls === true });
    return { status: 200, body: { ok: true } };
  }
  if (first === 'faults' && segments.length === 1) {
    if (method === 'DELETE') {
      rt.faults.clear();
      return { status: 200, body: { ok: true } };
    }
    if (method === 'POST' || method === 'PUT') {
      if (body.clear === true) rt.faults.clear();
      if (body.rates !== undefined) {
        try {
          warehouse.setFaults(body.rates as FaultRates | string);
        } catch (error) {
          throw new OngoingSimError(400, error instanceof Error ? error.message : String(error));
        }
      }
      const queue = body.enqueue === undefined ? [] : Array.isArray(body.enqueue) ? body.enqueue : [body.enqueue];
      for (const fault of queue as QueuedFault[]) {
        if (!fault || typeof fault.kind !== 'string') throw new OngoingSimError(400, 'Each queued fault needs a kind.');
        rt.faults.enqueue({ ...fault, phase: fault.phase ?? 'before' });
      }
      return { status: 200, body: { ok: true } };
    }
  }
  if (method === 'POST' && first === 'latency' && segments.length === 1) {
    warehouse.setLatency(Number(body.latencyMs));
    return { status: 200, body: { latencyMs: rt.latencyMs() } };
  }
  if (method === 'POST' && first === 'orders') {
    const byNumber = second === 'by-number';
    const id = byNumber
      ? warehouse.orderIdByNumber(decodeURIComponent(third ?? ''), goodsOwnerId)
      : idParam(second, 'orderId');
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
      ? warehouse.purchaseOrderIdByNumber(decodeURIComponent(third ?? ''), goodsOwnerId)
      : idParam(second, 'purchaseOrderId');
    const action = byNumber ? fourth : third;
    if (segments.length === (byNumber ? 4 : 3) && action === 'receive') {
      return { status: 200, body: warehouse.receive(id, quantities) };
    }
  }
  if (first === 'articles' && third === 'override' && segments.length === 3) {
    const articleNumber = decodeURIComponent(second ?? '');
    if (method === 'DELETE') return { status: 200, body: warehouse.overrideArticle(articleNumber, null, goodsOwnerId) };
    if (method === 'POST') {
      const set = body.set ?? {};
      const remove = body.remove ?? [];
      if (typeof set !== 'object' || set === null || Array.isArray(set) || !Array.isArray(remove)) {
        throw new OngoingSimError(400, 'Send { "set": { "<dotted.path>": <value> }, "remove": ["<dotted.path>"] }.');
      }
      const override = { set: set as Record<string, unknown>, remove: remove.map(String) };
      return { status: 200, body: warehouse.overrideArticle(articleNumber, override, goodsOwnerId) };
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
}

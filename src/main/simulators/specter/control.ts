import type { IncomingMessage, ServerResponse } from 'node:http';
import { type FaultKind, type FaultRates, parseFaultSpec, type QueuedFault } from '../faults';
import { ERROR_CODE } from './protocol';
import type { SpecterSimulator } from './server';
import { SpecterSimError } from './state';

/**
 * The simulator's control API under /_control/ (JSON, loopback only, no Specter auth), for e2e
 * tests and the demo. The routes are listed in docs/specter-simulator.md.
 */

class ControlError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const FAULT_KINDS: readonly FaultKind[] = [
  'error',
  'timeout',
  'reset',
  'rate429',
  'unavailable503',
  'html',
  'malformed',
];

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value, null, 2);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 5 * 1024 * 1024) throw new ControlError(413, 'The JSON body is larger than 5 MB.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ControlError(400, `The body is not valid JSON: ${(error as Error).message}`);
  }
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ControlError(400, `${what} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

function queuedFault(value: unknown, index: number): QueuedFault {
  const f = asObject(value, `enqueue[${index}]`);
  const kind = f.kind as FaultKind;
  if (!FAULT_KINDS.includes(kind)) {
    throw new ControlError(
      400,
      `enqueue[${index}].kind "${String(f.kind)}" is unknown; use ${FAULT_KINDS.join(', ')}.`,
    );
  }
  const phase = f.phase ?? 'before';
  if (phase !== 'before' && phase !== 'after') {
    throw new ControlError(400, `enqueue[${index}].phase must be "before" or "after".`);
  }
  const fault: QueuedFault = { kind, phase };
  if (typeof f.match === 'string') fault.match = f.match;
  if (typeof f.count === 'number') fault.count = f.count;
  if (typeof f.retryAfterSeconds === 'number') fault.retryAfterSeconds = f.retryAfterSeconds;
  return fault;
}

function summary(sim: SpecterSimulator) {
  const s = sim.state;
  return {
    url: sim.url,
    latencyMs: sim.latencyMs,
    responseMaxLimit: sim.responseMaxLimit,
    decimalComma: sim.decimalComma,
    counts: {
      articles: s.articles.size,
      customers: s.customers.size,
      suppliers: s.suppliers.size,
      orders: s.orders.size,
      purchases: s.purchases.size,
      deliveries: s.deliveries.length,
      purchaseDeliveries: s.purchaseDeliveries.length,
      stockUpdates: s.stockUpdates.length,
      calls: sim.calls.length,
    },
    feeds: Object.fromEntries(
      Object.entries(s.feeds).map(([name, feed]) => [
        name,
        { pending: feed.pending.size, openBatch: feed.open?.batchNo ?? null },
      ]),
    ),
  };
}

async function route(
  sim: SpecterSimulator,
  req: IncomingMessage,
  path: string,
  query: URLSearchParams,
): Promise<unknown> {
  const method = req.method ?? 'GET';
  const parts = path.split('/').filter(Boolean);
  const [head, id, sub] = parts;
  const s = sim.state;

  if (method === 'GET') {
    switch (head) {
      case undefined:
      case 'state':
        return summary(sim);
      case 'orders':
        if (id) {
          const order = s.orders.get(id);
          if (!order) throw new ControlError(404, `Order ${id} does not exist.`);
          return order;
        }
        return [...s.orders.values()];
      case 'purchases':
        if (id) {
          const purchase = s.purchases.get(id);
          if (!purchase) throw new ControlError(404, `Purchase ${id} does not exist.`);
          return purchase;
        }
        return [...s.purchases.values()];
      case 'articles':
        return [...s.articles.values()];
      case 'customers':
        return [...s.customers.values()];
      case 'stock': {
        const siteId = query.get('stockSiteId') ?? '1';
        const site = s.stock.get(siteId);
        if (!site) throw new ControlError(404, `Stock site ${siteId} does not exist.`);
        return [...site.entries()].map(([articleNo, noItemsInStock]) => ({
          stockSiteId: siteId,
          articleNo,
          noItemsInStock,
        }));
      }
      case 'deliveries':
        return s.deliveries;
      case 'purchase-deliveries':
        return s.purchaseDeliveries;
      case 'stock-updates':
        return s.stockUpdates;
      case 'calls': {
        const action = query.get('action');
        return action ? sim.callsFor(action) : sim.calls;
      }
    }
    throw new ControlError(404, `No control route GET /_control/${path}. See docs/specter-simulator.md.`);
  }

  if (method !== 'POST') throw new ControlError(405, 'The control API takes GET and POST.');
  const body = await readJson(req);
  switch (head) {
    case 'orders': {
      if (!id) return sim.createOrder(asObject(body, 'The order') as never);
      if (sub === 'cancel') return sim.cancelOrder(id);
      if (sub === undefined) return sim.updateOrder(id, asObject(body, 'The order change') as never);
      break;
    }
    case 'purchases':
      if (!id) return sim.createPurchase(asObject(body, 'The purchase') as never);
      break;
    case 'articles':
      return sim.upsertArticle(asObject(body, 'The article') as never);
    case 'stock': {
      const b = asObject(body, 'The stock change');
      const rows = Array.isArray(b.rows) ? b.rows : [b];
      rows.forEach((row: unknown, i: number) => {
        const r = asObject(row, `rows[${i}]`);
        const articleNo = typeof r.articleNo === 'string' ? r.articleNo : '';
        const n = r.noItemsInStock;
        if (!articleNo) throw new ControlError(400, `rows[${i}].articleNo is required.`);
        if (n !== null && typeof n !== 'number')
          throw new ControlError(400, `rows[${i}].noItemsInStock must be a number or null.`);
        sim.setStock(String(r.stockSiteId ?? b.stockSiteId ?? '1'), articleNo, n);
      });
      return { updated: rows.length };
    }
    case 'faults': {
      const b = asObject(body, 'The fault settings');
      if (b.clear === true) sim.faults.clear();
      if (typeof b.spec === 'string') {
        try {
          sim.faults.setRates(parseFaultSpec(b.spec));
        } catch (error) {
          throw new ControlError(400, (error as Error).message);
        }
      } else if (b.rates !== undefined) {
        sim.faults.setRates(asObject(b.rates, 'rates') as FaultRates);
      }
      const enqueue = b.enqueue === undefined ? [] : Array.isArray(b.enqueue) ? b.enqueue : [b.enqueue];
      enqueue.forEach((f, i) => {
        sim.faults.enqueue(queuedFault(f, i));
      });
      return { ok: true, queued: enqueue.length };
    }
    case 'settings': {
      const b = asObject(body, 'The settings');
      if (b.latencyMs !== undefined) {
        if (typeof b.latencyMs !== 'number' || b.latencyMs < 0)
          throw new ControlError(400, 'latencyMs must be 0 or more.');
        sim.latencyMs = b.latencyMs;
      }
      if (b.responseMaxLimit !== undefined) {
        if (typeof b.responseMaxLimit !== 'number' || !Number.isInteger(b.responseMaxLimit) || b.responseMaxLimit < 1) {
          throw new ControlError(400, 'responseMaxLimit must be a whole number of 1 or more.');
        }
        sim.responseMaxLimit = b.responseMaxLimit;
      }
      if (b.decimalComma !== undefined) sim.decimalComma = b.decimalComma === true;
      return summary(sim);
    }
    case 'reset':
      sim.reset();
      return summary(sim);
    case 'clear-calls':
      sim.clearCalls();
      return { ok: true };
  }
  throw new ControlError(404, `No control route POST /_control/${path}. See docs/specter-simulator.md.`);
}

export async function handleControl(
  sim: SpecterSimulator,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  rawQuery: string,
): Promise<void> {
  try {
    const result = await route(sim, req, path, new URLSearchParams(rawQuery));
    json(res, req.method === 'POST' && (path === 'orders' || path === 'purchases') ? 201 : 200, result);
  } catch (error) {
    if (error instanceof ControlError) json(res, error.status, { error: error.message });
    else if (error instanceof SpecterSimError)
      json(res, error.code === ERROR_CODE.notFound ? 404 : 400, { error: error.message });
    else throw error;
  }
}

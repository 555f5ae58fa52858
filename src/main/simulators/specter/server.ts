import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readRequestBody } from '../../core/net/read-body';
import type { AddressInfo } from 'node:net';
import type { SpecterCredentials } from '../../../shared/domain/specter';
import { decodeForm, type FormCharset, latin1Text } from './form';
import { expectedKey } from './key';
import {
  ACTION,
  BATCH_FEED,
  type BatchFeedName,
  batchOpenMessage,
  DELIVERY_STATUS,
  ERROR_CODE,
  FLAG,
  isSimAction,
  PARAM,
  PRIMARY_PARAM,
  rowParam,
  SCRIPT,
  type SimAction,
  scriptForAction,
  TEXT_ENVELOPE,
  USE_XML,
  WIRE_CHARSET,
  XML_ARTICLE,
  XML_ENVELOPE,
  XML_ORDER,
  XML_PROLOG,
  XML_PURCHASE,
} from './protocol';
import { parseChangedFrom } from './time';
import { type Fault, FaultInjector, type FaultRates, sendFaultResponse } from '../faults';
import { handleControl } from './control';
import { normalizeFixture, type NormalizedSpecterFixture, type SpecterFixture } from './fixture';
import { type NumberStyle, renderArticle, renderOrder, renderPurchase, renderStock } from './render';
import { SpecterSimError, SpecterSimState, stockKey } from './state';
import { el, renderXml, textEl, type XmlElement } from './xml';

export interface SpecterSimulatorOptions {
  /** 0 (default) = an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  fixture?: SpecterFixture;
  /** The credentials the simulator accepts (v1 set-ups: md5key1/md5key2 in the key fields). */
  credentials: SpecterCredentials;
  /** Delay before every answer. */
  latencyMs?: number;
  faults?: FaultRates;
  /** Most records per list or batch reply. Default 100. */
  responseMaxLimit?: number;
  /** Write decimals with a comma ("12,50"), as a Swedish Specter may. */
  decimalComma?: boolean;
  /** Clock for change times (default: now). */
  now?: () => Date;
}

export interface SpecterSimCall {
  seq: number;
  /** ISO time the request arrived. */
  time: string;
  method: string;
  script: string;
  action: string;
  /** Parameters as received (query and form merged); `key` is redacted. */
  params: Record<string, string>;
  /** Specter's result: true = 1, false = 0, null = no envelope was sent (fault before processing). */
  ok: boolean | null;
  code: number | null;
  fault?: { kind: Fault['kind']; phase: Fault['phase'] };
}

export interface SpecterSimulator {
  url: string;
  port: number;
  readonly state: SpecterSimState;
  readonly calls: SpecterSimCall[];
  readonly faults: FaultInjector;
  latencyMs: number;
  responseMaxLimit: number;
  decimalComma: boolean;
  readonly credentials: SpecterCredentials;
  /** Calls of one action (e.g. 'deliverySubmit'). */
  callsFor(action: string): SpecterSimCall[];
  clearCalls(): void;
  createOrder: SpecterSimState['createOrder'];
  updateOrder: SpecterSimState['updateOrder'];
  cancelOrder: SpecterSimState['cancelOrder'];
  createPurchase: SpecterSimState['createPurchase'];
  upsertArticle: SpecterSimState['upsertArticle'];
  setStock: SpecterSimState['setStock'];
  /** Back to the starting fixture: data, feeds, calls and faults. */
  reset(): void;
  close(): Promise<void>;
}

export const REDACTED = '[redacted]';
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function isLoopback(address: string | undefined): boolean {
  return !!address && (LOOPBACK.has(address) || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

/** A Specter reply before it is written as XML or text. */
interface Reply {
  ok: boolean;
  code: number;
  /** Id of a created object (success) — '' when none. */
  id: string;
  message: string;
  payload?: XmlElement[];
  responseMaxLimit?: number;
  invoiceId?: string;
}

const okReply = (id: string, message = 'OK', extra: Partial<Reply> = {}): Reply => ({
  ok: true,
  code: 0,
  id,
  message,
  ...extra,
});
const errReply = (code: number, message: string): Reply => ({ ok: false, code, id: '', message });

function renderXmlReply(reply: Reply): string {
  const env = el(
    XML_ENVELOPE.apiResponse,
    {},
    textEl(XML_ENVELOPE.result, reply.ok ? TEXT_ENVELOPE.ok : TEXT_ENVELOPE.failed),
    textEl(XML_ENVELOPE.code, String(reply.code)),
    textEl(XML_ENVELOPE.message, reply.message),
    textEl(XML_ENVELOPE.id, reply.id),
    ...(reply.invoiceId ? [textEl(XML_ENVELOPE.invoiceId, reply.invoiceId)] : []),
  );
  const children: XmlElement[] = [env, ...(reply.payload ?? [])];
  if (reply.responseMaxLimit !== undefined) {
    children.push(textEl(XML_ENVELOPE.responseMaxLimit, String(reply.responseMaxLimit)));
  }
  return `${XML_PROLOG}\n${renderXml(el(XML_ENVELOPE.root, {}, ...children))}`;
}

function renderTextReply(reply: Reply): string {
  const sep = TEXT_ENVELOPE.separator;
  const message = latin1Text(reply.message.replace(/[\r\n]+/g, ' '));
  if (!reply.ok) return `${TEXT_ENVELOPE.failed}${sep}${reply.code}${sep}${message}`;
  // A delivery with an invoice answers 1;<deliveryId>;<invoiceId>.
  return `${TEXT_ENVELOPE.ok}${sep}${reply.id}${sep}${reply.invoiceId ? reply.invoiceId : message}`;
}

/** Case-insensitive parameter lookup over query and form, query first (as ASP's Request() does). */
class Params {
  readonly list: [string, string][];
  private readonly map = new Map<string, string>();

  constructor(list: [string, string][]) {
    this.list = list;
    for (const [name, value] of list) {
      const lower = name.toLowerCase();
      if (!this.map.has(lower)) this.map.set(lower, value);
    }
  }

  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase());
  }

  text(name: string): string {
    return (this.get(name) ?? '').trim();
  }

  flag(name: string): boolean {
    return this.text(name) === FLAG.yes;
  }

  /** Rows `_1`, `_2`, … while the first field is present. */
  rows<K extends string>(first: K, ...others: string[]): ({ param: string } & Record<K | string, string>)[] {
    const rows: ({ param: string } & Record<string, string>)[] = [];
    for (let n = 1; n <= 10_000; n++) {
      const firstValue = this.get(rowParam(first, n));
      if (firstValue === undefined) break;
      const row: { param: string } & Record<string, string> = { param: rowParam(first, n), [first]: firstValue.trim() };
      for (const other of others) row[other] = this.get(rowParam(other, n)) ?? '';
      row.param = rowParam(others[0] ?? first, n);
      rows.push(row);
    }
    return rows as ({ param: string } & Record<K | string, string>)[];
  }

  redacted(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of this.list)
      out[name] = name.toLowerCase() === PARAM.key.toLowerCase() ? REDACTED : value;
    return out;
  }
}

function charsetOf(contentType: string | undefined): FormCharset {
  const match = /charset\s*=\s*"?([^";]+)/i.exec(contentType ?? '');
  const charset = (match?.[1] ?? '').trim().toLowerCase();
  return charset === 'utf-8' || charset === 'utf8' ? 'utf8' : 'latin1';
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Start a Specter simulator: a real HTTP server speaking Specter's getInfo.asp / putInfo.asp. */
export async function startSpecterSimulator(options: SpecterSimulatorOptions): Promise<SpecterSimulator> {
  const fixture: NormalizedSpecterFixture = normalizeFixture(options.fixture ?? {});
  const state = new SpecterSimState(options.now);
  state.load(fixture);
  const faults = new FaultInjector(options.faults ?? {});
  const calls: SpecterSimCall[] = [];
  let seq = 0;

  const sim: SpecterSimulator = {
    url: '',
    port: 0,
    state,
    calls,
    faults,
    latencyMs: options.latencyMs ?? 0,
    responseMaxLimit: Math.max(1, options.responseMaxLimit ?? 100),
    decimalComma: options.decimalComma ?? false,
    credentials: { ...options.credentials },
    callsFor: (action) => calls.filter((c) => c.action.toLowerCase() === action.toLowerCase()),
    clearCalls: () => {
      calls.length = 0;
    },
    createOrder: (input) => state.createOrder(input),
    updateOrder: (orderId, patch) => state.updateOrder(orderId, patch),
    cancelOrder: (orderId) => state.cancelOrder(orderId),
    createPurchase: (input) => state.createPurchase(input),
    upsertArticle: (input) => state.upsertArticle(input),
    setStock: (siteId, articleNo, n) => state.setStock(siteId, articleNo, n),
    reset: () => {
      state.load(fixture);
      calls.length = 0;
      faults.clear();
      faults.setRates(options.faults ?? {});
    },
    close: async () => {},
  };

  const style = (): NumberStyle => ({ decimalComma: sim.decimalComma });

  // -------------------------------------------------------------------------------------------
  // Actions
  // -------------------------------------------------------------------------------------------

  function feedRead(feed: BatchFeedName, p: Params): Reply {
    const batchNo = p.text(PARAM.batchNo);
    const result = state.feeds[feed].read(batchNo, sim.responseMaxLimit);
    if (result.kind === 'open') return errReply(ERROR_CODE.batchOpen, batchOpenMessage(result.oldBatchNo));
    let payload: XmlElement;
    if (feed === 'articles') {
      const articles = result.keys.map((k) => state.articles.get(k)).filter((a) => a !== undefined);
      payload = el(XML_ARTICLE.list, {}, ...articles.map((a) => renderArticle(a, style())));
    } else if (feed === 'orders') {
      const orders = result.keys.map((k) => state.orders.get(k)).filter((o) => o !== undefined);
      payload = el(XML_ORDER.list, {}, ...orders.map((o) => renderOrder(o, style())));
    } else {
      const sites = state.stockSites.map((site) => ({
        ...site,
        levels: result.keys
          .filter((k) => k.startsWith(stockKey(site.stockSiteId, '')))
          .map((k) => {
            const articleNo = k.slice(stockKey(site.stockSiteId, '').length);
            return { articleNo, noItemsInStock: state.getStock(site.stockSiteId, articleNo) };
          }),
      }));
      payload = renderStock(
        sites.filter((s) => s.levels.length > 0),
        style(),
      );
    }
    return okReply('', 'OK', { payload: [payload], responseMaxLimit: sim.responseMaxLimit });
  }

  function feedAck(feed: BatchFeedName, p: Params): Reply {
    const cleared = state.feeds[feed].ack(p.text(PARAM.batchNo));
    return okReply(String(cleared), cleared > 0 ? 'OK' : 'No open batch with this number; nothing to acknowledge');
  }

  function changedFrom(p: Params): string {
    const raw = p.get(PARAM.changedFrom) ?? '';
    const value = parseChangedFrom(raw);
    if (!value) {
      throw new SpecterSimError(
        ERROR_CODE.invalidValue,
        `changedFrom "${raw}" is not a time; use yyyy-MM-dd HH:mm:ss (Stockholm time).`,
      );
    }
    return value;
  }

  function statusFilter(p: Params): string {
    const status = p.text(PARAM.deliveryStatus).toUpperCase();
    const allowed: string[] = Object.values(DELIVERY_STATUS);
    if (status !== '' && !allowed.includes(status)) {
      throw new SpecterSimError(ERROR_CODE.invalidValue, `deliveryStatus "${status}" is unknown; use N, P or D.`);
    }
    return status;
  }

  function page<T extends { lastChanged: string }>(records: T[], from: string, idOf: (r: T) => string): T[] {
    return records
      .filter((r) => r.lastChanged >= from)
      .sort((a, b) =>
        a.lastChanged === b.lastChanged
          ? idOf(a).localeCompare(idOf(b), 'en', { numeric: true })
          : a.lastChanged < b.lastChanged
            ? -1
            : 1,
      )
      .slice(0, sim.responseMaxLimit);
  }

  function getOrders(p: Params): Reply {
    const from = changedFrom(p);
    const status = statusFilter(p);
    const orders = page(
      [...state.orders.values()].filter((o) => status === '' || o.deliveryStatus === status),
      from,
      (o) => o.orderId,
    );
    return okReply('', 'OK', {
      payload: [el(XML_ORDER.list, {}, ...orders.map((o) => renderOrder(o, style())))],
      responseMaxLimit: sim.responseMaxLimit,
    });
  }

  function getPurchases(p: Params): Reply {
    const from = changedFrom(p);
    const status = statusFilter(p);
    const purchases = page(
      [...state.purchases.values()].filter((o) => status === '' || o.deliveryStatus === status),
      from,
      (o) => o.purchaseId,
    );
    return okReply('', 'OK', {
      payload: [el(XML_PURCHASE.list, {}, ...purchases.map((o) => renderPurchase(o, style())))],
      responseMaxLimit: sim.responseMaxLimit,
    });
  }

  function getArticles(p: Params): Reply {
    const from = changedFrom(p);
    const only = p.text(PARAM.articleNo);
    const articles = page(
      [...state.articles.values()].filter((a) => only === '' || a.articleNo === only),
      from,
      (a) => a.articleNo,
    );
    return okReply('', 'OK', {
      payload: [el(XML_ARTICLE.list, {}, ...articles.map((a) => renderArticle(a, style())))],
      responseMaxLimit: sim.responseMaxLimit,
    });
  }

  function getOrder(p: Params): Reply {
    const orderId = p.text(PARAM.orderId);
    const order = state.orders.get(orderId);
    if (!order) return errReply(ERROR_CODE.notFound, `Order ${orderId} does not exist.`);
    return okReply(orderId, 'OK', { payload: [el(XML_ORDER.list, {}, renderOrder(order, style()))] });
  }

  function getPurchase(p: Params): Reply {
    const purchaseId = p.text(PARAM.purchaseId);
    const purchase = state.purchases.get(purchaseId);
    if (!purchase) return errReply(ERROR_CODE.notFound, `Purchase ${purchaseId} does not exist.`);
    return okReply(purchaseId, 'OK', {
      payload: [el(XML_PURCHASE.list, {}, renderPurchase(purchase, style()))],
    });
  }

  function getStock(p: Params): Reply {
    const stockSiteId = p.text(PARAM.stockSiteId);
    const site = state.stockSites.find((s) => s.stockSiteId === stockSiteId);
    if (!site) return errReply(ERROR_CODE.notFound, `Stock site ${stockSiteId} does not exist.`);
    const after = p.text(PARAM.afterArticleNo);
    const articleNos = [...state.articles.keys()]
      .filter((a) => after === '' || a > after)
      .sort()
      .slice(0, sim.responseMaxLimit);
    const levels = articleNos.map((articleNo) => ({
      articleNo,
      noItemsInStock: state.getStock(stockSiteId, articleNo),
    }));
    return okReply('', 'OK', {
      payload: [renderStock([{ ...site, levels }], style())],
      responseMaxLimit: sim.responseMaxLimit,
    });
  }

  function deliverySubmit(p: Params): Reply {
    const delivery = state.applyDelivery({
      orderId: p.text(PARAM.orderId),
      deliveryDate: p.text(PARAM.deliveryDate),
      rows: p.rows(PARAM.rowNo, PARAM.noOfItems).map((r) => ({
        param: r.param,
        rowNo: r[PARAM.rowNo] ?? '',
        noOfItems: r[PARAM.noOfItems] ?? '',
      })),
      packetNo: p.text(PARAM.packetNo),
      sendDeliveryEmail: p.flag(PARAM.sendDeliveryEmail),
      createInvoice: p.flag(PARAM.createInvoice),
      reference: p.text(PARAM.deliveryReference),
    });
    return okReply(delivery.deliveryId, 'OK', delivery.invoiceId ? { invoiceId: delivery.invoiceId } : {});
  }

  function purchaseDeliverySubmit(p: Params): Reply {
    const record = state.applyPurchaseDelivery({
      purchaseId: p.text(PARAM.orderId),
      deliveryDate: p.text(PARAM.deliveryDate),
      rows: p.rows(PARAM.rowId, PARAM.noOfItems).map((r) => ({
        param: r.param,
        rowId: r[PARAM.rowId] ?? '',
        noOfItems: r[PARAM.noOfItems] ?? '',
      })),
      sendEmail: p.flag(PARAM.sendEmail),
      reference: p.text(PARAM.deliveryReference),
    });
    return okReply(record.purchaseDeliveryId);
  }

  function stockUpdateSubmit(p: Params): Reply {
    const record = state.applyStockUpdate({
      stockSiteId: p.text(PARAM.stockSiteId),
      rows: p.rows(PARAM.articleNo, PARAM.noItemsInStock).map((r) => ({
        param: r.param,
        articleNo: r[PARAM.articleNo] ?? '',
        noItemsInStock: r[PARAM.noItemsInStock] ?? '',
      })),
    });
    return okReply(String(record.rows.length));
  }

  const handlers: Partial<Record<SimAction, (p: Params) => Reply>> = {
    [BATCH_FEED.articles.read]: (p) => feedRead('articles', p),
    [BATCH_FEED.articles.ack]: (p) => feedAck('articles', p),
    [BATCH_FEED.stock.read]: (p) => feedRead('stock', p),
    [BATCH_FEED.stock.ack]: (p) => feedAck('stock', p),
    [BATCH_FEED.orders.read]: (p) => feedRead('orders', p),
    [BATCH_FEED.orders.ack]: (p) => feedAck('orders', p),
    [ACTION.getOrders]: getOrders,
    [ACTION.getOrder]: getOrder,
    [ACTION.getPurchases]: getPurchases,
    [ACTION.getPurchase]: getPurchase,
    [ACTION.getArticles]: getArticles,
    [ACTION.getStock]: getStock,
    [ACTION.deliverySubmit]: deliverySubmit,
    [ACTION.purchaseDeliverySubmit]: purchaseDeliverySubmit,
    [ACTION.stockUpdateSubmit]: stockUpdateSubmit,
  };

  const xmlOnlyActions = new Set<string>([
    BATCH_FEED.articles.read,
    BATCH_FEED.stock.read,
    BATCH_FEED.orders.read,
    ACTION.getOrders,
    ACTION.getOrder,
    ACTION.getPurchases,
    ACTION.getPurchase,
    ACTION.getArticles,
    ACTION.getStock,
  ]);

  /** Check the call's identity and key, then run the action. */
  function dispatch(script: string, p: Params, xml: boolean): Reply {
    const action = p.text(PARAM.action);
    if (action === '') return errReply(ERROR_CODE.missingParameter, `Missing parameter ${PARAM.action}`);
    const known = isSimAction(action) ? action : undefined;
    const handler = known ? handlers[known] : undefined;
    if (!known || !handler || scriptForAction(known) !== script) {
      return errReply(ERROR_CODE.unknownAction, `Unknown action ${action} for ${script}`);
    }
    const sbmId = p.text(PARAM.sbmId);
    if (sbmId === '') return errReply(ERROR_CODE.missingParameter, `Missing parameter ${PARAM.sbmId}`);
    if (sbmId !== sim.credentials.sbmId) return errReply(ERROR_CODE.unknownSbmId, `Unknown sbmId ${sbmId}`);
    if (sim.credentials.apiUserId !== '' && p.text(PARAM.apiUserId) !== sim.credentials.apiUserId) {
      return errReply(ERROR_CODE.invalidKey, 'Invalid key or API user');
    }
    const primaryParam = PRIMARY_PARAM[known];
    const primary = p.get(primaryParam);
    if (primary === undefined || primary === '') {
      return errReply(ERROR_CODE.missingParameter, `Missing parameter ${primaryParam}`);
    }
    const key = p.text(PARAM.key).toLowerCase();
    const expected = expectedKey(sim.credentials.apiUserKey, sim.credentials.integrationKey, sbmId, primary);
    if (key === '' || key !== expected) return errReply(ERROR_CODE.invalidKey, 'Invalid key');
    if (!xml && xmlOnlyActions.has(known)) {
      return errReply(ERROR_CODE.invalidValue, `${known} answers in XML only: add ${PARAM.useXML}=${USE_XML.xml}`);
    }
    try {
      return handler(p);
    } catch (error) {
      if (error instanceof SpecterSimError) return errReply(error.code, error.message);
      throw error;
    }
  }

  function send(res: ServerResponse, reply: Reply, xml: boolean): string {
    const body = xml ? renderXmlReply(reply) : renderTextReply(reply);
    const bytes = Buffer.from(body, 'latin1');
    res.writeHead(200, {
      'Content-Type': `${xml ? 'text/xml' : 'text/plain'}; charset=${WIRE_CHARSET}`,
      'Content-Length': bytes.length,
    });
    res.end(bytes);
    return body;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, script: string, rawQuery: string): Promise<void> {
    let body: Buffer;
    try {
      body = await readRequestBody(req, MAX_BODY_BYTES);
    } catch {
      res.writeHead(413, { 'Content-Type': 'text/plain' });
      res.end('Request too large');
      return;
    }
    const list = decodeForm(rawQuery, 'latin1');
    if (req.method === 'POST' && body.length > 0) {
      list.push(...decodeForm(body.toString('latin1'), charsetOf(req.headers['content-type'])));
    }
    const p = new Params(list);
    const call: SpecterSimCall = {
      seq: ++seq,
      time: new Date().toISOString(),
      method: req.method ?? 'GET',
      script,
      action: p.text(PARAM.action),
      params: p.redacted(),
      ok: null,
      code: null,
    };
    calls.push(call);
    const fault = faults.next(req.url ?? '');
    if (fault) call.fault = { kind: fault.kind, phase: fault.phase };
    if (sim.latencyMs > 0) await sleep(sim.latencyMs);
    const xml = p.text(PARAM.useXML) === USE_XML.xml;
    if (fault && fault.phase === 'before') {
      sendFaultResponse(fault, res, renderXmlReply(errReply(500, 'Internal error')));
      return;
    }
    const reply = dispatch(script, p, xml);
    call.ok = reply.ok;
    call.code = reply.code;
    if (fault) {
      // Applied; the reply is lost or spoilt.
      sendFaultResponse(fault, res, renderXmlReply(reply));
      return;
    }
    send(res, reply, xml);
  }

  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = (q < 0 ? url : url.slice(0, q)).toLowerCase();
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const run = async () => {
      if (path.startsWith('/_control/') || path === '/_control') {
        if (!isLoopback(req.socket.remoteAddress)) {
          res.writeHead(403, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: 'The control API answers only on the loopback interface.' }));
          return;
        }
        await handleControl(sim, req, res, path.replace(/^\/_control\/?/, ''), rawQuery);
        return;
      }
      const script =
        path === `/${SCRIPT.getInfo.toLowerCase()}`
          ? SCRIPT.getInfo
          : path === `/${SCRIPT.putInfo.toLowerCase()}`
            ? SCRIPT.putInfo
            : null;
      if (!script) {
        res.writeHead(404, { 'Content-Type': 'text/html' });
        res.end('<html><body><h1>404 Not Found</h1></body></html>');
        return;
      }
      if (req.method !== 'GET' && req.method !== 'POST') {
        res.writeHead(405, { Allow: 'GET, POST', 'Content-Type': 'text/plain' });
        res.end('Use GET or POST');
        return;
      }
      await handleApi(req, res, script, rawQuery);
    };
    run().catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`Simulator error: ${(error as Error).message}`);
      } else {
        res.destroy();
      }
    });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  sim.port = address.port;
  sim.url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  sim.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return sim;
}

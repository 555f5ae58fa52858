import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse, isAxiosError } from 'axios';
import type {
  SpecterArticle,
  SpecterCredentials,
  SpecterDeliveryStatus,
  SpecterDeliverySubmit,
  SpecterOrder,
  SpecterPurchase,
  SpecterPurchaseDeliverySubmit,
  SpecterStockLevel,
  SpecterWriteResult,
} from '../../../shared/domain/specter';
import { isRemoteError, RemoteError, type RemoteErrorKind } from '../net/remote-error';
import { defaultIsRetryable, type RetryPolicy, withRetry } from '../net/retry';
import { specterKey } from './key';
import { encodeLatin1Form, toLatin1 } from './latin1';
import {
  batchNoFromMessage,
  parseSpecterReply,
  readArticles,
  readOrders,
  readPurchases,
  readStock,
  SpecterParseError,
  type SpecterReply,
} from './parse';
import { isSpecterDate, normalizeSpecterTimestamp } from './time';
import {
  ACTION,
  AUTH_ERROR_CODES,
  BATCH_FEED,
  BATCH_QUOTE,
  type BatchFeedName,
  ERROR_CODE,
  FAR_FUTURE_TIMESTAMP,
  FLAG,
  FORM_CONTENT_TYPE,
  MAX_ROWS_PER_WRITE,
  PARAM,
  SUBMIT_ORDER_ID_CARRIES,
  PRIMARY_VALUE,
  rowParam,
  SCRIPT,
  type SpecterAction,
  USE_XML,
} from './wire';

export type { SpecterCredentials } from '../../../shared/domain/specter';

/** Something the client changed or noticed in outgoing data that the operator should know about. */
export interface SpecterWarning {
  action: string;
  /** Parameter name, e.g. 'packetNo' or 'articleNo_3'. */
  field: string;
  message: string;
}

export interface SpecterClientOptions {
  /** e.g. https://api.specter.se (the scripts are appended). */
  baseUrl: string;
  /** Asked before each call, so changed credentials take effect without a new client. */
  credentials: () => Promise<SpecterCredentials>;
  /** Per HTTP attempt. Default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Longest Retry-After the client waits for inside one call; longer ones are thrown to the caller. Default 30 s. */
  maxRetryAfterMs?: number;
  /** Told about each HTTP attempt; carries no parameters. */
  onCall?: (info: { action: string; durationMs: number; ok: boolean }) => void;
  /** Told when an outgoing value had to be changed (characters outside Latin-1 became '?'). */
  onWarning?: (warning: SpecterWarning) => void;
}

export interface SpecterListFilter {
  deliveryStatus?: SpecterDeliveryStatus;
  /** Change time watermark, `yyyy-MM-dd HH:mm:ss` (Stockholm time) or `yyyy-MM-dd`. Inclusive. */
  changedFrom: string;
}

export interface SpecterBatch<T> {
  batchNo: string;
  records: T[];
  /** True when Specter may hold more changes: acknowledge, then fetch again. */
  more: boolean;
}

export interface SpecterStockRow {
  articleNo: string;
  noItemsInStock: number;
}

export interface SpecterStockUpdateResult {
  /** Rows Specter confirmed. */
  updated: number;
  /** Write calls made (one per chunk of at most 100 rows). */
  calls: number;
}

const SYSTEM = 'specter' as const;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRY_AFTER_MS = 30_000;
const MAX_PAGES = 10_000;
/** Network error codes that prove the request never reached Specter. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);
const IN_DOUBT_HINT = ' The write may have been applied in Specter; check the record there before sending it again.';

type Params = Array<[string, string]>;

interface CallOptions {
  write: boolean;
  /** Result-0 codes returned to the caller instead of thrown. */
  allowCodes?: readonly number[];
  /** Override the retry policy's attempts (1 = no retry). */
  maxAttempts?: number;
}

export function newBatchNo(): string {
  return randomBytes(16).toString('hex');
}

function parseRetryAfter(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - Date.now());
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  // At most 6 decimals, no exponent, '.' as decimal separator.
  return value.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * Client for Specter's classic API (getInfo.asp / putInfo.asp), Latin-1 end to end.
 * Reads retry transient failures; writes retry only when the request provably never reached Specter,
 * and otherwise throw a RemoteError with inDoubt = true.
 */
export class SpecterClient {
  private readonly http: AxiosInstance;
  private readonly baseUrl: string;
  private readonly options: SpecterClientOptions;
  private readonly timeoutMs: number;
  private readonly writeAgents = {
    httpAgent: new http.Agent({ keepAlive: false }),
    httpsAgent: new https.Agent({ keepAlive: false }),
  };

  constructor(options: SpecterClientOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new Error(`The Specter address "${options.baseUrl}" is not a valid URL (e.g. https://api.specter.se).`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`The Specter address must start with https:// or http://, got "${options.baseUrl}".`);
    }
    this.options = options;
    this.baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}/`;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.http = axios.create({
      timeout: this.timeoutMs,
      responseType: 'arraybuffer',
      validateStatus: () => true,
      maxRedirects: 0,
      decompress: true,
      maxContentLength: 64 * 1024 * 1024,
      transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
    });
  }

  // -------------------------------------------------------------------------------------------
  // Reads
  // -------------------------------------------------------------------------------------------

  /** A cheap authenticated read; a refused key throws RemoteError kind 'auth'. No retries. */
  async testConnection(): Promise<{ ok: true }> {
    await this.call(ACTION.getOrders, [[PARAM.changedFrom, FAR_FUTURE_TIMESTAMP]], { write: false, maxAttempts: 1 });
    return { ok: true };
  }

  /**
   * The next batch of changed articles. Acknowledge it with acknowledgeArticles(batchNo) once
   * stored. When an earlier batch is still open, that batch is returned again (same records),
   * so nothing is lost.
   */
  async fetchChangedArticles(): Promise<{ batchNo: string; articles: SpecterArticle[]; more: boolean }> {
    const batch = await this.fetchBatch('articles', readArticles);
    return { batchNo: batch.batchNo, articles: batch.records, more: batch.more };
  }

  async acknowledgeArticles(batchNo: string): Promise<void> {
    await this.acknowledgeBatch('articles', batchNo);
  }

  /** The full stock of one stock site, paged by article number. */
  async getStock(stockSiteId: string): Promise<SpecterStockLevel[]> {
    const siteId = this.requireText(ACTION.getStock, 'stockSiteId', stockSiteId);
    const byArticle = new Map<string, SpecterStockLevel>();
    let after = '';
    for (let page = 0; page < MAX_PAGES; page++) {
      const params: Params = [[PARAM.stockSiteId, siteId]];
      if (after) params.push([PARAM.afterArticleNo, after]);
      const reply = await this.call(ACTION.getStock, params, { write: false });
      const levels = this.records(ACTION.getStock, reply, readStock).filter(
        (l) => l.stockSiteId === '' || l.stockSiteId === siteId,
      );
      let added = 0;
      for (const level of levels) {
        if (!byArticle.has(level.articleNo)) added++;
        byArticle.set(level.articleNo, { ...level, stockSiteId: siteId });
      }
      const limit = reply.format === 'xml' ? reply.responseMaxLimit : null;
      if (limit === null || levels.length < limit) break;
      const last = levels[levels.length - 1]?.articleNo ?? '';
      if (added === 0 || last === '' || last === after) {
        throw this.error(ACTION.getStock, 'protocol', 'Specter returned the same stock page twice; paging stopped.');
      }
      after = last;
    }
    return [...byArticle.values()];
  }

  /** Orders changed at or after `changedFrom`, all pages, de-duplicated by orderId (latest wins). */
  async listOrders(filter: SpecterListFilter): Promise<SpecterOrder[]> {
    return this.listChanged(ACTION.getOrders, filter, readOrders, (o) => o.orderId);
  }

  /** One order with its rows (delivered quantities) and deliveries, or null when Specter does not know it. */
  async getOrder(orderId: string): Promise<SpecterOrder | null> {
    const id = this.requireText(ACTION.getOrder, 'orderId', orderId);
    const reply = await this.call(ACTION.getOrder, [[PARAM.orderId, id]], {
      write: false,
      allowCodes: [ERROR_CODE.notFound],
    });
    if (!reply.ok) return null;
    return this.records(ACTION.getOrder, reply, readOrders).find((o) => o.orderId === id) ?? null;
  }

  /** Purchases changed at or after `changedFrom`, all pages, de-duplicated by purchaseId. */
  async listPurchases(filter: SpecterListFilter): Promise<SpecterPurchase[]> {
    return this.listChanged(ACTION.getPurchases, filter, readPurchases, (p) => p.purchaseId);
  }

  async getPurchase(purchaseId: string): Promise<SpecterPurchase | null> {
    const id = this.requireText(ACTION.getPurchase, 'purchaseId', purchaseId);
    const reply = await this.call(ACTION.getPurchase, [[PARAM.purchaseId, id]], {
      write: false,
      allowCodes: [ERROR_CODE.notFound],
    });
    if (!reply.ok) return null;
    return this.records(ACTION.getPurchase, reply, readPurchases).find((p) => p.purchaseId === id) ?? null;
  }

  // -------------------------------------------------------------------------------------------
  // Writes
  // -------------------------------------------------------------------------------------------

  /** Report an outbound delivery (rows by row no). Not retried once it may have reached Specter. */
  async submitDelivery(submit: SpecterDeliverySubmit): Promise<SpecterWriteResult & { invoiceId?: string }> {
    const action = ACTION.deliverySubmit;
    const orderId =
      SUBMIT_ORDER_ID_CARRIES === 'number'
        ? this.requireText(action, 'orderNo', submit.orderNo)
        : this.requireText(action, 'orderId', submit.orderId);
    this.requireDate(action, submit.deliveryDate);
    const rows = this.requireRows(
      action,
      submit.rows.map((r) => ({ ref: r.rowNo, noOfItems: r.noOfItems })),
      'rowNo',
    );
    const params: Params = [
      [PARAM.orderId, orderId],
      [PARAM.deliveryDate, submit.deliveryDate],
    ];
    rows.forEach((row, i) => {
      params.push([rowParam(PARAM.rowNo, i + 1), row.ref], [rowParam(PARAM.noOfItems, i + 1), row.noOfItems]);
    });
    params.push(
      [PARAM.packetNo, submit.packetNo ?? ''],
      [PARAM.sendDeliveryEmail, submit.sendDeliveryEmail ? FLAG.yes : FLAG.no],
      [PARAM.createInvoice, submit.createInvoice ? FLAG.yes : FLAG.no],
      [PARAM.reference, submit.reference ?? ''],
    );
    const reply = await this.call(action, params, { write: true });
    const result: SpecterWriteResult & { invoiceId?: string } = { id: reply.id, message: reply.message };
    if (submit.createInvoice) {
      const invoiceId = reply.format === 'xml' ? reply.invoiceId : reply.message;
      if (invoiceId && invoiceId !== 'OK') result.invoiceId = invoiceId;
    }
    return result;
  }

  /** Report an inbound receipt on a purchase (rows by row id). Not retried once it may have reached Specter. */
  async submitPurchaseDelivery(submit: SpecterPurchaseDeliverySubmit): Promise<SpecterWriteResult> {
    const action = ACTION.purchaseDeliverySubmit;
    const orderId =
      SUBMIT_ORDER_ID_CARRIES === 'number'
        ? this.requireText(action, 'purchaseNo', submit.purchaseNo)
        : this.requireText(action, 'orderId', submit.orderId);
    this.requireDate(action, submit.deliveryDate);
    const rows = this.requireRows(
      action,
      submit.rows.map((r) => ({ ref: r.rowId, noOfItems: r.noOfItems })),
      'rowId',
    );
    const params: Params = [
      [PARAM.orderId, orderId],
      [PARAM.deliveryDate, submit.deliveryDate],
    ];
    rows.forEach((row, i) => {
      params.push([rowParam(PARAM.rowId, i + 1), row.ref], [rowParam(PARAM.noOfItems, i + 1), row.noOfItems]);
    });
    params.push([PARAM.sendEmail, submit.sendEmail ? FLAG.yes : FLAG.no], [PARAM.reference, submit.reference ?? '']);
    const reply = await this.call(action, params, { write: true });
    return { id: reply.id, message: reply.message };
  }

  /**
   * Set the absolute physical stock of articles on one stock site, in chunks of at most 100 rows.
   * If a chunk fails, the error says how many rows were already applied (setting absolute stock
   * again is harmless).
   */
  async updateStock(stockSiteId: string, rows: readonly SpecterStockRow[]): Promise<SpecterStockUpdateResult> {
    const action = ACTION.stockUpdateSubmit;
    const siteId = this.requireText(action, 'stockSiteId', stockSiteId);
    rows.forEach((row, i) => {
      if (!row.articleNo || row.articleNo.trim() === '') {
        throw this.error(action, 'validation', `Stock row ${i + 1} has no article number.`);
      }
      if (!Number.isFinite(row.noItemsInStock)) {
        throw this.error(
          action,
          'validation',
          `Stock row ${i + 1} (article ${row.articleNo}): stock "${row.noItemsInStock}" is not a number.`,
        );
      }
    });
    const result: SpecterStockUpdateResult = { updated: 0, calls: 0 };
    const chunks = Math.ceil(rows.length / MAX_ROWS_PER_WRITE);
    for (let c = 0; c < chunks; c++) {
      const chunk = rows.slice(c * MAX_ROWS_PER_WRITE, (c + 1) * MAX_ROWS_PER_WRITE);
      const params: Params = [[PARAM.stockSiteId, siteId]];
      chunk.forEach((row, i) => {
        params.push(
          [rowParam(PARAM.articleNo, i + 1), row.articleNo],
          [rowParam(PARAM.noItemsInStock, i + 1), formatNumber(row.noItemsInStock)],
        );
      });
      try {
        const reply = await this.call(action, params, { write: true });
        result.calls++;
        const confirmed = Number(reply.id);
        result.updated += Number.isInteger(confirmed) && confirmed >= 0 ? confirmed : chunk.length;
      } catch (error) {
        if (!isRemoteError(error) || chunks === 1) throw error;
        throw new RemoteError({
          system: SYSTEM,
          kind: error.kind,
          operation: action,
          message: `${error.message.replace(`${SYSTEM} ${action}: `, '')} (chunk ${c + 1} of ${chunks}; ${c * MAX_ROWS_PER_WRITE} of ${rows.length} rows were applied before it)`,
          status: error.status,
          code: error.code,
          retryAfterMs: error.retryAfterMs,
          inDoubt: error.inDoubt,
        });
      }
    }
    return result;
  }

  // -------------------------------------------------------------------------------------------
  // Batch feeds and paged lists
  // -------------------------------------------------------------------------------------------

  private async fetchBatch<T>(feed: BatchFeedName, read: (body: SpecterReplyBody) => T[]): Promise<SpecterBatch<T>> {
    const action = BATCH_FEED[feed].read;
    const batchNo = newBatchNo();
    // The same batchNo is reused on retries: Specter answers a repeated batchNo with the same records.
    const first = await this.call(action, [[PARAM.batchNo, batchNo]], {
      write: false,
      allowCodes: [ERROR_CODE.batchOpen],
    });
    if (first.ok) {
      const records = this.records(action, first, read);
      const limit = first.format === 'xml' ? first.responseMaxLimit : null;
      return { batchNo, records, more: limit !== null && records.length >= limit };
    }
    const oldBatchNo = batchNoFromMessage(first.message, BATCH_QUOTE);
    if (!oldBatchNo) {
      throw this.error(action, 'batch_open', `A batch is still open but Specter did not say which: ${first.message}`, {
        code: first.code,
      });
    }
    const again = await this.call(action, [[PARAM.batchNo, oldBatchNo]], { write: false });
    const records = this.records(action, again, read);
    // After this open batch is acknowledged there may be newer changes waiting.
    return { batchNo: oldBatchNo, records, more: true };
  }

  private async acknowledgeBatch(feed: BatchFeedName, batchNo: string): Promise<void> {
    const action = BATCH_FEED[feed].ack;
    const value = this.requireText(action, 'batchNo', batchNo);
    await this.call(action, [[PARAM.batchNo, value]], { write: false });
  }

  private async listChanged<T>(
    action: SpecterAction,
    filter: SpecterListFilter,
    read: (body: SpecterReplyBody) => T[],
    idOf: (record: T & { lastChanged: string }) => string,
  ): Promise<T[]> {
    const from = normalizeSpecterTimestamp(filter.changedFrom ?? '');
    if (!from) {
      throw this.error(
        action,
        'validation',
        `changedFrom "${filter.changedFrom}" is not a Specter time: use yyyy-MM-dd HH:mm:ss (Stockholm time) or yyyy-MM-dd.`,
      );
    }
    if (filter.deliveryStatus && !['N', 'P', 'D'].includes(filter.deliveryStatus)) {
      throw this.error(action, 'validation', `deliveryStatus "${filter.deliveryStatus}" must be N, P or D.`);
    }
    const byId = new Map<string, T>();
    let changedFrom = from;
    for (let page = 0; page < MAX_PAGES; page++) {
      const params: Params = [];
      if (filter.deliveryStatus) params.push([PARAM.deliveryStatus, filter.deliveryStatus]);
      params.push([PARAM.changedFrom, changedFrom]);
      const reply = await this.call(action, params, { write: false });
      const records = this.records(action, reply, read) as Array<T & { lastChanged: string }>;
      let added = 0;
      for (const record of records) {
        const id = idOf(record);
        if (!byId.has(id)) added++;
        byId.set(id, record);
      }
      const limit = reply.format === 'xml' ? reply.responseMaxLimit : null;
      if (limit === null || records.length < limit) break;
      const last = records[records.length - 1]?.lastChanged ?? '';
      if (added === 0 || !normalizeSpecterTimestamp(last)) {
        throw this.error(
          action,
          'protocol',
          `More than ${limit} records share the change time ${changedFrom}; Specter's paging cannot get past it. Ask Specter to raise responseMaxLimit.`,
        );
      }
      changedFrom = last;
    }
    return [...byId.values()];
  }

  // -------------------------------------------------------------------------------------------
  // Transport
  // -------------------------------------------------------------------------------------------

  private records<T>(action: string, reply: SpecterReply, read: (body: SpecterReplyBody) => T[]): T[] {
    if (reply.format !== 'xml') {
      throw this.error(action, 'protocol', 'Specter answered in text where XML was asked for (useXML=2).');
    }
    try {
      return read(reply.body);
    } catch (error) {
      if (error instanceof SpecterParseError) throw this.error(action, 'protocol', error.message);
      throw error;
    }
  }

  private async call(action: SpecterAction, params: Params, options: CallOptions): Promise<SpecterReply> {
    const policy = { ...this.options.retry };
    if (options.maxAttempts !== undefined) policy.maxAttempts = options.maxAttempts;
    const maxRetryAfter = this.options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
    const isRetryable = (error: unknown): boolean => {
      if (!isRemoteError(error)) return false;
      if (error.retryAfterMs !== undefined && error.retryAfterMs > maxRetryAfter) return false;
      if (!options.write) return defaultIsRetryable(error);
      if (error.inDoubt) return false;
      return error.kind === 'rate' || (error.kind === 'network' && NOT_SENT_CODES.has(String(error.code)));
    };
    const reply = await withRetry(() => this.attempt(action, params, options.write), { policy, isRetryable });
    if (!reply.ok && !(options.allowCodes ?? []).includes(reply.code)) {
      throw this.envelopeError(action, reply);
    }
    return reply;
  }

  private async attempt(action: SpecterAction, params: Params, write: boolean): Promise<SpecterReply> {
    const credentials = await this.options.credentials();
    const values: Params = params.map(([name, value]) => [name, this.clean(action, name, value)]);
    const lookup = (name: string) => values.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
    const primary = PRIMARY_VALUE[action].pick(lookup);
    if (primary === undefined) {
      throw this.error(action, 'validation', `Missing ${PRIMARY_VALUE[action].params.join(' / ')} for the call.`);
    }
    const key = specterKey(credentials.apiUserKey, credentials.integrationKey, credentials.sbmId, primary);
    const head: Params = [
      [PARAM.action, action],
      [PARAM.sbmId, credentials.sbmId],
      [PARAM.apiUserId, credentials.apiUserId],
      [PARAM.useXML, write ? USE_XML.text : USE_XML.xml],
    ];
    const started = Date.now();
    let response: AxiosResponse<ArrayBuffer>;
    try {
      if (write) {
        const url = `${this.baseUrl}${SCRIPT.putInfo}?${encodeLatin1Form(head)}`;
        response = await this.http.post(url, encodeLatin1Form([...values, [PARAM.key, key]]), {
          headers: { 'Content-Type': FORM_CONTENT_TYPE, Accept: 'text/plain, text/xml, */*' },
          ...this.writeAgents,
        });
      } else {
        const url = `${this.baseUrl}${SCRIPT.getInfo}?${encodeLatin1Form([...head, ...values, [PARAM.key, key]])}`;
        response = await this.http.get(url, { headers: { Accept: 'text/xml, text/plain, */*' } });
      }
    } catch (error) {
      this.report(action, started, false);
      throw this.transportError(action, write, error);
    }
    try {
      const reply = this.interpret(action, write, response);
      this.report(action, started, reply.ok);
      return reply;
    } catch (error) {
      this.report(action, started, false);
      throw error;
    }
  }

  private report(action: string, started: number, ok: boolean): void {
    try {
      this.options.onCall?.({ action, durationMs: Date.now() - started, ok });
    } catch {
      // A failing listener must not change the outcome of the call.
    }
  }

  private clean(action: string, name: string, value: string): string {
    return toLatin1(value, name, ({ replaced }) => {
      this.warn({
        action,
        field: name,
        message: `${name}: ${replaced.length} character(s) (${[...new Set(replaced)].join(' ')}) cannot be sent to Specter (Latin-1) and were replaced by "?".`,
      });
    });
  }

  private warn(warning: SpecterWarning): void {
    try {
      this.options.onWarning?.(warning);
    } catch {
      // Ignore listener failures.
    }
  }

  private interpret(action: string, write: boolean, response: AxiosResponse<ArrayBuffer>): SpecterReply {
    const status = response.status;
    const inDoubt = write;
    if (status === 429 || status === 503) {
      const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
      const wait = retryAfterMs !== undefined ? ` (retry after ${Math.ceil(retryAfterMs / 1000)} s)` : '';
      return this.fail(action, 'rate', `Specter is busy (HTTP ${status})${wait}.`, { status, retryAfterMs });
    }
    if (status >= 500) {
      return this.fail(action, 'server', `Specter failed with HTTP ${status}.${inDoubt ? IN_DOUBT_HINT : ''}`, {
        status,
        inDoubt,
      });
    }
    if (status === 401 || status === 403) {
      return this.fail(action, 'auth', `Specter refused access (HTTP ${status}). Check the Specter credentials.`, {
        status,
      });
    }
    if (status === 404) {
      return this.fail(
        action,
        'not_found',
        `No Specter API at the configured address (HTTP 404 for ${write ? SCRIPT.putInfo : SCRIPT.getInfo}). Check the Specter address.`,
        { status },
      );
    }
    if (status >= 300 && status < 400) {
      const location = String(response.headers.location ?? '');
      let target = '';
      try {
        target = location ? ` to ${new URL(location, this.baseUrl).origin}` : '';
      } catch {
        target = '';
      }
      return this.fail(
        action,
        'protocol',
        `Specter redirected the call${target} (HTTP ${status}). Check the Specter address.`,
        { status },
      );
    }
    if (status < 200 || status >= 300) {
      return this.fail(action, 'protocol', `Specter answered HTTP ${status}.`, { status });
    }
    const bytes = Buffer.from(response.data ?? new ArrayBuffer(0));
    try {
      return parseSpecterReply(bytes.toString('latin1'), (encoding) =>
        bytes.toString(encoding === 'utf8' ? 'utf8' : 'latin1'),
      );
    } catch (error) {
      const detail = error instanceof SpecterParseError ? error.message : 'The reply could not be read.';
      return this.fail(action, 'protocol', `${detail}${inDoubt ? IN_DOUBT_HINT : ''}`, { status, inDoubt });
    }
  }

  private fail(
    action: string,
    kind: RemoteErrorKind,
    message: string,
    extra: { status?: number; retryAfterMs?: number; inDoubt?: boolean; code?: string | number } = {},
  ): never {
    throw this.error(action, kind, message, extra);
  }

  private transportError(action: string, write: boolean, error: unknown): RemoteError {
    if (isRemoteError(error)) return error;
    const code = isAxiosError(error) ? String(error.code ?? '') : '';
    const cause = (error as { cause?: { code?: string } } | null)?.cause?.code ?? '';
    const errno = NOT_SENT_CODES.has(cause) ? cause : code;
    if (NOT_SENT_CODES.has(errno)) {
      const what =
        errno === 'ECONNREFUSED'
          ? 'Specter refused the connection (nothing answers at the configured address).'
          : 'Specter could not be reached (host name or network unavailable).';
      return this.error(action, 'network', `${what} Check the Specter address and the network.`, { code: errno });
    }
    if (TIMEOUT_CODES.has(code)) {
      return this.error(
        action,
        'timeout',
        `No reply from Specter within ${this.timeoutMs} ms.${write ? IN_DOUBT_HINT : ''}`,
        { code, inDoubt: write },
      );
    }
    const reset = code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_BAD_RESPONSE';
    const message = reset
      ? 'The connection to Specter was closed before a reply arrived.'
      : `The call to Specter failed (${code || 'network error'}).`;
    return this.error(action, 'network', `${message}${write ? IN_DOUBT_HINT : ''}`, {
      code: code || 'NETWORK',
      inDoubt: write,
    });
  }

  private envelopeError(action: string, reply: SpecterReply): RemoteError {
    const text = reply.message || '(no message)';
    if (reply.code === ERROR_CODE.batchOpen) {
      return this.error(action, 'batch_open', text, { code: reply.code });
    }
    if (AUTH_ERROR_CODES.includes(reply.code)) {
      return this.error(action, 'auth', `Specter refused the credentials: ${text}. Check SBM id, API user and keys.`, {
        code: reply.code,
      });
    }
    return this.error(action, 'validation', text, { code: reply.code });
  }

  private error(
    operation: string,
    kind: RemoteErrorKind,
    message: string,
    extra: { status?: number; retryAfterMs?: number; inDoubt?: boolean; code?: string | number } = {},
  ): RemoteError {
    return new RemoteError({ system: SYSTEM, kind, operation, message, ...extra });
  }

  private requireText(action: string, name: string, value: string): string {
    const trimmed = typeof value === 'string' ? value.trim() : '';
    if (trimmed === '') throw this.error(action, 'validation', `${name} is empty; a Specter ${name} is required.`);
    return trimmed;
  }

  private requireDate(action: string, value: string): void {
    if (!isSpecterDate(value ?? '')) {
      throw this.error(action, 'validation', `deliveryDate "${value}" is not a date: use yyyy-MM-dd.`);
    }
  }

  private requireRows(
    action: string,
    rows: { ref: string; noOfItems: number }[],
    refName: string,
  ): { ref: string; noOfItems: string }[] {
    if (rows.length === 0) throw this.error(action, 'validation', 'The submit has no rows.');
    if (rows.length > MAX_ROWS_PER_WRITE) {
      throw this.error(action, 'validation', `The submit has ${rows.length} rows; at most ${MAX_ROWS_PER_WRITE} fit.`);
    }
    return rows.map((row, i) => {
      const ref = typeof row.ref === 'string' ? row.ref.trim() : String(row.ref ?? '').trim();
      if (ref === '') throw this.error(action, 'validation', `Row ${i + 1} has no ${refName}.`);
      if (!Number.isFinite(row.noOfItems) || row.noOfItems < 0) {
        throw this.error(
          action,
          'validation',
          `Row ${i + 1} (${refName} ${ref}): number of items "${row.noOfItems}" must be 0 or more.`,
        );
      }
      return { ref, noOfItems: formatNumber(row.noOfItems) };
    });
  }
}

type SpecterReplyBody = Extract<SpecterReply, { format: 'xml' }>['body'];

import type {
  SpecterArticle,
  SpecterDeliverySubmit,
  SpecterOrder,
  SpecterPurchase,
  SpecterPurchaseDeliverySubmit,
  SpecterStockLevel,
  SpecterWriteResult,
} from '../../../shared/domain/specter';
import { isRemoteError, RemoteError } from '../net/remote-error';
import { batchNoFromMessage, readArticles, readOrders, readPurchases, readStock } from './parse';
import { isSpecterDate, normalizeSpecterTimestamp } from './time';
import { SpecterTransport } from './transport';
import {
  formatNumber,
  MAX_PAGES,
  newBatchNo,
  type Params,
  type SpecterBatch,
  type SpecterClientOptions,
  type SpecterListFilter,
  type SpecterReplyBody,
  type SpecterStockRow,
  type SpecterStockUpdateResult,
  SYSTEM,
} from './types';
import {
  ACTION,
  BATCH_FEED,
  BATCH_QUOTE,
  type BatchFeedName,
  ERROR_CODE,
  FAR_FUTURE_TIMESTAMP,
  FLAG,
  MAX_ROWS_PER_WRITE,
  PARAM,
  rowParam,
  type SpecterAction,
  SUBMIT_ORDER_ID_CARRIES,
} from './wire';

export * from './types';
export type { SpecterCredentials } from '../../../shared/domain/specter';

/**
 * Client for Specter's classic API (getInfo.asp / putInfo.asp), Latin-1 end to end.
 * Reads retry transient failures; writes retry only when the request provably never reached Specter,
 * and otherwise throw a RemoteError with inDoubt = true.
 */
export class SpecterClient {
  private readonly t: SpecterTransport;

  constructor(options: SpecterClientOptions) {
    this.t = new SpecterTransport(options);
  }

  /** The HTTP Date of Specter's last reply (null when it sent none), to compare clocks. */
  get lastReplyDate(): Date | null {
    return this.t.lastReplyDate;
  }

  // -------------------------------------------------------------------------------------------
  // Reads
  // -------------------------------------------------------------------------------------------

  /** A cheap authenticated read; a refused key throws RemoteError kind 'auth'. No retries. */
  async testConnection(): Promise<{ ok: true }> {
    await this.t.call(ACTION.getOrders, [[PARAM.changedFrom, FAR_FUTURE_TIMESTAMP]], { write: false, maxAttempts: 1 });
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
      const reply = await this.t.call(ACTION.getStock, params, { write: false });
      const levels = this.t
        .records(ACTION.getStock, reply, readStock)
        .filter((l) => l.stockSiteId === '' || l.stockSiteId === siteId);
      let added = 0;
      for (const level of levels) {
        if (!byArticle.has(level.articleNo)) added++;
        byArticle.set(level.articleNo, { ...level, stockSiteId: siteId });
      }
      const limit = reply.format === 'xml' ? reply.responseMaxLimit : null;
      if (limit === null || levels.length < limit) break;
      const last = levels[levels.length - 1]?.articleNo ?? '';
      if (added === 0 || last === '' || last === after) {
        throw this.t.error(ACTION.getStock, 'protocol', 'Specter returned the same stock page twice; paging stopped.');
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
    const reply = await this.t.call(ACTION.getOrder, [[PARAM.orderId, id]], {
      write: false,
      allowCodes: [ERROR_CODE.notFound],
    });
    if (!reply.ok) return null;
    return this.t.records(ACTION.getOrder, reply, readOrders).find((o) => o.orderId === id) ?? null;
  }

  /** Purchases changed at or after `changedFrom`, all pages, de-duplicated by purchaseId. */
  async listPurchases(filter: SpecterListFilter): Promise<SpecterPurchase[]> {
    return this.listChanged(ACTION.getPurchases, filter, readPurchases, (p) => p.purchaseId);
  }

  async getPurchase(purchaseId: string): Promise<SpecterPurchase | null> {
    const id = this.requireText(ACTION.getPurchase, 'purchaseId', purchaseId);
    const reply = await this.t.call(ACTION.getPurchase, [[PARAM.purchaseId, id]], {
      write: false,
      allowCodes: [ERROR_CODE.notFound],
    });
    if (!reply.ok) return null;
    return this.t.records(ACTION.getPurchase, reply, readPurchases).find((p) => p.purchaseId === id) ?? null;
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
    const reply = await this.t.call(action, params, { write: true });
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
    const reply = await this.t.call(action, params, { write: true });
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
        throw this.t.error(action, 'validation', `Stock row ${i + 1} has no article number.`);
      }
      if (!Number.isFinite(row.noItemsInStock)) {
        throw this.t.error(
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
        const reply = await this.t.call(action, params, { write: true });
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
    const first = await this.t.call(action, [[PARAM.batchNo, batchNo]], {
      write: false,
      allowCodes: [ERROR_CODE.batchOpen],
    });
    if (first.ok) {
      const records = this.t.records(action, first, read);
      const limit = first.format === 'xml' ? first.responseMaxLimit : null;
      return { batchNo, records, more: limit !== null && records.length >= limit };
    }
    const oldBatchNo = batchNoFromMessage(first.message, BATCH_QUOTE);
    if (!oldBatchNo) {
      throw this.t.error(
        action,
        'batch_open',
        `A batch is still open but Specter did not say which: ${first.message}`,
        {
          code: first.code,
        },
      );
    }
    const again = await this.t.call(action, [[PARAM.batchNo, oldBatchNo]], { write: false });
    const records = this.t.records(action, again, read);
    // After this open batch is acknowledged there may be newer changes waiting.
    return { batchNo: oldBatchNo, records, more: true };
  }

  private async acknowledgeBatch(feed: BatchFeedName, batchNo: string): Promise<void> {
    const action = BATCH_FEED[feed].ack;
    const value = this.requireText(action, 'batchNo', batchNo);
    await this.t.call(action, [[PARAM.batchNo, value]], { write: false });
  }

  private async listChanged<T>(
    action: SpecterAction,
    filter: SpecterListFilter,
    read: (body: SpecterReplyBody) => T[],
    idOf: (record: T & { lastChanged: string }) => string,
  ): Promise<T[]> {
    const from = normalizeSpecterTimestamp(filter.changedFrom ?? '');
    if (!from) {
      throw this.t.error(
        action,
        'validation',
        `changedFrom "${filter.changedFrom}" is not a Specter time: use yyyy-MM-dd HH:mm:ss (Stockholm time) or yyyy-MM-dd.`,
      );
    }
    if (filter.deliveryStatus && !['N', 'P', 'D'].includes(filter.deliveryStatus)) {
      throw this.t.error(action, 'validation', `deliveryStatus "${filter.deliveryStatus}" must be N, P or D.`);
    }
    const byId = new Map<string, T>();
    let changedFrom = from;
    for (let page = 0; page < MAX_PAGES; page++) {
      const params: Params = [];
      if (filter.deliveryStatus) params.push([PARAM.deliveryStatus, filter.deliveryStatus]);
      params.push([PARAM.changedFrom, changedFrom]);
      const reply = await this.t.call(action, params, { write: false });
      const records = this.t.records(action, reply, read) as Array<T & { lastChanged: string }>;
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
        throw this.t.error(
          action,
          'protocol',
          `More than ${limit} records share the change time ${changedFrom}; Specter's paging cannot get past it. Ask Specter to raise responseMaxLimit.`,
        );
      }
      changedFrom = last;
    }
    return [...byId.values()];
  }

  private requireText(action: string, name: string, value: string): string {
    const trimmed = typeof value === 'string' ? value.trim() : '';
    if (trimmed === '') throw this.t.error(action, 'validation', `${name} is empty; a Specter ${name} is required.`);
    return trimmed;
  }

  private requireDate(action: string, value: string): void {
    if (!isSpecterDate(value ?? '')) {
      throw this.t.error(action, 'validation', `deliveryDate "${value}" is not a date: use yyyy-MM-dd.`);
    }
  }

  private requireRows(
    action: string,
    rows: { ref: string; noOfItems: number }[],
    refName: string,
  ): { ref: string; noOfItems: string }[] {
    if (rows.length === 0) throw this.t.error(action, 'validation', 'The submit has no rows.');
    if (rows.length > MAX_ROWS_PER_WRITE) {
      throw this.t.error(
        action,
        'validation',
        `The submit has ${rows.length} rows; at most ${MAX_ROWS_PER_WRITE} fit.`,
      );
    }
    return rows.map((row, i) => {
      const ref = typeof row.ref === 'string' ? row.ref.trim() : String(row.ref ?? '').trim();
      if (ref === '') throw this.t.error(action, 'validation', `Row ${i + 1} has no ${refName}.`);
      if (!Number.isFinite(row.noOfItems) || row.noOfItems < 0) {
        throw this.t.error(
          action,
          'validation',
          `Row ${i + 1} (${refName} ${ref}): number of items "${row.noOfItems}" must be 0 or more.`,
        );
      }
      return { ref, noOfItems: formatNumber(row.noOfItems) };
    });
  }
}

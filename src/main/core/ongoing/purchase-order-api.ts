/**
 * The purchase order part of the Ongoing client (and what every part shares: the transport, the
 * goods owner and its check on bodies). OngoingClient extends it with articles, orders and the rest.
 */
import type { GetPurchaseOrderModel, GetPurchaseOrderStatusModel } from '../../../shared/ongoing/models';
import { RemoteError } from '../net/remote-error';
import { extractOngoingMessage, type OngoingCallContext, protocolError } from './errors';
import type { OngoingTransport } from './transport';
import {
  checkId,
  checkPageSize,
  type OngoingPurchaseOrderInput,
  type PurchaseOrderQuery,
  type PurchaseOrderWriteResult,
  type UpsertPurchaseOrderResult,
} from './types';

export class OngoingPurchaseOrderApi {
  constructor(
    protected readonly t: OngoingTransport,
    readonly goodsOwnerId: number,
  ) {}

  // ---------------------------------------------------------------- purchase orders

  /** PUT /purchaseOrders: create or update by purchase order number. Refused ('locked') once receiving started. */
  async upsertPurchaseOrder(purchaseOrder: OngoingPurchaseOrderInput): Promise<UpsertPurchaseOrderResult> {
    const ctx = this.t.ctx(
      'upsertPurchaseOrder',
      'upsert',
      `purchase order ${purchaseOrder.purchaseOrderNumber ?? '(no purchase order number)'}`,
      true,
    );
    const body = this.withGoodsOwner(purchaseOrder, ctx);
    const { status, data } = await this.t.write({ method: 'PUT', path: 'purchaseOrders', body, ctx, retry: true });
    const record = (data ?? {}) as { purchaseOrderId?: unknown; message?: string | null };
    if (typeof record.purchaseOrderId !== 'number') throw protocolError(ctx, status, 'returned no purchaseOrderId');
    return { purchaseOrderId: record.purchaseOrderId, message: record.message ?? null };
  }

  /** GET /purchaseOrders/{purchaseOrderId}. */
  async getPurchaseOrder(purchaseOrderId: number): Promise<GetPurchaseOrderModel> {
    checkId('Purchase order', purchaseOrderId);
    const ctx = this.t.ctx('getPurchaseOrder', 'read', `purchase order id ${purchaseOrderId}`);
    return this.t.readObject<GetPurchaseOrderModel>(`purchaseOrders/${purchaseOrderId}`, undefined, ctx);
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
    yield* this.t.paged<GetPurchaseOrderModel>({
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
    const ctx = this.t.ctx('cancelPurchaseOrder', 'cancel', `purchase order id ${purchaseOrderId}`, true);
    const { data } = await this.t.write({
      method: 'DELETE',
      path: `purchaseOrders/${purchaseOrderId}`,
      ctx,
      retry: false,
    });
    return { purchaseOrderId, message: (data as { message?: string | null } | undefined)?.message ?? null };
  }

  /** DELETE /purchaseOrders?goodsOwnerId=…&purchaseOrderNumber=…. Retried only after 429/503. */
  async cancelPurchaseOrderByNumber(purchaseOrderNumber: string): Promise<PurchaseOrderWriteResult> {
    const ctx = this.t.ctx('cancelPurchaseOrder', 'cancel', `purchase order ${purchaseOrderNumber}`, true);
    const { status, data } = await this.t.write({
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
    const ctx = this.t.ctx('purchaseOrderStatuses', 'read', 'purchase order statuses');
    const data = await this.t.readObject<{ orderStatuses?: GetPurchaseOrderStatusModel[] | null }>(
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
    const ctx = this.t.ctx('setReportedToReceived', 'patch', `purchase order id ${purchaseOrderId}`);
    const { data } = await this.t.write({
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
    const ctx = this.t.ctx('setPurchaseOrderLineReported', 'patch', `purchase order id ${purchaseOrderId}`);
    const { data } = await this.t.write({
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

  protected withGoodsOwner<T extends { goodsOwnerId?: number }>(
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
}

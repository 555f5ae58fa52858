/**
 * The soak's HTTP clients: the two simulators' control APIs (loopback JSON, no faults, no latency)
 * and the app's bridge API (the same contract the UI uses, behind the per-start token).
 */
import type { ApiEnvelope, ApiInput, ApiMethod, ApiOutputs } from '../../src/shared/api';
import type { GetOrderModel, GetPurchaseOrderModel } from '../../src/shared/ongoing/models';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export async function requestJson<T>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (!response.ok)
    throw new HttpError(response.status, `${method} ${url}: HTTP ${response.status} ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

// ------------------------------------------------------------------------------------- Specter

export interface SpecterOrderRowState {
  rowId: string;
  rowNo: string;
  articleNo: string;
  noOfItems: number;
  noOfItems2: number | null;
  deliveredNoOfItems: number;
}

export interface SpecterOrderState {
  orderId: string;
  orderNo: string;
  deliveryStatus: string;
  rows: SpecterOrderRowState[];
}

export interface SpecterPurchaseState {
  purchaseId: string;
  purchaseNo: string;
  rows: { rowId: string; rowNo: string; articleNo: string; noOfItems: number; receivedNoOfItems: number }[];
}

export interface SpecterDeliveryRecord {
  deliveryId: string;
  orderId: string;
  rows: { rowNo: string; noOfItems: number }[];
  /** The reference text the submit carried (the posting's idempotency key), when the app sends one. */
  reference?: string;
  receivedAt: string;
  [field: string]: unknown;
}

export interface SpecterPurchaseDeliveryRecord {
  purchaseDeliveryId: string;
  purchaseId: string;
  rows: { rowId: string; noOfItems: number }[];
  reference?: string;
  receivedAt: string;
  [field: string]: unknown;
}

export interface SpecterCall {
  seq: number;
  action: string;
  ok: boolean | null;
  code: number | null;
  params: Record<string, string>;
  fault?: { kind: string; phase: string };
}

export interface CreatedRecord {
  id: string;
  number: string;
  rows: { rowNo: string; rowId: string }[];
}

export class SpecterControl {
  constructor(readonly url: string) {}

  private control<T>(method: string, path: string, body?: unknown): Promise<T> {
    return requestJson<T>(method, `${this.url}/_control/${path}`, body);
  }

  async createOrder(order: unknown): Promise<CreatedRecord> {
    const r = await this.control<{ orderId: string; orderNo: string; rows: CreatedRecord['rows'] }>(
      'POST',
      'orders',
      order,
    );
    return { id: r.orderId, number: r.orderNo, rows: r.rows };
  }

  async createPurchase(purchase: unknown): Promise<CreatedRecord> {
    const r = await this.control<{ purchaseId: string; purchaseNo: string; rows: CreatedRecord['rows'] }>(
      'POST',
      'purchases',
      purchase,
    );
    return { id: r.purchaseId, number: r.purchaseNo, rows: r.rows };
  }

  orders = () => this.control<SpecterOrderState[]>('GET', 'orders');
  purchases = () => this.control<SpecterPurchaseState[]>('GET', 'purchases');
  deliveries = () => this.control<SpecterDeliveryRecord[]>('GET', 'deliveries');
  purchaseDeliveries = () => this.control<SpecterPurchaseDeliveryRecord[]>('GET', 'purchase-deliveries');
  calls = (action?: string) =>
    this.control<SpecterCall[]>('GET', action ? `calls?action=${encodeURIComponent(action)}` : 'calls');
  setFaultSpec = (spec: string) => this.control('POST', 'faults', { spec });
  enqueueFault = (fault: { kind: string; phase: 'before' | 'after'; match: string; count?: number }) =>
    this.control('POST', 'faults', { enqueue: fault });
  clearFaults = () => this.control('POST', 'faults', { clear: true });
  setLatency = (latencyMs: number) => this.control('POST', 'settings', { latencyMs });
}

// ------------------------------------------------------------------------------------- Ongoing

export interface OngoingStateSnapshot {
  orders: GetOrderModel[];
  purchaseOrders: GetPurchaseOrderModel[];
}

export interface OngoingCall {
  seq: number;
  method: string;
  path: string;
  status?: number;
  fault?: string;
  faultPhase?: string;
}

export class OngoingControl {
  constructor(readonly controlUrl: string) {}

  private control<T>(method: string, path: string, body?: unknown): Promise<T> {
    return requestJson<T>(method, `${this.controlUrl}${path}`, body);
  }

  state = () => this.control<OngoingStateSnapshot>('GET', 'state');
  calls = () => this.control<OngoingCall[]>('GET', 'calls');
  release = (orderNo: string) => this.control('POST', `orders/by-number/${encodeURIComponent(orderNo)}/release`, {});
  pick = (orderNo: string, quantities: Record<string, number>) =>
    this.control('POST', `orders/by-number/${encodeURIComponent(orderNo)}/pick`, { quantities });
  ship = (orderNo: string, status: 450 | 500) =>
    this.control('POST', `orders/by-number/${encodeURIComponent(orderNo)}/ship`, { status });
  receive = (purchaseNo: string, quantities: Record<string, number>) =>
    this.control('POST', `purchaseOrders/by-number/${encodeURIComponent(purchaseNo)}/receive`, { quantities });
  setFaultSpec = (spec: string) => this.control('POST', 'faults', { rates: spec });
  enqueueFault = (fault: { kind: string; phase: 'before' | 'after'; match: string; count?: number }) =>
    this.control('POST', 'faults', { enqueue: fault });
  clearFaults = () => this.control('DELETE', 'faults');
  setLatency = (latencyMs: number) => this.control('POST', 'latency', { latencyMs });
}

// ------------------------------------------------------------------------------------- the app

export class BridgeClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** Call one API method; an error envelope or HTTP failure throws with the app's message. */
  async call<M extends ApiMethod>(method: M, input: ApiInput<M>, timeoutMs = 120_000): Promise<ApiOutputs[M]> {
    const envelope = await requestJson<ApiEnvelope<ApiOutputs[M]>>(
      'POST',
      `${this.baseUrl}api/${method}`,
      input,
      { Authorization: `Bearer ${this.token}` },
      timeoutMs,
    );
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code}: ${envelope.error.message}`);
    return envelope.value;
  }
}

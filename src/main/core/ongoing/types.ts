/** Options, inputs, results and queries of the Ongoing client, and its small pure helpers. */
import { ongoingAddress } from '../../../shared/ongoing/base-url';
import type { PostArticleModel, PostOrderModel, PostPurchaseOrderModel } from '../../../shared/ongoing/models';
import { isRemoteError, type RemoteErrorKind } from '../net/remote-error';
import type { RetryPolicy } from '../net/retry';
import type { OngoingCallContext } from './errors';

/** Base URL for a warehouse (see shared/ongoing/base-url.ts); throws with what to correct. */
export function ongoingBaseUrl(warehouseOrUrl: string): string {
  const address = ongoingAddress(warehouseOrUrl);
  if (address.ok) return address.url;
  if (address.problem === 'empty') {
    throw new Error(
      'Ongoing warehouse is empty: enter the warehouse name (as in your Ongoing login URL) or a full URL.',
    );
  }
  if (address.problem === 'invalid_url') throw new Error(`Ongoing base URL "${address.value}" is not a valid URL.`);
  throw new Error(
    `Ongoing warehouse "${address.value}" is not a warehouse name: use the name from https://{warehouse}.ongoingsystems.se/{warehouse}, or a full URL.`,
  );
}

/** A date-time for query filters: UTC with an explicit offset, e.g. `2019-04-09T08:00:00.000+00:00`. */
export function formatOngoingDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new Error('Invalid date given to an Ongoing filter.');
  return date.toISOString().replace(/Z$/, '+00:00');
}

export interface OngoingCredentials {
  user: string;
  password: string;
}

/** One HTTP attempt, reported after it ends. Carries no secrets and no bodies. */
export interface OngoingCallEvent {
  operation: string;
  method: string;
  /** Path relative to the base URL, with query string. */
  path: string;
  attempt: number;
  status?: number;
  durationMs: number;
  errorKind?: RemoteErrorKind;
  /** The error the attempt failed with (for the health value's failure class). */
  error?: unknown;
  /** The JSON body sent, if any, and the reply's text (for the support log, which redacts them). */
  requestBody?: string;
  replyBody?: string;
}

export interface OngoingClientOptions {
  /** From ongoingBaseUrl(): ends with `/api/v1/`. */
  baseUrl: string;
  credentials: () => Promise<OngoingCredentials>;
  goodsOwnerId: number;
  /** Per attempt. Default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  onCall?: (event: OngoingCallEvent) => void;
}

type WithGoodsOwner<T extends { goodsOwnerId: number }> = Omit<T, 'goodsOwnerId'> & { goodsOwnerId?: number };
export type OngoingArticleInput = WithGoodsOwner<PostArticleModel>;
export type OngoingOrderInput = WithGoodsOwner<PostOrderModel>;
export type OngoingPurchaseOrderInput = WithGoodsOwner<PostPurchaseOrderModel>;

export interface UpsertArticleResult {
  articleSystemId: number;
  message: string | null;
}
export interface UpsertOrderResult {
  orderId: number;
  message: string | null;
  /** True when Ongoing answered 201 (a new order). */
  created: boolean;
}
export interface UpsertPurchaseOrderResult {
  purchaseOrderId: number;
  message: string | null;
}
export interface OrderWriteResult {
  orderId: number;
  message: string | null;
}
export interface PurchaseOrderWriteResult {
  purchaseOrderId: number;
  message: string | null;
}

export interface ArticleQuery {
  /** Only these articles. Sent in groups of 100; an empty list returns nothing without a call. */
  articleNumbers?: string[];
  articleSystemIdFrom?: number;
  onlyArticlesInStock?: boolean;
  articleDataLastUpdatedFrom?: Date;
  /** Ongoing refuses values older than 24 hours. */
  stockInfoChangedFrom?: Date;
  /** Articles per request (maxArticlesToGet). Default 500. */
  pageSize?: number;
}

export interface OrderQuery {
  orderNumber?: string;
  orderNumbers?: string[];
  orderStatusFrom?: number;
  orderStatusTo?: number;
  orderStatusChangedTimeFrom?: Date;
  shippedTimeFrom?: Date;
  shippedTimeTo?: Date;
  onlyOrdersWithOrderLinesToReport?: boolean;
  orderIdFrom?: number;
  /** Orders per request (maxOrdersToGet). Default 500. */
  pageSize?: number;
}

export interface PurchaseOrderQuery {
  purchaseOrderNumber?: string;
  purchaseOrderNumbers?: string[];
  purchaseOrderStatusFrom?: number;
  purchaseOrderStatusTo?: number;
  purchaseOrderStatusChangedTimeFrom?: Date;
  lastReceiveTimeFrom?: Date;
  lastReceiveTimeTo?: Date;
  onlyPurchaseOrdersWithOrderLinesToReport?: boolean;
  purchaseOrderIdFrom?: number;
  /** Purchase orders per request (maxPurchaseOrdersToGet). Default 500. */
  pageSize?: number;
}

export type QueryValue = string | number | boolean | Date | readonly string[] | undefined;
export type Query = Record<string, QueryValue>;
export type Method = 'GET' | 'PUT' | 'PATCH' | 'DELETE';

export interface CallSpec {
  method: Method;
  path: string;
  query?: Query;
  body?: unknown;
  ctx: OngoingCallContext;
  retry: boolean;
  /** An empty or non-JSON 2xx body is fine (returned as its text). */
  lenientBody?: boolean;
}

export interface CallResult {
  status: number;
  data: unknown;
}

export const DEFAULT_PAGE_SIZE = 500;
export const ARTICLE_NUMBERS_PER_REQUEST = 100;

export function buildQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(name, String(item));
    } else if (value instanceof Date) {
      params.append(name, formatOngoingDateTime(value));
    } else {
      params.append(name, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function checkPageSize(pageSize: number | undefined): number {
  const size = pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`Ongoing page size must be a positive whole number, got ${size}.`);
  return size;
}

export function checkId(kind: string, id: number): void {
  if (!Number.isInteger(id) || id < 1) throw new Error(`${kind} id must be a positive whole number, got ${id}.`);
}

export function errorKindOf(error: unknown): RemoteErrorKind | undefined {
  return isRemoteError(error) ? error.kind : undefined;
}

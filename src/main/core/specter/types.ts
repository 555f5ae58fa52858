/** Options, results and small helpers of the Specter client. */
import { randomBytes } from 'node:crypto';
import type { SpecterCredentials, SpecterDeliveryStatus } from '../../../shared/domain/specter';
import { MAX_RETRY_AFTER_MS, type RetryPolicy } from '../net/retry';
import type { SpecterReply } from './parse';

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
  /** Longest Retry-After the client waits for inside one call; longer ones are thrown to the caller. Default 120 s. */
  maxRetryAfterMs?: number;
  /**
   * Told about each HTTP attempt, with the request and the reply as sent and received (for the health
   * value and the support log, which redacts them). `error` is what the attempt failed with.
   */
  onCall?: (info: SpecterCallInfo) => void;
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

export const SYSTEM = 'specter' as const;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRY_AFTER_MS = MAX_RETRY_AFTER_MS;
export const MAX_PAGES = 10_000;
/** Network error codes that prove the request never reached Specter. */
export const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
export const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);
export const IN_DOUBT_HINT =
  ' The write may have been applied in Specter; check the record there before sending it again.';

export type Params = Array<[string, string]>;

export interface CallOptions {
  write: boolean;
  /** Result-0 codes returned to the caller instead of thrown. */
  allowCodes?: readonly number[];
  /** Override the retry policy's attempts (1 = no retry). */
  maxAttempts?: number;
}

export function newBatchNo(): string {
  return randomBytes(16).toString('hex');
}

export function parseRetryAfter(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - Date.now());
}

export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  // At most 6 decimals, no exponent, '.' as decimal separator.
  return value.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

export type SpecterReplyBody = Extract<SpecterReply, { format: 'xml' }>['body'];

/** One HTTP attempt to Specter, as told to SpecterClientOptions.onCall. */
export interface SpecterCallInfo {
  action: string;
  durationMs: number;
  ok: boolean;
  method: 'GET' | 'POST';
  url: string;
  requestBody?: string;
  status?: number;
  /** The reply as received, decoded as Latin-1 (one character per byte). */
  replyBody?: string;
  /** The reply's bytes as received (for diagnostic reports that keep them unchanged). */
  replyBytes?: Buffer;
  error?: unknown;
}

/**
 * The method list used by both transports' client sides (preload bridge and HTTP client). It is a
 * record keyed by the contract's methods, so adding a method to the contract fails type-checking
 * here until it is listed. Type-only import: this file stays tiny for the preload bundle.
 */
import type { ApiEnvelope, ApiErrorCode, ApiMethod } from './api';

const METHODS: Record<ApiMethod, true> = {
  getStatus: true,
  getHealth: true,
  createSupportBundle: true,
  runDiagnostics: true,
  getSettings: true,
  updateSettings: true,
  setCredentials: true,
  hasCredentials: true,
  clearCredentials: true,
  testConnection: true,
  listJobs: true,
  syncNow: true,
  setPaused: true,
  listRuns: true,
  listRecords: true,
  listExceptions: true,
  decideException: true,
  listPostings: true,
  decidePostings: true,
  setPostingOptions: true,
  getStockReport: true,
  refreshStock: true,
  pushStock: true,
  listAudit: true,
  getAuditEntry: true,
  getRecordTimeline: true,
  getWarehouseStatuses: true,
};

export const API_METHOD_NAMES = Object.keys(METHODS) as ApiMethod[];

export const ipcChannel = (method: ApiMethod): string => `api:${method}`;
export const IPC_EVENT_CHANNEL = 'api:event';
/** Name of the object the preload script exposes on `window`. */
export const BRIDGE_GLOBAL = 'ossApi';

/** Error thrown on the client side of either transport; same shape as the server's ApiError. */
export class ApiCallError extends Error {
  readonly code: ApiErrorCode;
  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiCallError';
    this.code = code;
  }
}

export function unwrapEnvelope<T>(envelope: ApiEnvelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new ApiCallError(envelope.error.code, envelope.error.message);
}

/**
 * One error type for every call to a remote system (Specter or Ongoing).
 * The `kind` decides what the caller may do next; `system` and `operation` say where it happened.
 * Messages never contain credentials: callers pass only what the remote said and what was asked.
 */
export type RemoteErrorKind =
  /** 401/403 or a rejected Specter key: fix credentials, do not retry. */
  | 'auth'
  /** The request was understood and refused as invalid (400 / Specter result 0). */
  | 'validation'
  /** The target exists but may no longer be changed (Ongoing: warehouse started work). */
  | 'locked'
  /** 429 / 503: the remote asks us to slow down; safe to retry after `retryAfterMs`. */
  | 'rate'
  /** Other 5xx: the remote failed. */
  | 'server'
  /** Connection refused, reset, DNS: the request may or may not have reached the remote. */
  | 'network'
  /** No answer in time: the request may or may not have been applied. */
  | 'timeout'
  /** The reply could not be understood (HTML error page, malformed XML/JSON). */
  | 'protocol'
  /** Specter's open-batch error (code 99). */
  | 'batch_open'
  /** A resource that was asked for does not exist. */
  | 'not_found';

export type RemoteSystem = 'specter' | 'ongoing';

export interface RemoteErrorInit {
  system: RemoteSystem;
  kind: RemoteErrorKind;
  operation: string;
  message: string;
  status?: number;
  code?: string | number;
  retryAfterMs?: number;
  /** True when a write may have been applied although no success was seen. */
  inDoubt?: boolean;
  /** The remote system's own words about the problem, when it gave any. */
  remoteText?: string;
}

export class RemoteError extends Error {
  readonly system: RemoteSystem;
  readonly kind: RemoteErrorKind;
  readonly operation: string;
  readonly status?: number;
  readonly code?: string | number;
  readonly retryAfterMs?: number;
  readonly inDoubt: boolean;
  readonly remoteText?: string;

  constructor(init: RemoteErrorInit) {
    super(`${init.system} ${init.operation}: ${init.message}`);
    this.name = 'RemoteError';
    this.system = init.system;
    this.kind = init.kind;
    this.operation = init.operation;
    this.status = init.status;
    this.code = init.code;
    this.retryAfterMs = init.retryAfterMs;
    this.inDoubt = init.inDoubt ?? false;
    this.remoteText = init.remoteText;
  }
}

/** Kinds where a repeat of the same request cannot make things worse for a read or an idempotent write. */
export const TRANSIENT_KINDS: ReadonlySet<RemoteErrorKind> = new Set([
  'rate',
  'server',
  'network',
  'timeout',
  'protocol',
]);

export function isRemoteError(e: unknown): e is RemoteError {
  return e instanceof RemoteError;
}

/** A setting or secret the call needs is missing: the operator must act in Settings. */
export class NotConfiguredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotConfiguredError';
  }
}

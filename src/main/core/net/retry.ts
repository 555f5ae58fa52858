import { isRemoteError, TRANSIENT_KINDS } from './remote-error';

export interface RetryPolicy {
  /** Total attempts including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 0..1: share of each delay that is randomised. */
  jitter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  jitter: 0.3,
};

/** Exponential backoff with jitter; a remote's Retry-After wins when it is longer. */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = exp * (1 - policy.jitter + policy.jitter * random());
  const delay = Math.max(jittered, retryAfterMs ?? 0);
  return Math.round(Math.min(delay, Math.max(policy.maxDelayMs, retryAfterMs ?? 0)));
}

/** Longest Retry-After a client waits for inside one call; a longer one ends the run with a message. */
export const MAX_RETRY_AFTER_MS = 120_000;

export interface RetryOptions {
  policy?: Partial<RetryPolicy>;
  /** Decide whether this error may be retried. Default: transient remote errors. */
  isRetryable?: (error: unknown) => boolean;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

export const defaultIsRetryable = (error: unknown): boolean => isRemoteError(error) && TRANSIENT_KINDS.has(error.kind);

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Run `fn` and retry it while `isRetryable` says so, up to the policy's cap.
 * Only use this for reads and for writes that are idempotent on the remote side.
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const isRetryable = options.isRetryable ?? defaultIsRetryable;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= policy.maxAttempts || !isRetryable(error)) throw error;
      const retryAfterMs = isRemoteError(error) ? error.retryAfterMs : undefined;
      const delayMs = backoffDelay(attempt, policy, retryAfterMs);
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs);
    }
  }
}

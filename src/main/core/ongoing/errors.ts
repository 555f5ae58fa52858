/**
 * Turning Ongoing REST answers and transport failures into RemoteError.
 *
 * Ongoing documents no error schema. What comes back in practice is a JSON body with a free-text
 * `message` (or `Message`) and an HTTP status. The rules applied here:
 *
 * | answer                                                        | kind        |
 * |---------------------------------------------------------------|-------------|
 * | 401, 403                                                      | auth        |
 * | 404                                                           | not_found   |
 * | 429, 503 (Retry-After honoured)                               | rate        |
 * | 408                                                           | timeout     |
 * | HTML page or a body that is not JSON (any other status)       | protocol    |
 * | 413 (request too large)                                       | protocol    |
 * | 400 whose message says the record cannot be changed/cancelled, on an order/PO upsert or cancel | locked |
 * | any other 4xx on an order/PO upsert or cancel (e.g. 409, 423) | locked      |
 *
 * 'locked' only means "may be locked": the engine reads the status back before calling it a conflict.
 * | 400 (and other 4xx on reads and patches)                      | validation  |
 * | other 5xx                                                     | server      |
 * | no answer in time                                             | timeout     |
 * | refused, reset, DNS, TLS                                      | network     |
 *
 * A failed write is `inDoubt` when it may have been applied: timeouts, connections lost after the
 * request was sent, unreadable answers and 5xx other than 503.
 */
import { RemoteError, type RemoteErrorKind } from '../net/remote-error';

/** What kind of call failed; decides how a 4xx is read and whether a failure leaves a write in doubt. */
export type OngoingCallKind = 'read' | 'upsert' | 'cancel' | 'patch';

export interface OngoingCallContext {
  /** Client method name, e.g. `upsertOrder`. */
  operation: string;
  /** The business record, e.g. `order O-1001` or `article 1234`. */
  subject?: string;
  callKind: OngoingCallKind;
  /**
   * True for upserts and cancels of orders and purchase orders: the calls Ongoing refuses once the
   * warehouse has started working on the record.
   */
  lockable?: boolean;
  /** Removes secrets from any text that ends up in the error message. */
  redact?: (text: string) => string;
}

/**
 * Ongoing's wording when an order or purchase order may no longer be changed. Matched
 * case-insensitively against the `message` of a 4xx answer to an upsert or a cancel.
 */
export const LOCKED_MESSAGE_PATTERNS: readonly RegExp[] = [
  /\bcan ?not be (updated|changed|modified|cancel+ed|deleted)\b/i,
  /\b(cannot|can't|unable to) (update|change|modify|cancel|delete)\b/i,
  /\bnot (allowed|possible|permitted) to (update|change|modify|cancel|delete)\b/i,
  /\b(warehouse|work) (has|have) (already )?started\b/i,
  /\bstarted working\b/i,
  /\balready (been )?(released|allocated|picked|packed|sent|shipped|collected|received)\b/i,
  /\b(is|are) locked\b/i,
];

export function looksLocked(message: string | undefined): boolean {
  if (!message) return false;
  return LOCKED_MESSAGE_PATTERNS.some((re) => re.test(message));
}

const MAX_MESSAGE_LENGTH = 500;

/** Plain, single-line text: HTML tags and `<br/>` removed, whitespace collapsed, length capped. */
export function cleanRemoteText(text: string): string {
  const plain = text
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > MAX_MESSAGE_LENGTH ? `${plain.slice(0, MAX_MESSAGE_LENGTH)}…` : plain;
}

/** Ongoing's free-text message from an answer body, whatever its casing. */
export function extractOngoingMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() ? cleanRemoteText(body) : undefined;
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of ['message', 'Message', 'error', 'Error', 'title']) {
    const value = record[key];
    if (typeof value === 'string' && value.trim()) {
      parts.push(value);
      break;
    }
  }
  for (const key of ['exceptionMessage', 'ExceptionMessage']) {
    const value = record[key];
    if (typeof value === 'string' && value.trim() && !parts.includes(value)) parts.push(value);
  }
  const modelState = record.modelState ?? record.ModelState ?? record.errors;
  if (modelState && typeof modelState === 'object') {
    for (const [field, value] of Object.entries(modelState as Record<string, unknown>)) {
      const texts = Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
      if (texts.length > 0) parts.push(`${field}: ${texts.join('; ')}`);
    }
  }
  return parts.length > 0 ? cleanRemoteText(parts.join(' ')) : undefined;
}

/**
 * Retry-After as milliseconds: delta-seconds (fractions accepted) or an HTTP date.
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined | null, now: number = Date.now()): number | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** True when the text is an HTML page rather than an API answer. */
export function looksLikeHtml(contentType: string | undefined, body: string): boolean {
  if (contentType && /text\/html/i.test(contentType)) return true;
  return /^\s*<(!doctype|html|head|body|\?xml)/i.test(body);
}

export interface OngoingHttpAnswer {
  status: number;
  contentType?: string;
  retryAfter?: string | null;
  /** Raw body text. */
  body: string;
}

function isWrite(ctx: OngoingCallContext): boolean {
  return ctx.callKind !== 'read';
}

function subjectPrefix(ctx: OngoingCallContext): string {
  return ctx.subject ? `${ctx.subject}: ` : '';
}

function finish(
  ctx: OngoingCallContext,
  kind: RemoteErrorKind,
  text: string,
  extra: { status?: number; retryAfterMs?: number; inDoubt?: boolean; remoteText?: string } = {},
): RemoteError {
  const redact = ctx.redact ?? ((s: string) => s);
  return new RemoteError({
    system: 'ongoing',
    kind,
    operation: ctx.operation,
    message: redact(`${subjectPrefix(ctx)}${text}`),
    status: extra.status,
    retryAfterMs: extra.retryAfterMs,
    inDoubt: extra.inDoubt,
    ...(extra.remoteText ? { remoteText: redact(extra.remoteText) } : {}),
  });
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Classify a non-2xx answer. */
export function classifyOngoingAnswer(answer: OngoingHttpAnswer, ctx: OngoingCallContext): RemoteError {
  const { status } = answer;
  const html = looksLikeHtml(answer.contentType, answer.body);
  const parsed = html ? { ok: false as const } : parseJson(answer.body);
  const remoteMessage = parsed.ok ? extractOngoingMessage(parsed.value) : undefined;
  const said = remoteMessage ? `: "${remoteMessage}"` : '';

  if (status === 401 || status === 403) {
    return finish(
      ctx,
      'auth',
      `Ongoing refused the API user (HTTP ${status})${said}. Check the Ongoing user name, password and goods owner id in Settings.`,
      { status, remoteText: remoteMessage },
    );
  }
  if (status === 404) {
    const hint = html
      ? 'Ongoing answered with a web page: check the warehouse name or base URL in Settings.'
      : 'It may have been removed in Ongoing; look it up again by its number.';
    return finish(ctx, 'not_found', `not found in Ongoing (HTTP 404)${said}. ${hint}`, {
      status,
      remoteText: remoteMessage,
    });
  }
  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfter(answer.retryAfter);
    const wait = retryAfterMs !== undefined ? ` Ongoing asks to wait ${Math.ceil(retryAfterMs / 1000)} s.` : '';
    return finish(ctx, 'rate', `Ongoing is busy (HTTP ${status})${said}.${wait}`, {
      status,
      retryAfterMs,
      remoteText: remoteMessage,
    });
  }
  if (status === 408) {
    return finish(ctx, 'timeout', `Ongoing gave up waiting for the request (HTTP 408).`, {
      status,
      inDoubt: isWrite(ctx),
    });
  }
  if (status === 413) {
    return finish(
      ctx,
      'protocol',
      `Ongoing refused the request as too large (HTTP 413)${said}. A proxy or Ongoing limits the size of a request; shorten the record's long texts or ask the warehouse.`,
      { status, remoteText: remoteMessage },
    );
  }
  if (html || !parsed.ok) {
    const what = html ? 'a web page instead of JSON' : 'a body that is not JSON';
    return finish(
      ctx,
      'protocol',
      `Ongoing answered HTTP ${status} with ${what}. A proxy or the Ongoing server may be failing; try again later.`,
      { status, inDoubt: isWrite(ctx) && status >= 500 },
    );
  }
  if (status >= 400 && status < 500) {
    if (ctx.lockable && (status !== 400 || looksLocked(remoteMessage))) {
      // May mean the warehouse has started; the engine confirms it by reading the status back.
      return finish(ctx, 'locked', `Ongoing refused the change (HTTP ${status})${said}.`, {
        status,
        remoteText: remoteMessage,
      });
    }
    return finish(
      ctx,
      'validation',
      `Ongoing rejected the request (HTTP ${status})${said}. Correct the record and send it again.`,
      { status, remoteText: remoteMessage },
    );
  }
  if (status >= 500) {
    return finish(ctx, 'server', `Ongoing failed with HTTP ${status}${said}.`, {
      status,
      inDoubt: isWrite(ctx),
      remoteText: remoteMessage,
    });
  }
  return finish(ctx, 'protocol', `Ongoing answered with unexpected HTTP status ${status}${said}.`, {
    status,
    inDoubt: isWrite(ctx),
    remoteText: remoteMessage,
  });
}

/** A 2xx answer whose body could not be used (HTML, cut-off JSON, missing id). */
export function protocolError(ctx: OngoingCallContext, status: number, what: string): RemoteError {
  return finish(ctx, 'protocol', `Ongoing answered HTTP ${status} but ${what}.`, {
    status,
    inDoubt: isWrite(ctx),
  });
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/** Classify a failure with no HTTP answer (axios error without response, or any thrown error). */
export function classifyOngoingTransportError(
  error: unknown,
  ctx: OngoingCallContext,
  timeoutMs?: number,
): RemoteError {
  const err = error as { code?: string; message?: string; cause?: { code?: string } } | undefined;
  const code = err?.code ?? err?.cause?.code;
  const message = err?.message ?? String(error);
  if ((code && TIMEOUT_CODES.has(code)) || /timeout/i.test(message)) {
    const limit = timeoutMs ? ` within ${timeoutMs} ms` : '';
    return finish(
      ctx,
      'timeout',
      `Ongoing did not answer${limit}.${isWrite(ctx) ? ' The change may or may not have been applied.' : ''}`,
      { inDoubt: isWrite(ctx) },
    );
  }
  if (code && NOT_SENT_CODES.has(code)) {
    return finish(
      ctx,
      'network',
      `could not reach Ongoing (${code}). Check the network connection and the Ongoing base URL.`,
      { inDoubt: false },
    );
  }
  if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)) {
    return finish(ctx, 'network', `the TLS connection to Ongoing failed (${code}). Check the base URL and proxy.`, {
      inDoubt: false,
    });
  }
  const label = code ?? cleanRemoteText(message);
  return finish(
    ctx,
    'network',
    `the connection to Ongoing was lost (${label}).${isWrite(ctx) ? ' The change may or may not have been applied.' : ''}`,
    { inDoubt: isWrite(ctx) },
  );
}

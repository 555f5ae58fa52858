/**
 * The HTTP side of the Ongoing client: Basic auth read for each attempt, JSON bodies with an explicit
 * Content-Length, retries where a repeat is safe (each write attempt takes its own turn in the goods
 * owner's queue, so a wait never holds the queue), paging by id cursor, and every failure turned into
 * a RemoteError (errors.ts). Secrets seen are removed from any text that reaches an error message.
 */
import axios, { type AxiosInstance } from 'axios';
import { isRemoteError, RemoteError } from '../net/remote-error';
import {
  DEFAULT_RETRY_POLICY,
  defaultIsRetryable,
  MAX_RETRY_AFTER_MS,
  type RetryPolicy,
  withRetry,
} from '../net/retry';
import {
  classifyOngoingAnswer,
  classifyOngoingTransportError,
  looksLikeHtml,
  type OngoingCallContext,
  type OngoingCallKind,
  protocolError,
} from './errors';
import {
  buildQuery,
  type CallResult,
  type CallSpec,
  errorKindOf,
  type OngoingCallEvent,
  type OngoingClientOptions,
  type OngoingCredentials,
  type Query,
} from './types';
import { runOngoingWrite } from './write-queue';

export class OngoingTransport {
  private readonly baseUrl: string;
  private readonly goodsOwnerId: number;
  private readonly credentials: () => Promise<OngoingCredentials>;
  private readonly timeoutMs: number;
  private readonly retryPolicy: RetryPolicy;
  private readonly onCall?: (event: OngoingCallEvent) => void;
  private readonly http: AxiosInstance;
  private readonly secrets = new Set<string>();

  constructor(options: OngoingClientOptions) {
    this.baseUrl = options.baseUrl;
    this.goodsOwnerId = options.goodsOwnerId;
    this.credentials = options.credentials;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.onCall = options.onCall;
    this.http = axios.create({
      adapter: 'http',
      timeout: this.timeoutMs,
      maxRedirects: 0,
      responseType: 'text',
      transformRequest: [(data: unknown) => data],
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
    });
  }

  ctx(operation: string, callKind: OngoingCallKind, subject: string, lockable = false): OngoingCallContext {
    return { operation, callKind, subject, lockable, redact: (text) => this.redact(text) };
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) {
      if (secret.length >= 3) out = out.split(secret).join('***');
    }
    return out;
  }

  async readObject<T>(path: string, query: Query | undefined, ctx: OngoingCallContext): Promise<T> {
    const { status, data } = await this.call({ method: 'GET', path, query, ctx, retry: true });
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      throw protocolError(ctx, status, 'did not return an object');
    }
    return data as T;
  }

  async *paged<T>(opts: {
    operation: string;
    subject: string;
    path: string;
    query: Query;
    fromParam: string;
    maxParam: string;
    pageSize: number;
    startFrom?: number;
    idOf: (item: T) => number | null | undefined;
  }): AsyncGenerator<T[], void, void> {
    let from = opts.startFrom;
    for (;;) {
      const ctx = this.ctx(
        opts.operation,
        'read',
        from !== undefined ? `${opts.subject} from id ${from}` : opts.subject,
      );
      const query: Query = { ...opts.query, [opts.fromParam]: from, [opts.maxParam]: opts.pageSize };
      const { status, data } = await this.call({ method: 'GET', path: opts.path, query, ctx, retry: true });
      if (!Array.isArray(data)) throw protocolError(ctx, status, 'did not return a list');
      if (data.length === 0) return;
      let max = Number.NEGATIVE_INFINITY;
      for (const item of data as T[]) {
        const id = opts.idOf(item);
        if (typeof id !== 'number' || !Number.isInteger(id))
          throw protocolError(ctx, status, 'returned a record without its id');
        if (id > max) max = id;
      }
      if (from !== undefined && max < from) {
        throw protocolError(ctx, status, `returned ids below ${opts.fromParam}=${from}, so paging cannot continue`);
      }
      yield data as T[];
      from = max + 1;
    }
  }

  /** A write: each attempt takes its turn in the goods owner's queue; waits between attempts hold no turn. */
  write(spec: CallSpec): Promise<CallResult> {
    return this.call(spec, true);
  }

  /**
   * Safe calls retry every transient failure. The others (cancels) retry only when the request
   * certainly was not applied: Ongoing asked to slow down (429/503) or the connection was never made.
   * A Retry-After is honoured up to MAX_RETRY_AFTER_MS; a longer one is handed to the caller, whose
   * run ends saying how long Ongoing asked to wait.
   */
  call(spec: CallSpec, queued = false): Promise<CallResult> {
    const safe = (error: unknown) =>
      spec.retry
        ? defaultIsRetryable(error)
        : isRemoteError(error) && !error.inDoubt && (error.kind === 'rate' || error.kind === 'network');
    const isRetryable = (error: unknown) =>
      safe(error) && !(isRemoteError(error) && (error.retryAfterMs ?? 0) > MAX_RETRY_AFTER_MS);
    const once = (attempt: number) =>
      queued ? runOngoingWrite(this.goodsOwnerId, () => this.attempt(spec, attempt)) : this.attempt(spec, attempt);
    return withRetry(once, { policy: this.retryPolicy, isRetryable });
  }

  private async attempt(spec: CallSpec, attempt: number): Promise<CallResult> {
    const { ctx } = spec;
    const relative = `${spec.path}${buildQuery(spec.query)}`;
    const started = Date.now();
    let requestBody: string | undefined;
    let replyBody: string | undefined;
    const report = (status: number | undefined, error?: unknown) => {
      try {
        this.onCall?.({
          operation: ctx.operation,
          method: spec.method,
          path: relative,
          attempt,
          status,
          durationMs: Date.now() - started,
          errorKind: errorKindOf(error),
          error,
          requestBody,
          replyBody: replyBody === undefined ? undefined : this.redact(replyBody),
        });
      } catch {
        // A failing listener must not change the outcome of the call.
      }
    };

    let creds: OngoingCredentials;
    try {
      creds = await this.credentials();
    } catch {
      const error = new RemoteError({
        system: 'ongoing',
        kind: 'auth',
        operation: ctx.operation,
        message: `${ctx.subject}: the Ongoing API user and password could not be read. Enter them in Settings.`,
      });
      report(undefined, error);
      throw error;
    }
    if (!creds?.user || !creds.password) {
      const error = new RemoteError({
        system: 'ongoing',
        kind: 'auth',
        operation: ctx.operation,
        message: `${ctx.subject}: no Ongoing API user or password is set. Enter them in Settings.`,
      });
      report(undefined, error);
      throw error;
    }
    const token = Buffer.from(`${creds.user}:${creds.password}`, 'utf8').toString('base64');
    this.secrets.add(creds.password);
    this.secrets.add(token);

    const headers: Record<string, string> = {
      Authorization: `Basic ${token}`,
      Accept: 'application/json',
    };
    let payload: Buffer | undefined;
    if (spec.body !== undefined) {
      requestBody = JSON.stringify(spec.body);
      payload = Buffer.from(requestBody, 'utf8');
      headers['Content-Type'] = 'application/json; charset=utf-8';
      headers['Content-Length'] = String(payload.length);
    } else if (spec.method !== 'GET') {
      payload = Buffer.alloc(0);
      headers['Content-Length'] = '0';
    }

    let response: { status: number; data: unknown; headers: Record<string, unknown> };
    try {
      response = await this.http.request({
        method: spec.method,
        url: new URL(relative, this.baseUrl).toString(),
        headers,
        data: payload,
      });
    } catch (error) {
      const classified = classifyOngoingTransportError(error, ctx, this.timeoutMs);
      report(undefined, classified);
      throw classified;
    }

    const status = response.status;
    const text = typeof response.data === 'string' ? response.data : String(response.data ?? '');
    replyBody = text;
    const contentType =
      typeof response.headers['content-type'] === 'string' ? response.headers['content-type'] : undefined;
    if (status < 200 || status >= 300) {
      const retryAfter = response.headers['retry-after'];
      const error = classifyOngoingAnswer(
        { status, contentType, retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined, body: text },
        ctx,
      );
      report(status, error);
      throw error;
    }
    if (!text.trim()) {
      if (spec.lenientBody) {
        report(status);
        return { status, data: '' };
      }
      const error = protocolError(ctx, status, 'the answer was empty');
      report(status, error);
      throw error;
    }
    if (looksLikeHtml(contentType, text)) {
      const error = protocolError(ctx, status, 'sent a web page instead of JSON');
      report(status, error);
      throw error;
    }
    try {
      const data: unknown = JSON.parse(text);
      report(status);
      return { status, data };
    } catch {
      if (spec.lenientBody && !/^\s*[[{]/.test(text)) {
        report(status);
        return { status, data: text.trim() };
      }
      const error = protocolError(ctx, status, 'the answer was not valid JSON');
      report(status, error);
      throw error;
    }
  }
}

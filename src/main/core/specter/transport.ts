/**
 * The HTTP side of the Specter client: the key per call, Latin-1 forms, GET for reads and POST for
 * writes, retries only where safe, the reply decoded by its bytes and every failure turned into a
 * RemoteError with an honest kind.
 */
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse, isAxiosError } from 'axios';
import { isRemoteError, RemoteError, type RemoteErrorKind } from '../net/remote-error';
import { defaultIsRetryable, withRetry } from '../net/retry';
import { specterKey } from './key';
import { decodeSpecterBytes, encodeLatin1Form, toLatin1 } from './latin1';
import { parseSpecterReply, SpecterParseError, type SpecterReply } from './parse';
import { withEncodingNote } from './records';
import {
  type CallOptions,
  DEFAULT_MAX_RETRY_AFTER_MS,
  DEFAULT_TIMEOUT_MS,
  IN_DOUBT_HINT,
  NOT_SENT_CODES,
  type Params,
  parseRetryAfter,
  type SpecterClientOptions,
  type SpecterReplyBody,
  type SpecterCallInfo,
  type SpecterWarning,
  SYSTEM,
  TIMEOUT_CODES,
} from './types';
import {
  AUTH_ERROR_CODES,
  ERROR_CODE,
  FORM_CONTENT_TYPE,
  PARAM,
  PRIMARY_VALUE,
  SCRIPT,
  type SpecterAction,
  USE_XML,
} from './wire';

export class SpecterTransport {
  private readonly http: AxiosInstance;
  private readonly baseUrl: string;
  private readonly options: SpecterClientOptions;
  private readonly timeoutMs: number;
  /** The HTTP Date of Specter's last reply (null when it sent none), to compare clocks. */
  lastReplyDate: Date | null = null;
  private readonly writeAgents = {
    httpAgent: new http.Agent({ keepAlive: false }),
    httpsAgent: new https.Agent({ keepAlive: false }),
  };

  constructor(options: SpecterClientOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new Error(`The Specter address "${options.baseUrl}" is not a valid URL (e.g. https://api.specter.se).`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`The Specter address must start with https:// or http://, got "${options.baseUrl}".`);
    }
    this.options = options;
    this.baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}/`;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.http = axios.create({
      timeout: this.timeoutMs,
      responseType: 'arraybuffer',
      validateStatus: () => true,
      maxRedirects: 0,
      decompress: true,
      maxContentLength: 64 * 1024 * 1024,
      transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
    });
  }

  records<T>(action: string, reply: SpecterReply, read: (body: SpecterReplyBody) => T[]): T[] {
    if (reply.format !== 'xml') {
      throw this.error(action, 'protocol', 'Specter answered in text where XML was asked for (useXML=2).');
    }
    try {
      return withEncodingNote(reply.encodingNote ?? null, () => read(reply.body));
    } catch (error) {
      if (error instanceof SpecterParseError) throw this.error(action, 'protocol', error.message);
      throw error;
    }
  }

  async call(action: SpecterAction, params: Params, options: CallOptions): Promise<SpecterReply> {
    const policy = { ...this.options.retry };
    if (options.maxAttempts !== undefined) policy.maxAttempts = options.maxAttempts;
    const maxRetryAfter = this.options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
    const isRetryable = (error: unknown): boolean => {
      if (!isRemoteError(error)) return false;
      if (error.retryAfterMs !== undefined && error.retryAfterMs > maxRetryAfter) return false;
      if (!options.write) return defaultIsRetryable(error);
      if (error.inDoubt) return false;
      return error.kind === 'rate' || (error.kind === 'network' && NOT_SENT_CODES.has(String(error.code)));
    };
    const reply = await withRetry(() => this.attempt(action, params, options.write), { policy, isRetryable });
    if (!reply.ok && !(options.allowCodes ?? []).includes(reply.code)) {
      throw this.envelopeError(action, reply);
    }
    return reply;
  }

  private async attempt(action: SpecterAction, params: Params, write: boolean): Promise<SpecterReply> {
    const credentials = await this.options.credentials();
    const values: Params = params.map(([name, value]) => [name, this.clean(action, name, value)]);
    const lookup = (name: string) => values.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
    const primary = PRIMARY_VALUE[action].pick(lookup);
    if (primary === undefined) {
      throw this.error(action, 'validation', `Missing ${PRIMARY_VALUE[action].params.join(' / ')} for the call.`);
    }
    const key = specterKey(credentials.apiUserKey, credentials.integrationKey, credentials.sbmId, primary);
    const head: Params = [
      [PARAM.action, action],
      [PARAM.sbmId, credentials.sbmId],
      [PARAM.apiUserId, credentials.apiUserId],
      [PARAM.useXML, write ? USE_XML.text : USE_XML.xml],
    ];
    const started = Date.now();
    const call: Omit<SpecterCallInfo, 'durationMs' | 'ok'> = write
      ? {
          action,
          method: 'POST',
          url: `${this.baseUrl}${SCRIPT.putInfo}?${encodeLatin1Form(head)}`,
          requestBody: encodeLatin1Form([...values, [PARAM.key, key]]),
        }
      : {
          action,
          method: 'GET',
          url: `${this.baseUrl}${SCRIPT.getInfo}?${encodeLatin1Form([...head, ...values, [PARAM.key, key]])}`,
        };
    let response: AxiosResponse<ArrayBuffer>;
    try {
      response = write
        ? await this.http.post(call.url, call.requestBody, {
            headers: { 'Content-Type': FORM_CONTENT_TYPE, Accept: 'text/plain, text/xml, */*' },
            ...this.writeAgents,
          })
        : await this.http.get(call.url, { headers: { Accept: 'text/xml, text/plain, */*' } });
    } catch (error) {
      const failure = this.transportError(action, write, error);
      this.report(call, started, { ok: false, error: failure });
      throw failure;
    }
    const replyBytes = Buffer.from(response.data ?? []);
    const answered = { status: response.status, replyBody: replyBytes.toString('latin1'), replyBytes };
    try {
      const reply = this.interpret(action, write, response);
      this.report(call, started, {
        ...answered,
        ok: reply.ok,
        error: reply.ok ? undefined : this.envelopeError(action, reply),
      });
      return reply;
    } catch (error) {
      this.report(call, started, { ...answered, ok: false, error });
      throw error;
    }
  }

  private report(
    call: Omit<SpecterCallInfo, 'durationMs' | 'ok'>,
    started: number,
    outcome: Pick<SpecterCallInfo, 'ok' | 'status' | 'replyBody' | 'replyBytes' | 'error'>,
  ): void {
    // The request signature never leaves the transport.
    const hide = (text: string | undefined) =>
      text?.replace(new RegExp(`(^|[?&])${PARAM.key}=[^&]*`, 'gi'), `$1${PARAM.key}=[redacted]`);
    try {
      this.options.onCall?.({
        ...call,
        url: hide(call.url) ?? '',
        requestBody: hide(call.requestBody),
        ...outcome,
        durationMs: Date.now() - started,
      });
    } catch {
      // A failing listener must not change the outcome of the call.
    }
  }

  private clean(action: string, name: string, value: string): string {
    return toLatin1(value, name, ({ replaced }) => {
      this.warn({
        action,
        field: name,
        message: `${name}: ${replaced.length} character(s) (${[...new Set(replaced)].join(' ')}) cannot be sent to Specter (Latin-1) and were replaced by "?".`,
      });
    });
  }

  private warn(warning: SpecterWarning): void {
    try {
      this.options.onWarning?.(warning);
    } catch {
      // Ignore listener failures.
    }
  }

  private interpret(action: string, write: boolean, response: AxiosResponse<ArrayBuffer>): SpecterReply {
    const status = response.status;
    const date = typeof response.headers.date === 'string' ? new Date(response.headers.date) : null;
    this.lastReplyDate = date && !Number.isNaN(date.getTime()) ? date : null;
    const inDoubt = write;
    if (status === 429 || status === 503) {
      const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
      const wait = retryAfterMs !== undefined ? ` (retry after ${Math.ceil(retryAfterMs / 1000)} s)` : '';
      return this.fail(action, 'rate', `Specter is busy (HTTP ${status})${wait}.`, { status, retryAfterMs });
    }
    if (status >= 500) {
      return this.fail(action, 'server', `Specter failed with HTTP ${status}.${inDoubt ? IN_DOUBT_HINT : ''}`, {
        status,
        inDoubt,
      });
    }
    if (status === 401 || status === 403) {
      return this.fail(action, 'auth', `Specter refused access (HTTP ${status}). Check the Specter credentials.`, {
        status,
      });
    }
    if (status === 404) {
      return this.fail(
        action,
        'not_found',
        `No Specter API at the configured address (HTTP 404 for ${write ? SCRIPT.putInfo : SCRIPT.getInfo}). Check the Specter address.`,
        { status },
      );
    }
    if (status >= 300 && status < 400) {
      const location = String(response.headers.location ?? '');
      let target = '';
      try {
        target = location ? ` to ${new URL(location, this.baseUrl).origin}` : '';
      } catch {
        target = '';
      }
      return this.fail(
        action,
        'protocol',
        `Specter redirected the call${target} (HTTP ${status}). Check the Specter address.`,
        { status },
      );
    }
    if (status < 200 || status >= 300) {
      return this.fail(action, 'protocol', `Specter answered HTTP ${status}.`, { status });
    }
    const bytes = Buffer.from(response.data ?? new ArrayBuffer(0));
    try {
      const decoded = decodeSpecterBytes(bytes);
      const reply = parseSpecterReply(decoded.text);
      return decoded.note && reply.format === 'xml' ? { ...reply, encodingNote: decoded.note } : reply;
    } catch (error) {
      const detail = error instanceof SpecterParseError ? error.message : 'The reply could not be read.';
      return this.fail(action, 'protocol', `${detail}${inDoubt ? IN_DOUBT_HINT : ''}`, { status, inDoubt });
    }
  }

  private fail(
    action: string,
    kind: RemoteErrorKind,
    message: string,
    extra: {
      status?: number;
      retryAfterMs?: number;
      inDoubt?: boolean;
      code?: string | number;
      remoteText?: string;
    } = {},
  ): never {
    throw this.error(action, kind, message, extra);
  }

  private transportError(action: string, write: boolean, error: unknown): RemoteError {
    if (isRemoteError(error)) return error;
    const code = isAxiosError(error) ? String(error.code ?? '') : '';
    const cause = (error as { cause?: { code?: string } } | null)?.cause?.code ?? '';
    const errno = NOT_SENT_CODES.has(cause) ? cause : code;
    if (NOT_SENT_CODES.has(errno)) {
      const what =
        errno === 'ECONNREFUSED'
          ? 'Specter refused the connection (nothing answers at the configured address).'
          : 'Specter could not be reached (host name or network unavailable).';
      return this.error(action, 'network', `${what} Check the Specter address and the network.`, { code: errno });
    }
    if (TIMEOUT_CODES.has(code)) {
      return this.error(
        action,
        'timeout',
        `No reply from Specter within ${this.timeoutMs} ms.${write ? IN_DOUBT_HINT : ''}`,
        { code, inDoubt: write },
      );
    }
    const reset = code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_BAD_RESPONSE';
    const message = reset
      ? 'The connection to Specter was closed before a reply arrived.'
      : `The call to Specter failed (${code || 'network error'}).`;
    return this.error(action, 'network', `${message}${write ? IN_DOUBT_HINT : ''}`, {
      code: code || 'NETWORK',
      inDoubt: write,
    });
  }

  private envelopeError(action: string, reply: SpecterReply): RemoteError {
    const text = reply.message || '(no message)';
    if (reply.code === ERROR_CODE.batchOpen) {
      return this.error(action, 'batch_open', text, { code: reply.code, remoteText: reply.message || undefined });
    }
    if (AUTH_ERROR_CODES.includes(reply.code)) {
      return this.error(action, 'auth', `Specter refused the credentials: ${text}. Check SBM id, API user and keys.`, {
        code: reply.code,
        remoteText: reply.message || undefined,
      });
    }
    return this.error(action, 'validation', text, { code: reply.code, remoteText: reply.message || undefined });
  }

  error(
    operation: string,
    kind: RemoteErrorKind,
    message: string,
    extra: {
      status?: number;
      retryAfterMs?: number;
      inDoubt?: boolean;
      code?: string | number;
      remoteText?: string;
    } = {},
  ): RemoteError {
    return new RemoteError({ system: SYSTEM, kind, operation, message, ...extra });
  }
}

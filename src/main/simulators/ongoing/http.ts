/** HTTP plumbing of the Ongoing simulator: answers, the record of a call with secrets redacted, ids in paths. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OngoingSimError } from './state';

export interface OngoingSimulatorUser {
  user: string;
  password: string;
  goodsOwnerId: number;
}

/** One API request as the simulator saw it. Authorization and secret-looking fields are redacted. */
export interface RecordedOngoingCall {
  seq: number;
  at: string;
  method: string;
  /** Path below the warehouse, e.g. `/api/v1/orders/12`. */
  path: string;
  /** Raw query string without `?`. */
  query: string;
  headers: Record<string, string>;
  user?: string;
  goodsOwnerId?: number;
  /** Parsed JSON body (or the raw text when it is not JSON). */
  body?: unknown;
  bodyBytes: number;
  /** The Content-Length header, when sent. */
  contentLength?: number;
  /** True when the body came with Transfer-Encoding: chunked. */
  chunked: boolean;
  operationId?: string;
  bodySchema?: string;
  status?: number;
  fault?: string;
  faultPhase?: string;
  durationMs?: number;
}

export interface Answer {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export const MAX_BODY_BYTES = 10 * 1024 * 1024;
const SECRET_KEY_RE = /pass(word)?|secret|token|authorization|^key$|apikey|api_key/i;

export function redactDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactDeep);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY_RE.test(k) ? '***' : redactDeep(v);
  return out;
}

export function redactHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (name === 'authorization') out[name] = text.replace(/^(\w+)\s.*$/, '$1 ***');
    else if (name === 'cookie' || SECRET_KEY_RE.test(name)) out[name] = '***';
    else out[name] = text;
  }
  return out;
}

export function sendJson(res: ServerResponse, answer: Answer): void {
  if (res.headersSent || res.destroyed) return;
  const text = answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
  const payload = Buffer.from(text, 'utf8');
  res.writeHead(answer.status, {
    'Content-Type': answer.text !== undefined ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
    'Content-Length': String(payload.length),
    ...answer.headers,
  });
  res.end(payload);
}

/** A numeric id from a path segment; anything else is a 400 naming the parameter. */
export function idParam(value: string | undefined, name: string): number {
  if (!value || !/^\d+$/.test(value)) throw new OngoingSimError(400, `The value '${value}' is not valid for ${name}.`);
  return Number(value);
}

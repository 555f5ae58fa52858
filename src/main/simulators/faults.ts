import type { ServerResponse } from 'node:http';

/**
 * Fault injection shared by both simulators. A fault is decided per request, either from
 * rates (a random share of requests) or from a queue of one-shot faults set by a test or
 * the control API ("the next 2 requests to putInfo.asp time out after being applied").
 */

export type FaultKind =
  /** Answer 500 with the simulator's normal error body. */
  | 'error'
  /** Never answer (the client's timeout fires). */
  | 'timeout'
  /** Destroy the socket without an answer. */
  | 'reset'
  /** 429 with Retry-After. */
  | 'rate429'
  /** 503 with Retry-After. */
  | 'unavailable503'
  /** 502 with an HTML error page (as a proxy in front of the real service would send). */
  | 'html'
  /** 200 with a body cut in half. */
  | 'malformed';

/** `before`: the request is not applied. `after`: the request is applied, then the reply is lost. */
export type FaultPhase = 'before' | 'after';

export interface Fault {
  kind: FaultKind;
  phase: FaultPhase;
  retryAfterSeconds?: number;
}

export interface QueuedFault extends Fault {
  /** Only requests whose path (and query) contains this text match; all requests when absent. */
  match?: string;
  /** How many matching requests get this fault. Default 1. */
  count?: number;
}

export interface FaultRates {
  error?: number;
  timeout?: number;
  reset?: number;
  rate429?: number;
  unavailable503?: number;
  html?: number;
  malformed?: number;
  retryAfterSeconds?: number;
}

const RATE_KEYS: Record<string, keyof FaultRates> = {
  error: 'error',
  '500': 'error',
  timeout: 'timeout',
  reset: 'reset',
  '429': 'rate429',
  rate429: 'rate429',
  '503': 'unavailable503',
  unavailable503: 'unavailable503',
  html: 'html',
  malformed: 'malformed',
  retryafter: 'retryAfterSeconds',
};

/**
 * Parse a fault spec such as `error=0.05,timeout=0.01,429=0.1,retryAfter=2`.
 * Throws with a message naming the bad part, so a CLI user sees what to fix.
 */
export function parseFaultSpec(spec: string | undefined): FaultRates {
  const rates: FaultRates = {};
  if (!spec) return rates;
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [rawKey, rawValue] = part.split('=');
    const key = RATE_KEYS[(rawKey ?? '').trim().toLowerCase()];
    const value = Number(rawValue);
    if (!key) {
      throw new Error(
        `Unknown fault "${rawKey}" in "${spec}". Use error, timeout, reset, 429, 503, html, malformed, retryAfter.`,
      );
    }
    if (!Number.isFinite(value) || value < 0 || (key !== 'retryAfterSeconds' && value > 1)) {
      throw new Error(`Fault "${rawKey}" needs a rate between 0 and 1 (retryAfter: seconds), got "${rawValue}".`);
    }
    rates[key] = value;
  }
  return rates;
}

export class FaultInjector {
  private rates: FaultRates;
  private queue: QueuedFault[] = [];
  private readonly random: () => number;

  constructor(rates: FaultRates = {}, random: () => number = Math.random) {
    this.rates = rates;
    this.random = random;
  }

  setRates(rates: FaultRates): void {
    this.rates = rates;
  }

  /** Queue one-shot faults; they are used before any rate-based fault. */
  enqueue(fault: QueuedFault): void {
    this.queue.push({ ...fault, count: fault.count ?? 1 });
  }

  clear(): void {
    this.queue = [];
    this.rates = {};
  }

  /** Decide the fault for one request, or null for a normal answer. */
  next(pathAndQuery: string): Fault | null {
    const index = this.queue.findIndex((f) => !f.match || pathAndQuery.includes(f.match));
    if (index >= 0) {
      const queued = this.queue[index] as QueuedFault;
      queued.count = (queued.count ?? 1) - 1;
      if (queued.count <= 0) this.queue.splice(index, 1);
      return { kind: queued.kind, phase: queued.phase, retryAfterSeconds: queued.retryAfterSeconds };
    }
    const order: [keyof FaultRates, FaultKind][] = [
      ['error', 'error'],
      ['timeout', 'timeout'],
      ['reset', 'reset'],
      ['rate429', 'rate429'],
      ['unavailable503', 'unavailable503'],
      ['html', 'html'],
      ['malformed', 'malformed'],
    ];
    for (const [key, kind] of order) {
      const rate = this.rates[key] ?? 0;
      if (rate > 0 && this.random() < rate) {
        return { kind, phase: 'before', retryAfterSeconds: this.rates.retryAfterSeconds ?? 1 };
      }
    }
    return null;
  }
}

/**
 * Send the fault's answer instead of the normal one. For `timeout` the response is held open
 * until the client gives up (the socket closes); nothing is written.
 */
export function sendFaultResponse(fault: Fault, res: ServerResponse, normalErrorBody: string): void {
  const retryAfter = String(fault.retryAfterSeconds ?? 1);
  switch (fault.kind) {
    case 'timeout':
      res.socket?.setTimeout(0);
      return;
    case 'reset':
      res.socket?.destroy();
      return;
    case 'rate429':
      res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': retryAfter });
      res.end(JSON.stringify({ message: 'Too many requests. Try again later.' }));
      return;
    case 'unavailable503':
      res.writeHead(503, { 'Content-Type': 'text/html', 'Retry-After': retryAfter });
      res.end('<html><body><h1>503 Service Unavailable</h1></body></html>');
      return;
    case 'html':
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>');
      return;
    case 'malformed':
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.end(normalErrorBody.slice(0, Math.max(1, Math.floor(normalErrorBody.length / 2))));
      return;
    case 'error':
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(normalErrorBody);
      return;
  }
}

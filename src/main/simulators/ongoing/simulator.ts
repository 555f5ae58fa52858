/**
 * Ongoing WMS simulator: a real node:http server speaking the Goods Owner REST API under
 * `/{warehouse}/api/v1/`, with HTTP Basic, goods-owner checks, request validation against the
 * OpenAPI schemas, the "no update after the warehouse started" rule, fault injection, latency, a
 * record of every call, and a JSON control API under `/_control/` (no auth) to act as the warehouse.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BodyTooLargeError, readRequestBody } from '../../core/net/read-body';
import { type Fault, FaultInjector, type FaultRates, sendFaultResponse } from '../faults';
import {
  type ControlRuntime,
  createWarehouseControl,
  handleControl,
  type OngoingSimulatorStats,
  type OngoingWarehouseControl,
} from './control';
import { ONGOING_DEMO_GOODS_OWNER_NAME, ONGOING_DEMO_USER, loadOngoingFixture, type OngoingFixture } from './fixture';
import {
  type Answer,
  MAX_BODY_BYTES,
  type OngoingSimulatorUser,
  type RecordedOngoingCall,
  redactDeep,
  redactHeaders,
  sendJson,
} from './http';
import { handleApi } from './routes';
import { findOngoingOperation } from './schema';
import { OngoingSimError, OngoingState } from './state';

export type { ControlRuntime, OngoingSimulatorStats, OngoingWarehouseControl } from './control';
export type { OngoingSimulatorUser, RecordedOngoingCall } from './http';

export interface OngoingSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  warehouse?: string;
  users: OngoingSimulatorUser[];
  fixture?: OngoingFixture;
  latencyMs?: number;
  faults?: FaultRates;
  /** Orders at or above this status refuse PUT and DELETE. Default 300 (Released). */
  lockFromStatus?: number;
  /** Purchase orders at or above this status refuse PUT and DELETE. Default 300 (Inbound). */
  purchaseOrderLockFromStatus?: number;
  /** HTTP status of that refusal. Default 400, with Ongoing-style message text. */
  lockedHttpStatus?: number;
  /** Physical stock a new article gets when it is first created by PUT (a number or per article). Default 0. */
  newArticleStock?: number | ((articleNumber: string) => number);
  /** Random source for rate-based faults. */
  random?: () => number;
  now?: () => Date;
}

export interface OngoingSimulator {
  /** Base URL of the API, ending in `/{warehouse}/api/v1/`. */
  url: string;
  /** `http://host:port` */
  origin: string;
  /** `http://host:port/_control/` */
  controlUrl: string;
  warehouseName: string;
  readonly state: OngoingState;
  calls: RecordedOngoingCall[];
  faults: FaultInjector;
  warehouse: OngoingWarehouseControl;
  stats: OngoingSimulatorStats;
  /** Highest number of writes in flight at once for a goods owner (all goods owners when absent). */
  maxConcurrentWrites(goodsOwnerId?: number): number;
  clearCalls(): void;
  close(): Promise<void>;
}

const WRITE_METHODS = new Set(['PUT', 'PATCH', 'DELETE', 'POST']);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startOngoingSimulator(options: OngoingSimulatorOptions): Promise<OngoingSimulator> {
  if (!options.users || options.users.length === 0) {
    throw new Error('The Ongoing simulator needs at least one user ({ user, password, goodsOwnerId }).');
  }
  const warehouseName = options.warehouse ?? 'demo';
  if (!/^[A-Za-z0-9_.-]+$/.test(warehouseName)) {
    throw new Error(`Warehouse name "${warehouseName}" may only contain letters, digits, '.', '_' and '-'.`);
  }
  const host = options.host ?? '127.0.0.1';
  const initialLatency = options.latencyMs ?? 0;
  let latencyMs = initialLatency;
  const faults = new FaultInjector(options.faults ?? {}, options.random);
  const calls: RecordedOngoingCall[] = [];
  const stats: OngoingSimulatorStats = { requests: 0, maxConcurrentWrites: {} };
  const inFlightWrites = new Map<number, number>();
  let seq = 0;

  const freshState = (): OngoingState => {
    const owners = new Map<number, string>();
    for (const u of options.users) {
      owners.set(
        u.goodsOwnerId,
        u.goodsOwnerId === ONGOING_DEMO_USER.goodsOwnerId
          ? ONGOING_DEMO_GOODS_OWNER_NAME
          : `Goods owner ${u.goodsOwnerId}`,
      );
    }
    const state = new OngoingState({
      goodsOwners: [...owners].map(([id, name]) => ({ id, name })),
      lockFromStatus: options.lockFromStatus,
      purchaseOrderLockFromStatus: options.purchaseOrderLockFromStatus,
      lockedHttpStatus: options.lockedHttpStatus,
      newArticleStock: options.newArticleStock,
      now: options.now,
    });
    if (options.fixture) loadOngoingFixture(state, options.fixture);
    return state;
  };
  let state = freshState();

  const authenticate = (req: IncomingMessage): OngoingSimulatorUser | undefined => {
    const header = req.headers.authorization;
    if (!header || !/^Basic\s+/i.test(header)) return undefined;
    const decoded = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    return options.users.find((u) => u.user === user && u.password === password);
  };

  const runtime: ControlRuntime = {
    state: () => state,
    faults,
    calls,
    stats,
    latencyMs: () => latencyMs,
    setLatencyMs(ms) {
      latencyMs = ms;
    },
    restart() {
      state = freshState();
      faults.clear();
      faults.setRates(options.faults ?? {});
      latencyMs = initialLatency;
    },
  };
  const warehouse = createWarehouseControl(runtime);

  const apiPrefix = `/${warehouseName}/api/v1`;

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://simulator.local');
    const pathname = url.pathname;

    if (pathname === '/_control' || pathname.startsWith('/_control/')) {
      try {
        const raw = await readRequestBody(req, MAX_BODY_BYTES).catch((e: unknown) => {
          throw e instanceof BodyTooLargeError ? new OngoingSimError(413, 'The request body is too large.') : e;
        });
        const segments = pathname.split('/').filter(Boolean).slice(1);
        sendJson(res, handleControl(runtime, warehouse, method, segments, url.searchParams, raw));
      } catch (error) {
        const status = error instanceof OngoingSimError ? error.status : 500;
        sendJson(res, { status, body: { message: error instanceof Error ? error.message : String(error) } });
      }
      return;
    }

    const started = Date.now();
    const arrivedAt = performance.now();
    stats.requests += 1;
    const relativePath = pathname.startsWith(`/${warehouseName}/`)
      ? pathname.slice(warehouseName.length + 1)
      : pathname;
    const operation = pathname.startsWith(`${apiPrefix}/`) ? findOngoingOperation(method, relativePath) : undefined;
    const call: RecordedOngoingCall = {
      seq: ++seq,
      at: new Date(started).toISOString(),
      method,
      path: relativePath,
      query: url.search.replace(/^\?/, ''),
      headers: redactHeaders(req.headers),
      bodyBytes: 0,
      contentLength: req.headers['content-length'] !== undefined ? Number(req.headers['content-length']) : undefined,
      chunked: /chunked/i.test(String(req.headers['transfer-encoding'] ?? '')),
      operationId: operation?.operationId,
      bodySchema: operation?.bodySchema,
    };
    calls.push(call);

    const user = authenticate(req);
    if (user) {
      call.user = user.user;
      call.goodsOwnerId = user.goodsOwnerId;
    }
    const isWrite = WRITE_METHODS.has(method) && user !== undefined;
    if (isWrite && user) {
      const now = (inFlightWrites.get(user.goodsOwnerId) ?? 0) + 1;
      inFlightWrites.set(user.goodsOwnerId, now);
      stats.maxConcurrentWrites[user.goodsOwnerId] = Math.max(stats.maxConcurrentWrites[user.goodsOwnerId] ?? 0, now);
      let done = false;
      const release = () => {
        if (done) return;
        done = true;
        inFlightWrites.set(user.goodsOwnerId, (inFlightWrites.get(user.goodsOwnerId) ?? 1) - 1);
      };
      res.once('finish', release);
      res.once('close', release);
    }
    res.once('finish', () => {
      call.status = res.statusCode;
      call.durationMs = Date.now() - started;
    });

    let raw: Buffer;
    try {
      raw = await readRequestBody(req, MAX_BODY_BYTES).catch((e: unknown) => {
        throw e instanceof BodyTooLargeError ? new OngoingSimError(413, 'The request body is too large.') : e;
      });
    } catch (error) {
      const status = error instanceof OngoingSimError ? error.status : 400;
      sendJson(res, {
        status,
        body: { message: error instanceof Error ? error.message : 'Could not read the request.' },
      });
      return;
    }
    call.bodyBytes = raw.length;
    if (raw.length > 0) {
      const text = raw.toString('utf8');
      try {
        call.body = redactDeep(JSON.parse(text));
      } catch {
        call.body = text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
      }
    }

    const fault: Fault | null = faults.next(`${method} ${pathname}${url.search}`);
    if (fault) {
      call.fault = fault.kind;
      call.faultPhase = fault.phase;
    }
    const errorBody = JSON.stringify({ Message: 'An error has occurred.' });
    const untilAnswer = async () => {
      const wait = latencyMs - (performance.now() - arrivedAt);
      if (wait > 0) await sleep(wait);
    };
    if (fault && fault.phase === 'before') {
      await untilAnswer();
      sendFaultResponse(fault, res, errorBody);
      return;
    }

    let answer: Answer;
    if (!pathname.startsWith(`${apiPrefix}/`)) {
      answer = {
        status: 404,
        text: `<!DOCTYPE html><html><head><title>404 - File or directory not found.</title></head><body><h2>404 - File or directory not found.</h2><p>There is no warehouse at ${pathname.split('/')[1] ?? ''}. This simulator serves /${warehouseName}/api/v1/.</p></body></html>`,
      };
    } else if (!user) {
      answer = {
        status: 401,
        body: { Message: 'Authorization has been denied for this request.' },
        headers: { 'WWW-Authenticate': 'Basic realm="Ongoing WMS"' },
      };
    } else {
      const segments = pathname.slice(apiPrefix.length).split('/').filter(Boolean);
      try {
        if (!operation) {
          throw new OngoingSimError(
            404,
            `No HTTP resource was found that matches the request URI '${method} ${relativePath}'.`,
          );
        }
        answer = handleApi(state, method, segments, url.searchParams, user, operation.bodySchema, raw);
      } catch (error) {
        if (error instanceof OngoingSimError) {
          answer =
            error.status === 501
              ? {
                  status: 501,
                  body: { message: `The Ongoing simulator does not implement ${method} ${operation?.pathTemplate}.` },
                }
              : { status: error.status, body: { message: error.message } };
        } else {
          answer = { status: 500, body: { Message: 'An error has occurred.' } };
          console.error('Ongoing simulator error:', error);
        }
      }
    }

    // The answer leaves `latencyMs` after the request arrived: network time both ways and the server's
    // own work together, as a client sees it.
    await untilAnswer();
    if (fault && fault.phase === 'after') {
      sendFaultResponse(fault, res, errorBody);
      return;
    }
    sendJson(res, answer);
  };

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      console.error('Ongoing simulator error:', error);
      sendJson(res, { status: 500, body: { Message: 'An error has occurred.' } });
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${hostForUrl}:${address.port}`;

  return {
    url: `${origin}/${warehouseName}/api/v1/`,
    origin,
    controlUrl: `${origin}/_control/`,
    warehouseName,
    get state() {
      return state;
    },
    calls,
    faults,
    warehouse,
    stats,
    maxConcurrentWrites(goodsOwnerId) {
      if (goodsOwnerId !== undefined) return stats.maxConcurrentWrites[goodsOwnerId] ?? 0;
      return Math.max(0, ...Object.values(stats.maxConcurrentWrites));
    },
    clearCalls() {
      calls.length = 0;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

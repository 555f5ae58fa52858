import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ApiEnvelope, ApiMethods } from '../../shared/api';
import { dispatchApiCall } from '../core/api-dispatch';
import { readRequestBody } from '../core/net/read-body';
import type { EventBus } from '../core/event-bus';
import type { Logger } from '../core/logging/logger';

/** The bridge listens on the IPv4 loopback address only; there is deliberately no option to change it. */
export const BRIDGE_HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpBridgeOptions {
  service: ApiMethods;
  events: EventBus;
  logger?: Logger;
  /** 0 picks a free port. */
  port?: number;
  /** Folder with the built renderer (index.html + assets). */
  staticDir?: string;
  /** Fixed token for tests; a random one per start otherwise. */
  token?: string;
}

export interface HttpBridge {
  url: string;
  /** The URL to open in a browser: carries the token in the fragment, which browsers never send to servers. */
  openUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

const STATUS_FOR: Record<string, number> = {
  invalid_input: 400,
  unauthorized: 401,
  unknown_method: 404,
  unavailable: 503,
  failed: 500,
};

function sameToken(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: http.ServerResponse, status: number, body: ApiEnvelope<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...SECURITY_HEADERS,
  });
  res.end(text);
}

/** `application/json`, optionally with parameters such as `; charset=utf-8`. */
function isJsonContentType(header: string | undefined): boolean {
  return header?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

const fail = (res: http.ServerResponse, status: number, code: string, message: string) =>
  sendJson(res, status, { ok: false, error: { code: code as never, message } });

/**
 * The headless transport of the API contract: `POST /api/<method>` with a JSON body, `GET /api/events`
 * as server-sent events, and the built renderer as static files.
 *
 * Every API request, the event stream included, carries the per-start token in the
 * `Authorization: Bearer` header and nowhere else: a token in a URL ends up in browser history,
 * proxy and server logs. The renderer reads the event stream with `fetch` (which can send the header)
 * instead of `EventSource` (which cannot), so no query-string token or ticket is needed.
 *
 * Also refused: a Host other than this loopback address (DNS rebinding), an `Origin` other than this
 * bridge's own (another site's page in the same browser), and a POST whose body is not declared
 * `application/json` (which a cross-site form cannot send without a CORS preflight).
 */
export async function startHttpBridge(options: HttpBridgeOptions): Promise<HttpBridge> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const sseClients = new Set<http.ServerResponse>();
  let port = 0;

  const server = http.createServer(async (req, res) => {
    try {
      const host = req.headers.host ?? '';
      if (host !== `${BRIDGE_HOST}:${port}` && host !== `localhost:${port}`) {
        fail(res, 421, 'unauthorized', 'Requests must address 127.0.0.1 or localhost.');
        return;
      }
      const url = new URL(req.url ?? '/', `http://${host}`);
      if (url.pathname.startsWith('/api/')) {
        const origin = req.headers.origin;
        if (
          origin !== undefined &&
          origin !== `http://${BRIDGE_HOST}:${port}` &&
          origin !== `http://localhost:${port}`
        ) {
          fail(res, 403, 'unauthorized', 'Requests from another site are refused.');
          return;
        }
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        if (!sameToken(bearer, token)) {
          fail(res, 401, 'unauthorized', 'Missing or wrong access token. Open the URL printed by the app at start.');
          return;
        }
        if (url.pathname === '/api/events' && req.method === 'GET') {
          res.writeHead(200, {
            'Content-Type': 'text/event-stream; charset=utf-8',
            'Cache-Control': 'no-store',
            Connection: 'keep-alive',
          });
          res.write(': connected\n\n');
          sseClients.add(res);
          req.on('close', () => sseClients.delete(res));
          return;
        }
        if (req.method !== 'POST') {
          fail(res, 405, 'invalid_input', 'API methods are called with POST and a JSON body.');
          return;
        }
        if (!isJsonContentType(req.headers['content-type'])) {
          fail(res, 415, 'invalid_input', 'API calls need the header Content-Type: application/json.');
          return;
        }
        const method = decodeURIComponent(url.pathname.slice('/api/'.length));
        let input: unknown = {};
        const raw = (await readRequestBody(req, MAX_BODY_BYTES)).toString('utf8');
        if (raw.trim()) {
          try {
            input = JSON.parse(raw);
          } catch {
            fail(res, 400, 'invalid_input', `Invalid input for ${method}: the body is not valid JSON.`);
            return;
          }
        }
        const envelope = await dispatchApiCall(options.service, method, input, options.logger);
        sendJson(res, envelope.ok ? 200 : (STATUS_FOR[envelope.error.code] ?? 500), envelope);
        return;
      }
      serveStatic(options.staticDir, url.pathname, res);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) fail(res, 400, 'invalid_input', message);
      else res.end();
    }
  });

  const unsubscribe = options.events.subscribe((event) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const client of sseClients) client.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, BRIDGE_HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${BRIDGE_HOST}:${port}/`;
  return {
    url,
    openUrl: `${url}#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        clearInterval(heartbeat);
        for (const client of sseClients) client.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function serveStatic(staticDir: string | undefined, pathname: string, res: http.ServerResponse): void {
  if (!staticDir || !fs.existsSync(path.join(staticDir, 'index.html'))) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
    res.end('The user interface is not built. Run "npm run build:renderer" and start again.');
    return;
  }
  const root = path.resolve(staticDir);
  const requested = path.resolve(root, `.${decodeURIComponent(pathname)}`);
  const inside = requested.startsWith(root + path.sep) || requested === root;
  const file =
    inside && fs.existsSync(requested) && fs.statSync(requested).isFile() ? requested : path.join(root, 'index.html');
  const body = fs.readFileSync(file);
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': body.length,
    'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
    ...SECURITY_HEADERS,
  });
  res.end(body);
}

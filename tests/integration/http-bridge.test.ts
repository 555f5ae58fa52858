import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppContext, createAppContext } from '../../src/main/core/app-context';
import { MemorySecretStore } from '../../src/main/core/secrets/memory-secret-store';
import { BRIDGE_HOST, type HttpBridge, startHttpBridge } from '../../src/main/headless/http-bridge';
import { createHttpApi } from '../../src/renderer/http-api';
import type { AppEvent } from '../../src/shared/api';
import { tempDir } from '../helpers/temp-dir';

let context: AppContext;
let bridge: HttpBridge;
let cleanup: () => void;

beforeAll(async () => {
  const t = tempDir('oss-bridge-');
  cleanup = t.cleanup;
  context = createAppContext({ dataDir: t.dir, secrets: new MemorySecretStore(), mode: 'headless' });
  bridge = await startHttpBridge({ service: context.service, events: context.events });
});

afterAll(async () => {
  await bridge.close();
  context.close();
  cleanup();
});

const post = (method: string, body: unknown, token: string | null = bridge.token) =>
  fetch(`${bridge.url}api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('HTTP bridge', () => {
  it('listens on 127.0.0.1 only, with a fresh random token per start', async () => {
    expect(bridge.url.startsWith(`http://${BRIDGE_HOST}:`)).toBe(true);
    expect(bridge.token).toMatch(/^[0-9a-f]{48}$/);
    expect(bridge.openUrl).toBe(`${bridge.url}#token=${bridge.token}`);
    const other = await startHttpBridge({ service: context.service, events: context.events });
    expect(other.token).not.toBe(bridge.token);
    await other.close();
  });

  it('is not reachable on any non-loopback address of this machine', async () => {
    const addresses = Object.values(os.networkInterfaces())
      .flat()
      .filter((a): a is os.NetworkInterfaceInfo => Boolean(a && !a.internal));
    for (const a of addresses) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = net.connect({ host: a.address, port: bridge.port, family: a.family === 'IPv6' ? 6 : 4 });
        socket.setTimeout(1000, () => {
          socket.destroy();
          resolve('timeout');
        });
        socket.on('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
      expect(outcome, `connecting via ${a.address}`).not.toBe('connected');
    }
    const connected = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port: bridge.port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    expect(connected).toBe(true);
  });

  it('refuses a request without the token, or with a wrong one, with 401', async () => {
    const missing = await post('getSettings', {}, null);
    expect(missing.status).toBe(401);
    expect((await missing.json()).error.code).toBe('unauthorized');
    const wrong = await post('getSettings', {}, 'f'.repeat(48));
    expect(wrong.status).toBe(401);
    const events = await fetch(`${bridge.url}api/events`);
    expect(events.status).toBe(401);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: bridge.port,
          path: '/api/getSettings',
          method: 'POST',
          headers: { Host: `evil.example:${bridge.port}`, Authorization: `Bearer ${bridge.token}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(421);
  });

  it('answers a valid call', async () => {
    const res = await post('getSettings', {});
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.ok).toBe(true);
    expect(body.value.specter.baseUrl).toBe('https://api.specter.se/');
  });

  it('rejects schema-invalid input with 400 and a message naming the field', async () => {
    const res = await post('updateSettings', { patch: { ongoing: { goodsOwnerId: 'twelve' } } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toMatch(/^Invalid input for updateSettings: patch\.ongoing\.goodsOwnerId:/);
  });

  it('rejects unknown fields, bad JSON and unknown methods clearly', async () => {
    const extra = await post('getStatus', { admin: true });
    expect(extra.status).toBe(400);
    expect((await extra.json()).error.message).toMatch(/admin/);
    const bad = await post('getStatus', '{not json');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/not valid JSON/);
    const unknown = await post('dropTables', {});
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toBe('Unknown API method "dropTables".');
  });

  it('the renderer HTTP client round-trips and surfaces errors with their code', async () => {
    const api = createHttpApi(bridge.token, bridge.url.replace(/\/$/, ''));
    const settings = await api.updateSettings({ patch: { ongoing: { warehouse: 'lagret' } } });
    expect(settings.ongoing.warehouse).toBe('lagret');
    await expect(api.updateSettings({ patch: { specter: { sbmId: 'x1' } } } as never)).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('streams events as server-sent events to a client with the token in the Authorization header', async () => {
    const controller = new AbortController();
    const res = await fetch(`${bridge.url}api/events`, {
      headers: { Authorization: `Bearer ${bridge.token}` },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    await reader.read();
    await post('updateSettings', { patch: { language: 'en' } });
    let text = '';
    while (!text.includes('"type":"settings"')) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain('"language":"en"');
    controller.abort();
  });

  it("delivers events to the renderer client's onEvent, which sends no token in the URL", async () => {
    const api = createHttpApi(bridge.token, bridge.url.replace(/\/$/, ''));
    const seen: AppEvent[] = [];
    const stop = api.onEvent((event) => seen.push(event));
    // Settings changes are broadcast to open streams: change one until the client has received one.
    let language: 'sv' | 'en' = 'sv';
    while (!seen.some((e) => e.type === 'settings')) {
      language = language === 'sv' ? 'en' : 'sv';
      await post('updateSettings', { patch: { language } });
      await new Promise((resolve) => setImmediate(resolve));
    }
    stop();
    expect(seen.find((e) => e.type === 'settings')).toMatchObject({ type: 'settings' });
  });

  it('takes the token only from the Authorization header, never from ?token=', async () => {
    const query = await fetch(`${bridge.url}api/getSettings?token=${bridge.token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(query.status).toBe(401);
    const events = await fetch(`${bridge.url}api/events?token=${bridge.token}`);
    expect(events.status).toBe(401);
    expect(events.headers.get('content-type')).toContain('application/json');
  });

  it('requires Content-Type: application/json on API calls (a cross-site form cannot send it)', async () => {
    const call = (contentType: string | null) =>
      fetch(`${bridge.url}api/getSettings`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${bridge.token}`, ...(contentType ? { 'Content-Type': contentType } : {}) },
        body: '{}',
      });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', null]) {
      const res = await call(type);
      expect(res.status, String(type)).toBe(415);
      expect((await res.json()).error.message).toContain('Content-Type: application/json');
    }
    expect((await call('application/json; charset=utf-8')).status).toBe(200);
  });

  it("refuses a request whose Origin is another site, and accepts the bridge's own origin", async () => {
    const withOrigin = (origin: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: bridge.port,
            path: '/api/getSettings',
            method: 'POST',
            headers: {
              Origin: origin,
              Authorization: `Bearer ${bridge.token}`,
              'Content-Type': 'application/json',
            },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
    expect(await withOrigin('https://evil.example')).toBe(403);
    expect(await withOrigin('null')).toBe(403);
    expect(await withOrigin(`http://127.0.0.1:${bridge.port + 1}`)).toBe(403);
    expect(await withOrigin(`http://127.0.0.1:${bridge.port}`)).toBe(200);
    expect(await withOrigin(`http://localhost:${bridge.port}`)).toBe(200);
  });

  it('refuses string settings beyond their length bound, naming the field', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['specter.baseUrl', { specter: { baseUrl: `https://api.specter.se/${'a'.repeat(600)}` } }],
      ['specter.sbmId', { specter: { sbmId: '1'.repeat(21) } }],
      ['specter.apiUserId', { specter: { apiUserId: 'u'.repeat(101) } }],
      ['specter.stockSiteId', { specter: { stockSiteId: '1'.repeat(21) } }],
      ['ongoing.warehouse', { ongoing: { warehouse: 'w'.repeat(301) } }],
      ['ongoing.user', { ongoing: { user: 'u'.repeat(201) } }],
    ];
    for (const [field, patch] of cases) {
      const res = await post('updateSettings', { patch });
      expect(res.status, field).toBe(400);
      expect((await res.json()).error.message, field).toContain(`patch.${field}`);
    }
  });

  it('serves a clear page when the UI is not built, and never serves files outside its folder', async () => {
    const res = await fetch(bridge.url);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build:renderer');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});

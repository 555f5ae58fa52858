import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, ipcMain, session } from '../mocks/electron';
import type { Api } from '../../src/shared/api';
import { API_METHOD_NAMES, BRIDGE_GLOBAL, ipcChannel } from '../../src/shared/api-methods';
import { createAppContext, type AppContext } from '../../src/main/core/app-context';
import { MemorySecretStore } from '../../src/main/core/secrets/memory-secret-store';
import { forwardEvents, isTrustedUrl, registerIpcHandlers } from '../../src/main/electron/ipc';
import { CONTENT_SECURITY_POLICY, createMainWindow, hardenSession } from '../../src/main/electron/window';

let context: AppContext;
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oss-electron-'));
  context = createAppContext({ dataDir: dir, secrets: new MemorySecretStore(), mode: 'electron' });
  registerIpcHandlers(ipcMain as never, context.service);
});

afterAll(() => {
  context.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Electron IPC transport', () => {
  it('registers exactly one handler per contract method', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(API_METHOD_NAMES.map(ipcChannel).sort());
  });

  it('answers a trusted frame', async () => {
    const result = (await ipcMain.invokeAs('file:///opt/app/dist/renderer/index.html', 'api:getSettings', {})) as {
      ok: boolean;
      value: { language: string };
    };
    expect(result.ok).toBe(true);
    expect(result.value.language).toBe('sv');
  });

  it('refuses a call from an untrusted frame without running it', async () => {
    const result = await ipcMain.invokeAs('https://evil.example/', 'api:updateSettings', { patch: { language: 'en' } });
    expect(result).toEqual({ ok: false, error: { code: 'unauthorized', message: 'This page may not call the app.' } });
    expect((await context.service.getSettings({})).language).toBe('sv');
  });

  it('rejects schema-invalid input with a message naming the field', async () => {
    const result = (await ipcMain.invokeAs('file:///a/renderer/index.html', 'api:testConnection', {
      system: 'sap',
    })) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toMatch(/^Invalid input for testConnection: system:/);
  });

  it('trusts only the packaged renderer page or the dev server', () => {
    expect(isTrustedUrl('file:///C:/Program%20Files/App/resources/app.asar/dist/renderer/index.html')).toBe(true);
    expect(isTrustedUrl('file:///etc/passwd')).toBe(false);
    expect(isTrustedUrl('http://127.0.0.1:5173/', 'http://127.0.0.1:5173/')).toBe(true);
    expect(isTrustedUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(isTrustedUrl('not a url')).toBe(false);
  });

  it('forwards core events to open windows only', () => {
    const open = {
      sent: [] as unknown[],
      isDestroyed: () => false,
      send(...a: unknown[]) {
        this.sent.push(a);
      },
    };
    const closed = {
      sent: [] as unknown[],
      isDestroyed: () => true,
      send(...a: unknown[]) {
        this.sent.push(a);
      },
    };
    const stop = forwardEvents(context.events, () => [open, closed] as never);
    context.events.emit({ type: 'settings', settings: { language: 'en' } as never });
    stop();
    context.events.emit({ type: 'settings', settings: { language: 'sv' } as never });
    expect(open.sent).toHaveLength(1);
    expect(closed.sent).toHaveLength(0);
  });
});

describe('preload bridge', () => {
  it('exposes exactly the contract and round-trips through IPC', async () => {
    await import('../../src/main/electron/preload');
    const bridge = calls.exposed.get(BRIDGE_GLOBAL) as Api;
    expect(Object.keys(bridge).sort()).toEqual([...API_METHOD_NAMES, 'onEvent'].sort());
    const settings = await bridge.updateSettings({ patch: { specter: { sbmId: '1234' } } });
    expect(settings.specter.sbmId).toBe('1234');
    expect(calls.invoked.at(-1)?.channel).toBe('api:updateSettings');
  });

  it('turns an error envelope into a thrown error with the code', async () => {
    const bridge = calls.exposed.get(BRIDGE_GLOBAL) as Api;
    await expect(bridge.updateSettings({ patch: { specter: { sbmId: 'abc' } } })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('SBM ID is a number'),
    });
  });
});

describe('main window', () => {
  it('uses isolated, sandboxed renderers without Node', () => {
    const window = createMainWindow({ preloadPath: '/app/preload.cjs', startUrl: 'file:///app/renderer/index.html' });
    const prefs = (window as unknown as { options: { webPreferences: Record<string, unknown> } }).options
      .webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: '/app/preload.cjs',
    });
  });

  it('denies navigation away from the app and new windows', () => {
    const window = createMainWindow({ preloadPath: '/p.cjs', startUrl: 'file:///app/renderer/index.html' });
    const contents = (
      window as unknown as {
        webContents: import('node:events').EventEmitter & {
          windowOpenHandler: (d: { url: string }) => { action: string };
        };
      }
    ).webContents;
    let prevented = false;
    contents.emit(
      'will-navigate',
      {
        preventDefault: () => {
          prevented = true;
        },
      },
      'https://evil.example/',
    );
    expect(prevented).toBe(true);
    expect(contents.windowOpenHandler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
  });

  it('adds a strict CSP to every response and denies permission requests', () => {
    hardenSession(session.defaultSession as never);
    let headers: Record<string, string[]> = {};
    session.defaultSession.headerListener?.({ responseHeaders: {} }, (r) => {
      headers = (r as { responseHeaders: Record<string, string[]> }).responseHeaders;
    });
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    let granted: boolean | null = null;
    session.defaultSession.permissionHandler?.({}, 'media', (ok) => {
      granted = ok;
    });
    expect(granted).toBe(false);
  });
});

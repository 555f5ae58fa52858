import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { app, calls, ipcMain } from '../mocks/electron';
import { API_METHOD_NAMES, ipcChannel } from '../../src/shared/api-methods';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oss-electron-main-'));

afterAll(() => {
  app.emit('will-quit');
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Electron main entry', () => {
  it('wires the core to IPC, a tray and one hardened window, and hides instead of closing', async () => {
    app.userDataDir = dir;
    await import('../../src/main/electron/main');
    await new Promise((r) => setTimeout(r, 50));
    expect(fs.existsSync(path.join(dir, 'sync.sqlite'))).toBe(true);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(API_METHOD_NAMES.map(ipcChannel).sort());
    expect(calls.trays).toHaveLength(1);
    expect(calls.windows).toHaveLength(1);
    const window = calls.windows[0]!;
    expect(window.loadedUrl).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
    let prevented = false;
    window.emit('close', {
      preventDefault: () => {
        prevented = true;
      },
    });
    expect(prevented).toBe(true);
    expect(window.visible).toBe(false);
    app.emit('second-instance');
    expect(window.visible).toBe(true);
    expect(calls.windows).toHaveLength(1);
  });

  it('registers the login item from the settings (started hidden in the tray)', () => {
    expect(app.loginItem).toEqual({ openAtLogin: true, args: ['--hidden'] });
  });
});

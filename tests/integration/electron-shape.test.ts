/**
 * The desktop app as Electron would run it, without the Electron runtime (which cannot run here): the
 * real renderer in Chromium, the real preload bundle's bridge object installed in the page, its IPC
 * routed (Playwright exposeBinding) into the real main-process IPC handlers running in this process
 * against the real core, events forwarded back the way the main process forwards them, and the tray and
 * notifications driven by the same desktop code the app uses (Electron's module is the test mock).
 *
 * It walks: Ongoing fails every call → health turns failing, the Overview says so, the tray model
 * follows (icon, tooltip, menu), a notification is requested once Ongoing has failed long enough;
 * Ongoing answers again → back to ok.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../src/main/core/app-context';
import { attachDesktop } from '../../src/main/electron/desktop-integration';
import { forwardEvents, registerIpcHandlers } from '../../src/main/electron/ipc';
import { createTray } from '../../src/main/electron/tray';
import { type DemoEnvironment, startDemoEnvironment } from '../../src/main/headless/demo';
import { IPC_EVENT_CHANNEL } from '../../src/shared/api-methods';
import { calls, Notification } from '../mocks/electron';
import { tempDir } from '../helpers/temp-dir';

const root = path.resolve(import.meta.dirname, '../..');
const work = tempDir('oss-electron-shape-');
let browser: Browser | undefined;
let env: DemoEnvironment | undefined;
let core: Core | undefined;

beforeAll(async () => {
  // The renderer exactly as packaged (file://…/renderer/index.html), and the real preload bundle.
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const outDir = path.join(work.dir, 'app');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'error', '--outDir', path.join(outDir, 'renderer')], {
    cwd: root,
    stdio: 'pipe',
  });
  execFileSync(
    process.execPath,
    [vite, 'build', '--config', 'vite.electron.config.ts', '--mode', 'preload', '--logLevel', 'error'],
    { cwd: root, env: { ...process.env, OSS_ELECTRON_OUT_DIR: path.join(outDir, 'electron') }, stdio: 'pipe' },
  );
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // Electron loads the packaged renderer from file://; Chromium needs leave to load its module scripts there.
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      '--allow-file-access-from-files',
    ],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await core?.sync.stop();
  core?.close();
  await env?.close();
  work.cleanup();
});

async function waitFor<T>(what: string, read: () => Promise<T> | T, ok: (v: T) => boolean, ms = 40_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the desktop app, Electron-shaped', () => {
  it('health, Overview, tray and notifications follow Ongoing failing and recovering', async () => {
    env = await startDemoEnvironment({ newArticleStock: 40 });
    core = createCore({
      dataDir: path.join(work.dir, 'data'),
      secrets: env.secrets,
      mode: 'electron',
      ownsJobs: { command: 'desktop app' },
      clientTimeoutMs: 2_000,
    });
    env.configure(core);
    core.settings.save({
      ...core.settings.get(),
      sync: {
        ...core.settings.get().sync,
        intervals: { articles: 10, orders: 10, purchaseOrders: 10, deliveries: 10, receipts: 10, stock: 900 },
      },
    });
    const rendererUrl = pathToFileURL(path.join(work.dir, 'app', 'renderer', 'index.html')).toString();
    const page = await (browser as Browser).newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });

    // Main process: the real IPC handlers on an ipcMain stand-in; the sender frame is the page's.
    const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
    registerIpcHandlers(
      { handle: (channel: string, fn: never) => handlers.set(channel, fn), removeHandler: () => {} } as never,
      core.service,
    );
    await page.exposeBinding('__ipcInvoke', async (source, channel: string, input: unknown) => {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      return handler({ senderFrame: { url: source.frame.url() } }, input);
    });
    forwardEvents(core.events, () => [
      {
        isDestroyed: () => page.isClosed(),
        send: (channel: string, event: unknown) =>
          void page
            .evaluate(([c, e]) => (window as never as { __ipcEmit(c: string, e: unknown): void }).__ipcEmit(c, e), [
              channel,
              event,
            ] as const)
            .catch(() => {}),
      } as never,
    ]);
    // Renderer: the real preload bundle, with `require('electron')` answered by the page's side of the IPC.
    const preload = fs.readFileSync(path.join(work.dir, 'app', 'electron', 'preload.cjs'), 'utf8');
    await page.addInitScript(
      ({ source, eventChannel }) => {
        const listeners = new Map<string, Set<(e: unknown, payload: unknown) => void>>();
        const w = window as never as Record<string, unknown>;
        w.__ipcEmit = (channel: string, payload: unknown) => {
          for (const l of listeners.get(channel) ?? []) l({}, payload);
        };
        const electron = {
          contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (w[key] = api) },
          ipcRenderer: {
            invoke: (channel: string, input: unknown) =>
              (w.__ipcInvoke as (c: string, i: unknown) => Promise<unknown>)(channel, input),
            on: (channel: string, l: (e: unknown, p: unknown) => void) => {
              const set = listeners.get(channel) ?? new Set();
              set.add(l);
              listeners.set(channel, set);
            },
            removeListener: (channel: string, l: (e: unknown, p: unknown) => void) => listeners.get(channel)?.delete(l),
          },
        };
        const module = { exports: {} };
        new Function('require', 'module', 'exports', source)(
          (name: string) => {
            if (name !== 'electron') throw new Error(`the preload may require only electron, not ${name}`);
            return electron;
          },
          module,
          module.exports,
        );
        void eventChannel;
      },
      { source: preload, eventChannel: IPC_EVENT_CHANNEL },
    );

    // The desktop shell: tray and notifications on the core's health (Electron's module is the mock).
    Notification.shown = [];
    let now = Date.now();
    attachDesktop(core, { createTray, open: () => {}, quit: () => {} });
    const tray = calls.trays.at(-1) as unknown as {
      tooltip: string;
      image: { buffer: Buffer };
      menu: { template: { label?: string }[] };
    };
    const centre = (image: { buffer: Buffer }) => [...image.buffer.subarray((8 * 16 + 8) * 4, (8 * 16 + 8) * 4 + 3)];

    core.sync.start();
    await page.goto(rendererUrl);
    const ongoing = page.getByTestId('health-ongoing');
    await waitFor(
      'Ongoing ok in the Overview',
      () => ongoing.getAttribute('data-level'),
      (v) => v === 'ok',
    );

    // Every Ongoing call fails.
    const failedAt = Date.now();
    env.ongoing.warehouse.setFaults('reset=1');
    await waitFor(
      'Ongoing failing in the Overview',
      () => ongoing.getAttribute('data-level'),
      (v) => v === 'failing',
      25_000,
    );
    const toFailing = (Date.now() - failedAt) / 1000;
    expect(await ongoing.textContent()).toContain('Ongoing svarar inte sedan');
    expect(tray.tooltip).toMatch(/Ongoing svarar inte sedan \d\d:\d\d/);
    expect(tray.menu.template.map((i) => i.label ?? '—')).toEqual(['Öppna', '—', 'Synka nu', 'Pausa', '—', 'Avsluta']);
    // The icon is the failing one (red: the centre pixel's BGRA is d1 24 2f → B 0x2f, G 0x24, R 0xd1).
    expect(centre(tray.image)).toEqual([0x2f, 0x24, 0xd1]);

    // Five minutes on, the failure is announced once (the notifier's clock is the test's).
    now += 6 * 60_000;
    const { notifyHealth } = await import('../../src/main/electron/desktop-integration');
    const opened: string[] = [];
    const stop = notifyHealth(
      core.events,
      () => 'sv',
      (p) => opened.push(p),
      () => now,
    );
    core.health.refresh();
    core.events.emit({ type: 'health', health: core.health.get() });
    stop();
    expect(Notification.shown.map((n) => n.options)).toContainEqual({
      title: 'Ongoing fungerar inte',
      body: expect.stringMatching(/^Ongoing svarar inte sedan \d\d:\d\d\.$/),
    });

    // Ongoing answers again.
    const recoveredAt = Date.now();
    env.ongoing.warehouse.setFaults({});
    await waitFor(
      'Ongoing ok again in the Overview',
      () => ongoing.getAttribute('data-level'),
      (v) => v === 'ok',
      25_000,
    );
    const toOk = (Date.now() - recoveredAt) / 1000;
    await waitFor(
      'the tray ok again',
      () => tray.tooltip,
      (t) => !t.includes('svarar inte'),
    );
    console.info(`[figures] Electron-shaped: failing after ${toFailing.toFixed(1)} s, ok after ${toOk.toFixed(1)} s`);
  }, 180_000);
});

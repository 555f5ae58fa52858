import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AppContext, createAppContext, type RunningSync, startSyncRuntime } from '../core/app-context';
import { resolveDataDir } from '../core/data-dir';
import { KeychainSecretStore } from '../core/secrets/keychain-secret-store';
import type { SecretStore } from '../core/secrets/secret-store';
import { startDemoEnvironment } from './demo';
import { type HttpBridge, startHttpBridge } from './http-bridge';

/** The app's folder: the nearest folder above this module holding package.json (source or dist/cli bundle). */
function appRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** Where `npm run build:renderer` puts the UI. */
export const RENDERER_DIST = path.join(appRoot(), 'dist', 'renderer');

/**
 * Open the core on a data folder for a one-shot CLI command. With `ownsJobs` (sync), the command takes
 * the data folder's lock and refuses while the app runs; without it, it only reads and writes settings.
 */
export function openHeadlessContext(
  dataDir?: string,
  secrets: SecretStore = new KeychainSecretStore(),
  ownsJobs?: { command: string },
): AppContext {
  return createAppContext({ dataDir: resolveDataDir(dataDir), secrets, mode: 'headless', ownsJobs });
}

export interface ServeOptions {
  dataDir?: string;
  port?: number;
  demo?: boolean;
  staticDir?: string;
  token?: string;
  /** Run jobs on their schedule (default true). Without it, jobs run only on "sync now". */
  schedule?: boolean;
  /** Demo only: how often the simulated warehouse moves orders along (ms). */
  warehouseClockMs?: number;
}

export interface RunningServe {
  context: AppContext;
  bridge: HttpBridge;
  sync: RunningSync;
  demo: Awaited<ReturnType<typeof startDemoEnvironment>> | null;
  close(): Promise<void>;
}

/**
 * Start the core and the loopback HTTP bridge. With `demo`, both simulators start in-process, the app is
 * wired to them with their (non-secret) demo credentials held in memory, and a separate demo data folder
 * is used so a real configuration is never touched.
 */
export async function startServe(options: ServeOptions = {}): Promise<RunningServe> {
  const baseDir = resolveDataDir(options.dataDir);
  const demo = options.demo
    ? await startDemoEnvironment({ warehouseClockMs: options.warehouseClockMs ?? 15_000 })
    : null;
  const dataDir = options.demo && !options.dataDir ? path.join(baseDir, 'demo') : baseDir;
  const context = createAppContext({
    dataDir,
    secrets: demo?.secrets ?? new KeychainSecretStore(),
    mode: 'headless',
    demo: Boolean(demo),
    logToConsole: false,
    ownsJobs: { command: 'serve' },
  });
  if (demo) demo.configure(context);
  const sync = startSyncRuntime(context, { schedule: options.schedule });
  // Show each system's state from the start; failures are shown on the Overview and Settings pages.
  for (const system of ['specter', 'ongoing'] as const) void context.service.testConnection({ system });
  const bridge = await startHttpBridge({
    service: context.service,
    events: context.events,
    logger: context.logger,
    port: options.port ?? 0,
    staticDir: options.staticDir ?? RENDERER_DIST,
    token: options.token,
  });
  context.rememberSecretValue(bridge.token);
  context.logger.info('serving', { url: bridge.url, demo: Boolean(demo) });
  return {
    context,
    bridge,
    sync,
    demo,
    close: async () => {
      await sync.stop();
      await bridge.close();
      await demo?.close();
      context.close();
    },
  };
}

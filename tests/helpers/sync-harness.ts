/**
 * A running app core wired to both simulators over real HTTP, with a real SQLite file in a temp folder.
 * Integration tests of the sync jobs and postings build on it.
 */
import { type AppContext, createAppContext } from '../../src/main/core/app-context';
import type { RemoteClients } from '../../src/main/core/remote-clients';
import type { SyncDeps } from '../../src/main/core/sync/deps';
import { type DemoEnvironment, type DemoOptions, startDemoEnvironment } from '../../src/main/headless/demo';
import type { SettingsPatch } from '../../src/shared/settings';
import { mergeSettings } from '../../src/shared/settings';
import { tempDir } from './temp-dir';

export interface SyncHarness {
  env: DemoEnvironment;
  context: AppContext;
  clients: RemoteClients;
  deps: SyncDeps;
  dataDir: string;
  /** Reopen the core on the same data folder (as after a restart or crash). */
  /** Close and open the core again on the same data folder (as after a restart). */
  reopen(options?: Pick<HarnessOptions, 'ownsJobs'>): SyncHarness;
  updateSettings(patch: SettingsPatch): void;
  close(): Promise<void>;
}

export interface HarnessOptions extends DemoOptions {
  settings?: SettingsPatch;
  /** Client timeout per attempt; keep it short in fault tests. */
  timeoutMs?: number;
  /** Take the data folder's lock as the process running the jobs (default true). */
  ownsJobs?: boolean;
}

function build(env: DemoEnvironment, dataDir: string, options: HarnessOptions): Omit<SyncHarness, 'close' | 'reopen'> {
  const context = createAppContext({
    dataDir,
    secrets: env.secrets,
    mode: 'headless',
    clientTimeoutMs: options.timeoutMs ?? 3_000,
    ownsJobs: options.ownsJobs === false ? undefined : { command: 'test' },
  });
  env.configure(context);
  if (options.settings) context.settings.save(mergeSettings(context.settings.get(), options.settings));
  const { clients } = context;
  const deps: SyncDeps = context.deps;
  return {
    env,
    context,
    clients,
    deps,
    dataDir,
    updateSettings: (patch) => context.settings.save(mergeSettings(context.settings.get(), patch)),
  };
}

/** Start both simulators (small fixtures by default are the caller's choice) and a core on a fresh data folder. */
export async function startSyncHarness(options: HarnessOptions = {}): Promise<SyncHarness> {
  const env = await startDemoEnvironment(options);
  const { dir, cleanup } = tempDir('oss-sync-');
  let current = build(env, dir, options);
  const harness: SyncHarness = {
    ...current,
    reopen(again) {
      current.context.close();
      current = build(env, dir, { ...options, ...again });
      Object.assign(harness, current);
      return harness;
    },
    async close() {
      current.context.close();
      await env.close();
      cleanup();
    },
  };
  return harness;
}

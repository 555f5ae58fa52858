/**
 * The composition root: createCore() builds everything once (database, repositories, clients, the
 * jobs of every flow, the scheduler, postings and stock services, and the API service that serves
 * them). Nothing is attached later; a process that only needs the settings simply never starts the
 * schedule.
 */
import path from 'node:path';
import type { AppStatus } from '../../shared/api';
import type { JobName } from '../../shared/domain/sync';
import { AppService, type ConnectionProbe, type SyncRuntime } from './app-service';
import { EventBus } from './event-bus';
import { createJobs } from './flows';
import { createLogger, type Logger } from './logging/logger';
import { createPostingService, type PostingEngine } from './postings/posting-service';
import { createConnectionProbe, createRemoteClients, missingConfiguration, type RemoteClients } from './remote-clients';
import { AuditLogRepository } from './repositories/audit-log-repository';
import { ExceptionRepository } from './repositories/exception-repository';
import { PostingRepository } from './repositories/posting-repository';
import { RecordRepository } from './repositories/record-repository';
import { SettingsRepository } from './repositories/settings-repository';
import { SyncRunRepository } from './repositories/sync-run-repository';
import { WatermarkRepository } from './repositories/watermark-repository';
import type { SecretStore } from './secrets/secret-store';
import { acquireDataLock, type DataLock, describeHolder, type LockHolder, lockHolder } from './store/data-lock';
import { type Db, openDatabase, schemaVersion } from './store/database';
import { createStockService } from './stock/stock-service';
import type { SyncDeps } from './sync/deps';
import { Scheduler } from './sync/scheduler';
import type { StockService } from './sync/services';
import { createStatusCatalog } from './sync/status-catalog';
import { classify, errorText } from './engine/failure';
import { CallLog } from './health/call-log';
import { HealthMonitor } from './health/health-monitor';
import { collectSupportBundle } from './support/collect';
import { runDoctor } from './doctor/doctor';

/** How often health is recomputed when nothing else happens (watchdog, counts). */
const WATCHDOG_MS = 5_000;
/** How often a failing system is asked again while nothing else calls it. */
const PROBE_MS = 10_000;

export const APP_VERSION = '0.1.0';

export interface CoreOptions {
  dataDir: string;
  secrets: SecretStore;
  mode: AppStatus['mode'];
  demo?: boolean;
  /** Checks a remote system; defaults to a real call through the API clients. */
  probe?: ConnectionProbe;
  /** Per-attempt timeout of the API clients. */
  clientTimeoutMs?: number;
  logToConsole?: boolean;
  /** Scheduler tick (tests). */
  tickMs?: number;
  /**
   * This process runs the jobs and the outbox (serve, the desktop app, sync): it takes the data folder's
   * lock, and refuses to start while another live process holds it. Without it (status, config,
   * secrets), nothing is sent and no posting is marked in doubt.
   */
  ownsJobs?: { command: string };
}

/** The running sync: scheduler, postings, stock and the warehouse's status lists. */
export interface RunningSync extends SyncRuntime {
  deps: SyncDeps;
  postings: PostingEngine;
  stock: StockService;
  /** Start running jobs on their intervals (idempotent). */
  start(): void;
  /** Stop the schedule and wait for runs in flight. */
  stop(): Promise<void>;
}

export interface Core {
  db: Db;
  dataDir: string;
  settings: SettingsRepository;
  watermarks: WatermarkRepository;
  runs: SyncRunRepository;
  audit: AuditLogRepository;
  records: RecordRepository;
  exceptions: ExceptionRepository;
  postings: PostingRepository;
  events: EventBus;
  logger: Logger;
  secrets: SecretStore;
  service: AppService;
  clients: RemoteClients;
  deps: SyncDeps;
  sync: RunningSync;
  health: HealthMonitor;
  callLog: CallLog;
  /** A value (e.g. the bridge token) that support bundles must remove wherever it appears. */
  rememberSecretValue(value: string): void;
  /** The process that holds the data folder's lock when it is not this one (see CoreOptions.ownsJobs). */
  lockHeldBy: LockHolder | null;
  close(): void;
}

/** @deprecated name of Core, kept for callers that only need the context part. */
export type AppContext = Core;
export type AppContextOptions = CoreOptions;

/** Build the core once: everything the app runs, wired together, with the schedule not yet started. */
export function createCore(options: CoreOptions): Core {
  let lock: DataLock | null = null;
  if (options.ownsJobs) {
    const taken = acquireDataLock(options.dataDir, options.ownsJobs.command);
    if ('heldBy' in taken) {
      throw new Error(`Not started: ${describeHolder(taken.heldBy)}. Stop it first, or use it instead.`);
    }
    lock = taken.lock;
  }
  const db = openDatabase({ dataDir: options.dataDir });
  const settings = new SettingsRepository(db);
  const watermarks = new WatermarkRepository(db);
  const runs = new SyncRunRepository(db);
  const audit = new AuditLogRepository(db);
  const records = new RecordRepository(db);
  const exceptions = new ExceptionRepository(db);
  const postingsRepo = new PostingRepository(db);
  const events = new EventBus();
  const logger = createLogger({ file: path.join(options.dataDir, 'logs', 'app.log'), console: options.logToConsole });
  const callLog = new CallLog();
  /** Values that must never reach a support bundle besides the keychain's (the bridge token). */
  const knownSecretValues = new Set<string>();
  // Set once the scheduler exists; calls made before that only reach the call log.
  let health: HealthMonitor | null = null;
  // Set once the scheduler exists: jobs waiting for a system that answers again stop backing off.
  let systemBack = () => {};
  const clients = createRemoteClients({
    settings: () => settings.get(),
    secrets: options.secrets,
    timeoutMs: options.clientTimeoutMs,
    onSpecterWarning: (warning) => logger.warn('value changed for Specter', { ...warning }),
    onCall: (call) => {
      callLog.record({ ...call, error: call.error === undefined ? undefined : errorText(call.error) });
      const recovered = health?.recordCall(call.system, call.ok ? 'ok' : classify(call.error).class, call.at);
      if (recovered) systemBack();
    },
  });
  if (lock) {
    // Only the owner may conclude that runs and sends of a previous process were interrupted.
    runs.markInterrupted();
    postingsRepo.markSendingInDoubt();
  }

  const deps: SyncDeps = {
    db,
    clients,
    settings: () => settings.get(),
    settingsRepo: settings,
    records,
    exceptions,
    watermarks,
    postings: postingsRepo,
    audit,
    events,
    logger,
    now: () => new Date(),
  };
  const postings = createPostingService(deps);
  const stock = createStockService(deps);
  const scheduler = new Scheduler({
    jobs: createJobs(deps, postings, stock),
    runs,
    events,
    logger,
    intervalSeconds: (job) => settings.get().sync.intervals[job],
    // A job runs on schedule only when both systems are configured; "sync now" still runs it and says what is missing.
    enabled: (job) => {
      const current = settings.get();
      const configured = !missingConfiguration('specter', current) && !missingConfiguration('ongoing', current);
      return configured && (job !== 'stock' || current.sync.stock.enabled);
    },
    includeInRunAll: (job) => job !== 'stock' || settings.get().sync.stock.enabled,
    loadPaused: () => settings.getValue<JobName[]>('pausedJobs', []),
    savePaused: (paused) => settings.setValue('pausedJobs', paused),
    tickMs: options.tickMs,
  });
  const monitor = new HealthMonitor({
    now: () => new Date(),
    configured: (system) => !missingConfiguration(system, settings.get()),
    jobs: () => scheduler.states(),
    openProblems: () => exceptions.openCounts(),
    waiting: () => {
      const waiting = { deliveries: 0, receipts: 0, inDoubt: 0 };
      for (const { kind, state, n } of postingsRepo.counts()) {
        if (state === 'in_doubt') waiting.inDoubt += n;
        else if (state === 'proposed' || state === 'held')
          waiting[kind === 'delivery' ? 'deliveries' : 'receipts'] += n;
      }
      return waiting;
    },
    paused: () => {
      const enabled = scheduler.states().filter((s) => s.enabled);
      return enabled.length > 0 && enabled.every((s) => s.paused);
    },
  });
  health = monitor;
  systemBack = () => scheduler.endBackoff();
  monitor.subscribe((value) => events.emit({ type: 'health', health: value }));
  postingsRepo.onChange((change) => events.emit({ type: 'posting', ...change }));
  events.subscribe((event) => {
    if (event.type === 'jobs' || (event.type === 'progress' && event.progress.phase === 'finished')) monitor.refresh();
  });
  // The watchdog and the outbox's counts need a look now and then even when nothing happens. While a
  // system fails (not a refused login: repeating that could lock the account), it is asked again with
  // one cheap real call every PROBE_MS; when it answers, jobs waiting for it stop backing off.
  const probe = createConnectionProbe(clients);
  let probing = false;
  const lookAgain = async () => {
    const value = monitor.refresh();
    if (probing) return;
    for (const system of ['specter', 'ongoing'] as const) {
      const current = value.systems[system];
      const last = monitor.lastCallAt(system);
      if (current.level !== 'failing' || current.reason.code === 'health.system.authRefused') continue;
      if (last && Date.now() - Date.parse(last) < PROBE_MS) continue;
      probing = true;
      try {
        await probe(system);
        scheduler.endBackoff();
      } catch {
        // Still failing: the call itself updated the health value.
      } finally {
        probing = false;
      }
    }
  };
  let watchdog: ReturnType<typeof setInterval> | null = null;
  const sync: RunningSync = {
    deps,
    scheduler,
    postings,
    stock,
    statuses: createStatusCatalog(deps),
    start: () => {
      scheduler.start();
      watchdog ??= setInterval(() => void lookAgain(), WATCHDOG_MS);
      watchdog.unref?.();
    },
    stop: () => {
      if (watchdog) clearInterval(watchdog);
      watchdog = null;
      return scheduler.stop();
    },
  };
  const service = new AppService({
    settings,
    records,
    exceptions,
    runs,
    runtime: () => sync,
    health: () => monitor.refresh(),
    supportBundle: () =>
      collectSupportBundle({
        db,
        dataDir: options.dataDir,
        settings,
        runs,
        exceptions,
        postings: postingsRepo,
        secrets: options.secrets,
        calls: () => callLog.recent(),
        appVersion: APP_VERSION,
        extraSecrets: () => [...knownSecretValues],
      }),
    diagnostics: () =>
      runDoctor({
        settings: () => settings.get(),
        secrets: options.secrets,
        dataDir: options.dataDir,
        appVersion: APP_VERSION,
        timeoutMs: options.clientTimeoutMs,
        extraSecrets: [...knownSecretValues],
      }),
    audit,
    secrets: options.secrets,
    events,
    logger,
    probe: options.probe ?? createConnectionProbe(clients),
    info: {
      version: APP_VERSION,
      mode: options.mode,
      demo: options.demo ?? false,
      dataDir: options.dataDir,
      schemaVersion: () => schemaVersion(db),
    },
  });
  return {
    db,
    dataDir: options.dataDir,
    settings,
    watermarks,
    runs,
    audit,
    records,
    exceptions,
    postings: postingsRepo,
    events,
    logger,
    secrets: options.secrets,
    service,
    clients,
    deps,
    sync,
    health: monitor,
    callLog,
    rememberSecretValue: (value) => {
      if (value) knownSecretValues.add(value);
    },
    lockHeldBy: lock ? null : lockHolder(options.dataDir),
    close: () => {
      db.close();
      lock?.release();
    },
  };
}

/** The same composition root under its earlier name. */
export const createAppContext = createCore;

/** Start the schedule of a core (unless told otherwise) and return its running sync. */
export function startSyncRuntime(core: Core, options: { schedule?: boolean } = {}): RunningSync {
  if (options.schedule !== false) core.sync.start();
  return core.sync;
}

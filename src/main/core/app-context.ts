import path from 'node:path';
import type { AppStatus } from '../../shared/api';
import { AppService, type ConnectionProbe, type SyncRuntime } from './app-service';
import { createConnectionProbe, createRemoteClients, type RemoteClients } from './remote-clients';
import { EventBus } from './event-bus';
import { createLogger, type Logger } from './logging/logger';
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

export const APP_VERSION = '0.1.0';

export interface AppContextOptions {
  dataDir: string;
  secrets: SecretStore;
  mode: AppStatus['mode'];
  demo?: boolean;
  /** Checks a remote system; defaults to a real call through the API clients. */
  probe?: ConnectionProbe;
  /** Per-attempt timeout of the API clients. */
  clientTimeoutMs?: number;
  logToConsole?: boolean;
  /**
   * This process runs the jobs and the outbox (serve, the desktop app, sync): it takes the data folder's
   * lock, and refuses to start while another live process holds it. Without it (status, config,
   * secrets), nothing is sent and no posting is marked in doubt.
   */
  ownsJobs?: { command: string };
}

export interface AppContext {
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
  /** The process that holds the data folder's lock when it is not this one (see AppContextOptions.ownsJobs). */
  lockHeldBy: LockHolder | null;
  /** Attach the running sync engine (scheduler, postings, stock); the API then serves its methods. */
  attachRuntime(runtime: SyncRuntime | null): void;
  close(): void;
}

/** Build the core: database (migrated), repositories, logger, event bus and the API service. */
export function createAppContext(options: AppContextOptions): AppContext {
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
  const postings = new PostingRepository(db);
  let runtime: SyncRuntime | null = null;
  const clients = createRemoteClients({
    settings: () => settings.get(),
    secrets: options.secrets,
    timeoutMs: options.clientTimeoutMs,
  });
  const events = new EventBus();
  const logger = createLogger({ file: path.join(options.dataDir, 'logs', 'app.log'), console: options.logToConsole });
  if (lock) {
    // Only the owner may conclude that runs and sends of a previous process were interrupted.
    runs.markInterrupted();
    postings.markSendingInDoubt();
  }
  const service = new AppService({
    settings,
    records,
    exceptions,
    runs,
    runtime: () => runtime,
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
    postings,
    events,
    logger,
    secrets: options.secrets,
    service,
    clients,
    lockHeldBy: lock ? null : lockHolder(options.dataDir),
    attachRuntime: (r) => {
      runtime = r;
    },
    close: () => {
      db.close();
      lock?.release();
    },
  };
}

import {
  ApiError,
  type ApiInput,
  type ApiMethods,
  type AppStatus,
  type ConnectionState,
  type RemoteSystemName,
} from '../../shared/api';
import { SECRET_NAMES, type SecretName } from '../../shared/credentials';
import { mergeSettings, type Settings, settingsSchema } from '../../shared/settings';
import type { DoctorReport } from '../../shared/doctor';
import type { Health } from '../../shared/health';
import type { EventBus } from './event-bus';
import type { Logger } from './logging/logger';
import type { AuditLogRepository } from './repositories/audit-log-repository';
import type { SettingsRepository } from './repositories/settings-repository';
import type { SecretStore } from './secrets/secret-store';
import type { ExceptionRepository } from './repositories/exception-repository';
import type { RecordRepository } from './repositories/record-repository';
import type { SyncRunRepository } from './repositories/sync-run-repository';
import type { Scheduler } from './sync/scheduler';
import type { PostingService, StatusCatalog, StockService } from './sync/services';
import type { SyncRunSummary } from '../../shared/domain/sync';
import { NotConfiguredError, isRemoteError } from './net/remote-error';
import { notice, refOf } from '../../shared/messages';
import { causeParams } from './engine/failure';
import { auditEntryDetail, recordTimeline } from './tracker/tracker-queries';

export { NotConfiguredError };

/**
 * Checks one remote system with the stored settings and secrets. Resolves when the system accepted the
 * credentials; rejects with an Error whose message is safe to show (no secrets).
 */
export type ConnectionProbe = (system: RemoteSystemName) => Promise<void>;

/** The running sync engine; absent in one-shot CLI commands. */
export interface SyncRuntime {
  scheduler: Scheduler;
  postings: PostingService;
  stock: StockService;
  statuses: StatusCatalog;
}

export interface AppServiceDeps {
  settings: SettingsRepository;
  records: RecordRepository;
  exceptions: ExceptionRepository;
  runs: SyncRunRepository;
  runtime: () => SyncRuntime | null;
  audit: AuditLogRepository;
  secrets: SecretStore;
  events: EventBus;
  logger: Logger;
  probe: ConnectionProbe;
  /** The health value, recomputed now. */
  health: () => Health;
  /** Build a support bundle into the data folder. */
  supportBundle: () => Promise<{ file: string; bytes: number }>;
  /** Call every read on both systems once and write the diagnostic report into the data folder. */
  diagnostics: () => Promise<DoctorReport>;
  info: { version: string; mode: AppStatus['mode']; demo: boolean; dataDir: string; schemaVersion: () => number };
}

const unknownConnection = (system: RemoteSystemName): ConnectionState => ({
  system,
  state: 'unknown',
  message: '',
  ref: null,
  checkedAt: null,
});

/** The core behind the API contract. Transports validate input, then call these methods. */
export class AppService implements ApiMethods {
  private readonly startedAt = new Date().toISOString();
  private readonly connections: Record<RemoteSystemName, ConnectionState> = {
    specter: unknownConnection('specter'),
    ongoing: unknownConnection('ongoing'),
  };

  constructor(private readonly deps: AppServiceDeps) {}

  async getStatus(_input: ApiInput<'getStatus'> = {}): Promise<AppStatus> {
    const { info } = this.deps;
    return {
      version: info.version,
      mode: info.mode,
      demo: info.demo,
      dataDir: info.dataDir,
      keychain: await this.deps.secrets.availability(),
      schemaVersion: info.schemaVersion(),
      connections: { ...this.connections },
      startedAt: this.startedAt,
    };
  }

  async getHealth(_input: ApiInput<'getHealth'> = {}): Promise<Health> {
    return this.deps.health();
  }

  async createSupportBundle(_input: ApiInput<'createSupportBundle'> = {}) {
    const result = await this.deps.supportBundle();
    this.deps.audit.append({
      actor: 'operator',
      action: 'support.bundle',
      details: { file: result.file, bytes: result.bytes },
    });
    return result;
  }

  async runDiagnostics(_input: ApiInput<'runDiagnostics'> = {}): Promise<DoctorReport> {
    const report = await this.deps.diagnostics();
    this.deps.audit.append({
      actor: 'operator',
      action: 'support.diagnostics',
      details: { file: report.file, failed: report.failed, line: report.line },
    });
    return report;
  }

  async getSettings(_input: ApiInput<'getSettings'> = {}): Promise<Settings> {
    return this.deps.settings.get();
  }

  async updateSettings({ patch }: ApiInput<'updateSettings'>): Promise<Settings> {
    const next = settingsSchema.safeParse(mergeSettings(this.deps.settings.get(), patch));
    if (!next.success) {
      throw new ApiError('invalid_input', next.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    }
    this.deps.settings.save(next.data);
    this.deps.audit.append({ actor: 'operator', action: 'settings.update', details: { patch } });
    this.deps.events.emit({ type: 'settings', settings: next.data });
    return next.data;
  }

  async setCredentials({ values }: ApiInput<'setCredentials'>): Promise<Record<SecretName, boolean>> {
    const availability = await this.deps.secrets.availability();
    if (!availability.available) throw new ApiError('unavailable', availability.message);
    const names = Object.keys(values) as SecretName[];
    for (const name of names) {
      const value = values[name];
      if (value) await this.deps.secrets.set(name, value);
    }
    this.deps.audit.append({ actor: 'operator', action: 'credentials.set', details: { names } });
    this.deps.logger.info('credentials stored in the OS keychain', { names });
    return this.hasCredentials();
  }

  async hasCredentials(_input: ApiInput<'hasCredentials'> = {}): Promise<Record<SecretName, boolean>> {
    const availability = await this.deps.secrets.availability();
    const entries = await Promise.all(
      SECRET_NAMES.map(async (name) => [name, availability.available && (await this.deps.secrets.get(name)) !== null]),
    );
    return Object.fromEntries(entries) as Record<SecretName, boolean>;
  }

  async clearCredentials({ names }: ApiInput<'clearCredentials'>): Promise<Record<SecretName, boolean>> {
    const availability = await this.deps.secrets.availability();
    if (!availability.available) throw new ApiError('unavailable', availability.message);
    const targets = names ?? [...SECRET_NAMES];
    for (const name of targets) await this.deps.secrets.delete(name);
    this.deps.audit.append({ actor: 'operator', action: 'credentials.clear', details: { names: targets } });
    return this.hasCredentials();
  }

  async testConnection({ system }: ApiInput<'testConnection'>): Promise<ConnectionState> {
    const checkedAt = new Date().toISOString();
    let state: ConnectionState;
    try {
      await this.deps.probe(system);
      const n = notice('connection.ok');
      state = { system, state: 'ok', message: n.text, ref: refOf(n), checkedAt };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const notConfigured = error instanceof NotConfiguredError;
      const code = notConfigured
        ? 'connection.notConfigured'
        : isRemoteError(error) && error.kind === 'auth'
          ? 'connection.authRefused'
          : 'connection.failed';
      const ref = refOf(notice(code, { system, ...causeParams(error) }));
      state = { system, state: notConfigured ? 'not_configured' : 'failed', message, ref, checkedAt };
      this.deps.logger.warn('connection test failed', { system, message });
    }
    this.connections[system] = state;
    this.deps.events.emit({ type: 'connection', connection: state });
    return state;
  }

  private sync(): SyncRuntime {
    const runtime = this.deps.runtime();
    if (!runtime) {
      throw new ApiError('unavailable', 'The sync engine is not running in this process. Start the app with "serve".');
    }
    return runtime;
  }

  async listJobs(_input: ApiInput<'listJobs'> = {}) {
    return this.sync().scheduler.states();
  }

  async syncNow({ job, dryRun }: ApiInput<'syncNow'>) {
    const { scheduler } = this.sync();
    this.deps.audit.append({ actor: 'operator', action: dryRun ? 'sync.dry-run' : 'sync.now', subject: job ?? 'all' });
    return job ? [await scheduler.runNow(job, { dryRun })] : scheduler.runAll({ dryRun });
  }

  async setPaused({ jobs, paused }: ApiInput<'setPaused'>) {
    const { scheduler } = this.sync();
    scheduler.setPaused(jobs, paused);
    this.deps.audit.append({ actor: 'operator', action: paused ? 'sync.pause' : 'sync.resume', details: { jobs } });
    return scheduler.states();
  }

  async listRuns({ job, limit }: ApiInput<'listRuns'>) {
    return this.deps.runs.recent(limit ?? 100, job) as SyncRunSummary[];
  }

  async listRecords(input: ApiInput<'listRecords'>) {
    return this.deps.records.page(input);
  }

  async listExceptions({ state, flow }: ApiInput<'listExceptions'>) {
    return this.deps.exceptions.list({ state, flow });
  }

  async decideException({ id, action, reason }: ApiInput<'decideException'>) {
    const current = this.deps.exceptions.get(id);
    if (!current) throw new ApiError('invalid_input', `No exception with id ${id}.`);
    this.deps.audit.append({
      actor: 'operator',
      action: `exception.${action}`,
      subject: String(id),
      details: { reason },
    });
    if (action === 'retry') {
      await this.sync().scheduler.runNow(current.flow);
      return this.deps.exceptions.get(id) as NonNullable<ReturnType<ExceptionRepository['get']>>;
    }
    const decided = this.deps.exceptions.decide(id, action === 'ignore' ? 'ignored' : 'resolved', reason ?? null);
    return decided as NonNullable<typeof decided>;
  }

  async listPostings({ kind, states }: ApiInput<'listPostings'>) {
    return this.sync().postings.list(kind, states);
  }

  async decidePostings({ ids, decision, reason }: ApiInput<'decidePostings'>) {
    return this.sync().postings.decide(ids, decision, 'operator', reason);
  }

  async setPostingOptions({ id, ...options }: ApiInput<'setPostingOptions'>) {
    return this.sync().postings.setOptions(id, options);
  }

  async getStockReport(_input: ApiInput<'getStockReport'> = {}) {
    return this.sync().stock.report();
  }

  async refreshStock(_input: ApiInput<'refreshStock'> = {}) {
    return this.sync().stock.refresh();
  }

  async pushStock({ articleNos }: ApiInput<'pushStock'>) {
    return this.sync().stock.push(articleNos, 'operator');
  }

  async listAudit(input: ApiInput<'listAudit'>) {
    return this.deps.audit.page({ ...input, limit: input.limit ?? 100 });
  }

  async getAuditEntry({ id }: ApiInput<'getAuditEntry'>) {
    const detail = auditEntryDetail(this.deps.audit, id);
    if (!detail) throw new ApiError('invalid_input', `No audit entry with id ${id}.`);
    return detail;
  }

  async getRecordTimeline(input: ApiInput<'getRecordTimeline'>) {
    return recordTimeline(
      {
        records: this.deps.records,
        audit: this.deps.audit,
        exceptions: this.deps.exceptions,
        postings: (kind) => this.deps.runtime()?.postings.list(kind) ?? [],
        shippedStatuses: () => this.deps.settings.get().sync.shippedStatuses,
      },
      input,
    );
  }

  async getWarehouseStatuses(_input: ApiInput<'getWarehouseStatuses'> = {}) {
    const { statuses } = this.sync();
    const [orders, purchaseOrders] = await Promise.all([statuses.orderStatuses(), statuses.purchaseOrderStatuses()]);
    return { orders, purchaseOrders };
  }
}

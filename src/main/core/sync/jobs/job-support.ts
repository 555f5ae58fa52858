/**
 * Shared machinery of the scheduled Specter → Ongoing jobs (articles, sales orders, purchase orders):
 * error classes for the exception inbox, per-run bookkeeping (counts, plan, stop), watermarks with
 * overlap, the field-by-field difference between what Specter wants and what Ongoing holds, a serial
 * writer that keeps Ongoing's one-write-at-a-time queue busy, and the engine shared by the two
 * document flows (sales orders and purchase orders).
 */
import {
  emptyCounts,
  type FieldDifference,
  type JobName,
  type PlannedChange,
  type RecordState,
  type RunCounts,
  type SyncedRecord,
} from '../../../../shared/domain/sync';
import {
  getPath,
  type MappingProblem,
  ongoingDateToLocalDate,
  type PreparedRecord,
  payloadHash,
  roundDecimal,
} from '../../../../shared/mapping';
import { isRemoteError, RemoteError } from '../../net/remote-error';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../store/database';
import type { OngoingClient } from '../../ongoing';
import type { SpecterClient } from '../../specter';
import type { SyncDeps } from '../deps';
import type { JobContext, JobResult } from '../scheduler';

// ---------------------------------------------------------------------------------------------
// Failures
// ---------------------------------------------------------------------------------------------

/**
 * What a failure means for the run:
 * - auth: credentials refused or missing; the run stops, exception class 'auth'.
 * - connection: network, timeout, rate limit, server error, unreadable answer; the run stops, keeps
 *   what it did, and the scheduler backs off (exception class 'connection').
 * - refusal: the remote system refused this one record (HTTP 400, unknown record); the run goes on
 *   (exception class 'remote_refusal').
 * - locked: Ongoing refuses because the warehouse started working on the record (a conflict).
 * - unexpected: anything else (a defect); the run stops without touching the inbox.
 */
export type FailureKind = 'auth' | 'connection' | 'refusal' | 'locked' | 'unexpected';

export function failureKind(error: unknown): FailureKind {
  if (isRemoteError(error)) {
    switch (error.kind) {
      case 'auth':
        return 'auth';
      case 'locked':
        return 'locked';
      case 'validation':
      case 'not_found':
        return 'refusal';
      default:
        return 'connection';
    }
  }
  // Missing settings or secrets: the operator must act in Settings, as for refused credentials.
  if (error instanceof Error && error.name === 'NotConfiguredError') return 'auth';
  return 'unexpected';
}

/** True for failures after which the run must not send anything more. */
export function stopsTheRun(error: unknown): boolean {
  const kind = failureKind(error);
  return kind === 'auth' || kind === 'connection' || kind === 'unexpected';
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function systemName(error: unknown): string {
  if (isRemoteError(error)) return error.system === 'specter' ? 'Specter' : 'Ongoing';
  return 'the remote system';
}

const JOB_LABELS: Record<JobName, string> = {
  articles: 'The article sync',
  orders: 'The order sync',
  purchaseOrders: 'The purchase order sync',
  deliveries: 'The delivery sync',
  receipts: 'The receipt sync',
  stock: 'The stock sync',
};

/** The run-level message for the exception inbox and the run history. */
export function describeStop(job: JobName, error: unknown, doing: string): string {
  const label = JOB_LABELS[job];
  const kind = failureKind(error);
  const detail = errorText(error);
  if (kind === 'auth') {
    if (!isRemoteError(error)) return `${label} cannot run: ${detail}`;
    const system = systemName(error);
    return `${label} stopped while ${doing}: ${system} refused the credentials (${detail}). Check the ${system} settings and keys, then run the sync again.`;
  }
  if (kind === 'connection') {
    return `${label} stopped while ${doing}: ${systemName(error)} could not be reached (${detail}). What was done before is kept; the sync tries again automatically.`;
  }
  return `${label} stopped after an unexpected error while ${doing}: ${detail}`;
}

// ---------------------------------------------------------------------------------------------
// Run bookkeeping
// ---------------------------------------------------------------------------------------------

/** Counts, plan, progress and the stop reason of one run; turns them into the JobResult. */
export class JobRun {
  readonly counts: RunCounts = emptyCounts();
  readonly plan: PlannedChange[] = [];
  private stopReason: { kind: FailureKind; message: string } | null = null;
  private done = 0;
  private total = 0;
  private lastProgressAt = 0;

  constructor(
    readonly deps: SyncDeps,
    readonly job: JobName,
    readonly ctx: JobContext,
  ) {}

  get dryRun(): boolean {
    return this.ctx.dryRun;
  }

  get stopped(): boolean {
    return this.stopReason !== null;
  }

  /**
   * Stop the run because of a failure that concerns the whole job (first one wins). Auth and
   * connection failures go to the inbox under record key '*' (not in a dry run).
   */
  stop(error: unknown, doing: string): void {
    if (this.stopReason) return;
    const kind = failureKind(error);
    const message = describeStop(this.job, error, doing);
    this.stopReason = { kind, message };
    this.deps.logger.warn('sync run stopped', { job: this.job, kind, message });
    if (!this.dryRun && (kind === 'auth' || kind === 'connection')) {
      this.deps.exceptions.raise({ flow: this.job, recordKey: '*', class: kind, message });
    }
  }

  addTotal(n: number): void {
    this.total += n;
    this.report(false);
  }

  advance(n = 1): void {
    this.done += n;
    this.report(false);
  }

  planned(change: PlannedChange): void {
    if (this.dryRun) this.plan.push(change);
  }

  /** A dry run's create or update of one record: planned and counted as if it had been sent. */
  plannedUpsert(key: string, isNew: boolean, noun: string, warnings: string, payload: unknown): void {
    this.planned({
      key,
      action: isNew ? 'create' : 'update',
      message: [
        isNew ? `New ${noun}: would be created in Ongoing.` : 'Changed in Specter: would be updated in Ongoing.',
        warnings,
      ]
        .filter(Boolean)
        .join(' '),
      payload,
    });
    if (isNew) this.counts.created++;
    else this.counts.updated++;
  }

  private report(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastProgressAt < 200) return;
    this.lastProgressAt = now;
    this.ctx.progress(this.done, this.total, { ...this.counts });
  }

  finish(): JobResult {
    if (!this.stopReason && !this.dryRun) {
      // The run reached every system it needed: earlier connection/auth problems are over.
      this.deps.exceptions.clearClass(this.job, 'connection');
      this.deps.exceptions.clearClass(this.job, 'auth');
    }
    this.report(true);
    const counts = { ...this.counts };
    const plan = this.dryRun ? this.plan : undefined;
    const reason = this.stopReason;
    if (reason) {
      if (reason.kind === 'connection') {
        const progressed = counts.created + counts.updated + counts.unchanged + counts.conflicts > 0;
        return { counts, status: progressed ? 'partial' : 'failed', error: reason.message, unreachable: true, plan };
      }
      return { counts, status: 'failed', error: reason.message, plan };
    }
    if (counts.failed > 0 || counts.conflicts > 0) {
      const parts = [];
      if (counts.failed > 0) parts.push(`${counts.failed} ${this.dryRun ? 'would not be sent' : 'not sent'}`);
      if (counts.conflicts > 0) parts.push(`${counts.conflicts} in conflict`);
      const where = this.dryRun ? 'see the plan' : 'see the exception inbox';
      return { counts, status: 'partial', error: `${parts.join(', ')}: ${where}.`, plan };
    }
    return { counts, status: 'ok', plan };
  }
}

// ---------------------------------------------------------------------------------------------
// Watermarks (Specter change times: yyyy-MM-dd HH:mm:ss, Stockholm wall clock)
// ---------------------------------------------------------------------------------------------

/** changedFrom of a job's very first run: everything Specter has. */
export const INITIAL_WATERMARK = '2000-01-01 00:00:00';

/** Minutes each run reaches back before its watermark, so changes committed late are not missed. */
export const WATERMARK_OVERLAP_MINUTES = 2;

const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Wall-clock arithmetic on a Specter timestamp (minutes may be negative). */
export function shiftTimestamp(timestamp: string, minutes: number): string {
  const m = TIMESTAMP_RE.exec(timestamp);
  if (!m) throw new Error(`"${timestamp}" is not a Specter time (yyyy-MM-dd HH:mm:ss).`);
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) + minutes * 60_000;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/**
 * True in the night the Swedish clock goes back (last Sunday of October, 02:00–03:59 wall time):
 * an hour of wall-clock times repeats, so a change made after the watermark can carry an earlier time.
 */
export function inAutumnClockChange(timestamp: string): boolean {
  const m = TIMESTAMP_RE.exec(timestamp);
  if (m?.[2] !== '10') return false;
  const year = +m[1]!;
  let lastSunday = 31;
  while (new Date(Date.UTC(year, 9, lastSunday)).getUTCDay() !== 0) lastSunday--;
  const hour = +m[4]!;
  return +m[3]! === lastSunday && hour >= 2 && hour < 4;
}

/** The changedFrom for a run: the stored watermark minus the overlap (an extra hour in the DST night). */
export function changedFromFor(stored: string | null, overlapMinutes = WATERMARK_OVERLAP_MINUTES): string {
  if (!stored || !TIMESTAMP_RE.test(stored)) return INITIAL_WATERMARK;
  const from = shiftTimestamp(stored, -overlapMinutes);
  return inAutumnClockChange(stored) ? shiftTimestamp(from, -60) : from;
}

/**
 * The watermark to store after a run: the latest change time when every fetched record was handled,
 * else the change time of the first one that was not (so it is fetched again). Never moves back.
 */
export function nextWatermark(
  stored: string | null,
  fetched: readonly { changed: string; done: boolean }[],
): string | null {
  const times = fetched.filter((f) => TIMESTAMP_RE.test(f.changed));
  if (times.length === 0) return stored;
  const open = times.filter((f) => !f.done);
  const sorted = (open.length ? open : times).map((f) => f.changed).sort();
  const candidate = open.length ? sorted[0]! : sorted[sorted.length - 1]!;
  return stored && stored >= candidate ? stored : candidate;
}

// ---------------------------------------------------------------------------------------------
// Differences between the body Specter wants and the record Ongoing holds
// ---------------------------------------------------------------------------------------------

export type FieldKind = 'text' | 'date' | 'number' | 'flag';

/** One comparable field: its path in the PUT body and in Ongoing's GET model. */
export interface FieldPair {
  /** Name shown in the difference list (the PUT body path). */
  field: string;
  /** Path in the body sent to Ongoing. */
  sent: string;
  /** Path in Ongoing's GET model. */
  stored: string;
  kind?: FieldKind;
}

/**
 * Reads a dotted path from a GET model. undefined when Ongoing does not return the field at all (it
 * is then not compared), null when it returns it empty (a parent that is null counts as empty).
 */
export function readReturned(source: unknown, path: string): unknown {
  let node: unknown = source;
  for (const step of path.split('.')) {
    if (node === null) return null;
    if (typeof node !== 'object' || node === undefined || Array.isArray(node)) return undefined;
    if (!Object.hasOwn(node, step)) return undefined;
    node = (node as Record<string, unknown>)[step];
  }
  return node;
}

/** A value as compared and shown: '' for empty, dates as yyyy-MM-dd, numbers without float noise. */
export function normalizeValue(value: unknown, kind: FieldKind = 'text'): string {
  if (value === null || value === undefined) return '';
  if (kind === 'flag') return value === true ? 'yes' : value === false ? 'no' : String(value);
  if (kind === 'number') {
    const n = typeof value === 'number' ? value : Number(String(value).trim());
    return String(value).trim() === '' ? '' : Number.isFinite(n) ? String(roundDecimal(n)) : String(value).trim();
  }
  const text = String(value).trim();
  if (kind === 'date') return ongoingDateToLocalDate(text) ?? text;
  return text;
}

/** Field-by-field differences of one object; fields Ongoing does not return are skipped. */
export function compareFields(
  sent: unknown,
  stored: unknown,
  pairs: readonly FieldPair[],
  prefix = '',
): FieldDifference[] {
  const out: FieldDifference[] = [];
  for (const pair of pairs) {
    const storedValue = readReturned(stored, pair.stored);
    if (storedValue === undefined) continue;
    const a = normalizeValue(getPath(sent, pair.sent), pair.kind);
    const b = normalizeValue(storedValue, pair.kind);
    if (a !== b) out.push({ field: `${prefix}${pair.field}`, specter: a, ongoing: b });
  }
  return out;
}

export interface LineComparison<S, G> {
  /** List name used in field names, e.g. 'orderLines'. */
  list: string;
  sent: readonly S[];
  stored: readonly G[];
  sentKey: (line: S) => string;
  storedKey: (line: G) => string;
  pairs: readonly FieldPair[];
  /** Short text of a line that exists on one side only, e.g. 'A-100 × 2'. */
  describeSent: (line: S) => string;
  describeStored: (line: G) => string;
}

/** Line-by-line differences, lines matched by key; a line on one side only is one difference. */
export function compareLines<S, G>(c: LineComparison<S, G>): FieldDifference[] {
  const out: FieldDifference[] = [];
  const stored = new Map(c.stored.map((line) => [c.storedKey(line), line]));
  const seen = new Set<string>();
  for (const line of c.sent) {
    const key = c.sentKey(line);
    seen.add(key);
    const match = stored.get(key);
    if (!match) {
      out.push({ field: `${c.list}[${key}]`, specter: c.describeSent(line), ongoing: '' });
      continue;
    }
    out.push(...compareFields(line, match, c.pairs, `${c.list}[${key}].`));
  }
  for (const [key, line] of stored) {
    if (!seen.has(key)) out.push({ field: `${c.list}[${key}]`, specter: '', ongoing: c.describeStored(line) });
  }
  return out;
}

/** Differences as one line of text for messages and plans. */
export function formatDifferences(differences: readonly FieldDifference[], max = 8): string {
  const shown = differences
    .slice(0, max)
    .map((d) => `${d.field}: Specter "${d.specter}", Ongoing "${d.ongoing}"`)
    .join('; ');
  return differences.length > max ? `${shown}; and ${differences.length - max} more` : shown;
}

// ---------------------------------------------------------------------------------------------
// Problems found by validation
// ---------------------------------------------------------------------------------------------

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Why a record was not sent: the record, each field in error and what to do (from validation). */
export function describeProblems(record: string, problems: readonly MappingProblem[]): string {
  const errors = problems.filter((p) => p.severity === 'error');
  return `${capitalize(record)} was not sent to Ongoing. ${errors.map((p) => `[${p.field}] ${p.message}`).join(' ')}`;
}

/** Warnings kept on the record (shown in the UI); '' when there are none. */
export function warningsText(problems: readonly MappingProblem[]): string {
  return problems
    .filter((p) => p.severity === 'warning')
    .map((p) => `[${p.field}] ${p.message}`)
    .join(' ');
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

export type WriteOutcome<T> = { status: 'ok'; value: T } | { status: 'error'; error: unknown } | { status: 'skipped' };

/**
 * Runs remote tasks one at a time in submission order. The caller submits tasks ahead, so the next
 * request starts the moment the previous one is answered; the caller's handling of an outcome
 * (recording it in SQLite) runs after the next request is on its way, while the remote side works.
 * After a failure that stops the run, the tasks still waiting are skipped, not sent.
 */
export class SerialWriter {
  private readonly queue: { task: () => Promise<unknown>; resolve: (outcome: WriteOutcome<unknown>) => void }[] = [];
  private running = false;
  private halted = false;

  constructor(private readonly isFatal: (error: unknown) => boolean = stopsTheRun) {}

  get stopped(): boolean {
    return this.halted;
  }

  halt(): void {
    this.halted = true;
  }

  submit<T>(task: () => Promise<T>): Promise<WriteOutcome<T>> {
    return new Promise<WriteOutcome<T>>((resolve) => {
      this.queue.push({ task, resolve: resolve as (outcome: WriteOutcome<unknown>) => void });
      if (!this.running) this.pump();
    });
  }

  private pump(): void {
    const next = this.queue.shift();
    if (!next) {
      this.running = false;
      return;
    }
    this.running = true;
    if (this.halted) {
      next.resolve({ status: 'skipped' });
      this.pump();
      return;
    }
    let started: Promise<unknown>;
    try {
      started = next.task();
    } catch (error) {
      started = Promise.reject(error);
    }
    started.then(
      (value) => this.settle(next.resolve, { status: 'ok', value }),
      (error: unknown) => {
        if (this.isFatal(error)) this.halted = true;
        this.settle(next.resolve, { status: 'error', error });
      },
    );
  }

  private settle(resolve: (outcome: WriteOutcome<unknown>) => void, outcome: WriteOutcome<unknown>): void {
    this.pump();
    // Hand the outcome over only after the next request has been dispatched.
    setImmediate(() => setImmediate(() => resolve(outcome)));
  }
}

/** Let pending I/O (answers of requests in flight) run between chunks of CPU work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * SQLite writes that need no remote call (invalid records, records that became valid again),
 * grouped into transactions; `flush` can add a last write (the watermark) to the same transaction.
 */
export class LocalWrites {
  private pending: (() => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly batchSize = 200,
  ) {}

  add(write: () => void): void {
    this.pending.push(write);
    if (this.pending.length >= this.batchSize) this.flush();
  }

  flush(last?: () => void): void {
    const writes = this.pending;
    this.pending = [];
    if (writes.length === 0 && !last) return;
    this.db.transaction(() => {
      for (const write of writes) write();
      last?.();
    })();
  }
}

/** The parts of a stored record a job decides on (read with one prepared statement per run). */
export interface RecordView {
  key: string;
  specterId: string;
  ongoingId: number | null;
  state: RecordState;
  ongoingStatus: number | null;
  payloadHash: string | null;
  specterChanged: string;
  message: string;
}

/** Looks up records of one flow by key; cheaper than the repository's full read in a hot loop. */
export class RecordLookup {
  private readonly statement: Statement<[string, string], RecordViewRow>;

  constructor(
    db: Db,
    private readonly flow: SyncedRecord['flow'],
  ) {
    this.statement = db.prepare(
      `SELECT key, specter_id, ongoing_id, state, ongoing_status, payload_hash, specter_changed, message
       FROM records WHERE flow = ? AND key = ?`,
    );
  }

  get(key: string): RecordView | null {
    const row = this.statement.get(this.flow, key);
    if (!row) return null;
    return {
      key: row.key,
      specterId: row.specter_id,
      ongoingId: row.ongoing_id,
      state: row.state,
      ongoingStatus: row.ongoing_status,
      payloadHash: row.payload_hash,
      specterChanged: row.specter_changed,
      message: row.message,
    };
  }
}

interface RecordViewRow {
  key: string;
  specter_id: string;
  ongoing_id: number | null;
  state: RecordState;
  ongoing_status: number | null;
  payload_hash: string | null;
  specter_changed: string;
  message: string;
}

/** Article numbers Ongoing has (articles this app created or updated there). */
export function knownArticleNumbers(db: Db): Set<string> {
  const rows = db.prepare(`SELECT key FROM records WHERE flow = 'articles' AND ongoing_id IS NOT NULL`).all() as {
    key: string;
  }[];
  return new Set(rows.map((r) => r.key));
}

/** Records of a job with an open validation or refusal exception: re-read and retried on every run. */
export function openRetryKeys(db: Db, job: JobName): Set<string> {
  const rows = db
    .prepare(
      `SELECT DISTINCT record_key AS key FROM exceptions
       WHERE flow = ? AND state = 'open' AND class IN ('validation', 'remote_refusal') AND record_key <> '*'`,
    )
    .all(job) as { key: string }[];
  return new Set(rows.map((r) => r.key));
}

// ---------------------------------------------------------------------------------------------
// The document engine (sales orders and purchase orders)
// ---------------------------------------------------------------------------------------------

export interface RemoteStatus {
  number: number;
  text: string;
}

/** A document as Ongoing holds it. */
export interface RemoteDocument {
  id: number;
  status: RemoteStatus | null;
  /** The GET model, for differences. */
  model: unknown;
}

/** The Ongoing side of a document flow. */
export interface DocumentRemote<B> {
  upsert(body: B): Promise<{ id: number; created: boolean | null }>;
  cancel(id: number): Promise<void>;
  /** By Ongoing id when known, else by business number; null when Ongoing does not have it. */
  read(id: number | null, number: string): Promise<RemoteDocument | null>;
  diff(body: B, model: unknown): FieldDifference[];
  /**
   * Apply the fields Ongoing still allows to change on a started document (PATCH endpoints) where
   * they differ. Returns the difference fields applied and notes for the operator.
   */
  applyAllowed?(
    id: number,
    body: B,
    differences: readonly FieldDifference[],
    record: string,
  ): Promise<{ applied: string[]; notes: string[] }>;
}

/** Everything that differs between sales orders and purchase orders. */
export interface DocumentFlow<D, B> {
  job: 'orders' | 'purchaseOrders';
  /** 'order', 'purchase order' */
  noun: string;
  /** Ongoing status from which the warehouse has started and the document may no longer be replaced. */
  lockStatus: number;
  /** Documents changed at or after changedFrom, de-duplicated. */
  fetchChanged(changedFrom: string): Promise<D[]>;
  /** One document again (for records waiting in the inbox); null when Specter no longer has it. */
  refetch(specterId: string): Promise<D | null>;
  /** Whether a re-read document still matches the flow's filter. */
  wanted(doc: D): boolean;
  specterId(doc: D): string;
  /** Business key (order number, purchase number). */
  key(doc: D): string;
  changed(doc: D): string;
  cancelled(doc: D): boolean;
  recordName(doc: D): string;
  summary(doc: D): Record<string, string | number>;
  prepare(doc: D, knownArticles: ReadonlySet<string>): PreparedRecord<B>;
  /** null when Ongoing is not configured (only possible in a dry run). */
  remote: DocumentRemote<B> | null;
}

interface DocItem<D> {
  doc: D;
  key: string;
  changed: string;
  /** Has an open validation/refusal exception: retried even when its Specter version was seen. */
  retry: boolean;
  done: boolean;
}

/** The fields every record write of a document carries. */
interface RecordBase {
  flow: 'orders' | 'purchaseOrders';
  key: string;
  specterId: string;
  specterChanged: string;
  summary: Record<string, string | number>;
}

type TaskResult =
  | { type: 'upserted'; id: number; created: boolean; status: RemoteStatus | null }
  | { type: 'cancelled' }
  | {
      type: 'conflict';
      reason: 'update' | 'cancel';
      remote: RemoteDocument | null;
      differences: FieldDifference[];
      applied: string[];
      notes: string[];
    };

function statusText(status: RemoteStatus | null): string {
  return status ? `${status.text} (${status.number})` : 'unknown';
}

/**
 * One run of a document flow: fetch what changed since the watermark (with overlap), add records
 * waiting in the inbox, then per document decide create / update / unchanged / conflict / cancel /
 * invalid and carry it out (or only plan it in a dry run). The watermark moves after the fetched
 * documents are recorded, in one transaction with the last local writes, and never past a document
 * that could not be sent for a connection reason.
 */
export async function runDocumentJob<D, B>(
  deps: SyncDeps,
  ctx: JobContext,
  flow: DocumentFlow<D, B>,
): Promise<JobResult> {
  const run = new JobRun(deps, flow.job, ctx);
  const { records, exceptions } = deps;
  const noun = flow.noun;
  const stored = deps.watermarks.get(flow.job);

  let fetched: D[];
  try {
    fetched = await flow.fetchChanged(changedFromFor(stored));
  } catch (error) {
    run.stop(error, `reading changed ${noun}s from Specter`);
    return run.finish();
  }

  const retryKeys = openRetryKeys(deps.db, flow.job);
  const lookup = new RecordLookup(deps.db, flow.job);
  const byKey = new Map<string, D>();
  for (const doc of fetched) {
    const key = flow.key(doc);
    const previous = byKey.get(key);
    if (!previous || flow.changed(doc) >= flow.changed(previous)) byKey.set(key, doc);
  }
  const listed: DocItem<D>[] = [...byKey.entries()]
    .map(([key, doc]) => ({
      doc,
      key,
      changed: flow.changed(doc),
      retry: retryKeys.has(key),
      done: false,
    }))
    .sort((a, b) => (a.changed < b.changed ? -1 : a.changed > b.changed ? 1 : 0));
  run.counts.fetched += listed.length;
  run.addTotal(listed.length);

  let known: Set<string> | null = null;
  const knownArticles = () => {
    known ??= knownArticleNumbers(deps.db);
    return known;
  };
  const local = new LocalWrites(deps.db);
  const writer = new SerialWriter();
  const remote = flow.remote;

  const finishItem = (item: DocItem<D>) => {
    item.done = true;
    run.advance();
  };

  /** Reads the Ongoing document; in a dry run a failed read only makes the plan less precise. */
  const readRemote = async (record: RecordView | null, key: string): Promise<RemoteDocument | null> => {
    if (!remote) return null;
    return remote.read(record?.ongoingId ?? null, key);
  };

  const conflictTask = async (
    item: DocItem<D>,
    record: RecordView | null,
    body: B | null,
    reason: 'update' | 'cancel',
    known?: RemoteDocument | null,
  ): Promise<TaskResult> => {
    const current = known !== undefined ? known : await readRemote(record, item.key);
    if (reason === 'cancel') {
      return {
        type: 'conflict',
        reason,
        remote: current,
        differences: [{ field: 'status', specter: 'cancelled', ongoing: statusText(current?.status ?? null) }],
        applied: [],
        notes: [],
      };
    }
    if (!current || !body || !remote) {
      // Ongoing refused the change as locked but the document cannot be read back: nothing to compare.
      throw new RemoteError({
        system: 'ongoing',
        kind: 'not_found',
        operation: 'read',
        message: `Ongoing refused the change to ${flow.recordName(item.doc)} because work has started, but the ${noun} could not be read back to compare it. Check it in Ongoing.`,
      });
    }
    const differences = remote.diff(body, current.model);
    let applied: string[] = [];
    let notes: string[] = [];
    if (remote.applyAllowed && differences.length > 0) {
      ({ applied, notes } = await remote.applyAllowed(current.id, body, differences, flow.recordName(item.doc)));
    }
    return {
      type: 'conflict',
      reason,
      remote: current,
      differences: differences.filter((d) => !applied.includes(d.field)),
      applied,
      notes,
    };
  };

  const upsertTask = async (item: DocItem<D>, record: RecordView | null, body: B): Promise<TaskResult> => {
    if (!remote) throw new Error('Ongoing is not configured.');
    let status: RemoteStatus | null = null;
    if (record?.ongoingId != null) {
      // An update: ask Ongoing first whether the warehouse has started, so a started document is never replaced.
      let current: RemoteDocument | null = null;
      try {
        current = await readRemote(record, item.key);
      } catch (error) {
        // Gone from Ongoing (e.g. removed there by hand): the PUT below creates it again.
        if (failureKind(error) !== 'refusal') throw error;
      }
      if (current?.status && current.status.number >= flow.lockStatus) {
        return conflictTask(item, record, body, 'update', current);
      }
      status = current?.status ?? null;
    }
    try {
      const result = await remote.upsert(body);
      return { type: 'upserted', id: result.id, created: result.created ?? record?.ongoingId == null, status };
    } catch (error) {
      // Ongoing refuses: the warehouse started in the meantime (or the app did not know the document).
      if (failureKind(error) !== 'locked') throw error;
      return conflictTask(item, record, body, 'update');
    }
  };

  const cancelTask = async (item: DocItem<D>, record: RecordView): Promise<TaskResult> => {
    if (!remote) throw new Error('Ongoing is not configured.');
    if (record.ongoingStatus !== null && record.ongoingStatus >= flow.lockStatus) {
      return conflictTask(item, record, null, 'cancel');
    }
    try {
      await remote.cancel(record.ongoingId as number);
      return { type: 'cancelled' };
    } catch (error) {
      if (failureKind(error) !== 'locked') throw error;
      return conflictTask(item, record, null, 'cancel');
    }
  };

  const conflictMessage = (name: string, result: Extract<TaskResult, { type: 'conflict' }>): string => {
    const status = statusText(result.remote?.status ?? null);
    if (result.reason === 'cancel') {
      return (
        `${capitalize(name)} was cancelled in Specter, but the warehouse has already started working on it in Ongoing ` +
        `(status ${status}), so it was not cancelled there. Stop it in the warehouse by hand, or restore it in Specter, ` +
        'then resolve this entry.'
      );
    }
    const applied = result.applied.length ? ` Applied in Ongoing: ${result.applied.join(', ')}.` : '';
    const notes = result.notes.length ? ` ${result.notes.join(' ')}` : '';
    return (
      `${capitalize(name)} was changed in Specter after the warehouse started working on it in Ongoing (status ${status}), ` +
      `so the change was not sent.${applied} Still different: ${formatDifferences(result.differences)}.${notes} ` +
      'Agree the change with the warehouse and make it in Ongoing by hand (or undo it in Specter), then resolve this entry.'
    );
  };

  const handleOutcome = (
    item: DocItem<D>,
    outcome: WriteOutcome<TaskResult>,
    base: RecordBase,
    hash: string | null,
    warnings: string,
  ) => {
    const name = flow.recordName(item.doc);
    if (outcome.status === 'skipped') return;
    if (outcome.status === 'error') {
      const kind = failureKind(outcome.error);
      if (kind === 'refusal' || kind === 'locked') {
        const message = `Ongoing refused ${name}: ${errorText(outcome.error)} Correct the ${noun} in Specter; it is tried again on every run.`;
        records.upsert({ ...base, state: 'failed', message });
        exceptions.raise({ flow: flow.job, recordKey: item.key, class: 'remote_refusal', message });
        run.counts.failed++;
        finishItem(item);
        return;
      }
      run.counts.failed++;
      run.stop(outcome.error, `sending ${name} to Ongoing`);
      return;
    }
    const result = outcome.value;
    if (result.type === 'upserted') {
      records.upsert({
        ...base,
        ongoingId: result.id,
        ...(result.status ? { ongoingStatus: result.status.number, ongoingStatusText: result.status.text } : {}),
        state: 'synced',
        payloadHash: hash,
        message: warnings,
        sent: true,
      });
      exceptions.clear(flow.job, item.key);
      if (result.created) run.counts.created++;
      else run.counts.updated++;
    } else if (result.type === 'cancelled') {
      records.upsert({
        ...base,
        state: 'cancelled',
        message: `Cancelled in Ongoing because the ${noun} was cancelled in Specter.`,
        sent: true,
      });
      exceptions.clear(flow.job, item.key);
      run.counts.updated++;
    } else {
      const status = result.remote?.status ?? null;
      const statusFields = status ? { ongoingStatus: status.number, ongoingStatusText: status.text } : {};
      const ongoingId = result.remote ? { ongoingId: result.remote.id } : {};
      if (result.reason === 'update' && result.differences.length === 0) {
        const applied = result.applied.length ? `Applied in Ongoing: ${result.applied.join(', ')}.` : '';
        records.upsert({
          ...base,
          ...ongoingId,
          ...statusFields,
          state: 'synced',
          payloadHash: hash,
          message: [applied, ...result.notes, warnings].filter(Boolean).join(' '),
          sent: result.applied.length > 0,
        });
        exceptions.clear(flow.job, item.key);
        run.counts.updated++;
      } else {
        const message = conflictMessage(name, result);
        records.upsert({
          ...base,
          ...ongoingId,
          ...statusFields,
          state: 'conflict',
          ...(result.reason === 'update' ? { payloadHash: hash } : {}),
          message,
          sent: result.applied.length > 0,
        });
        exceptions.clear(flow.job, item.key, ['validation', 'remote_refusal']);
        exceptions.raise({
          flow: flow.job,
          recordKey: item.key,
          class: 'conflict',
          message,
          differences: result.differences,
        });
        run.counts.conflicts++;
      }
    }
    finishItem(item);
  };

  const pending: Promise<void>[] = [];

  const processItem = async (item: DocItem<D>): Promise<void> => {
    const { doc, key } = item;
    const record = lookup.get(key);
    const name = flow.recordName(doc);
    const base: RecordBase = {
      flow: flow.job,
      key,
      specterId: flow.specterId(doc),
      specterChanged: item.changed,
      summary: flow.summary(doc),
    };
    const unchanged = (message?: string) => {
      run.counts.unchanged++;
      run.planned({ key, action: 'unchanged', ...(message ? { message } : {}) });
      finishItem(item);
    };

    // The same Specter version was already handled and left for the operator (conflict, invalid,
    // refused): seen again in the watermark overlap, it is not handled twice.
    if (
      record &&
      !item.retry &&
      record.specterChanged === item.changed &&
      (record.state === 'conflict' || record.state === 'invalid' || record.state === 'failed')
    ) {
      unchanged(`Already handled: ${record.message || record.state}`);
      return;
    }

    if (flow.cancelled(doc)) {
      if (record?.state === 'cancelled') {
        unchanged('Cancelled in Specter and in Ongoing.');
        return;
      }
      if (record?.ongoingId == null) {
        const message = `The ${noun} was cancelled in Specter before it was sent to Ongoing; nothing to cancel there.`;
        run.planned({ key, action: 'cancel', message });
        if (!run.dryRun) {
          local.add(() => {
            records.upsert({ ...base, state: 'cancelled', message });
            exceptions.clear(flow.job, key);
          });
        }
        run.counts.unchanged++;
        finishItem(item);
        return;
      }
      if (run.dryRun) {
        let current: RemoteDocument | null = null;
        try {
          current = await readRemote(record, key);
        } catch {
          current = null;
        }
        const status = current?.status?.number ?? record.ongoingStatus;
        if (status !== null && status >= flow.lockStatus) {
          run.planned({
            key,
            action: 'conflict',
            message: `Cancelled in Specter, but the warehouse has started (status ${statusText(current?.status ?? null)}): would not be cancelled.`,
          });
          run.counts.conflicts++;
        } else {
          run.planned({ key, action: 'cancel', message: `Cancelled in Specter: would be cancelled in Ongoing.` });
          run.counts.updated++;
        }
        finishItem(item);
        return;
      }
      pending.push(
        writer.submit(() => cancelTask(item, record)).then((outcome) => handleOutcome(item, outcome, base, null, '')),
      );
      return;
    }

    const prepared = flow.prepare(doc, knownArticles());
    if (!prepared.body) {
      const message = describeProblems(name, prepared.problems);
      run.planned({ key, action: 'invalid', message });
      if (!run.dryRun) {
        local.add(() => {
          records.upsert({ ...base, state: 'invalid', message });
          exceptions.raise({ flow: flow.job, recordKey: key, class: 'validation', message });
        });
      }
      run.counts.failed++;
      finishItem(item);
      return;
    }
    const body = prepared.body;
    const hash = payloadHash(body);
    const warnings = warningsText(prepared.problems);

    if (record && record.payloadHash === hash && record.state !== 'cancelled') {
      if (record.state === 'invalid' || record.state === 'failed') {
        // Back to what Ongoing already holds: nothing to send, the problem is gone.
        if (!run.dryRun) {
          local.add(() => {
            records.upsert({ ...base, state: 'synced', message: warnings });
            exceptions.clear(flow.job, key);
          });
        }
      }
      unchanged();
      return;
    }

    const isNew = record?.ongoingId == null;
    if (run.dryRun) {
      let current: RemoteDocument | null = null;
      if (!isNew) {
        try {
          current = await readRemote(record, key);
        } catch {
          current = null;
        }
      }
      const status = current?.status?.number ?? record?.ongoingStatus ?? null;
      if (!isNew && status !== null && status >= flow.lockStatus) {
        const differences = current && remote ? remote.diff(body, current.model) : [];
        run.planned({
          key,
          action: 'conflict',
          message:
            `The warehouse has started (status ${statusText(current?.status ?? null)}): would not be replaced. ` +
            `Differences: ${differences.length ? formatDifferences(differences) : 'none found'}.`,
          payload: body,
        });
        run.counts.conflicts++;
      } else {
        run.plannedUpsert(key, isNew, noun, warnings, body);
      }
      finishItem(item);
      return;
    }
    pending.push(
      writer
        .submit(() => upsertTask(item, record, body))
        .then((outcome) => handleOutcome(item, outcome, base, hash, warnings)),
    );
  };

  const processAll = async (items: DocItem<D>[]) => {
    let sinceYield = 0;
    for (const item of items) {
      if (run.stopped || writer.stopped) break;
      try {
        await processItem(item);
      } catch (error) {
        run.stop(error, `handling ${flow.recordName(item.doc)}`);
        break;
      }
      if (++sinceYield >= 2) {
        sinceYield = 0;
        await yieldToEventLoop();
      }
    }
    await Promise.all(pending.splice(0));
  };

  await processAll(listed);
  const watermark = run.dryRun ? stored : nextWatermark(stored, listed);
  local.flush(
    !run.dryRun && watermark && watermark !== stored ? () => deps.watermarks.set(flow.job, watermark) : undefined,
  );

  // Records waiting in the inbox (invalid or refused) that this run's list did not bring: read again.
  if (!run.stopped) {
    const listedKeys = new Set(listed.map((i) => i.key));
    const retries: DocItem<D>[] = [];
    for (const key of retryKeys) {
      if (listedKeys.has(key) || run.stopped) continue;
      const record = lookup.get(key);
      if (!record?.specterId) continue;
      let doc: D | null;
      try {
        doc = await flow.refetch(record.specterId);
      } catch (error) {
        if (failureKind(error) === 'refusal') continue;
        run.stop(error, `reading ${noun} ${key} again from Specter`);
        break;
      }
      if (!doc || !(flow.wanted(doc) || flow.cancelled(doc))) continue;
      retries.push({ doc, key, changed: flow.changed(doc), retry: true, done: false });
    }
    run.counts.fetched += retries.length;
    run.addTotal(retries.length);
    await processAll(retries);
    local.flush();
  }
  return run.finish();
}

/**
 * The two clients a Specter → Ongoing job needs. When one cannot be built (settings or secrets missing),
 * the run is stopped with the reason; a dry run may go on without Ongoing.
 */
export function connectClients(
  deps: SyncDeps,
  job: JobName,
  ctx: JobContext,
): { specter: SpecterClient; ongoing: OngoingClient | null } | { stopped: JobResult } {
  let specter: SpecterClient;
  try {
    specter = deps.clients.specter();
  } catch (error) {
    const run = new JobRun(deps, job, ctx);
    run.stop(error, 'connecting to Specter');
    return { stopped: run.finish() };
  }
  try {
    return { specter, ongoing: deps.clients.ongoing() };
  } catch (error) {
    if (ctx.dryRun) return { specter, ongoing: null };
    const run = new JobRun(deps, job, ctx);
    run.stop(error, 'connecting to Ongoing');
    return { stopped: run.finish() };
  }
}

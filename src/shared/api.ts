/**
 * The one contract between the renderer and the main process. Both transports (Electron IPC via the
 * preload bridge, and the loopback HTTP bridge) expose exactly these methods, validate every input
 * with the schema below, and return results in the same envelope.
 *
 * Adding a method: add its input schema to `apiInputSchemas` and its result type to `ApiOutputs`.
 * Type-checking then fails until the core service, the preload bridge and the HTTP client know it.
 */
import { z } from 'zod';
import { SECRET_NAMES, type SecretName, secretNameSchema } from './credentials';
import type { DoctorReport } from './doctor';
import type { Posting, StockReport } from './domain/postings';
import type { Health } from './health';
import type { MessageRef } from './messages';
import type { TrayPage } from './tray-model';
import type { AuditEntryDetail, AuditPage, RecordTimeline } from './tracker';
import {
  JOB_NAMES,
  type JobState,
  type PlannedChange,
  type RecordPage,
  type SyncException,
  type SyncProgress,
  type SyncRunSummary,
} from './domain/sync';
import { type Settings, settingsPatchSchema } from './settings';

export type RemoteSystemName = 'specter' | 'ongoing';

const empty = z.object({}).strict();
const jobName = z.enum(JOB_NAMES);

export const apiInputSchemas = {
  getStatus: empty,
  getHealth: empty,
  createSupportBundle: empty,
  runDiagnostics: empty,
  getSettings: empty,
  updateSettings: z.object({ patch: settingsPatchSchema }).strict(),
  setCredentials: z
    .object({
      values: z
        .partialRecord(secretNameSchema, z.string().min(1, 'a secret cannot be empty').max(1000))
        .refine((v) => Object.keys(v).length > 0, 'give at least one secret'),
    })
    .strict(),
  hasCredentials: empty,
  clearCredentials: z.object({ names: z.array(secretNameSchema).optional() }).strict(),
  testConnection: z.object({ system: z.enum(['specter', 'ongoing']) }).strict(),
  listJobs: empty,
  syncNow: z.object({ job: jobName.optional(), dryRun: z.boolean().optional() }).strict(),
  setPaused: z.object({ jobs: z.union([z.literal('all'), z.array(jobName).min(1)]), paused: z.boolean() }).strict(),
  listRuns: z.object({ job: jobName.optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
  listRecords: z
    .object({
      flow: z.enum(['articles', 'orders', 'purchaseOrders']),
      search: z.string().max(200).optional(),
      state: z.enum(['synced', 'pending', 'conflict', 'invalid', 'failed', 'cancelled']).optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(20_000).optional(),
    })
    .strict(),
  listExceptions: z
    .object({ state: z.enum(['open', 'resolved', 'ignored']).optional(), flow: jobName.optional() })
    .strict(),
  decideException: z
    .object({
      id: z.number().int().positive(),
      action: z.enum(['retry', 'resolve', 'ignore']),
      reason: z.string().trim().max(500).optional(),
    })
    .strict()
    .refine((v) => v.action !== 'ignore' || Boolean(v.reason), {
      message: 'ignoring an exception needs a reason',
      path: ['reason'],
    }),
  listPostings: z
    .object({
      kind: z.enum(['delivery', 'receipt']),
      states: z
        .array(z.enum(['proposed', 'held', 'rejected', 'confirmed', 'sending', 'done', 'failed', 'in_doubt']))
        .optional(),
    })
    .strict(),
  decidePostings: z
    .object({
      ids: z.array(z.number().int().positive()).min(1, 'select at least one posting').max(500),
      decision: z.enum(['confirm', 'hold', 'reject', 'mark_done', 'send_again']),
      reason: z.string().trim().max(500).optional(),
    })
    .strict()
    .refine((v) => v.decision !== 'reject' || Boolean(v.reason), {
      message: 'rejecting needs a reason',
      path: ['reason'],
    }),
  setPostingOptions: z
    .object({
      id: z.number().int().positive(),
      sendEmail: z.boolean().optional(),
      createInvoice: z.boolean().optional(),
    })
    .strict(),
  getStockReport: empty,
  refreshStock: empty,
  pushStock: z
    .object({
      articleNos: z.union([
        z.literal('all'),
        z.array(z.string().min(1).max(100)).min(1, 'select at least one article').max(20_000),
      ]),
    })
    .strict(),
  listAudit: z
    .object({
      search: z.string().max(200).optional(),
      errorsOnly: z.boolean().optional(),
      flow: z.enum(['deliveries', 'receipts', 'stock', 'sync', 'settings']).optional(),
      from: z.iso.datetime().max(40).optional(),
      to: z.iso.datetime().max(40).optional(),
      before: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    })
    .strict(),
  getAuditEntry: z.object({ id: z.number().int().positive() }).strict(),
  getRecordTimeline: z
    .object({ flow: z.enum(['orders', 'purchaseOrders']), key: z.string().trim().min(1).max(100) })
    .strict(),
  getWarehouseStatuses: empty,
} as const;

export type ApiMethod = keyof typeof apiInputSchemas;
export type ApiInput<M extends ApiMethod> = z.infer<(typeof apiInputSchemas)[M]>;

export interface ConnectionState {
  system: RemoteSystemName;
  state: 'unknown' | 'ok' | 'failed' | 'not_configured';
  /** In English (log); the UI says `ref` in its language. */
  message: string;
  ref: MessageRef | null;
  checkedAt: string | null;
}

export interface AppStatus {
  version: string;
  mode: 'electron' | 'headless';
  demo: boolean;
  dataDir: string;
  keychain: { available: boolean; message: string };
  schemaVersion: number;
  connections: Record<RemoteSystemName, ConnectionState>;
  startedAt: string;
}

export interface ApiOutputs {
  getStatus: AppStatus;
  getHealth: Health;
  createSupportBundle: { file: string; bytes: number };
  runDiagnostics: DoctorReport;
  getSettings: Settings;
  updateSettings: Settings;
  setCredentials: Record<SecretName, boolean>;
  hasCredentials: Record<SecretName, boolean>;
  clearCredentials: Record<SecretName, boolean>;
  testConnection: ConnectionState;
  listJobs: JobState[];
  syncNow: { run: SyncRunSummary; plan?: PlannedChange[] }[];
  setPaused: JobState[];
  listRuns: SyncRunSummary[];
  listRecords: RecordPage;
  listExceptions: SyncException[];
  decideException: SyncException;
  listPostings: Posting[];
  decidePostings: { id: number; ok: boolean; message: string; refs: MessageRef[]; posting: Posting | null }[];
  setPostingOptions: Posting;
  getStockReport: StockReport;
  refreshStock: StockReport;
  pushStock: { pushed: string[]; heldBack: { articleNo: string; reason: string; ref: MessageRef }[] };
  listAudit: AuditPage;
  getAuditEntry: AuditEntryDetail;
  getRecordTimeline: RecordTimeline;
  getWarehouseStatuses: { orders: StatusText[]; purchaseOrders: StatusText[] };
}

export interface StatusText {
  number: number;
  text: string;
}

export interface AuditRecord {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
}

/** Events pushed from main to every open renderer. */
export type AppEvent =
  | { type: 'status'; status: AppStatus }
  | { type: 'settings'; settings: Settings }
  | { type: 'connection'; connection: ConnectionState }
  | { type: 'jobs'; jobs: JobState[] }
  | { type: 'progress'; progress: SyncProgress }
  /** The app's health, recomputed after every real remote call, run and outbox change. */
  | { type: 'health'; health: Health }
  /** A posting changed (state, acknowledgement, options, evidence, or a new proposal): lists follow the outbox. */
  | {
      type: 'posting';
      id: number;
      kind: 'delivery' | 'receipt';
      state: Posting['state'];
      ackState: Posting['ackState'];
    }
  /** Open a page (from the tray menu or a notification). */
  | { type: 'navigate'; page: TrayPage };

export type ApiMethods = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiOutputs[M]> };

export interface Api extends ApiMethods {
  /** Subscribe to events; returns the unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
}

export const API_METHODS = Object.keys(apiInputSchemas) as ApiMethod[];

export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(apiInputSchemas, name);
}

/** Error codes that cross the transport; messages are meant for the operator. */
export type ApiErrorCode = 'invalid_input' | 'unknown_method' | 'unavailable' | 'failed' | 'unauthorized';

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
}

export type ApiEnvelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

/** Turn zod issues into one sentence that names each offending field. */
export function describeIssues(method: string, error: z.ZodError): string {
  const parts = error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.join('.') : 'input';
    return `${path}: ${issue.message}`;
  });
  return `Invalid input for ${method}: ${parts.join('; ')}`;
}

/** Validate a call's input; throws ApiError('invalid_input') with a clear message. */
export function parseApiInput<M extends ApiMethod>(method: M, input: unknown): ApiInput<M> {
  const result = apiInputSchemas[method].safeParse(input ?? {});
  if (!result.success) throw new ApiError('invalid_input', describeIssues(method, result.error));
  return result.data as ApiInput<M>;
}

export const ALL_SECRET_NAMES: readonly SecretName[] = SECRET_NAMES;

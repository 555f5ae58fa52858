/** Shared types of the scheduled sync: jobs, runs, synced records and the exception inbox. */
import type { MessageRef } from '../messages';

export const JOB_NAMES = ['articles', 'orders', 'purchaseOrders', 'deliveries', 'receipts', 'stock'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** Counters every run reports; a job fills those that apply. */
export interface RunCounts {
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  failed: number;
  /** Proposals created (deliveries / receipts) or articles pushed (stock). */
  proposed?: number;
  /** Of the unchanged: records met for the first time and found in Ongoing as they are, linked without a write. */
  adopted?: number;
}

export const emptyCounts = (): RunCounts => ({
  fetched: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  conflicts: 0,
  failed: 0,
});

export type RunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'interrupted';

export interface SyncRunSummary {
  id: number;
  job: JobName;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  dryRun: boolean;
  counts: Partial<RunCounts>;
  /** The run's problem in English (for logs); the UI says `errorRefs` in its language. */
  error: string | null;
  errorRefs: MessageRef[];
}

export interface JobState {
  job: JobName;
  enabled: boolean;
  paused: boolean;
  running: boolean;
  intervalSeconds: number;
  lastRun: SyncRunSummary | null;
  nextRunAt: string | null;
  /** Set while the job waits because a remote system was unreachable. */
  backoffUntil: string | null;
  lastError: string | null;
  lastErrorRefs: MessageRef[];
}

/** What a dry run would do with one record. */
export interface PlannedChange {
  key: string;
  action: 'create' | 'update' | 'unchanged' | 'conflict' | 'cancel' | 'invalid';
  message?: string;
  payload?: unknown;
}

export interface SyncProgress {
  job: JobName;
  runId: number;
  phase: 'started' | 'progress' | 'finished';
  done: number;
  total: number | null;
  counts: Partial<RunCounts>;
  status?: RunStatus;
}

/** Sync state of one record (article, order, purchase order) as shown on the Articles and Orders pages. */
export type RecordState = 'synced' | 'pending' | 'conflict' | 'invalid' | 'failed' | 'cancelled';

export interface SyncedRecord {
  flow: 'articles' | 'orders' | 'purchaseOrders';
  /** Business key: article no, order no, purchase no. */
  key: string;
  specterId: string;
  ongoingId: number | null;
  state: RecordState;
  /** Ongoing status number and text, where the record has one. */
  ongoingStatus: number | null;
  ongoingStatusText: string;
  /** When the warehouse status was last read from Ongoing (null: never). */
  ongoingStatusAt?: string | null;
  /** Short display fields (name, customer, number of rows, …). */
  summary: Record<string, string | number>;
  /** In English (log); the UI says `messageRef` in its language. */
  message: string;
  messageRef: MessageRef | null;
  lastSentAt: string | null;
  updatedAt: string;
}

export interface RecordPage {
  total: number;
  rows: SyncedRecord[];
}

export type ExceptionClass = 'connection' | 'auth' | 'validation' | 'conflict' | 'remote_refusal';

export interface FieldDifference {
  field: string;
  specter: string;
  ongoing: string;
}

export interface SyncException {
  id: number;
  flow: JobName;
  recordKey: string;
  class: ExceptionClass;
  message: string;
  /** For conflicts: the Specter-vs-Ongoing differences. */
  differences: FieldDifference[];
  state: 'open' | 'resolved' | 'ignored';
  reason: string | null;
  firstSeen: string;
  lastSeen: string;
  occurrences: number;
  /** The message as a code with parameters (null only for entries stored before codes existed). */
  ref: MessageRef | null;
}

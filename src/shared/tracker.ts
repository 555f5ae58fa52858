/**
 * The order tracker and the activity log: the journey of one order or purchase order, a page of audit
 * entries, and a field-level difference between two versions of the same document.
 */
import type { AuditRecord } from './api';
import type { Posting } from './domain/postings';
import type { SyncedRecord, SyncException } from './domain/sync';

/** Audit actions that report a problem (the "errors only" filter). */
export const AUDIT_ERROR_STEPS = ['failed', 'refused', 'in_doubt', 'ack_failed', 'not_sent', 'push_failed'] as const;

/** The flows the activity log filters by; each is a set of audit action prefixes. */
export const AUDIT_FLOWS = {
  deliveries: ['delivery.'],
  receipts: ['receipt.'],
  stock: ['stock.'],
  sync: ['sync.', 'exception.'],
  settings: ['settings.', 'credentials.', 'support.'],
} as const;
export type AuditFlow = keyof typeof AUDIT_FLOWS;

export interface AuditPage {
  rows: AuditRecord[];
  /** Pass as `before` for the next (older) page; null when this was the last page. */
  nextBefore: number | null;
}

/** One changed field between two versions of a document (paths like `rows[1].noOfItems`). */
export interface FieldChange {
  path: string;
  before: string | null;
  after: string | null;
}

export interface AuditEntryDetail {
  entry: AuditRecord;
  /** The previous audit entry of the same document (same kind and number) that carried a payload. */
  previous: AuditRecord | null;
  /** Field-level difference of the payload (or the details when there is no payload) against `previous`. */
  changes: FieldChange[];
}

/** Steps of an order's journey, in order. */
export const TIMELINE_STEPS = [
  'received',
  'sent',
  'picked',
  'shipped',
  'proposed',
  'confirmed',
  'reported',
  'acknowledged',
] as const;
export type TimelineStepName = (typeof TIMELINE_STEPS)[number];

export interface TimelineStep {
  step: TimelineStepName;
  /** When it happened; null when the step is not reached (or its time is not known). */
  at: string | null;
  done: boolean;
  /** Who did it (confirmed: operator / auto). */
  by?: string;
  /** The posting the step belongs to. */
  postingId?: number;
  /** A short fact: Ongoing status, Specter delivery id, … */
  detail?: string;
}

export interface RecordTimeline {
  record: SyncedRecord | null;
  steps: TimelineStep[];
  postings: Posting[];
  /** Audit entries of this record's postings, newest first. */
  audit: AuditRecord[];
  /** Open problems of this record (conflicts, refusals) with their ids for the actions. */
  exceptions: SyncException[];
}

function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (value === null || value === undefined) {
    out.set(path, String(value));
  } else if (Array.isArray(value)) {
    if (value.length === 0) out.set(path, '[]');
    for (const [i, v] of value.entries()) flatten(v, `${path}[${i}]`, out);
  } else if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && path) out.set(path, '{}');
    for (const [k, v] of entries) flatten(v, path ? `${path}.${k}` : k, out);
  } else {
    out.set(path, String(value));
  }
}

/** Field-level difference of two JSON values: every leaf path whose value was added, removed or changed. */
export function diffFields(before: unknown, after: unknown): FieldChange[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  if (before !== undefined) flatten(before, '', a);
  flatten(after, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths
    .filter((p) => a.get(p) !== b.get(p))
    .map((path) => ({ path, before: a.get(path) ?? null, after: b.get(path) ?? null }));
}

/** The document an audit subject names ("delivery #12 1031" → "delivery 1031"); null for other subjects. */
export function documentOf(subject: string | null): { kind: string; number: string } | null {
  const m = /^(delivery|receipt) #\d+ (.+)$/.exec(subject ?? '');
  return m ? { kind: m[1] as string, number: m[2] as string } : null;
}

/** What the diff compares: the payload sent or proposed when there is one, else all details. */
export function diffSubject(details: Record<string, unknown>): unknown {
  return details.payload !== undefined ? details.payload : details;
}

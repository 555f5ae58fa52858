/** Read-side queries of the order tracker and the activity log (the API methods behind them). */
import type { ApiInput } from '../../../shared/api';
import type { Posting } from '../../../shared/domain/postings';
import {
  type AuditEntryDetail,
  diffFields,
  diffSubject,
  documentOf,
  type RecordTimeline,
} from '../../../shared/tracker';
import type { AuditLogRepository } from '../repositories/audit-log-repository';
import type { ExceptionRepository } from '../repositories/exception-repository';
import type { RecordRepository } from '../repositories/record-repository';
import { buildTimeline } from './timeline';

export interface TrackerSources {
  records: RecordRepository;
  audit: AuditLogRepository;
  exceptions: ExceptionRepository;
  /** Postings of a kind (empty when the sync engine is not running). */
  postings: (kind: Posting['kind']) => Posting[];
  shippedStatuses: () => readonly number[];
}

/** One audit entry with the previous version of the same document and what changed field by field. */
export function auditEntryDetail(audit: AuditLogRepository, id: number): AuditEntryDetail | null {
  const entry = audit.get(id);
  if (!entry) return null;
  const doc = documentOf(entry.subject);
  const previous = doc ? audit.previousWithPayload(id, doc.kind, doc.number) : null;
  const changes = diffFields(previous ? diffSubject(previous.details) : undefined, diffSubject(entry.details));
  return { entry, previous, changes };
}

export function recordTimeline(sources: TrackerSources, { flow, key }: ApiInput<'getRecordTimeline'>): RecordTimeline {
  const record = sources.records.get(flow, key);
  const kind = flow === 'orders' ? 'delivery' : 'receipt';
  const postingFlow = flow === 'orders' ? 'deliveries' : 'receipts';
  const postings = sources
    .postings(kind)
    .filter((p) => p.number === key || (record?.ongoingId != null && p.ongoingId === record.ongoingId));
  const audit = sources.audit.bySubjects(postings.map((p) => `${p.kind} #${p.id} ${p.number}`));
  const exceptions = [
    ...sources.exceptions.list({ state: 'open', flow }),
    ...sources.exceptions.list({ state: 'open', flow: postingFlow }),
  ].filter((e) => e.recordKey === key);
  const steps = buildTimeline({ flow, record, postings, audit, shippedStatuses: sources.shippedStatuses() });
  return { record, steps, postings, audit, exceptions };
}

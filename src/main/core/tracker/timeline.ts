/**
 * The journey of one order or purchase order, built from what the app already keeps: the record
 * (received from Specter, sent to the warehouse, the warehouse status last read), the postings and
 * the audit entries of those postings (proposed, confirmed by whom, reported, acknowledged).
 */
import type { AuditRecord } from '../../../shared/api';
import type { Posting } from '../../../shared/domain/postings';
import type { SyncedRecord } from '../../../shared/domain/sync';
import type { TimelineStep } from '../../../shared/tracker';

/** Ongoing order status from which an order counts as picked. */
const PICKED_STATUS = 400;
/** Ongoing statuses past the journey (returned, cancelled). */
const AFTER_JOURNEY = 800;

export interface TimelineInput {
  flow: 'orders' | 'purchaseOrders';
  record: SyncedRecord | null;
  /** This record's postings (any order). */
  postings: readonly Posting[];
  /** Audit entries of those postings (any order). */
  audit: readonly AuditRecord[];
  /** Ongoing statuses that count as shipped (settings). */
  shippedStatuses: readonly number[];
}

const LIVE: Posting['state'][] = ['proposed', 'held', 'confirmed', 'sending', 'done', 'failed', 'in_doubt'];

/** The steps, in journey order; a step not reached yet is `done: false`. Pure. */
export function buildTimeline(input: TimelineInput): TimelineStep[] {
  const { record, flow } = input;
  const status = record?.ongoingStatus ?? null;
  const statusText = record && status !== null ? `${status} ${record.ongoingStatusText}`.trim() : undefined;
  const statusAt = record?.ongoingStatusAt ?? null;
  // The newest posting that still counts (a rejected or superseded proposal does not).
  const posting =
    [...input.postings].filter((p) => LIVE.includes(p.state)).sort((a, b) => b.id - a.id)[0] ??
    [...input.postings].sort((a, b) => b.id - a.id)[0] ??
    null;
  const entries = posting
    ? input.audit.filter((a) => a.subject === `${posting.kind} #${posting.id} ${posting.number}`)
    : [];
  const first = (step: string) =>
    entries.filter((a) => a.action.endsWith(`.${step}`)).sort((a, b) => a.id - b.id)[0] ?? null;
  const inWarehouse = status !== null && status < AFTER_JOURNEY;
  const shipped = (inWarehouse && input.shippedStatuses.some((s) => status >= s)) || posting !== null;
  const picked = (inWarehouse && status >= PICKED_STATUS) || shipped;

  const steps: TimelineStep[] = [
    {
      step: 'received',
      at: null,
      done: record !== null,
      ...(record?.specterId ? { detail: record.specterId } : {}),
    },
    {
      step: 'sent',
      at: record?.lastSentAt ?? null,
      done: record?.ongoingId != null,
      ...(record?.ongoingId != null ? { detail: String(record.ongoingId) } : {}),
    },
  ];
  if (flow === 'orders') {
    steps.push({ step: 'picked', at: picked && !shipped ? statusAt : null, done: picked });
  }
  steps.push({
    step: 'shipped',
    at: shipped && inWarehouse ? statusAt : null,
    done: shipped,
    ...(statusText ? { detail: statusText } : {}),
  });
  const proposed = first('proposed');
  steps.push({
    step: 'proposed',
    at: proposed?.at ?? posting?.createdAt ?? null,
    done: posting !== null,
    ...(posting ? { postingId: posting.id } : {}),
  });
  const confirm = first('confirm');
  const confirmed = posting !== null && ['confirmed', 'sending', 'done', 'in_doubt', 'failed'].includes(posting.state);
  steps.push({
    step: 'confirmed',
    at: confirm?.at ?? (confirmed ? posting?.decidedAt : null) ?? null,
    done: confirmed,
    ...(confirm || (confirmed && posting?.decidedBy) ? { by: confirm?.actor ?? posting?.decidedBy ?? '' } : {}),
  });
  const sent = first('sent') ?? first('marked_done');
  steps.push({
    step: 'reported',
    at: sent?.at ?? null,
    done: posting?.state === 'done',
    ...(posting?.specterResultId ? { detail: posting.specterResultId } : {}),
  });
  const ack = first('acknowledged');
  steps.push({ step: 'acknowledged', at: ack?.at ?? null, done: posting?.ackState === 'done' });
  return steps;
}

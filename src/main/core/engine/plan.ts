/**
 * The pure decision of the engine: a record from Specter (prepared for Ongoing) and what the app
 * stored about it → create | update | unchanged | conflict | cancel | invalid. No I/O: the decision
 * table is unit-tested without any server, and a dry run prints exactly these plans.
 */
import { type MappingProblem, type PreparedRecord, payloadHash } from '../../../shared/mapping';
import type { RecordView } from '../repositories/record-repository';

/** A record found in Ongoing as Specter has it: its Ongoing id and status, and the hash of the body. */
export interface AdoptedRecord {
  id: number;
  status: { number: number; text: string } | null;
  hash: string;
}

export type Plan<B> =
  /**
   * Nothing to send. `heal`: the stored record was invalid/refused and is back to what Ongoing holds.
   * `adopted`: met for the first time and found in Ongoing as it is (adopt.ts): linked without a write.
   */
  | { action: 'unchanged'; message?: string; heal: boolean; warnings?: string; adopted?: AdoptedRecord }
  | { action: 'invalid'; problems: MappingProblem[] }
  | { action: 'create' | 'update'; body: B; hash: string; warnings: string }
  /** Cancel in Ongoing (`remote`), or only locally when it never reached Ongoing. */
  | { action: 'cancel'; remote: boolean }
  /** The warehouse has started: not replaced / not cancelled. `body` is what Specter wants (updates). */
  | { action: 'conflict'; reason: 'update' | 'cancel'; body: B | null; hash: string | null; warnings: string };

/** Warnings kept on the record (shown in the UI); '' when there are none. */
export function warningsText(problems: readonly MappingProblem[]): string {
  return problems
    .filter((p) => p.severity === 'warning')
    .map((p) => `[${p.field}] ${p.message}`)
    .join(' ');
}

/** The fields named in a warnings text (for the message code that says them in the UI language). */
export function warningFields(text: string): string {
  return [...text.matchAll(/\[([^\]]+)\] /g)].map((m) => m[1]).join(', ');
}

/**
 * Create or update when the payload differs from what Ongoing accepted last; unchanged otherwise.
 * `requireOngoingId`: the record counts as unchanged only when Ongoing's id is known (articles).
 */
export function planUpsert<B>(
  prepared: PreparedRecord<B>,
  record: RecordView | null,
  options: { requireOngoingId?: boolean } = {},
): Plan<B> {
  if (!prepared.body) return { action: 'invalid', problems: prepared.problems };
  const body = prepared.body;
  const hash = payloadHash(body);
  const warnings = warningsText(prepared.problems);
  const known = !options.requireOngoingId || record?.ongoingId != null;
  if (record && record.payloadHash === hash && record.state !== 'cancelled' && known) {
    const heal = options.requireOngoingId
      ? record.state !== 'synced'
      : record.state === 'invalid' || record.state === 'failed';
    return { action: 'unchanged', heal, warnings };
  }
  return { action: record?.ongoingId == null ? 'create' : 'update', body, hash, warnings };
}

export interface DocumentPlanInput<B> {
  record: RecordView | null;
  /** Specter's change time of this version. */
  changed: string;
  /** The record has an open validation/refusal exception: handled again even when seen before. */
  retry: boolean;
  cancelled: boolean;
  /** The record prepared for Ongoing (not needed for a cancelled one). */
  prepare: () => PreparedRecord<B>;
  /** Ongoing status from which the warehouse has started. */
  lockStatus: number;
  /**
   * Ongoing's current status when it was read before deciding (dry runs); otherwise the stored one
   * decides a cancel, and an update learns it from Ongoing's answer.
   */
  remoteStatus?: number | null;
}

/** The decision table of the document flows (sales orders, purchase orders). */
export function planDocument<B>(input: DocumentPlanInput<B>): Plan<B> {
  const { record } = input;
  // The same Specter version was already handled and left for the operator (conflict, invalid,
  // refused): seen again in the watermark overlap, it is not handled twice.
  if (
    record &&
    !input.retry &&
    record.specterChanged === input.changed &&
    (record.state === 'conflict' || record.state === 'invalid' || record.state === 'failed')
  ) {
    return { action: 'unchanged', message: `Already handled: ${record.message || record.state}`, heal: false };
  }
  const status = input.remoteStatus !== undefined ? input.remoteStatus : (record?.ongoingStatus ?? null);
  const started = status !== null && status >= input.lockStatus;
  if (input.cancelled) {
    if (record?.state === 'cancelled')
      return { action: 'unchanged', message: 'Cancelled in Specter and in Ongoing.', heal: false };
    if (record?.ongoingId == null) return { action: 'cancel', remote: false };
    if (started) return { action: 'conflict', reason: 'cancel', body: null, hash: null, warnings: '' };
    return { action: 'cancel', remote: true };
  }
  const plan = planUpsert(input.prepare(), record);
  if (plan.action === 'update' && input.remoteStatus !== undefined && started) {
    return { action: 'conflict', reason: 'update', body: plan.body, hash: plan.hash, warnings: plan.warnings };
  }
  return plan;
}

/**
 * Recording what happened to each record: the record row (state, Ongoing id, payload hash, message)
 * and its exceptions, by one set of rules for every flow.
 */
import type { JobName, SyncedRecord } from '../../../shared/domain/sync';
import type { MappingProblem } from '../../../shared/mapping';
import type { SyncDeps } from '../sync/deps';
import type { MessageRef } from '../../../shared/messages';
import { causeParams, errorText, type Notice, notice, refOf } from './failure';
import { warningFields } from './plan';
import { formatDifferences } from './compare';
import { statusText, type TaskResult } from './execute';

/** The record kind a job's messages name (`kind.*` in the message catalogue). */
export function kindOf(job: JobName): 'article' | 'order' | 'purchaseOrder' | 'delivery' | 'receipt' {
  switch (job) {
    case 'articles':
      return 'article';
    case 'orders':
      return 'order';
    case 'purchaseOrders':
      return 'purchaseOrder';
    case 'receipts':
      return 'receipt';
    default:
      return 'delivery';
  }
}

/** The fields every record write of a flow carries. */
export interface RecordBase {
  flow: SyncedRecord['flow'];
  key: string;
  specterId: string;
  specterChanged: string;
  summary: Record<string, string | number>;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Why a record was not sent: the record, each field in error and what to do (from validation). */
export function describeProblems(record: string, problems: readonly MappingProblem[]): string {
  const errors = problems.filter((p) => p.severity === 'error');
  return `${capitalize(record)} was not sent to Ongoing. ${errors.map((p) => `[${p.field}] ${p.message}`).join(' ')}`;
}

type Conflict = Extract<TaskResult, { type: 'conflict' }>;

export function conflictMessage(name: string, result: Conflict): string {
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
}

/** The message of a record that went through with warnings (null when there are none). */
function warningsRef(warnings: string): MessageRef | null {
  return warnings ? refOf(notice('record.warnings', { fields: warningFields(warnings) })) : null;
}

/** Record writes of one job. */
export class Recorder {
  constructor(
    private readonly deps: SyncDeps,
    private readonly job: JobName,
  ) {}

  invalid(base: RecordBase, name: string, problems: readonly MappingProblem[]): void {
    const message = describeProblems(name, problems);
    const errors = problems.filter((p) => p.severity === 'error');
    // A value that could not be read is named with its field and raw value; other problems by their fields.
    const unreadable = errors.find(
      (p) => p.ref?.code === 'record.unreadableValue' || p.ref?.code === 'record.badChangeTime',
    );
    const n = unreadable?.ref
      ? notice(unreadable.ref.code, { kind: kindOf(this.job), key: base.key, ...unreadable.ref.params })
      : notice('record.invalid', {
          kind: kindOf(this.job),
          key: base.key,
          fields: errors.map((p) => p.field).join(', '),
        });
    this.deps.records.upsert({ ...base, state: 'invalid', message, messageRef: refOf(n) });
    this.deps.exceptions.raise({
      flow: this.job,
      recordKey: base.key,
      class: 'validation',
      message,
      code: n.code,
      params: n.params,
    });
  }

  /** The record is back to what Ongoing holds: nothing to send, the problem is gone. */
  healed(base: RecordBase, warnings: string): void {
    this.deps.records.upsert({ ...base, state: 'synced', message: warnings, messageRef: warningsRef(warnings) });
    this.deps.exceptions.clear(this.job, base.key);
  }

  /** Ongoing refused this one record: its own message is kept. */
  refused(base: RecordBase, name: string, error: unknown, todo: string): void {
    const message = `Ongoing refused ${name}: ${errorText(error)} ${todo}`;
    const n = notice('record.refused', { kind: kindOf(this.job), key: base.key, ...causeParams(error) });
    this.deps.records.upsert({ ...base, state: 'failed', message, messageRef: refOf(n) });
    this.deps.exceptions.raise({
      flow: this.job,
      recordKey: base.key,
      class: 'remote_refusal',
      message,
      code: n.code,
      params: n.params,
    });
  }

  synced(
    base: RecordBase,
    ongoingId: number,
    hash: string,
    warnings: string,
    status?: { number: number; text: string } | null,
    sent = true,
  ): void {
    this.deps.records.upsert({
      ...base,
      ongoingId,
      ...(status ? { ongoingStatus: status.number, ongoingStatusText: status.text } : {}),
      state: 'synced',
      payloadHash: hash,
      message: warnings,
      messageRef: warningsRef(warnings),
      sent,
    });
    this.deps.exceptions.clear(this.job, base.key);
  }

  /** Met for the first time and found in Ongoing as Specter has it: linked and synced, nothing written. */
  adopted(
    base: RecordBase,
    ongoingId: number,
    hash: string,
    warnings: string,
    status?: { number: number; text: string } | null,
  ): void {
    this.synced(base, ongoingId, hash, warnings, status, false);
  }

  cancelled(base: RecordBase, n: Notice, sent: boolean): void {
    this.deps.records.upsert({
      ...base,
      state: 'cancelled',
      message: n.text,
      messageRef: refOf(n),
      ...(sent ? { sent: true } : {}),
    });
    this.deps.exceptions.clear(this.job, base.key);
  }

  /** A started document: synced when nothing differs any more, else a conflict for the operator. Returns true for a conflict. */
  conflict(base: RecordBase, name: string, result: Conflict, hash: string | null, warnings: string): boolean {
    const status = result.remote?.status ?? null;
    const statusFields = status ? { ongoingStatus: status.number, ongoingStatusText: status.text } : {};
    const ongoingId = result.remote ? { ongoingId: result.remote.id } : {};
    if (result.reason === 'update' && result.differences.length === 0) {
      const applied = result.applied.length ? `Applied in Ongoing: ${result.applied.join(', ')}.` : '';
      this.deps.records.upsert({
        ...base,
        ...ongoingId,
        ...statusFields,
        state: 'synced',
        payloadHash: hash,
        message: [applied, ...result.notes, warnings].filter(Boolean).join(' '),
        messageRef: result.applied.length
          ? refOf(notice('record.applied', { fields: result.applied.join(', ') }))
          : warningsRef(warnings),
        sent: result.applied.length > 0,
      });
      this.deps.exceptions.clear(this.job, base.key);
      return false;
    }
    const message = conflictMessage(name, result);
    const ref = this.conflictRef(base.key, result);
    this.deps.records.upsert({
      ...base,
      ...ongoingId,
      ...statusFields,
      state: 'conflict',
      ...(result.reason === 'update' ? { payloadHash: hash } : {}),
      message,
      messageRef: ref,
      sent: result.applied.length > 0,
    });
    this.deps.exceptions.clear(this.job, base.key, ['validation', 'remote_refusal']);
    this.deps.exceptions.raise({
      flow: this.job,
      recordKey: base.key,
      class: 'conflict',
      message,
      differences: result.differences,
      code: ref.code,
      params: ref.params,
    });
    return true;
  }

  private conflictRef(key: string, result: Conflict): Required<MessageRef> {
    const status = result.remote?.status;
    return {
      code: result.reason === 'cancel' ? 'record.conflictCancel' : 'record.conflict',
      params: {
        kind: kindOf(this.job),
        key,
        status: status ? `${status.number} ${status.text}`.trim() : '–',
        fields: result.differences.map((d) => d.field).join(', ') || '–',
      },
    };
  }

  /** A problem found while reading a feed or list that concerns a record but does not stop it (duplicates, times). */
  notice(recordKey: string, n: Notice): void {
    this.deps.exceptions.raise({
      flow: this.job,
      recordKey,
      class: 'validation',
      message: n.text,
      code: n.code,
      params: n.params,
    });
  }
}

/**
 * Carrying out a document plan in Ongoing: create/update, cancel, and what happens when Ongoing
 * refuses a change of an existing document. A refusal counts as "work has started" only when the
 * document's status, read back, confirms it; otherwise it stays a refusal with Ongoing's own words.
 */
import type { FieldDifference } from '../../../shared/domain/sync';
import { RemoteError } from '../net/remote-error';
import type { RecordView } from '../repositories/record-repository';
import { classify } from './failure';

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
  /** Documents by business number, for adopting documents met for the first time (adopt.ts). */
  readMany?(numbers: readonly string[]): Promise<Map<string, RemoteDocument>>;
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

export type TaskResult =
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

export function statusText(status: RemoteStatus | null): string {
  return status ? `${status.text} (${status.number})` : 'unknown';
}

export interface ExecuteTarget<B> {
  remote: DocumentRemote<B>;
  key: string;
  /** e.g. 'order 1001' */
  name: string;
  noun: string;
  lockStatus: number;
  record: RecordView | null;
  /** What Ongoing holds, read just before (adoption): not read again before the write. */
  known?: RemoteDocument;
}

/** The conflict of a started document: what still differs, after applying what may be patched. */
export async function conflictTask<B>(
  t: ExecuteTarget<B>,
  body: B | null,
  reason: 'update' | 'cancel',
  known?: RemoteDocument | null,
): Promise<TaskResult> {
  const given = known !== undefined ? known : t.known;
  const current = given !== undefined ? given : await t.remote.read(t.record?.ongoingId ?? null, t.key);
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
  if (!current || !body) {
    throw new RemoteError({
      system: 'ongoing',
      kind: 'not_found',
      operation: 'read',
      message: `Ongoing refused the change to ${t.name}, and the ${t.noun} could not be read back to compare it. Check it in Ongoing.`,
    });
  }
  const differences = t.remote.diff(body, current.model);
  let applied: string[] = [];
  let notes: string[] = [];
  if (t.remote.applyAllowed && differences.length > 0) {
    ({ applied, notes } = await t.remote.applyAllowed(current.id, body, differences, t.name));
  }
  return {
    type: 'conflict',
    reason,
    remote: current,
    differences: differences.filter((d) => !applied.includes(d.field)),
    applied,
    notes,
  };
}

/**
 * After Ongoing refused a change: read the document back. Started (status at or past the lock
 * status) → the conflict; otherwise the original refusal stands, with Ongoing's own message.
 */
async function confirmStarted<B>(t: ExecuteTarget<B>, error: unknown, body: B | null, reason: 'update' | 'cancel') {
  if (!classify(error).mayBeLocked) throw error;
  const current = await t.remote.read(t.record?.ongoingId ?? null, t.key);
  const status = current?.status?.number ?? null;
  if (status === null || status < t.lockStatus) throw error;
  return conflictTask(t, body, reason, current);
}

export async function upsertTask<B>(t: ExecuteTarget<B>, body: B): Promise<TaskResult> {
  let status: RemoteStatus | null = t.known?.status ?? null;
  if (t.record?.ongoingId != null && !t.known) {
    // An update: ask Ongoing first whether the warehouse has started, so a started document is never replaced.
    let current: RemoteDocument | null = null;
    try {
      current = await t.remote.read(t.record.ongoingId, t.key);
    } catch (error) {
      // Gone from Ongoing (e.g. removed there by hand): the PUT below creates it again.
      if (classify(error).class !== 'refused') throw error;
    }
    if (current?.status && current.status.number >= t.lockStatus) return conflictTask(t, body, 'update', current);
    status = current?.status ?? null;
  }
  try {
    const result = await t.remote.upsert(body);
    const created = result.created ?? (t.record?.ongoingId == null && !t.known);
    return { type: 'upserted', id: result.id, created, status };
  } catch (error) {
    return confirmStarted(t, error, body, 'update');
  }
}

export async function cancelTask<B>(t: ExecuteTarget<B>): Promise<TaskResult> {
  const record = t.record;
  if (!record?.ongoingId) return { type: 'cancelled' };
  try {
    await t.remote.cancel(record.ongoingId);
    return { type: 'cancelled' };
  } catch (error) {
    return confirmStarted(t, error, null, 'cancel');
  }
}

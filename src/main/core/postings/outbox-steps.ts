/**
 * The outbox's steps for one posting: send it, judge it when the send had no clear answer, and
 * acknowledge Ongoing once Specter has it.
 *
 * - send: only when no other posting of the record is in flight and the postings it was built on are
 *   done; Specter is read first (the snapshot the in-doubt judge compares with), the move to `sending`
 *   and the snapshot are one transaction, and the submit carries the posting's idempotency key as its
 *   reference.
 * - resolve: after a grace period, Specter is read again and judged (in-doubt.ts) with the app's other
 *   postings on the record; applied → done, not applied → sent once more, unclear → an operator decides.
 * - acknowledge: per Ongoing line, the absolute reported count the accepted postings carry (never
 *   "reported = picked" for a whole record the warehouse may have changed meanwhile); a line already at
 *   or above its count is left alone; a repeat changes nothing.
 */
import type { Posting, PostingState } from '../../../shared/domain/postings';
import { roundDecimal } from '../../../shared/mapping';
import { type MessageRef, type Notice, notice, refOf } from '../../../shared/messages';
import { causeParams } from '../engine/failure';
import { isRemoteError } from '../net/remote-error';
import type { SyncDeps } from '../sync/deps';
import { judgeInDoubt, type SendSnapshot } from './in-doubt';
import type { KindAdapter, SubmitResult } from './kinds';
import type { SendSnapshotStore } from './send-snapshots';
import { dependentsToSupersede, waitCode, waitFor, waitText } from './waits';

/** An exception's text, code and parameters from a notice. */
export const exceptionOf = (n: Notice) => ({ message: n.text, code: n.code, params: n.params });

export interface StepOutcome {
  ok: boolean;
  /** In English (log, API text); `refs` is what the UI says, in order. */
  message: string;
  refs: MessageRef[];
  unreachable?: boolean;
  /** A submit went out to Specter (whatever its answer). */
  sent?: boolean;
  /** Nothing was done: the posting waits (another posting first, or the in-doubt grace period). */
  waiting?: boolean;
}

export interface OutboxContext {
  deps: SyncDeps;
  adapters: Record<Posting['kind'], KindAdapter>;
  snapshots: SendSnapshotStore;
  graceMs: number;
  audit(actor: string, action: string, p: Posting, details?: Record<string, unknown>): void;
  label(p: Posting): string;
}

/** The parameters every posting message names: its kind, number in the app and order/purchase number. */
export const postingParams = (p: Posting) => ({ kind: p.kind, id: p.id, number: p.number });

/** An outcome saying the given notices one after the other. */
export function said(ok: boolean, notices: Notice[], extra: Partial<StepOutcome> = {}): StepOutcome {
  return { ok, message: notices.map((n) => n.text).join(' '), refs: notices.map(refOf), ...extra };
}

/** An outcome that adds notices in front of another one. */
export function prefixed(first: Notice[], outcome: StepOutcome, extra: Partial<StepOutcome> = {}): StepOutcome {
  return {
    ...outcome,
    message: [...first.map((n) => n.text), outcome.message].join(' '),
    refs: [...first.map(refOf), ...outcome.refs],
    ...extra,
  };
}

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const isUnreachable = (error: unknown): boolean =>
  isRemoteError(error) && ['network', 'timeout', 'server', 'rate'].includes(error.kind);

export function createOutboxSteps(ctx: OutboxContext) {
  const { deps, adapters, snapshots, audit, label } = ctx;

  const sameRecord = (p: Posting) => deps.postings.list({ kind: p.kind, ongoingId: p.ongoingId });

  /** Learn that Specter keeps submit references once a delivery read back carries one of the app's keys. */
  function learnFrom(state: { deliveries: { reference?: string }[] }): void {
    for (const d of state.deliveries) {
      if (d.reference && deps.postings.byKey(d.reference)) {
        snapshots.learnReferencesKept(deps.now().toISOString());
        return;
      }
    }
  }

  /** Postings built on top of `p` that are not sent yet are superseded, so they are proposed anew. */
  function supersedeDependents(p: Posting, why: string): void {
    const ids = dependentsToSupersede(p.id, sameRecord(p), (id) => deps.postings.dependsOn(id));
    for (const id of ids) {
      const replaced = deps.postings.transition(id, ['proposed', 'held', 'confirmed', 'failed'], 'rejected', {
        decidedBy: 'system',
        reason: `Built on #${p.id}, which ${why}; a new proposal replaces it.`,
      });
      if (replaced) {
        audit('system', 'superseded', replaced, { because: p.id });
        supersedeDependents(replaced, 'was replaced');
      }
    }
  }

  /** Snapshot Specter, mark sending (one attempt), submit, and record the outcome. */
  async function send(p: Posting, from: 'confirmed' | 'in_doubt', actor: string): Promise<StepOutcome> {
    const adapter = adapters[p.kind];
    const wait = waitFor(p, sameRecord(p), deps.postings.dependsOn(p.id));
    if (wait) {
      const n = notice('posting.waits', { kind: p.kind, otherId: wait.postingId, wait: waitCode(wait) });
      return { ...said(true, [n]), message: `${label(p)}: ${waitText(wait, adapter.noun)}`, waiting: true };
    }
    let before: SendSnapshot;
    try {
      const state = await adapter.readSpecter(p.specterId);
      if (!state) {
        const n = notice('posting.specterMissing', { ...postingParams(p), specterId: p.specterId });
        const message = n.text;
        const failed = deps.postings.transition(p.id, [from], 'failed', { lastError: n });
        if (failed) {
          audit(actor, 'failed', failed, { reason: message });
          supersedeDependents(failed, 'Specter could not take');
        }
        deps.exceptions.raise({ flow: adapter.flow, recordKey: p.number, class: 'remote_refusal', ...exceptionOf(n) });
        return said(false, [n]);
      }
      learnFrom(state);
      before = { ...state, takenAt: deps.now().toISOString() };
    } catch (error) {
      const n = notice('posting.readBeforeSend', { ...postingParams(p), ...causeParams(error) });
      return said(false, [n], { unreachable: isUnreachable(error) });
    }

    // The check and the move to `sending` in one transaction: no second posting of the record slips in.
    const sending = deps.db.transaction(() => {
      if (waitFor(p, sameRecord(p), deps.postings.dependsOn(p.id))) return null;
      const moved = deps.postings.transition(p.id, [from], 'sending', { countAttempt: true, lastError: null });
      if (moved) snapshots.save(p.id, before);
      return moved;
    })();
    if (!sending) {
      const now = deps.postings.get(p.id);
      return said(false, [notice('posting.changedMeanwhile', { ...postingParams(p), state: now?.state ?? '–' })]);
    }
    const payload = adapter.payload(sending);
    audit(actor, 'send', sending, { attempt: sending.attempts, payload, specterBefore: before.rows });

    let result: SubmitResult;
    try {
      result = await adapter.submit(sending);
    } catch (error) {
      return { ...recordSendError(sending, error, actor), sent: true };
    }
    const done = deps.postings.transition(p.id, ['sending'], 'done', { specterResultId: result.id, lastError: null });
    if (!done) return said(false, [notice('posting.acceptedChanged', postingParams(p))], { sent: true });
    audit(actor, 'sent', done, { resultId: result.id, invoiceId: result.invoiceId, message: result.message });
    deps.exceptions.clear(adapter.flow, p.number, ['remote_refusal', 'conflict']);
    const ack = await acknowledge(done, actor);
    const reported = result.invoiceId
      ? notice('posting.reportedInvoice', { resultId: result.id, invoiceId: result.invoiceId })
      : notice('posting.reported', { resultId: result.id });
    return prefixed([reported], ack, { ok: true, sent: true });
  }

  function recordSendError(p: Posting, error: unknown, actor: string): StepOutcome {
    const adapter = adapters[p.kind];
    const detail = errorText(error);
    if (isRemoteError(error) && !error.inDoubt) {
      if (error.kind === 'validation') {
        const n = notice('posting.refused', { ...postingParams(p), ...causeParams(error) });
        const failed = deps.postings.transition(p.id, ['sending'], 'failed', { lastError: n });
        if (failed) {
          audit(actor, 'refused', failed, { error: detail });
          supersedeDependents(failed, 'Specter refused');
        }
        deps.exceptions.raise({ flow: adapter.flow, recordKey: p.number, class: 'remote_refusal', ...exceptionOf(n) });
        return said(false, [n]);
      }
      // The request certainly did not reach Specter (refused connection, bad credentials, slow down).
      const n = notice('posting.notReached', { ...postingParams(p), ...causeParams(error) });
      const back = deps.postings.transition(p.id, ['sending'], 'confirmed', { lastError: n });
      if (back) audit(actor, 'not_sent', back, { error: detail });
      if (error.kind === 'auth') {
        deps.exceptions.raise({ flow: adapter.flow, recordKey: adapter.flow, class: 'auth', ...exceptionOf(n) });
      }
      return said(false, [n], { unreachable: isUnreachable(error) });
    }
    const n = notice('posting.noClearAnswer', { ...postingParams(p), ...causeParams(error) });
    const doubt = deps.postings.transition(p.id, ['sending'], 'in_doubt', { lastError: n });
    if (doubt) audit(actor, 'in_doubt', doubt, { error: detail });
    return said(false, [n], { unreachable: isUnreachable(error) });
  }

  /** Read Specter and judge an in-doubt posting; the evidence is stored with it. */
  async function check(p: Posting): Promise<ReturnType<typeof judgeInDoubt> | { missing: true }> {
    const adapter = adapters[p.kind];
    const now = await adapter.readSpecter(p.specterId);
    if (!now) return { missing: true };
    const others = sameRecord(p)
      .filter((q) => q.id !== p.id && q.state === 'done')
      .map((q) => ({
        kind: q.kind,
        idempotencyKey: q.idempotencyKey,
        rows: q.rows,
        specterResultId: q.specterResultId,
      }));
    learnFrom(now);
    const verdict = judgeInDoubt(p, snapshots.get(p.id), now, others, snapshots.referencesKept());
    deps.postings.setEvidence(p.id, { ...verdict.evidence, checkedAt: deps.now().toISOString() });
    return verdict;
  }

  /** Mark an in-doubt posting done (Specter has it) and acknowledge Ongoing. */
  async function markDone(
    p: Posting,
    actor: string,
    resultId: string | null,
    why: Record<string, unknown>,
  ): Promise<StepOutcome> {
    const adapter = adapters[p.kind];
    const done = deps.postings.transition(p.id, ['in_doubt'], 'done', {
      specterResultId: resultId ?? undefined,
      lastError: null,
      ...(actor === 'system' ? {} : { decidedBy: actor }),
    });
    if (!done) return said(false, [notice('posting.changedMeanwhile', { ...postingParams(p), state: p.state })]);
    audit(actor, 'marked_done', done, why);
    deps.exceptions.clear(adapter.flow, p.number, ['conflict']);
    const ack = await acknowledge(done, actor);
    return prefixed([notice('posting.done', postingParams(p))], ack, { ok: true });
  }

  /** Decide an in-doubt posting from Specter's state: done, send once more, or leave it for an operator. */
  async function resolve(p: Posting, actor: string, opts: { force?: boolean } = {}): Promise<StepOutcome> {
    const adapter = adapters[p.kind];
    const age = deps.now().getTime() - Date.parse(p.updatedAt);
    if (!opts.force && age < ctx.graceMs) {
      const wait = Math.ceil((ctx.graceMs - age) / 1000);
      return said(false, [notice('posting.checkSoon', { ...postingParams(p), seconds: wait })], { waiting: true });
    }
    let verdict: Awaited<ReturnType<typeof check>>;
    try {
      verdict = await check(p);
    } catch (error) {
      const n = notice('posting.doubtUnreadable', { ...postingParams(p), ...causeParams(error) });
      return said(false, [n], { unreachable: isUnreachable(error) });
    }
    if ('missing' in verdict) {
      const n = notice('posting.doubtMissing', { ...postingParams(p), specterId: p.specterId });
      deps.postings.transition(p.id, ['in_doubt'], 'in_doubt', { lastError: n });
      deps.exceptions.raise({ flow: adapter.flow, recordKey: p.number, class: 'conflict', ...exceptionOf(n) });
      return said(false, [n]);
    }
    audit(actor, 'checked', p, { outcome: verdict.outcome, evidence: verdict.summary });
    if (verdict.outcome === 'applied') {
      const outcome = await markDone(p, 'system', verdict.resultId, { evidence: verdict.summary });
      const arrived = notice('posting.arrived', postingParams(p));
      return { ...prefixed([arrived], outcome), message: `${arrived.text} ${verdict.summary} ${outcome.message}` };
    }
    if (verdict.outcome === 'not_applied') {
      const outcome = await send(p, 'in_doubt', actor);
      const again = notice('posting.sentAgain');
      return { ...prefixed([again], outcome), message: `${verdict.summary} ${again.text} ${outcome.message}` };
    }
    // The English text keeps Specter's evidence in words (log); the UI shows the evidence from its rows.
    const stays = notice('posting.stillInDoubt', postingParams(p));
    const n = { ...stays, text: `${stays.text} ${verdict.summary}` };
    deps.postings.transition(p.id, ['in_doubt'], 'in_doubt', { lastError: n });
    deps.exceptions.raise({ flow: adapter.flow, recordKey: p.number, class: 'conflict', ...exceptionOf(n) });
    return said(false, [n]);
  }

  /**
   * Tell Ongoing what Specter now has: per line, the largest absolute reported count among the record's
   * accepted postings not yet acknowledged.
   */
  async function acknowledge(p: Posting, actor: string): Promise<StepOutcome> {
    const adapter = adapters[p.kind];
    const pending = deps.postings
      .list({ kind: p.kind, ongoingId: p.ongoingId, states: ['done'] })
      .filter((x) => x.ackState !== 'done');
    if (pending.length === 0) return said(true, [notice('ack.already')]);
    const targets = new Map<number, number>();
    for (const x of pending) {
      for (const row of x.rows) {
        for (const line of row.ongoingLines ?? []) {
          targets.set(line.lineId, Math.max(targets.get(line.lineId) ?? 0, line.reportedAfter));
        }
      }
    }
    const set: { lineId: number; from: number; to: number }[] = [];
    try {
      const current = await adapter.readOngoingReported(p.ongoingId);
      for (const [lineId, reportedAfter] of targets) {
        const from = current.get(lineId) ?? 0;
        if (roundDecimal(from) >= roundDecimal(reportedAfter)) continue;
        await adapter.acknowledgeLine(p.ongoingId, { lineId, reportedAfter });
        set.push({ lineId, from, to: reportedAfter });
      }
    } catch (error) {
      const n = notice('ack.failed', causeParams(error));
      for (const x of pending) deps.postings.setAckState(x.id, 'failed', n);
      audit(actor, 'ack_failed', p, { error: errorText(error), linesSet: set });
      return said(false, [n], { unreachable: isUnreachable(error) });
    }
    for (const x of pending) deps.postings.setAckState(x.id, 'done', null);
    audit(actor, 'acknowledged', p, { ongoingId: p.ongoingId, postings: pending.map((x) => x.id), lines: set });
    return said(true, [notice('ack.done')]);
  }

  return { send, resolve, check, markDone, acknowledge, supersedeDependents, sameRecord };
}

export type OutboxSteps = ReturnType<typeof createOutboxSteps>;

/** States an operator may reject: proposals never sent, and sends Specter refused. */
export const REJECTABLE: PostingState[] = ['proposed', 'held', 'failed', 'confirmed'];

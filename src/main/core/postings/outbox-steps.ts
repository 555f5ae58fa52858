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
import { isRemoteError } from '../net/remote-error';
import type { SyncDeps } from '../sync/deps';
import { judgeInDoubt, type SendSnapshot } from './in-doubt';
import type { KindAdapter, SubmitResult } from './kinds';
import type { SendSnapshotStore } from './send-snapshots';
import { dependentsToSupersede, waitFor, waitText } from './waits';

export interface StepOutcome {
  ok: boolean;
  message: string;
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
    if (wait) return { ok: true, waiting: true, message: `${label(p)}: ${waitText(wait, adapter.noun)}` };
    let before: SendSnapshot;
    try {
      const state = await adapter.readSpecter(p.specterId);
      if (!state) {
        const message =
          `Specter has no ${adapter.specterRecord} with id ${p.specterId}, so nothing was sent. ` +
          `Check ${adapter.specterRecord} ${p.number} in Specter, then confirm again or reject this ${adapter.noun}.`;
        const failed = deps.postings.transition(p.id, [from], 'failed', { lastError: message });
        if (failed) {
          audit(actor, 'failed', failed, { reason: message });
          supersedeDependents(failed, 'Specter could not take');
        }
        deps.exceptions.raise({ flow: adapter.flow, recordKey: p.number, class: 'remote_refusal', message });
        return { ok: false, message };
      }
      learnFrom(state);
      before = { ...state, takenAt: deps.now().toISOString() };
    } catch (error) {
      const message = `Specter could not be read before sending ${label(p)}: ${errorText(error)} Nothing was sent; it is tried again on the next run.`;
      return { ok: false, message, unreachable: isUnreachable(error) };
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
      return {
        ok: false,
        message: `${label(p)} is ${now?.state ?? 'gone'} now (changed meanwhile); nothing was sent.`,
      };
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
    if (!done) return { ok: false, sent: true, message: `${label(p)} was accepted by Specter but changed meanwhile.` };
    audit(actor, 'sent', done, { resultId: result.id, invoiceId: result.invoiceId, message: result.message });
    deps.exceptions.clear(adapter.flow, p.number, ['remote_refusal', 'conflict']);
    const ack = await acknowledge(done, actor);
    const invoice = result.invoiceId ? `, invoice ${result.invoiceId}` : '';
    return {
      ok: true,
      sent: true,
      message: `Reported to Specter (${adapter.noun} ${result.id}${invoice}). ${ack.message}`,
    };
  }

  function recordSendError(p: Posting, error: unknown, actor: string): StepOutcome {
    const adapter = adapters[p.kind];
    const detail = errorText(error);
    if (isRemoteError(error) && !error.inDoubt) {
      if (error.kind === 'validation') {
        const message = `Specter refused ${label(p)}: ${detail} Fix it in Specter or Ongoing, then confirm again or reject it.`;
        const failed = deps.postings.transition(p.id, ['sending'], 'failed', { lastError: message });
        if (failed) {
          audit(actor, 'refused', failed, { error: detail });
          supersedeDependents(failed, 'Specter refused');
        }
        deps.exceptions.raise({ flow: adapter.flow, recordKey: p.number, class: 'remote_refusal', message });
        return { ok: false, message };
      }
      // The request certainly did not reach Specter (refused connection, bad credentials, slow down).
      const message = `${label(p)} did not reach Specter: ${detail} It is sent on the next run.`;
      const back = deps.postings.transition(p.id, ['sending'], 'confirmed', { lastError: message });
      if (back) audit(actor, 'not_sent', back, { error: detail });
      if (error.kind === 'auth') {
        deps.exceptions.raise({ flow: adapter.flow, recordKey: adapter.flow, class: 'auth', message: detail });
      }
      return { ok: false, message, unreachable: isUnreachable(error) };
    }
    const message =
      `No clear answer from Specter for ${label(p)} (${detail}). It may have arrived: Specter's ` +
      `${adapter.specterRecord} is checked before anything is sent again, and no other ${adapter.noun} of ` +
      `${adapter.specterRecord} ${p.number} is sent meanwhile.`;
    const doubt = deps.postings.transition(p.id, ['sending'], 'in_doubt', { lastError: message });
    if (doubt) audit(actor, 'in_doubt', doubt, { error: detail });
    return { ok: false, message, unreachable: isUnreachable(error) };
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
    if (!done) return { ok: false, message: `${label(p)} changed meanwhile; look at it again.` };
    audit(actor, 'marked_done', done, why);
    deps.exceptions.clear(adapter.flow, p.number, ['conflict']);
    const ack = await acknowledge(done, actor);
    return { ok: true, message: `${label(p)} is done. ${ack.message}` };
  }

  /** Decide an in-doubt posting from Specter's state: done, send once more, or leave it for an operator. */
  async function resolve(p: Posting, actor: string, opts: { force?: boolean } = {}): Promise<StepOutcome> {
    const adapter = adapters[p.kind];
    const age = deps.now().getTime() - Date.parse(p.updatedAt);
    if (!opts.force && age < ctx.graceMs) {
      const wait = Math.ceil((ctx.graceMs - age) / 1000);
      return {
        ok: false,
        waiting: true,
        message: `${label(p)} was sent without a clear answer; Specter is checked in about ${wait} s (a slow Specter may still apply it).`,
      };
    }
    let verdict: Awaited<ReturnType<typeof check>>;
    try {
      verdict = await check(p);
    } catch (error) {
      return {
        ok: false,
        message: `${label(p)} stays in doubt: Specter could not be read (${errorText(error)}). Checked again on the next run.`,
        unreachable: isUnreachable(error),
      };
    }
    if ('missing' in verdict) {
      const message =
        `${label(p)} stays in doubt: Specter has no ${adapter.specterRecord} with id ${p.specterId} any more. ` +
        `Look in Specter, then decide: "It is in Specter: mark done" or "It is not in Specter: send again".`;
      deps.postings.transition(p.id, ['in_doubt'], 'in_doubt', { lastError: message });
      deps.exceptions.raise({ flow: adapter.flow, recordKey: p.number, class: 'conflict', message });
      return { ok: false, message };
    }
    audit(actor, 'checked', p, { outcome: verdict.outcome, evidence: verdict.summary });
    if (verdict.outcome === 'applied') {
      const outcome = await markDone(p, 'system', verdict.resultId, { evidence: verdict.summary });
      return { ...outcome, message: `${label(p)} had arrived in Specter: ${verdict.summary} ${outcome.message}` };
    }
    if (verdict.outcome === 'not_applied') {
      const outcome = await send(p, 'in_doubt', actor);
      return { ...outcome, message: `${verdict.summary} Sent once more: ${outcome.message}` };
    }
    const message =
      `${label(p)} stays in doubt. ${verdict.summary} Look in Specter, then decide: ` +
      `"It is in Specter: mark done" or "It is not in Specter: send again".`;
    deps.postings.transition(p.id, ['in_doubt'], 'in_doubt', { lastError: message });
    deps.exceptions.raise({ flow: adapter.flow, recordKey: p.number, class: 'conflict', message });
    return { ok: false, message };
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
    if (pending.length === 0) return { ok: true, message: 'Already acknowledged in Ongoing.' };
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
      const message =
        `Specter has it, but Ongoing could not be told (${errorText(error)}). Only the acknowledgement ` +
        'is retried on the next run; nothing is sent to Specter again.';
      for (const x of pending) deps.postings.setAckState(x.id, 'failed', message);
      audit(actor, 'ack_failed', p, { error: errorText(error), linesSet: set });
      return { ok: false, message, unreachable: isUnreachable(error) };
    }
    for (const x of pending) deps.postings.setAckState(x.id, 'done', null);
    audit(actor, 'acknowledged', p, { ongoingId: p.ongoingId, postings: pending.map((x) => x.id), lines: set });
    return { ok: true, message: 'Acknowledged in Ongoing.' };
  }

  return { send, resolve, check, markDone, acknowledge, supersedeDependents, sameRecord };
}

export type OutboxSteps = ReturnType<typeof createOutboxSteps>;

/** States an operator may reject: proposals never sent, and sends Specter refused. */
export const REJECTABLE: PostingState[] = ['proposed', 'held', 'failed', 'confirmed'];

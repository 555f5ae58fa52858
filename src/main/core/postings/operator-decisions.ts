/**
 * What an operator decides about a posting.
 *
 * - confirm: a proposal (or a refused posting) is confirmed and sent, unless another posting of the
 *   same record comes first (then it waits and says for which). On a posting in doubt, confirm only
 *   checks Specter again.
 * - hold / reject: for proposals never sent (reject also for a refused one). A posting in doubt cannot
 *   be rejected: it may be in Specter, and rejecting it would let its quantities be proposed again.
 * - mark_done ("it is in Specter"): for a posting in doubt; Specter's evidence is read and recorded,
 *   the posting is done and Ongoing is acknowledged with exactly its quantities.
 * - send_again ("it is not in Specter"): for a posting in doubt; Specter is checked first and the send
 *   is refused when Specter shows the posting (it is marked done instead).
 * No path leads from one shipment or receipt to two Specter deliveries.
 */
import type { Posting, PostingDecision } from '../../../shared/domain/postings';
import { type MessageCode, type MessageParams, notice, refOf } from '../../../shared/messages';
import { causeParams } from '../engine/failure';
import type { SyncDeps } from '../sync/deps';
import type { DecisionResult } from '../sync/services';
import type { KindAdapter } from './kinds';
import { errorText, type OutboxSteps, postingParams, REJECTABLE, type StepOutcome } from './outbox-steps';

export interface DecisionContext {
  deps: SyncDeps;
  adapters: Record<Posting['kind'], KindAdapter>;
  steps: OutboxSteps;
  audit(actor: string, action: string, p: Posting, details?: Record<string, unknown>): void;
  label(p: Posting): string;
}

export async function decideOne(
  ctx: DecisionContext,
  id: number,
  decision: PostingDecision,
  actor: string,
  reason: string | undefined,
): Promise<DecisionResult> {
  const { deps, adapters, steps, audit } = ctx;
  const p = deps.postings.get(id);
  if (!p) {
    const n = notice('posting.notFound', { id });
    return { id, ok: false, message: n.text, refs: [refOf(n)], posting: null };
  }
  const said = (ok: boolean, code: MessageCode, params: MessageParams = {}): DecisionResult => {
    const n = notice(code, { ...postingParams(p), ...params });
    return { id, ok, message: n.text, refs: [refOf(n)], posting: deps.postings.get(id) };
  };
  const result = (outcome: StepOutcome, message = outcome.message): DecisionResult => ({
    id,
    ok: outcome.ok,
    message,
    refs: outcome.refs,
    posting: deps.postings.get(id),
  });

  switch (decision) {
    case 'hold': {
      const held = deps.postings.transition(id, ['proposed'], 'held', { decidedBy: actor, reason: reason ?? null });
      if (!held) return said(false, 'decision.cannotHold');
      audit(actor, 'hold', held, { reason, payload: adapters[held.kind].payload(held) });
      return said(true, 'decision.held');
    }
    case 'reject': {
      if (!reason?.trim()) return said(false, 'decision.reasonNeeded');
      if (p.state === 'in_doubt') return said(false, 'decision.inDoubtNoReject');
      const rejected = deps.postings.transition(id, REJECTABLE, 'rejected', { decidedBy: actor, reason });
      if (!rejected) return said(false, 'decision.cannotReject');
      audit(actor, 'reject', rejected, {
        reason,
        previousState: p.state,
        payload: adapters[rejected.kind].payload(rejected),
      });
      steps.supersedeDependents(rejected, 'was rejected');
      return said(true, 'decision.rejected');
    }
    case 'mark_done': {
      if (p.state !== 'in_doubt') return said(false, 'decision.inDoubtOnly');
      let evidence = 'Specter could not be read for evidence.';
      try {
        const verdict = await steps.check(p);
        evidence = 'missing' in verdict ? 'Specter no longer has the record.' : verdict.summary;
      } catch (error) {
        evidence = `Specter could not be read for evidence (${errorText(error)}).`;
      }
      const outcome = await steps.markDone(p, actor, deps.postings.get(id)?.evidence?.matchedDeliveryId ?? null, {
        decision: 'mark_done',
        reason,
        evidence,
      });
      return result(outcome, outcome.ok ? `${outcome.message} Specter's evidence: ${evidence}` : outcome.message);
    }
    case 'send_again': {
      if (p.state !== 'in_doubt') return said(false, 'decision.inDoubtOnly');
      let verdict: Awaited<ReturnType<OutboxSteps['check']>>;
      try {
        verdict = await steps.check(p);
      } catch (error) {
        return said(false, 'decision.specterUnreadable', causeParams(error));
      }
      if ('missing' in verdict) {
        return said(false, 'decision.specterMissing');
      }
      if (verdict.outcome === 'applied') {
        await steps.markDone(p, 'system', verdict.resultId, {
          decision: 'send_again refused',
          evidence: verdict.summary,
        });
        return said(false, 'decision.alreadyInSpecter');
      }
      audit(actor, 'send_again', p, { reason, evidence: verdict.summary });
      return result(await steps.send(p, 'in_doubt', actor));
    }
    case 'confirm': {
      if (p.state === 'in_doubt') {
        return result(await steps.resolve(p, actor));
      }
      if (p.state === 'done') return said(false, 'decision.alreadyReported');
      if (p.state === 'sending') return said(false, 'decision.beingSent');
      if (p.state === 'rejected') return said(false, 'decision.wasRejected');
      if (p.state !== 'confirmed') {
        const confirmed = deps.postings.transition(id, ['proposed', 'held', 'failed'], 'confirmed', {
          decidedBy: actor,
          reason: null,
          lastError: null,
        });
        if (!confirmed) return said(false, 'posting.changedMeanwhile', { state: p.state });
        audit(actor, 'confirm', confirmed, {
          previousState: p.state,
          payload: adapters[confirmed.kind].payload(confirmed),
        });
      }
      return result(await steps.send(deps.postings.get(id) as Posting, 'confirmed', actor));
    }
  }
}

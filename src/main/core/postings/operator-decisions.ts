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
import type { SyncDeps } from '../sync/deps';
import type { DecisionResult } from '../sync/services';
import type { KindAdapter } from './kinds';
import { errorText, type OutboxSteps, REJECTABLE } from './outbox-steps';

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
  const { deps, adapters, steps, audit, label } = ctx;
  const p = deps.postings.get(id);
  if (!p) return { id, ok: false, message: `Posting #${id} does not exist (refresh the list).`, posting: null };
  const result = (ok: boolean, message: string): DecisionResult => ({
    id,
    ok,
    message,
    posting: deps.postings.get(id),
  });
  const inDoubtOnly = `${label(p)} is ${p.state}; this decision is only for a posting in doubt.`;

  switch (decision) {
    case 'hold': {
      const held = deps.postings.transition(id, ['proposed'], 'held', { decidedBy: actor, reason: reason ?? null });
      if (!held) return result(false, `${label(p)} is ${p.state}; only a proposed posting can be held.`);
      audit(actor, 'hold', held, { reason, payload: adapters[held.kind].payload(held) });
      return result(true, `${label(p)} is held.`);
    }
    case 'reject': {
      if (!reason?.trim()) return result(false, `Rejecting ${label(p)} needs a reason.`);
      if (p.state === 'in_doubt') {
        return result(
          false,
          `${label(p)} is in doubt and may be in Specter, so it cannot be rejected. Look in Specter, then choose ` +
            '"It is in Specter: mark done" or "It is not in Specter: send again".',
        );
      }
      const rejected = deps.postings.transition(id, REJECTABLE, 'rejected', { decidedBy: actor, reason });
      if (!rejected) return result(false, `${label(p)} is ${p.state}; it can no longer be rejected.`);
      audit(actor, 'reject', rejected, {
        reason,
        previousState: p.state,
        payload: adapters[rejected.kind].payload(rejected),
      });
      steps.supersedeDependents(rejected, 'was rejected');
      return result(true, `${label(p)} is rejected. Nothing is sent to Specter.`);
    }
    case 'mark_done': {
      if (p.state !== 'in_doubt') return result(false, inDoubtOnly);
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
      return result(outcome.ok, outcome.ok ? `${outcome.message} Specter's evidence: ${evidence}` : outcome.message);
    }
    case 'send_again': {
      if (p.state !== 'in_doubt') return result(false, inDoubtOnly);
      let verdict: Awaited<ReturnType<OutboxSteps['check']>>;
      try {
        verdict = await steps.check(p);
      } catch (error) {
        return result(false, `Specter could not be read (${errorText(error)}), so nothing was sent. Try again later.`);
      }
      if ('missing' in verdict) {
        return result(false, `Specter no longer has ${adapters[p.kind].specterRecord} ${p.number}; nothing was sent.`);
      }
      if (verdict.outcome === 'applied') {
        await steps.markDone(p, 'system', verdict.resultId, {
          decision: 'send_again refused',
          evidence: verdict.summary,
        });
        return result(false, `Not sent again: Specter already shows it. ${verdict.summary} It is marked done.`);
      }
      audit(actor, 'send_again', p, { reason, evidence: verdict.summary });
      const outcome = await steps.send(p, 'in_doubt', actor);
      return result(outcome.ok, outcome.message);
    }
    case 'confirm': {
      if (p.state === 'in_doubt') {
        const outcome = await steps.resolve(p, actor);
        return result(outcome.ok, outcome.message);
      }
      if (p.state === 'done') return result(false, `${label(p)} was already reported to Specter.`);
      if (p.state === 'sending') return result(false, `${label(p)} is being sent right now.`);
      if (p.state === 'rejected') return result(false, `${label(p)} was rejected; it is not sent.`);
      if (p.state !== 'confirmed') {
        const confirmed = deps.postings.transition(id, ['proposed', 'held', 'failed'], 'confirmed', {
          decidedBy: actor,
          reason: null,
          lastError: null,
        });
        if (!confirmed) return result(false, `${label(p)} changed meanwhile; look at it again.`);
        audit(actor, 'confirm', confirmed, {
          previousState: p.state,
          payload: adapters[confirmed.kind].payload(confirmed),
        });
      }
      const outcome = await steps.send(deps.postings.get(id) as Posting, 'confirmed', actor);
      return result(outcome.ok, outcome.message);
    }
  }
}

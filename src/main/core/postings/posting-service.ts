/**
 * The postings outbox: delivery submits (shipped Ongoing orders) and purchase delivery submits
 * (received Ongoing purchase orders) to Specter, each sent exactly once.
 *
 * Life of a posting: proposed → (held) → confirmed → sending → done, then acknowledged in Ongoing
 * (reported = picked / received). A refusal by Specter → failed. No clear answer (timeout, reset,
 * 5xx, the app stopped while sending) → in_doubt: before anything is sent again, Specter's state of
 * the order/purchase is read and compared with what it showed just before the send (stored with the
 * posting). Applied → done; not applied → sent once more; cannot tell → stays in_doubt for an
 * operator. A submit is never repeated blindly, and a failed acknowledgement retries only the
 * acknowledgement.
 *
 * Every state change is a compare-and-set in the repository, so a scheduled run, an operator's click
 * and a run after a restart can never both send the same posting. Within one process the outbox work
 * is also serialized.
 */
import { ApiError } from '../../../shared/api';
import type { Posting, PostingDecision, PostingKind, PostingState } from '../../../shared/domain/postings';
import type { PlannedChange } from '../../../shared/domain/sync';
import { hasErrors, ongoingDateToLocalDate, roundDecimal } from '../../../shared/mapping';
import { isRemoteError } from '../net/remote-error';
import type { SyncDeps } from '../sync/deps';
import type { DecisionResult, PostingService } from '../sync/services';
import { judgeInDoubt, type SendSnapshot } from './in-doubt';
import { type KindAdapter, deliveryAdapter, receiptAdapter } from './kinds';
import type { RowQuantities } from './proposals';
import { SendSnapshotStore } from './send-snapshots';

export interface PostingServiceOptions {
  /**
   * How long after a send without a clear answer Specter is asked what happened. A slow Specter may
   * still be applying the request; asking too early could read "not applied" and send it twice.
   * Default 30 s.
   */
  inDoubtGraceMs?: number;
}

export interface ProposeSummary {
  /** Ongoing records with something to report. */
  fetched: number;
  created: number;
  unchanged: number;
  /** Older undecided proposals replaced because Ongoing's quantities changed. */
  superseded: number;
  /** Records that could not be proposed (problems in the exceptions inbox). */
  invalid: number;
  autoConfirmed: number;
  plan: PlannedChange[];
}

export interface ProcessSummary {
  /** In-doubt postings checked against Specter. */
  checked: number;
  /** Submits sent to Specter. */
  sent: number;
  done: number;
  failed: number;
  /** Postings left in doubt (waiting for the grace period or for an operator). */
  inDoubt: number;
  acknowledged: number;
  ackFailed: number;
  errors: string[];
  /** Specter or Ongoing could not be reached; the rest waits for the next run. */
  unreachable: boolean;
}

export interface PostingEngine extends PostingService {
  /** Read Ongoing, store proposals (idempotent), auto-confirm where the settings say so. */
  propose(kind: PostingKind, options?: { dryRun?: boolean }): Promise<ProposeSummary>;
  /** Drive the outbox: check in-doubt postings, send confirmed ones, retry failed acknowledgements. */
  process(kind?: PostingKind): Promise<ProcessSummary>;
}

interface StepOutcome {
  ok: boolean;
  message: string;
  unreachable?: boolean;
  /** A submit went out to Specter (whatever its answer). */
  sent?: boolean;
}

/** States whose quantities count as on their way to Specter (not to be proposed again). */
const IN_FLIGHT: readonly PostingState[] = ['confirmed', 'sending', 'in_doubt'];
const UNDECIDED: PostingState[] = ['proposed', 'held'];
const REPLACEABLE: PostingState[] = ['proposed', 'held', 'failed'];

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const isUnreachable = (error: unknown): boolean =>
  isRemoteError(error) && ['network', 'timeout', 'server', 'rate'].includes(error.kind);

function emptyProcessSummary(): ProcessSummary {
  return {
    checked: 0,
    sent: 0,
    done: 0,
    failed: 0,
    inDoubt: 0,
    acknowledged: 0,
    ackFailed: 0,
    errors: [],
    unreachable: false,
  };
}

function sumRows(postings: readonly Posting[]): RowQuantities {
  const out: RowQuantities = new Map();
  for (const p of postings) {
    for (const r of p.rows) out.set(r.rowRef, roundDecimal((out.get(r.rowRef) ?? 0) + r.quantity));
  }
  return out;
}

export function createPostingService(deps: SyncDeps, options: PostingServiceOptions = {}): PostingEngine {
  const graceMs = options.inDoubtGraceMs ?? 30_000;
  const snapshots = new SendSnapshotStore(deps.db);
  const adapters: Record<PostingKind, KindAdapter> = {
    delivery: deliveryAdapter(deps),
    receipt: receiptAdapter(deps),
  };

  // One outbox worker at a time in this process (a run and an operator click queue behind each other).
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => {});
    return next;
  };

  const audit = (actor: string, action: string, p: Posting, details: Record<string, unknown> = {}) =>
    deps.audit.append({
      actor,
      action: `${p.kind}.${action}`,
      subject: `${p.kind} #${p.id} ${p.number}`,
      details: { key: p.idempotencyKey, ...details },
    });

  const label = (p: Posting) => `${adapters[p.kind].noun} #${p.id} (${adapters[p.kind].specterRecord} ${p.number})`;

  // ------------------------------------------------------------------------------ proposals

  async function propose(kind: PostingKind, opts: { dryRun?: boolean } = {}): Promise<ProposeSummary> {
    const adapter = adapters[kind];
    const settings = deps.settings();
    const today = ongoingDateToLocalDate(deps.now().toISOString()) ?? deps.now().toISOString().slice(0, 10);
    const summary: ProposeSummary = {
      fetched: 0,
      created: 0,
      unchanged: 0,
      superseded: 0,
      invalid: 0,
      autoConfirmed: 0,
      plan: [],
    };
    const candidates = await adapter.candidates(settings, today);
    summary.fetched = candidates.length;
    for (const candidate of candidates) {
      const record =
        deps.records.byOngoingId(adapter.recordFlow, candidate.ongoingId) ??
        deps.records.get(adapter.recordFlow, candidate.number);
      const specterId = record?.specterId || candidate.specterIdInOngoing || '';
      const existing = deps.postings.list({ kind, ongoingId: candidate.ongoingId });
      const covered = sumRows(
        existing.filter((p) => IN_FLIGHT.includes(p.state) || (p.state === 'done' && p.ackState !== 'done')),
      );
      const build = candidate.build(specterId, covered);
      if (hasErrors(build.problems)) {
        summary.invalid++;
        const message = build.problems
          .filter((p) => p.severity === 'error')
          .map((p) => p.message)
          .join(' ');
        summary.plan.push({ key: candidate.number, action: 'invalid', message });
        if (!opts.dryRun) {
          deps.exceptions.raise({ flow: adapter.flow, recordKey: candidate.number, class: 'validation', message });
        }
        continue;
      }
      if (!opts.dryRun) deps.exceptions.clear(adapter.flow, candidate.number, ['validation']);
      if (!build.posting) {
        summary.unchanged++;
        continue;
      }
      const payload = adapter.payload({ ...build.posting } as Posting);
      const warnings = build.problems.map((p) => p.message).join(' ') || undefined;
      if (opts.dryRun) {
        const known = deps.postings.byKey(build.posting.idempotencyKey);
        if (known) summary.unchanged++;
        else summary.created++;
        summary.plan.push({
          key: candidate.number,
          action: known ? 'unchanged' : 'create',
          message: warnings,
          payload,
        });
        continue;
      }
      const { posting, created } = deps.postings.propose(build.posting);
      if (!created) {
        summary.unchanged++;
        continue;
      }
      summary.created++;
      summary.plan.push({ key: candidate.number, action: 'create', message: warnings, payload });
      audit('system', 'proposed', posting, { payload, rows: posting.rows, warnings });
      for (const older of existing) {
        if (!REPLACEABLE.includes(older.state)) continue;
        const replaced = deps.postings.transition(older.id, REPLACEABLE, 'rejected', {
          decidedBy: 'system',
          reason: `Replaced by #${posting.id}: Ongoing now shows other quantities to report.`,
        });
        if (replaced) {
          summary.superseded++;
          audit('system', 'superseded', replaced, { replacedBy: posting.id });
        }
      }
    }
    if (!opts.dryRun && adapter.autoConfirm(settings)) {
      for (const p of deps.postings.list({ kind, states: ['proposed'] }).reverse()) {
        const confirmed = deps.postings.transition(p.id, ['proposed'], 'confirmed', {
          decidedBy: 'auto',
          lastError: null,
        });
        if (confirmed) {
          summary.autoConfirmed++;
          audit('auto', 'confirm', confirmed, { automatic: true, payload: adapter.payload(confirmed) });
        }
      }
    }
    return summary;
  }

  // ------------------------------------------------------------------------------ sending

  /** Snapshot Specter, mark sending (one attempt), submit, and record the outcome. */
  async function send(p: Posting, from: 'confirmed' | 'in_doubt', actor: string): Promise<StepOutcome> {
    const adapter = adapters[p.kind];
    let before: SendSnapshot;
    try {
      const state = await adapter.readSpecter(p.specterId);
      if (!state) {
        const message =
          `Specter has no ${adapter.specterRecord} with id ${p.specterId}, so nothing was sent. ` +
          `Check ${adapter.specterRecord} ${p.number} in Specter, then confirm again or reject this ${adapter.noun}.`;
        const failed = deps.postings.transition(p.id, [from], 'failed', { lastError: message });
        if (failed) audit(actor, 'failed', failed, { reason: message });
        deps.exceptions.raise({ flow: adapter.flow, recordKey: p.number, class: 'remote_refusal', message });
        return { ok: false, message };
      }
      before = { ...state, takenAt: deps.now().toISOString() };
    } catch (error) {
      const message = `Specter could not be read before sending ${label(p)}: ${errorText(error)} Nothing was sent; it is tried again on the next run.`;
      return { ok: false, message, unreachable: isUnreachable(error) };
    }

    const sending = deps.db.transaction(() => {
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

    let result: Awaited<ReturnType<KindAdapter['submit']>>;
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
        if (failed) audit(actor, 'refused', failed, { error: detail });
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
      `${adapter.specterRecord} is checked before anything is sent again.`;
    const doubt = deps.postings.transition(p.id, ['sending'], 'in_doubt', { lastError: message });
    if (doubt) audit(actor, 'in_doubt', doubt, { error: detail });
    return { ok: false, message, unreachable: isUnreachable(error) };
  }

  /** Decide an in-doubt posting from Specter's state: done, send once more, or leave it for an operator. */
  async function resolve(p: Posting, actor: string): Promise<StepOutcome & { waiting?: boolean }> {
    const adapter = adapters[p.kind];
    const age = deps.now().getTime() - Date.parse(p.updatedAt);
    if (age < graceMs) {
      const wait = Math.ceil((graceMs - age) / 1000);
      return {
        ok: false,
        waiting: true,
        message: `${label(p)} was sent without a clear answer; Specter is checked in about ${wait} s (a slow Specter may still apply it).`,
      };
    }
    let now: Awaited<ReturnType<KindAdapter['readSpecter']>>;
    try {
      now = await adapter.readSpecter(p.specterId);
    } catch (error) {
      return {
        ok: false,
        message: `${label(p)} stays in doubt: Specter could not be read (${errorText(error)}). Checked again on the next run.`,
        unreachable: isUnreachable(error),
      };
    }
    if (!now) {
      const message = `${label(p)} stays in doubt: Specter has no ${adapter.specterRecord} with id ${p.specterId} any more. Check it in Specter, then reject this ${adapter.noun}.`;
      const kept = deps.postings.transition(p.id, ['in_doubt'], 'in_doubt', { lastError: message });
      if (kept) audit(actor, 'checked', kept, { outcome: 'unknown', evidence: message });
      deps.exceptions.raise({ flow: adapter.flow, recordKey: p.number, class: 'conflict', message });
      return { ok: false, message };
    }
    const verdict = judgeInDoubt(p, snapshots.get(p.id), now);
    audit(actor, 'checked', p, { outcome: verdict.outcome, evidence: verdict.evidence, specterNow: now.rows });
    if (verdict.outcome === 'applied') {
      const done = deps.postings.transition(p.id, ['in_doubt'], 'done', {
        specterResultId: verdict.resultId ?? undefined,
        lastError: null,
      });
      if (!done) return { ok: false, message: `${label(p)} changed meanwhile.` };
      deps.exceptions.clear(adapter.flow, p.number, ['conflict']);
      const ack = await acknowledge(done, actor);
      return { ok: true, message: `${label(p)} had arrived in Specter: ${verdict.evidence} ${ack.message}` };
    }
    if (verdict.outcome === 'not_applied') {
      const outcome = await send(p, 'in_doubt', actor);
      return { ...outcome, message: `${verdict.evidence} Sent once more: ${outcome.message}` };
    }
    const message = `${label(p)} stays in doubt. ${verdict.evidence}`;
    deps.postings.transition(p.id, ['in_doubt'], 'in_doubt', { lastError: message });
    deps.exceptions.raise({ flow: adapter.flow, recordKey: p.number, class: 'conflict', message });
    return { ok: false, message };
  }

  // ------------------------------------------------------------------------------ acknowledgement

  /**
   * Tell Ongoing that what Specter now has is reported. Ongoing's call sets reported = picked/received for
   * the whole record, so it is made only when everything Ongoing has to report is in postings Specter
   * accepted; otherwise it waits for the newer posting of the same record.
   */
  async function acknowledge(p: Posting, actor: string): Promise<StepOutcome & { waiting?: boolean }> {
    const adapter = adapters[p.kind];
    try {
      const toReport = await adapter.readOngoingToReport(p.ongoingId);
      const unacknowledged = deps.postings
        .list({ kind: p.kind, ongoingId: p.ongoingId, states: ['done'] })
        .filter((x) => x.ackState !== 'done');
      const reported = sumRows(unacknowledged);
      const extra = [...toReport].filter(([ref, q]) => roundDecimal(q - (reported.get(ref) ?? 0)) > 0);
      if (extra.length > 0) {
        const what = extra
          .map(([ref, q]) => `${roundDecimal(q - (reported.get(ref) ?? 0))} on row ${ref || '(none)'}`)
          .join(', ');
        const message =
          `Ongoing is acknowledged later: ${what} ${adapter.verb} after this ${adapter.noun} was made are ` +
          'not yet reported to Specter (they get a proposal of their own).';
        for (const x of unacknowledged) deps.postings.setAckState(x.id, 'pending', message);
        return { ok: true, waiting: true, message };
      }
      await adapter.acknowledge(p.ongoingId);
      for (const x of unacknowledged) deps.postings.setAckState(x.id, 'done', null);
      audit(actor, 'acknowledged', p, { ongoingId: p.ongoingId, postings: unacknowledged.map((x) => x.id) });
      return { ok: true, message: 'Acknowledged in Ongoing.' };
    } catch (error) {
      const message =
        `Specter has it, but Ongoing could not be told (${errorText(error)}). Only the acknowledgement ` +
        'is retried on the next run; nothing is sent to Specter again.';
      deps.postings.setAckState(p.id, 'failed', message);
      audit(actor, 'ack_failed', p, { error: errorText(error) });
      return { ok: false, message, unreachable: isUnreachable(error) };
    }
  }

  // ------------------------------------------------------------------------------ the outbox run

  async function processKind(kind: PostingKind, summary: ProcessSummary): Promise<void> {
    const note = (o: StepOutcome) => {
      if (!o.ok) summary.errors.push(o.message);
      if (o.unreachable) summary.unreachable = true;
    };
    for (const p of deps.postings.list({ kind, states: ['in_doubt'] }).reverse()) {
      if (summary.unreachable) return;
      const outcome = await resolve(p, 'system');
      if (outcome.waiting) {
        summary.inDoubt++;
        continue;
      }
      summary.checked++;
      if (outcome.sent) summary.sent++;
      note(outcome);
      const state = deps.postings.get(p.id)?.state;
      if (state === 'done') summary.done++;
      else if (state === 'failed') summary.failed++;
      else if (state === 'in_doubt') summary.inDoubt++;
    }
    for (const p of deps.postings.list({ kind, states: ['confirmed'] }).reverse()) {
      if (summary.unreachable) return;
      const outcome = await send(p, 'confirmed', 'system');
      const state = deps.postings.get(p.id)?.state;
      if (outcome.sent) summary.sent++;
      note(outcome);
      if (state === 'done') summary.done++;
      else if (state === 'failed') summary.failed++;
      else if (state === 'in_doubt') summary.inDoubt++;
    }
    const pendingAcks = deps.postings
      .list({ kind, states: ['done'] })
      .filter((p) => p.ackState !== 'done')
      .reverse();
    const seen = new Set<number>();
    for (const p of pendingAcks) {
      if (summary.unreachable) return;
      if (seen.has(p.ongoingId)) continue;
      seen.add(p.ongoingId);
      const outcome = await acknowledge(p, 'system');
      if (outcome.ok && !outcome.waiting) summary.acknowledged++;
      if (!outcome.ok) summary.ackFailed++;
      note(outcome);
    }
  }

  // ------------------------------------------------------------------------------ operator decisions

  async function decideOne(
    id: number,
    decision: PostingDecision,
    actor: string,
    reason: string | undefined,
  ): Promise<DecisionResult> {
    const p = deps.postings.get(id);
    if (!p) return { id, ok: false, message: `Posting #${id} does not exist (refresh the list).`, posting: null };
    const result = (ok: boolean, message: string): DecisionResult => ({
      id,
      ok,
      message,
      posting: deps.postings.get(id),
    });
    if (decision === 'hold') {
      const held = deps.postings.transition(id, ['proposed'], 'held', { decidedBy: actor, reason: reason ?? null });
      if (!held) return result(false, `${label(p)} is ${p.state}; only a proposed posting can be held.`);
      audit(actor, 'hold', held, { reason, payload: adapters[held.kind].payload(held) });
      return result(true, `${label(p)} is held.`);
    }
    if (decision === 'reject') {
      if (!reason?.trim()) return result(false, `Rejecting ${label(p)} needs a reason.`);
      const rejectable: PostingState[] = ['proposed', 'held', 'failed', 'confirmed', 'in_doubt'];
      const rejected = deps.postings.transition(id, rejectable, 'rejected', { decidedBy: actor, reason });
      if (!rejected) return result(false, `${label(p)} is ${p.state}; it can no longer be rejected.`);
      audit(actor, 'reject', rejected, {
        reason,
        previousState: p.state,
        payload: adapters[rejected.kind].payload(rejected),
      });
      const note =
        p.state === 'in_doubt'
          ? ' It may have reached Specter: check the record there; Ongoing is not acknowledged.'
          : ' Nothing is sent to Specter.';
      return result(true, `${label(p)} is rejected.${note}`);
    }
    // confirm
    if (p.state === 'in_doubt') {
      const outcome = await resolve(p, actor);
      return result(outcome.ok, outcome.message);
    }
    if (p.state === 'done') return result(false, `${label(p)} was already reported to Specter.`);
    if (p.state === 'sending') return result(false, `${label(p)} is being sent right now.`);
    if (p.state === 'rejected') return result(false, `${label(p)} was rejected; it is not sent.`);
    if (p.state !== 'confirmed') {
      const confirmed = deps.postings.transition(id, [...UNDECIDED, 'failed'], 'confirmed', {
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
    const current = deps.postings.get(id) as Posting;
    const outcome = await send(current, 'confirmed', actor);
    return result(outcome.ok, outcome.message);
  }

  return {
    list(kind, states) {
      return deps.postings.list({ kind, states });
    },

    decide(ids, decision, actor, reason) {
      return exclusive(async () => {
        const results: DecisionResult[] = [];
        for (const id of ids) {
          try {
            results.push(await decideOne(id, decision, actor, reason));
          } catch (error) {
            deps.logger.error('posting decision failed', { id, decision, message: errorText(error) });
            results.push({ id, ok: false, message: errorText(error), posting: deps.postings.get(id) });
          }
        }
        return results;
      });
    },

    setOptions(id, change) {
      const p = deps.postings.get(id);
      if (!p) throw new ApiError('invalid_input', `Posting #${id} does not exist (refresh the list).`);
      if (p.kind === 'receipt' && change.createInvoice) {
        throw new ApiError('invalid_input', `${label(p)}: a receipt cannot create an invoice; only deliveries can.`);
      }
      const updated = deps.postings.setOptions(id, change);
      if (!updated) {
        throw new ApiError(
          'invalid_input',
          `${label(p)} is ${p.state}: its options can only be changed while it is proposed or held.`,
        );
      }
      audit('operator', 'options', updated, {
        before: { sendEmail: p.sendEmail, createInvoice: p.createInvoice },
        after: { sendEmail: updated.sendEmail, createInvoice: updated.createInvoice },
      });
      return updated;
    },

    propose(kind, opts) {
      return opts?.dryRun ? propose(kind, opts) : exclusive(() => propose(kind, opts));
    },

    process(kind) {
      return exclusive(async () => {
        const summary = emptyProcessSummary();
        let unreachable = false;
        for (const k of kind ? [kind] : (['delivery', 'receipt'] as const)) {
          summary.unreachable = false;
          await processKind(k, summary);
          unreachable ||= summary.unreachable;
        }
        summary.unreachable = unreachable;
        return summary;
      });
    },
  };
}

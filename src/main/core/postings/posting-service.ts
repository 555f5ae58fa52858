/**
 * The postings outbox: delivery submits (shipped Ongoing orders) and purchase delivery submits
 * (received Ongoing purchase orders) to Specter, each sent exactly once.
 *
 * Life of a posting: proposed → (held) → confirmed → sending → done, then acknowledged in Ongoing per
 * line with the exact reported counts it carries. A refusal by Specter → failed. No clear answer
 * (timeout, reset, 5xx, the app stopped while sending) → in_doubt: before anything is sent again,
 * Specter is read and judged against the snapshot taken just before the send (outbox-steps.ts,
 * in-doubt.ts). What stays unclear waits for an operator's decision: "it is in Specter: mark done" or
 * "it is not in Specter: send again" (which checks Specter first).
 *
 * One posting in flight per record (waits.ts): while a posting of an order or purchase order is
 * sending or in doubt, no other posting of it is sent. Every state change is a compare-and-set in the
 * repository, and within the process the outbox work is serialized.
 */
import { type MessageRef, notice, refOf } from '../../../shared/messages';
import { ApiError } from '../../../shared/api';
import type { Posting, PostingDecision, PostingKind, PostingState } from '../../../shared/domain/postings';
import type { PlannedChange } from '../../../shared/domain/sync';
import { hasErrors, ongoingDateToLocalDate } from '../../../shared/mapping';
import type { SyncDeps } from '../sync/deps';
import type { DecisionResult, PostingService } from '../sync/services';
import { type KindAdapter, deliveryAdapter, receiptAdapter } from './kinds';
import { decideOne } from './operator-decisions';
import { createOutboxSteps, errorText, type StepOutcome } from './outbox-steps';
import { reportedBaseOf } from './proposals';
import { SendSnapshotStore } from './send-snapshots';
import { waitFor } from './waits';

export interface PostingServiceOptions {
  /**
   * How long after a send without a clear answer Specter is asked what happened. A slow Specter may
   * still be applying the request; asking too early could read "not applied" and send it twice.
   * Default 30 s. An operator's decision does not wait for it.
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
  /** Confirmed postings that wait for another posting of the same record. */
  waiting: number;
  acknowledged: number;
  ackFailed: number;
  errors: string[];
  /** The same problems as message codes, for the UI. */
  errorRefs: MessageRef[];
  /** Specter or Ongoing could not be reached; the rest waits for the next run. */
  unreachable: boolean;
}

export interface PostingEngine extends PostingService {
  /** Read Ongoing, store proposals (idempotent), auto-confirm where the settings say so. */
  propose(kind: PostingKind, options?: { dryRun?: boolean }): Promise<ProposeSummary>;
  /** Drive the outbox: check in-doubt postings, send confirmed ones, retry failed acknowledgements. */
  process(kind?: PostingKind): Promise<ProcessSummary>;
}

/** States whose quantities are on their way to Specter (or there): proposals build on top of them. */
const ON_THEIR_WAY: readonly PostingState[] = ['confirmed', 'sending', 'in_doubt', 'done'];
const NOT_DONE_YET: readonly PostingState[] = ['confirmed', 'sending', 'in_doubt'];
const REPLACEABLE: PostingState[] = ['proposed', 'held', 'failed'];

function emptyProcessSummary(): ProcessSummary {
  return {
    checked: 0,
    sent: 0,
    done: 0,
    failed: 0,
    inDoubt: 0,
    waiting: 0,
    acknowledged: 0,
    ackFailed: 0,
    errors: [],
    errorRefs: [],
    unreachable: false,
  };
}

export function createPostingService(deps: SyncDeps, options: PostingServiceOptions = {}): PostingEngine {
  const adapters: Record<PostingKind, KindAdapter> = {
    delivery: deliveryAdapter(deps),
    receipt: receiptAdapter(deps),
  };
  const audit = (actor: string, action: string, p: Posting, details: Record<string, unknown> = {}) =>
    deps.audit.append({
      actor,
      action: `${p.kind}.${action}`,
      subject: `${p.kind} #${p.id} ${p.number}`,
      details: { key: p.idempotencyKey, ...details },
    });
  const label = (p: Posting) => `${adapters[p.kind].noun} #${p.id} (${adapters[p.kind].specterRecord} ${p.number})`;
  const steps = createOutboxSteps({
    deps,
    adapters,
    snapshots: new SendSnapshotStore(deps.db),
    graceMs: options.inDoubtGraceMs ?? 30_000,
    audit,
    label,
  });

  // One outbox worker at a time in this process (a run and an operator click queue behind each other).
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => {});
    return next;
  };

  /** A posting as the pages see it: with what it waits for. */
  const present = (p: Posting): Posting =>
    p.state === 'confirmed' ? { ...p, waitingFor: waitFor(p, steps.sameRecord(p), deps.postings.dependsOn(p.id)) } : p;

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
      if (!opts.dryRun && record && candidate.status) {
        deps.records.setOngoingStatus(
          adapter.recordFlow,
          { ongoingId: candidate.ongoingId, key: record.key },
          candidate.status,
        );
      }
      const existing = deps.postings.list({ kind, ongoingId: candidate.ongoingId });
      const base = reportedBaseOf(existing.filter((p) => ON_THEIR_WAY.includes(p.state)));
      const dependsOn = existing.filter((p) => NOT_DONE_YET.includes(p.state)).map((p) => p.id);
      // Specter's unit factors are read only when something is left to report.
      const plain = candidate.build(specterId, base, new Map());
      const build = plain.nothingToReport
        ? plain
        : candidate.build(specterId, base, await adapter.unitFactors(specterId));
      if (hasErrors(build.problems)) {
        summary.invalid++;
        const message = build.problems
          .filter((p) => p.severity === 'error')
          .map((p) => p.message)
          .join(' ');
        summary.plan.push({ key: candidate.number, action: 'invalid', message });
        if (!opts.dryRun) {
          const errors = build.problems.filter((p) => p.severity === 'error');
          const first = errors.find((p) => p.ref)?.ref;
          const ref = first ?? {
            code: 'posting.invalid' as const,
            params: { number: candidate.number, fields: errors.map((p) => p.field).join(', ') },
          };
          deps.exceptions.raise({
            flow: adapter.flow,
            recordKey: candidate.number,
            class: 'validation',
            message,
            code: ref.code,
            params: ref.params,
          });
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
      const { posting, created } = deps.postings.propose(build.posting, dependsOn);
      if (!created) {
        summary.unchanged++;
        continue;
      }
      summary.created++;
      summary.plan.push({ key: candidate.number, action: 'create', message: warnings, payload });
      audit('system', 'proposed', posting, { payload, rows: posting.rows, warnings, dependsOn });
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

  // ------------------------------------------------------------------------------ the outbox run

  async function processKind(kind: PostingKind, summary: ProcessSummary): Promise<void> {
    const count = (p: Posting, o: StepOutcome) => {
      if (o.sent) summary.sent++;
      if (!o.ok) {
        summary.errors.push(o.message);
        summary.errorRefs.push(...o.refs);
      }
      if (o.unreachable) summary.unreachable = true;
      const state = deps.postings.get(p.id)?.state;
      if (state === 'done') summary.done++;
      else if (state === 'failed') summary.failed++;
      else if (state === 'in_doubt') summary.inDoubt++;
    };
    for (const p of deps.postings.list({ kind, states: ['in_doubt'] }).reverse()) {
      if (summary.unreachable) return;
      const outcome = await steps.resolve(p, 'system');
      if (outcome.waiting) {
        summary.inDoubt++;
        continue;
      }
      summary.checked++;
      count(p, outcome);
    }
    for (const p of deps.postings.list({ kind, states: ['confirmed'] }).reverse()) {
      if (summary.unreachable) return;
      const current = deps.postings.get(p.id);
      if (current?.state !== 'confirmed') continue;
      const outcome = await steps.send(current, 'confirmed', 'system');
      if (outcome.waiting) {
        summary.waiting++;
        continue;
      }
      count(p, outcome);
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
      const outcome = await steps.acknowledge(p, 'system');
      if (outcome.ok) summary.acknowledged++;
      else summary.ackFailed++;
      if (!outcome.ok) {
        summary.errors.push(outcome.message);
        summary.errorRefs.push(...outcome.refs);
      }
      if (outcome.unreachable) summary.unreachable = true;
    }
  }

  return {
    list(kind, states) {
      return deps.postings.list({ kind, states }).map(present);
    },

    decide(ids, decision: PostingDecision, actor, reason) {
      return exclusive(async () => {
        const results: DecisionResult[] = [];
        for (const id of ids) {
          try {
            const r = await decideOne({ deps, adapters, steps, audit, label }, id, decision, actor, reason);
            results.push({ ...r, posting: r.posting ? present(r.posting) : null });
          } catch (error) {
            deps.logger.error('posting decision failed', { id, decision, message: errorText(error) });
            const n = notice('decision.failed', { remoteText: errorText(error) });
            results.push({ id, ok: false, message: n.text, refs: [refOf(n)], posting: deps.postings.get(id) });
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

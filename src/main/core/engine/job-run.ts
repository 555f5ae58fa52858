/**
 * Per-run bookkeeping shared by every job: counts, the dry-run plan, progress, and the stop reason,
 * turned into the JobResult by one rule (see failure.ts).
 */
import { emptyCounts, type JobName, type PlannedChange, type RunCounts } from '../../../shared/domain/sync';
import type { SyncDeps } from '../sync/deps';
import type { JobContext, JobResult } from '../sync/scheduler';
import {
  classify,
  clearJobFailures,
  describeStop,
  type Failure,
  isUnreachable,
  type Doing,
  type Notice,
  notice as makeNotice,
  raiseJobFailure,
  refOf,
} from './failure';

export class JobRun {
  readonly counts: RunCounts = emptyCounts();
  readonly plan: PlannedChange[] = [];
  /** Warnings of the run as a whole (e.g. a clock skew), added to the result's message. */
  readonly warnings: Notice[] = [];
  private stopReason: { failure: Failure; notice: Notice } | null = null;
  private done = 0;
  private total = 0;
  private lastProgressAt = 0;

  constructor(
    readonly deps: SyncDeps,
    readonly job: JobName,
    readonly ctx: JobContext,
  ) {}

  get dryRun(): boolean {
    return this.ctx.dryRun;
  }

  get stopped(): boolean {
    return this.stopReason !== null;
  }

  /**
   * Stop the run because of a failure that concerns the whole job (first one wins). Job-level
   * failures go to the inbox under record key '*' (not in a dry run).
   */
  stop(error: unknown, doing: Doing): void {
    if (this.stopReason) return;
    const failure = classify(error);
    const notice = describeStop(this.job, failure, doing, error, this.deps.now());
    this.stopReason = { failure, notice };
    this.deps.logger.warn('sync run stopped', { job: this.job, kind: failure.class, message: notice.text });
    if (!this.dryRun) raiseJobFailure(this.deps.exceptions, this.job, failure, notice);
  }

  addTotal(n: number): void {
    this.total += n;
    this.report(false);
  }

  advance(n = 1): void {
    this.done += n;
    this.report(false);
  }

  planned(change: PlannedChange): void {
    if (this.dryRun) this.plan.push(change);
  }

  private report(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastProgressAt < 200) return;
    this.lastProgressAt = now;
    this.ctx.progress(this.done, this.total, { ...this.counts });
  }

  finish(): JobResult {
    if (!this.stopReason && !this.dryRun) clearJobFailures(this.deps.exceptions, this.job);
    this.report(true);
    const counts = { ...this.counts };
    const plan = this.dryRun ? this.plan : undefined;
    const reason = this.stopReason;
    const warnings = this.warnings.map(refOf);
    const joined = (notices: Notice[]) => notices.map((n) => n.text).join(' ');
    if (reason) {
      const { failure, notice } = reason;
      const error = joined([notice, ...this.warnings]);
      const errorRefs = [refOf(notice), ...warnings];
      if (isUnreachable(failure)) {
        const progressed = counts.created + counts.updated + counts.unchanged + counts.conflicts > 0;
        return {
          counts,
          status: progressed ? 'partial' : 'failed',
          error,
          errorRefs,
          unreachable: true,
          retryAfterMs: failure.retryAfterMs,
          plan,
        };
      }
      return { counts, status: 'failed', error, errorRefs, plan };
    }
    if (counts.failed > 0 || counts.conflicts > 0) {
      const { failed, conflicts } = counts;
      const code = this.dryRun
        ? 'run.partial.dryRun'
        : failed > 0 && conflicts > 0
          ? 'run.partial.both'
          : failed > 0
            ? 'run.partial.failed'
            : 'run.partial.conflicts';
      const partial = makeNotice(code, { failed, conflicts });
      return {
        counts,
        status: 'partial',
        error: joined([partial, ...this.warnings]),
        errorRefs: [refOf(partial), ...warnings],
        plan,
      };
    }
    return {
      counts,
      status: 'ok',
      plan,
      ...(warnings.length ? { error: joined(this.warnings), errorRefs: warnings } : {}),
    };
  }
}

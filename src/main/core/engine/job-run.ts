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
  type Notice,
  raiseJobFailure,
} from './failure';

export class JobRun {
  readonly counts: RunCounts = emptyCounts();
  readonly plan: PlannedChange[] = [];
  /** Warnings of the run as a whole (e.g. a clock skew), added to the result's message. */
  readonly warnings: string[] = [];
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
  stop(error: unknown, doing: string): void {
    if (this.stopReason) return;
    const failure = classify(error);
    const notice = describeStop(this.job, failure, doing, this.deps.now());
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
    const warnings = this.warnings.length ? ` ${this.warnings.join(' ')}` : '';
    if (reason) {
      const { failure, notice } = reason;
      const error = `${notice.text}${warnings}`;
      if (isUnreachable(failure)) {
        const progressed = counts.created + counts.updated + counts.unchanged + counts.conflicts > 0;
        return {
          counts,
          status: progressed ? 'partial' : 'failed',
          error,
          unreachable: true,
          retryAfterMs: failure.retryAfterMs,
          plan,
        };
      }
      return { counts, status: 'failed', error, plan };
    }
    if (counts.failed > 0 || counts.conflicts > 0) {
      const parts = [];
      if (counts.failed > 0) parts.push(`${counts.failed} ${this.dryRun ? 'would not be sent' : 'not sent'}`);
      if (counts.conflicts > 0) parts.push(`${counts.conflicts} in conflict`);
      const where = this.dryRun ? 'see the plan' : 'see the exception inbox';
      return { counts, status: 'partial', error: `${parts.join(', ')}: ${where}.${warnings}`, plan };
    }
    return { counts, status: 'ok', plan, ...(warnings ? { error: warnings.trim() } : {}) };
  }
}

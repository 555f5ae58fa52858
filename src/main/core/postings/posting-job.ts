import type { PostingKind } from '../../../shared/domain/postings';
import type { RunCounts } from '../../../shared/domain/sync';
import {
  classify,
  clearJobFailures,
  type Doing,
  describeStop,
  isUnreachable,
  notice,
  raiseJobFailure,
  refOf,
} from '../engine/failure';
import type { SyncDeps } from '../sync/deps';
import type { Job, JobResult } from '../sync/scheduler';
import type { PostingEngine, ProcessSummary, ProposeSummary } from './posting-service';

/**
 * A job-level failure (a system unreachable, not configured, refused credentials) as a run result, by
 * the engine's one failure model: raised under record key '*', cleared by the next run that succeeds.
 */
export function failedRun(
  deps: SyncDeps,
  job: 'deliveries' | 'receipts' | 'stock',
  error: unknown,
  counts: Partial<RunCounts>,
  doing: Doing,
  dryRun = false,
): JobResult {
  const failure = classify(error);
  const notice = describeStop(job, failure, doing, error, deps.now());
  if (!dryRun) raiseJobFailure(deps.exceptions, job, failure, notice);
  deps.logger.warn('job failed', { job, kind: failure.class, message: notice.text });
  const unreachable = isUnreachable(failure);
  return {
    counts,
    status: 'failed',
    error: notice.text,
    errorRefs: [refOf(notice)],
    unreachable,
    ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
  };
}

/**
 * The deliveries / receipts job: propose what Ongoing has to report (idempotent), auto-confirm where the
 * settings say so, then drive the outbox (check in-doubt postings, send confirmed ones, retry failed
 * acknowledgements). A dry run only lists what would be proposed.
 */
export function createPostingJob(
  name: 'deliveries' | 'receipts',
  kind: PostingKind,
  deps: SyncDeps,
  postings: PostingEngine,
): Job {
  return {
    name,
    async run(context) {
      let proposals: ProposeSummary;
      try {
        proposals = await postings.propose(kind, { dryRun: context.dryRun });
      } catch (error) {
        return failedRun(deps, name, error, {}, { doing: 'proposals' }, context.dryRun);
      }
      const counts: Partial<RunCounts> = {
        fetched: proposals.fetched,
        created: proposals.created,
        proposed: proposals.created,
        unchanged: proposals.unchanged,
        failed: proposals.invalid,
        conflicts: 0,
        updated: 0,
      };
      context.progress(proposals.fetched, proposals.fetched, counts);
      if (context.dryRun) {
        return { counts, status: proposals.invalid > 0 ? 'partial' : 'ok', plan: proposals.plan };
      }
      let outbox: ProcessSummary;
      try {
        outbox = await postings.process(kind);
      } catch (error) {
        return failedRun(deps, name, error, counts, { doing: 'sendPostings' });
      }
      counts.updated = outbox.done;
      counts.failed = (counts.failed ?? 0) + outbox.failed + outbox.ackFailed;
      counts.conflicts = outbox.inDoubt;
      const problems = proposals.invalid + outbox.failed + outbox.ackFailed + outbox.errors.length;
      if (outbox.unreachable) {
        const n = notice('run.outbox_unreachable', { job: name });
        deps.exceptions.raise({
          flow: name,
          recordKey: '*',
          class: 'connection',
          message: outbox.errors[outbox.errors.length - 1] ?? n.text,
          code: n.code,
          params: n.params,
        });
      } else {
        // Both systems were reached: earlier job-level problems (connection, credentials) are over.
        clearJobFailures(deps.exceptions, name);
      }
      return {
        counts,
        status: problems > 0 || outbox.unreachable ? 'partial' : 'ok',
        error: outbox.errors.length ? outbox.errors.slice(0, 3).join(' ') : undefined,
        errorRefs: outbox.errorRefs.slice(0, 3),
        unreachable: outbox.unreachable,
      };
    },
  };
}

import type { PostingKind } from '../../../shared/domain/postings';
import type { RunCounts } from '../../../shared/domain/sync';
import { isRemoteError } from '../net/remote-error';
import type { SyncDeps } from '../sync/deps';
import type { Job, JobResult } from '../sync/scheduler';
import type { PostingEngine, ProcessSummary, ProposeSummary } from './posting-service';

const UNREACHABLE_KINDS = new Set(['network', 'timeout', 'server', 'rate']);

/** A job-level failure (a system unreachable, not configured, refused credentials) as a run result. */
export function failedRun(
  deps: SyncDeps,
  job: 'deliveries' | 'receipts' | 'stock',
  error: unknown,
  counts: Partial<RunCounts>,
): JobResult {
  const message = error instanceof Error ? error.message : String(error);
  const unreachable = isRemoteError(error) && UNREACHABLE_KINDS.has(error.kind);
  if (unreachable) deps.exceptions.raise({ flow: job, recordKey: job, class: 'connection', message });
  else if (isRemoteError(error) && error.kind === 'auth') {
    deps.exceptions.raise({ flow: job, recordKey: job, class: 'auth', message });
  }
  deps.logger.warn('job failed', { job, message });
  return { counts, status: 'failed', error: message, unreachable };
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
        return failedRun(deps, name, error, {});
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
      deps.exceptions.clearClass(name, 'connection');
      let outbox: ProcessSummary;
      try {
        outbox = await postings.process(kind);
      } catch (error) {
        return failedRun(deps, name, error, counts);
      }
      counts.updated = outbox.done;
      counts.failed = (counts.failed ?? 0) + outbox.failed + outbox.ackFailed;
      counts.conflicts = outbox.inDoubt;
      const problems = proposals.invalid + outbox.failed + outbox.ackFailed + outbox.errors.length;
      if (outbox.unreachable) {
        const message = outbox.errors[outbox.errors.length - 1] ?? 'A remote system could not be reached.';
        deps.exceptions.raise({ flow: name, recordKey: name, class: 'connection', message });
      }
      return {
        counts,
        status: problems > 0 || outbox.unreachable ? 'partial' : 'ok',
        error: outbox.errors.length ? outbox.errors.slice(0, 3).join(' ') : undefined,
        unreachable: outbox.unreachable,
      };
    },
  };
}

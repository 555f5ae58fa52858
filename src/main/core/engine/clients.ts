import type { JobName } from '../../../shared/domain/sync';
import type { OngoingClient } from '../ongoing';
import type { SpecterClient } from '../specter';
import type { SyncDeps } from '../sync/deps';
import type { JobContext, JobResult } from '../sync/scheduler';
import { JobRun } from './job-run';

/**
 * The two clients a Specter → Ongoing job needs. When one cannot be built (settings or secrets missing),
 * the run is stopped with the reason; a dry run may go on without Ongoing.
 */
export function connectClients(
  deps: SyncDeps,
  job: JobName,
  ctx: JobContext,
): { specter: SpecterClient; ongoing: OngoingClient | null } | { stopped: JobResult } {
  let specter: SpecterClient;
  try {
    specter = deps.clients.specter();
  } catch (error) {
    const run = new JobRun(deps, job, ctx);
    run.stop(error, { doing: 'connect', params: { system: 'specter' } });
    return { stopped: run.finish() };
  }
  try {
    return { specter, ongoing: deps.clients.ongoing() };
  } catch (error) {
    if (ctx.dryRun) return { specter, ongoing: null };
    const run = new JobRun(deps, job, ctx);
    run.stop(error, { doing: 'connect', params: { system: 'ongoing' } });
    return { stopped: run.finish() };
  }
}

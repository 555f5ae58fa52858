import { createPostingJob } from '../postings/posting-job';
import type { PostingEngine } from '../postings/posting-service';
import type { SyncDeps } from '../sync/deps';
import type { Job } from '../sync/scheduler';

/**
 * Outbound deliveries: Ongoing orders in a shipped status (settings: Sent 450, Collected 500 by default)
 * with picked lines not yet reported become delivery submit proposals; confirmed ones are sent to
 * Specter exactly once and then acknowledged in Ongoing.
 */
export function createDeliveriesJob(deps: SyncDeps, postings: PostingEngine): Job {
  return createPostingJob('deliveries', 'delivery', deps, postings);
}

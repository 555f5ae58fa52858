import { createPostingJob } from '../postings/posting-job';
import type { PostingEngine } from '../postings/posting-service';
import type { SyncDeps } from '../sync/deps';
import type { Job } from '../sync/scheduler';

/**
 * Inbound receipts: Ongoing purchase orders with received lines not yet reported become purchase
 * delivery submit proposals; confirmed ones are sent to Specter exactly once and then acknowledged in
 * Ongoing.
 */
export function createReceiptsJob(deps: SyncDeps, postings: PostingEngine): Job {
  return createPostingJob('receipts', 'receipt', deps, postings);
}

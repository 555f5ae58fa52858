/**
 * The app is killed (SIGKILL) while a delivery submit is in flight, then started again on the same data
 * folder: the posting is found 'sending', becomes in doubt, and the deliveries job settles it from
 * Specter's state. Specter ends with exactly one delivery for the shipment either way.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostingService } from '../../src/main/core/postings/posting-service';
import { createDeliveriesJob } from '../../src/main/core/flows/deliveries';
import type { JobContext } from '../../src/main/core/sync/scheduler';
import type { SyncHarness } from '../helpers/sync-harness';
import { linkOrder, pickAndShip, specterWrites, startPostingsHarness } from '../helpers/postings-setup';

const root = path.resolve(import.meta.dirname, '../..');
const ctx: JobContext = { runId: 0, dryRun: false, progress: () => {} };

let harness: SyncHarness | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
  await harness?.close();
  harness = undefined;
});

async function waitFor(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function startChild(dataDir: string, postingId: number): { process: ChildProcess; output: () => string } {
  let output = '';
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/helpers/postings-child.ts', dataDir, String(postingId)],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  proc.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  proc.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child = proc;
  return { process: proc, output: () => output };
}

async function killed(proc: ChildProcess): Promise<NodeJS.Signals | null> {
  if (proc.exitCode !== null || proc.signalCode !== null) return proc.signalCode;
  const exit = new Promise<NodeJS.Signals | null>((resolve) => proc.once('exit', (_code, signal) => resolve(signal)));
  proc.kill('SIGKILL');
  return exit;
}

async function proposedDelivery() {
  // The test process only prepares and inspects; the child process owns the jobs (the data folder's lock).
  harness = await startPostingsHarness({ ownsJobs: false });
  const h = harness;
  const postings = createPostingService(h.deps, { inDoubtGraceMs: 0 });
  await linkOrder(h, [{ articleNo: 'ART-1', noOfItems: 3 }]).then((order) => {
    pickAndShip(h, order, { waybill: '00370712345000000999' });
  });
  await createDeliveriesJob(h.deps, postings).run(ctx);
  const [proposal] = postings.list('delivery', ['proposed']);
  if (!proposal) throw new Error('no proposal');
  return { h, id: proposal.id };
}

/** After the restart: the job settles the posting; returns the posting and the counts. */
async function restartAndRun(h: SyncHarness, id: number) {
  // The killed child's lock is stale: the restarted app takes it over and concludes the send is in doubt.
  h.reopen({ ownsJobs: true });
  expect(h.deps.postings.get(id)).toMatchObject({
    state: 'in_doubt',
    lastError: expect.stringMatching(/stopped while sending/),
  });
  const postings = createPostingService(h.deps, { inDoubtGraceMs: 0 });
  await createDeliveriesJob(h.deps, postings).run(ctx);
  return h.deps.postings.get(id);
}

describe('a crash while sending', () => {
  it('killed after Specter received the submit (it is applied): settled as done without a second submit', async () => {
    const { h, id } = await proposedDelivery();
    h.env.specter.latencyMs = 800;
    const run = startChild(h.dataDir, id);
    await waitFor('the submit to reach Specter', () => h.env.specter.callsFor('deliverySubmit').length === 1);
    expect(h.deps.postings.get(id)).toMatchObject({ state: 'sending', attempts: 1 });
    expect(await killed(run.process)).toBe('SIGKILL');
    expect(run.output()).not.toContain('"step":"decided"');
    // Specter finishes the request the dead process sent.
    await waitFor('Specter to apply it', () => h.env.specter.state.deliveries.length === 1);
    h.env.specter.latencyMs = 0;

    const posting = await restartAndRun(h, id);
    expect(posting).toMatchObject({ state: 'done', ackState: 'done', attempts: 1 });
    const writes = specterWrites(h, 'deliverySubmit');
    const recorded = h.env.specter.state.deliveries.length;
    console.info(
      `[figures] SIGKILL after Specter received the submit: submits sent ${writes.sent}, applied ${writes.applied}, deliveries recorded ${recorded}`,
    );
    expect(writes).toEqual({ sent: 1, applied: 1 });
    expect(recorded).toBe(1);
    expect(posting?.specterResultId).toBe(h.env.specter.state.deliveries[0]?.deliveryId);
  });

  it('killed while the submit hangs without being applied: sent exactly once more after the restart', async () => {
    const { h, id } = await proposedDelivery();
    h.env.specter.faults.enqueue({ kind: 'timeout', phase: 'before', match: 'deliverySubmit' });
    const run = startChild(h.dataDir, id);
    await waitFor('the submit to reach Specter', () => h.env.specter.callsFor('deliverySubmit').length === 1);
    expect(h.deps.postings.get(id)?.state).toBe('sending');
    expect(await killed(run.process)).toBe('SIGKILL');
    expect(h.env.specter.state.deliveries).toHaveLength(0);

    const posting = await restartAndRun(h, id);
    expect(posting).toMatchObject({ state: 'done', ackState: 'done', attempts: 2 });
    const writes = specterWrites(h, 'deliverySubmit');
    const recorded = h.env.specter.state.deliveries.length;
    console.info(
      `[figures] SIGKILL while the submit hung unapplied: submits sent ${writes.sent}, applied ${writes.applied}, deliveries recorded ${recorded}`,
    );
    expect(writes).toEqual({ sent: 2, applied: 1 });
    expect(recorded).toBe(1);
    expect(h.env.specter.state.deliveries[0]?.rows).toEqual([{ rowNo: '1', noOfItems: 3 }]);
  });
});

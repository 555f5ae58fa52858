import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../src/main/core/event-bus';
import { createLogger } from '../../src/main/core/logging/logger';
import { SyncRunRepository } from '../../src/main/core/repositories/sync-run-repository';
import { openDatabase } from '../../src/main/core/store/database';
import { type Job, type JobResult, Scheduler } from '../../src/main/core/sync/scheduler';
import type { AppEvent } from '../../src/shared/api';
import type { JobName } from '../../src/shared/domain/sync';
import { tempDir } from '../helpers/temp-dir';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function setup(jobs: Job[], overrides: Partial<ConstructorParameters<typeof Scheduler>[0]> = {}) {
  const t = tempDir('oss-sched-');
  cleanup = t.cleanup;
  const db = openDatabase({ dataDir: t.dir });
  const runs = new SyncRunRepository(db);
  const events = new EventBus();
  const seen: AppEvent[] = [];
  events.subscribe((e) => seen.push(e));
  let paused: JobName[] = [];
  let clock = 1_000_000;
  const scheduler = new Scheduler({
    jobs,
    runs,
    events,
    logger: createLogger(),
    intervalSeconds: () => 60,
    enabled: () => true,
    loadPaused: () => paused,
    savePaused: (p) => {
      paused = p;
    },
    now: () => clock,
    ...overrides,
  });
  return {
    scheduler,
    runs,
    seen,
    advance: (ms: number) => {
      clock += ms;
    },
    paused: () => paused,
  };
}

function deferredJob(name: JobName) {
  let calls = 0;
  let release: (r: JobResult) => void = () => {};
  const job: Job = {
    name,
    run: () => {
      calls += 1;
      return new Promise<JobResult>((resolve) => {
        release = resolve;
      });
    },
  };
  return { job, calls: () => calls, release: (r: JobResult) => release(r) };
}

describe('Scheduler', () => {
  it('runs a job once per "sync now" while it is in flight (single flight)', async () => {
    const d = deferredJob('orders');
    const { scheduler, runs } = setup([d.job]);
    const a = scheduler.runNow('orders');
    const b = scheduler.runNow('orders');
    expect(d.calls()).toBe(1);
    d.release({ counts: { fetched: 2, created: 2 }, status: 'ok' });
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.run.id).toBe(rb.run.id);
    expect(runs.recent()).toHaveLength(1);
    expect(runs.recent()[0]).toMatchObject({ job: 'orders', status: 'ok', counts: { fetched: 2, created: 2 } });
  });

  it('runs due jobs on tick and schedules the next run one interval later', async () => {
    let count = 0;
    const job: Job = { name: 'articles', run: async () => ({ counts: { fetched: ++count }, status: 'ok' }) };
    const { scheduler, advance } = setup([job]);
    scheduler.tick();
    await new Promise((r) => setTimeout(r, 10));
    expect(count).toBe(1);
    advance(30_000);
    scheduler.tick();
    await new Promise((r) => setTimeout(r, 10));
    expect(count).toBe(1);
    advance(31_000);
    scheduler.tick();
    await new Promise((r) => setTimeout(r, 10));
    expect(count).toBe(2);
  });

  it('does not run paused or disabled jobs on schedule, and persists the pause', async () => {
    let count = 0;
    const job: Job = { name: 'stock', run: async () => ({ counts: { fetched: ++count }, status: 'ok' }) };
    const s = setup([job]);
    s.scheduler.setPaused(['stock'], true);
    expect(s.paused()).toEqual(['stock']);
    s.scheduler.tick();
    await new Promise((r) => setTimeout(r, 10));
    expect(count).toBe(0);
    expect(s.scheduler.states()[0]).toMatchObject({ paused: true, nextRunAt: null });
    s.scheduler.setPaused('all', false);
    s.scheduler.tick();
    await new Promise((r) => setTimeout(r, 10));
    expect(count).toBe(1);
  });

  it('backs off exponentially while a system is unreachable and resets after success', async () => {
    let unreachable = true;
    const job: Job = {
      name: 'orders',
      run: async () =>
        unreachable
          ? { counts: {}, status: 'failed', error: 'ECONNREFUSED', unreachable: true }
          : { counts: {}, status: 'ok' },
    };
    const s = setup([job]);
    await s.scheduler.runNow('orders');
    const first = s.scheduler.states()[0];
    expect(first?.backoffUntil).not.toBeNull();
    expect(first?.lastError).toBe('ECONNREFUSED');
    await s.scheduler.runNow('orders');
    const second = s.scheduler.states()[0];
    expect(Date.parse(second?.backoffUntil ?? '') - 1_000_000).toBe(120_000);
    unreachable = false;
    await s.scheduler.runNow('orders');
    expect(s.scheduler.states()[0]).toMatchObject({ backoffUntil: null, lastError: null });
  });

  it('a dry run is recorded as such and returns the plan without joining a real run', async () => {
    const job: Job = {
      name: 'articles',
      run: async (ctx) => ({ counts: {}, status: 'ok', plan: ctx.dryRun ? [{ key: 'A-1', action: 'create' }] : [] }),
    };
    const s = setup([job]);
    const outcome = await s.scheduler.runNow('articles', { dryRun: true });
    expect(outcome.run.dryRun).toBe(true);
    expect(outcome.plan).toEqual([{ key: 'A-1', action: 'create' }]);
  });

  it('a crashing job becomes a failed run with its message, and progress events stream', async () => {
    const job: Job = {
      name: 'receipts',
      run: async (ctx) => {
        ctx.progress(1, 3, { fetched: 1 });
        throw new Error('boom in receipts');
      },
    };
    const s = setup([job]);
    const outcome = await s.scheduler.runNow('receipts');
    expect(outcome.run).toMatchObject({ status: 'failed', error: 'boom in receipts' });
    const phases = s.seen
      .filter((e) => e.type === 'progress')
      .map((e) => (e.type === 'progress' ? e.progress.phase : ''));
    expect(phases).toEqual(['started', 'progress', 'finished']);
  });

  it('a job waits for the run in flight of the jobs it comes after', async () => {
    const order: string[] = [];
    const articles = deferredJob('articles');
    const orders: Job = {
      name: 'orders',
      after: ['articles'],
      run: async () => {
        order.push('orders');
        return { counts: {}, status: 'ok' };
      },
    };
    const s = setup([articles.job, orders]);
    const a = s.scheduler.runNow('articles');
    const o = s.scheduler.runNow('orders');
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual([]);
    order.push('articles');
    articles.release({ counts: {}, status: 'ok' });
    await Promise.all([a, o]);
    expect(order).toEqual(['articles', 'orders']);
  });

  it('rejects an unknown job with the list of known ones', async () => {
    const s = setup([{ name: 'orders', run: async () => ({ counts: {}, status: 'ok' }) }]);
    await expect(s.scheduler.runNow('stock')).rejects.toThrow('Unknown job "stock". Jobs: orders.');
  });
});

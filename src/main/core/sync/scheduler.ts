import type { AppEvent } from '../../../shared/api';
import {
  JOB_NAMES,
  type JobName,
  type JobState,
  type PlannedChange,
  type RunCounts,
  type SyncRunSummary,
} from '../../../shared/domain/sync';
import type { MessageRef } from '../../../shared/messages';
import type { EventBus } from '../event-bus';
import type { Logger } from '../logging/logger';
import type { SyncRunRepository } from '../repositories/sync-run-repository';

export interface JobContext {
  runId: number;
  dryRun: boolean;
  /** Report progress; streamed to the UI. */
  progress(done: number, total: number | null, counts: Partial<RunCounts>): void;
}

export interface JobResult {
  counts: Partial<RunCounts>;
  status: 'ok' | 'partial' | 'failed';
  /** The run's problem in English (log, stored text); `errorRefs` is what the UI says. */
  error?: string;
  errorRefs?: MessageRef[];
  /** True when the run failed because a remote system could not be reached: the scheduler backs off. */
  unreachable?: boolean;
  /** How long the remote system asked to wait; the next try is not before it. */
  retryAfterMs?: number;
  /** Dry runs: what would have been sent. */
  plan?: PlannedChange[];
}

export interface Job {
  name: JobName;
  /** Jobs whose run in flight this one waits for first (e.g. orders wait for articles, so lines find them). */
  after?: JobName[];
  run(context: JobContext): Promise<JobResult>;
}

export interface RunOutcome {
  run: SyncRunSummary;
  plan?: PlannedChange[];
}

export interface SchedulerOptions {
  jobs: Job[];
  runs: SyncRunRepository;
  events: EventBus;
  logger: Logger;
  /** Seconds between runs per job (read on every tick, so settings changes apply at once). */
  intervalSeconds(job: JobName): number;
  /** Whether a job runs on schedule at all (e.g. stock sync switched off, systems not configured). */
  enabled(job: JobName): boolean;
  /** Whether "sync all" includes the job; default: `enabled`. */
  includeInRunAll?(job: JobName): boolean;
  /** Persisted pause state. */
  loadPaused(): JobName[];
  savePaused(paused: JobName[]): void;
  tickMs?: number;
  now?: () => number;
  /** Longest wait while a system is unreachable. */
  maxBackoffMs?: number;
}

interface Slot {
  job: Job;
  inFlight: Promise<RunOutcome> | null;
  lastRun: SyncRunSummary | null;
  nextRunAt: number;
  failures: number;
  backoffUntil: number | null;
  /** Until when the remote system asked to wait (Retry-After); a backoff never ends before it. */
  askedToWaitUntil: number | null;
  lastError: string | null;
  lastErrorRefs: MessageRef[];
}

/**
 * Runs each job on its interval, one run per job at a time (single flight): a "sync now" while a run is
 * in flight joins that run instead of starting a second one. Jobs that cannot reach a remote system back
 * off exponentially up to `maxBackoffMs`; a successful run resets the backoff.
 */
export class Scheduler {
  private readonly slots = new Map<JobName, Slot>();
  private readonly paused: Set<JobName>;
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly options: SchedulerOptions) {
    this.now = options.now ?? Date.now;
    this.paused = new Set(options.loadPaused());
    const start = this.now();
    for (const job of options.jobs) {
      this.slots.set(job.name, {
        job,
        inFlight: null,
        lastRun: (options.runs.recent(1, job.name)[0] as SyncRunSummary | undefined) ?? null,
        // Stagger first runs a little so start-up does not hit both systems with every job at once.
        nextRunAt: start + 2_000 * options.jobs.indexOf(job),
        failures: 0,
        backoffUntil: null,
        askedToWaitUntil: null,
        lastError: null,
        lastErrorRefs: [],
      });
    }
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.options.tickMs ?? 1_000);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.slots.values()].map((s) => s.inFlight));
  }

  /**
   * A remote system answers again: jobs backing off because it could not be reached run at their next
   * planned time instead (never before a wait the system itself asked for).
   */
  endBackoff(): void {
    const now = this.now();
    let changed = false;
    for (const slot of this.slots.values()) {
      if (!slot.backoffUntil) continue;
      const asked = slot.askedToWaitUntil && slot.askedToWaitUntil > now ? slot.askedToWaitUntil : null;
      if (slot.backoffUntil !== asked) {
        slot.backoffUntil = asked;
        changed = true;
      }
    }
    if (changed) this.emit({ type: 'jobs', jobs: this.states() });
  }

  /** Start every due job that is not paused, disabled, backing off or already running. */
  tick(): void {
    const now = this.now();
    for (const [name, slot] of this.slots) {
      if (slot.inFlight || this.paused.has(name) || !this.options.enabled(name)) continue;
      if (slot.backoffUntil && now < slot.backoffUntil) continue;
      if (now >= slot.nextRunAt) void this.runNow(name).catch(() => {});
    }
  }

  /** Run a job now (or join its run in flight). Dry runs never join or get joined. */
  runNow(name: JobName, options: { dryRun?: boolean } = {}): Promise<RunOutcome> {
    const slot = this.slots.get(name);
    if (!slot) return Promise.reject(new Error(`Unknown job "${name}". Jobs: ${[...this.slots.keys()].join(', ')}.`));
    const dryRun = options.dryRun ?? false;
    if (!dryRun && slot.inFlight) return slot.inFlight;
    const promise = this.execute(slot, dryRun);
    if (!dryRun) {
      slot.inFlight = promise;
      void promise.finally(() => {
        slot.inFlight = null;
      });
    }
    return promise;
  }

  /** Run every job once, in order (articles before orders, so order lines find their articles). */
  async runAll(options: { dryRun?: boolean } = {}): Promise<RunOutcome[]> {
    const outcomes: RunOutcome[] = [];
    for (const name of this.slots.keys()) {
      const included = this.options.includeInRunAll ?? this.options.enabled;
      if (!included(name) && !options.dryRun) continue;
      outcomes.push(await this.runNow(name, options));
    }
    return outcomes;
  }

  setPaused(names: JobName[] | 'all', paused: boolean): void {
    const targets = names === 'all' ? [...this.slots.keys()] : names;
    for (const name of targets) {
      if (paused) this.paused.add(name);
      else this.paused.delete(name);
    }
    this.options.savePaused([...this.paused]);
    this.emitStates();
  }

  states(): JobState[] {
    return JOB_NAMES.filter((n) => this.slots.has(n)).map((name) => {
      const slot = this.slots.get(name) as Slot;
      const enabled = this.options.enabled(name);
      const paused = this.paused.has(name);
      const next = Math.max(slot.nextRunAt, slot.backoffUntil ?? 0);
      return {
        job: name,
        enabled,
        paused,
        running: slot.inFlight !== null,
        intervalSeconds: this.options.intervalSeconds(name),
        lastRun: slot.lastRun,
        nextRunAt: enabled && !paused ? new Date(next).toISOString() : null,
        backoffUntil:
          slot.backoffUntil && slot.backoffUntil > this.now() ? new Date(slot.backoffUntil).toISOString() : null,
        lastError: slot.lastError,
        lastErrorRefs: slot.lastErrorRefs,
      };
    });
  }

  private emit(event: AppEvent): void {
    this.options.events.emit(event);
  }

  private emitStates(): void {
    this.emit({ type: 'jobs', jobs: this.states() });
  }

  private async execute(slot: Slot, dryRun: boolean): Promise<RunOutcome> {
    const { runs, logger } = this.options;
    const name = slot.job.name;
    const before = (slot.job.after ?? []).map((n) => this.slots.get(n)?.inFlight).filter(Boolean);
    if (before.length) await Promise.allSettled(before);
    const runId = runs.start(name, dryRun);
    this.emit({ type: 'progress', progress: { job: name, runId, phase: 'started', done: 0, total: null, counts: {} } });
    if (!dryRun) this.emitStates();
    let result: JobResult;
    try {
      result = await slot.job.run({
        runId,
        dryRun,
        progress: (done, total, counts) =>
          this.emit({ type: 'progress', progress: { job: name, runId, phase: 'progress', done, total, counts } }),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.error('job crashed', { job: name, message });
      result = {
        counts: {},
        status: 'failed',
        error: message,
        errorRefs: [{ code: 'run.crashed', params: { job: name, remoteText: message } }],
      };
    }
    runs.finish(runId, result.status, result.counts as Record<string, number>, result.error, result.errorRefs);
    const run = runs.recent(1, name).find((r) => r.id === runId) as SyncRunSummary;
    if (!dryRun) {
      slot.lastRun = run;
      slot.lastError = result.error ?? null;
      slot.lastErrorRefs = result.errorRefs ?? [];
      const now = this.now();
      const intervalMs = this.options.intervalSeconds(name) * 1000;
      slot.nextRunAt = now + intervalMs;
      if (result.unreachable) {
        slot.failures += 1;
        const backoff = Math.min(this.options.maxBackoffMs ?? 15 * 60_000, intervalMs * 2 ** (slot.failures - 1));
        slot.backoffUntil = now + Math.max(backoff, result.retryAfterMs ?? 0);
        slot.askedToWaitUntil = result.retryAfterMs ? now + result.retryAfterMs : null;
      } else {
        slot.failures = 0;
        slot.backoffUntil = null;
        slot.askedToWaitUntil = null;
      }
    }
    this.emit({
      type: 'progress',
      progress: {
        job: name,
        runId,
        phase: 'finished',
        done: 0,
        total: null,
        counts: result.counts,
        status: result.status,
      },
    });
    if (!dryRun) this.emitStates();
    return { run, plan: result.plan };
  }
}

/**
 * Keeps the inputs of the health value current and pushes the value to every listener. Every real
 * remote call reports its outcome here (not only "Test connection"); job runs, the outbox and problems
 * are read when the value is recomputed. The value itself is the pure computeHealth of src/shared.
 */
import type { AppEvent } from '../../../shared/api';
import type { JobState } from '../../../shared/domain/sync';
import { type CallClass, computeHealth, type Health, type HealthInput, type SystemName } from '../../../shared/health';

export interface HealthSources {
  now(): Date;
  configured(system: SystemName): boolean;
  jobs(): JobState[];
  /** Open problems per flow (job name). */
  openProblems(): Record<string, number>;
  waiting(): HealthInput['waiting'];
  paused(): boolean;
}

interface CallState {
  last: { at: string; class: CallClass } | null;
  failingSince: string | null;
}

const FAILURE: readonly CallClass[] = ['connection', 'protocol', 'auth', 'rate'];

export class HealthMonitor {
  private readonly startedAt: string;
  private readonly calls: Record<SystemName, CallState> = {
    specter: { last: null, failingSince: null },
    ongoing: { last: null, failingSince: null },
  };
  /** First failed run of each job's current run of failures. */
  private readonly failingSince = new Map<string, string>();
  private lastSuccess = new Map<string, string>();
  private current: Health | null = null;
  private readonly listeners = new Set<(health: Health) => void>();

  constructor(private readonly sources: HealthSources) {
    this.startedAt = sources.now().toISOString();
  }

  /**
   * A real call to a remote system ended (ok, or with its failure class). Returns true when the system
   * answers again after failing.
   */
  recordCall(system: SystemName, outcome: CallClass, at = this.sources.now().toISOString()): boolean {
    const state = this.calls[system];
    const failing = FAILURE.includes(outcome);
    const recovered = !failing && state.failingSince !== null;
    const changed = state.last?.class !== outcome;
    state.failingSince = failing ? (state.failingSince ?? at) : null;
    state.last = { at, class: outcome };
    // Many calls in a row end alike; the value is recomputed when the class changes (and by the watchdog).
    if (changed || !this.current) this.refresh();
    return recovered;
  }

  /** Recompute from the sources; listeners hear about it when anything changed. */
  refresh(): Health {
    const now = this.sources.now().toISOString();
    const jobs = this.sources.jobs();
    const problems = this.sources.openProblems();
    for (const job of jobs) {
      const run = job.lastRun;
      if (!run) continue;
      if (run.status === 'ok' || run.status === 'partial') {
        this.failingSince.delete(job.job);
        if (run.finishedAt) this.lastSuccess.set(job.job, run.finishedAt);
      } else if (run.status === 'failed' && !this.failingSince.has(job.job)) {
        this.failingSince.set(job.job, run.finishedAt ?? run.startedAt);
      }
    }
    const input: HealthInput = {
      now,
      startedAt: this.startedAt,
      paused: this.sources.paused(),
      systems: {
        specter: { configured: this.sources.configured('specter'), ...this.calls.specter },
        ongoing: { configured: this.sources.configured('ongoing'), ...this.calls.ongoing },
      },
      flows: jobs.map((job) => ({
        job: job.job,
        enabled: job.enabled,
        intervalSeconds: job.intervalSeconds,
        running: job.running,
        lastRun: job.lastRun ? { status: job.lastRun.status, finishedAt: job.lastRun.finishedAt } : null,
        lastSuccessAt: this.lastSuccess.get(job.job) ?? null,
        failingSince: this.failingSince.get(job.job) ?? null,
        nextRunAt: job.nextRunAt,
        openProblems: problems[job.job] ?? 0,
      })),
      waiting: this.sources.waiting(),
    };
    const next = computeHealth(input);
    const changed =
      !this.current ||
      JSON.stringify({ ...this.current, computedAt: '' }) !== JSON.stringify({ ...next, computedAt: '' });
    this.current = next;
    if (changed) for (const listener of this.listeners) listener(next);
    return next;
  }

  /** When the last real call to the system was made (null: none yet). */
  lastCallAt(system: SystemName): string | null {
    return this.calls[system].last?.at ?? null;
  }

  get(): Health {
    return this.current ?? this.refresh();
  }

  /** Listen for changes (the event bus forwards them as `health` events). */
  subscribe(listener: (health: Health) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const healthEvent = (health: Health): AppEvent => ({ type: 'health', health });

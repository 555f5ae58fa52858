/**
 * Health, derived from real calls: one pure function turns the state (the last real call per system
 * and its class, job runs, open problems, confirmations waiting, pause) into a value per system, per
 * flow and overall. The Overview, the tray icon, its tooltip and notifications all show this value.
 *
 * - ok: nothing needs anyone.
 * - attention: something waits for the operator (confirmations, a posting in doubt, problems to fix,
 *   a paused or not configured app).
 * - failing: a system does not answer or refuses the login, a flow's last run failed, or the watchdog
 *   sees no successful run for 3 × its interval (or a missed schedule).
 */
import type { RunStatus } from './domain/sync';
import type { MessageRef } from './messages';

export type HealthLevel = 'ok' | 'attention' | 'failing';
export type SystemName = 'specter' | 'ongoing';

/** How a real call to a remote system ended (the engine's failure classes, plus ok). */
export type CallClass = 'ok' | 'connection' | 'protocol' | 'auth' | 'rate' | 'refused' | 'invalid';

export interface SystemCallState {
  configured: boolean;
  /** The most recent real call. */
  last: { at: string; class: CallClass } | null;
  /** The first failing call of the current run of failures (null while calls succeed). */
  failingSince: string | null;
}

export interface FlowState {
  job: string;
  enabled: boolean;
  intervalSeconds: number;
  running: boolean;
  lastRun: { status: RunStatus; finishedAt: string | null } | null;
  lastSuccessAt: string | null;
  /** The first failed run of the current run of failures. */
  failingSince: string | null;
  nextRunAt: string | null;
  /** Open problems (exceptions) of this flow. */
  openProblems: number;
}

export interface HealthInput {
  now: string;
  /** When this process started (the watchdog's reference for flows that never succeeded). */
  startedAt: string;
  paused: boolean;
  systems: Record<SystemName, SystemCallState>;
  flows: FlowState[];
  waiting: { deliveries: number; receipts: number; inDoubt: number };
}

export interface HealthValue {
  level: HealthLevel;
  reason: MessageRef;
  since: string | null;
}

export interface Health {
  computedAt: string;
  overall: HealthValue;
  systems: Record<SystemName, HealthValue>;
  flows: Record<string, HealthValue>;
  waiting: HealthInput['waiting'] & { problems: number };
}

const RANK: Record<HealthLevel, number> = { ok: 0, attention: 1, failing: 2 };
/** A run is overdue when it is this late past its planned time (the scheduler's own slack). */
const SCHEDULE_SLACK_MS = 60_000;

export function worst(values: readonly HealthValue[]): HealthValue | undefined {
  let out: HealthValue | undefined;
  for (const v of values) if (!out || RANK[v.level] > RANK[out.level]) out = v;
  return out;
}

export function systemHealth(system: SystemName, s: SystemCallState): HealthValue {
  if (!s.configured)
    return { level: 'attention', reason: { code: 'health.system.notConfigured', params: { system } }, since: null };
  if (!s.last) return { level: 'ok', reason: { code: 'health.system.notYetCalled', params: { system } }, since: null };
  const since = s.failingSince ?? s.last.at;
  switch (s.last.class) {
    case 'connection':
      return { level: 'failing', reason: { code: 'health.system.unreachable', params: { system, since } }, since };
    case 'protocol':
      return { level: 'failing', reason: { code: 'health.system.protocol', params: { system, since } }, since };
    case 'auth':
      return { level: 'failing', reason: { code: 'health.system.authRefused', params: { system, since } }, since };
    case 'rate':
      return { level: 'attention', reason: { code: 'health.system.slowDown', params: { system, since } }, since };
    default:
      // ok, and record-level refusals or invalid values: the system answered.
      return { level: 'ok', reason: { code: 'health.system.ok', params: { system } }, since: null };
  }
}

export function flowHealth(f: FlowState, input: Pick<HealthInput, 'now' | 'startedAt' | 'paused'>): HealthValue {
  if (!f.enabled) return { level: 'ok', reason: { code: 'health.flow.off' }, since: null };
  const now = Date.parse(input.now);
  const intervalMs = Math.max(1, f.intervalSeconds) * 1000;
  if (f.lastRun?.status === 'failed') {
    const since = f.failingSince ?? f.lastRun.finishedAt;
    return { level: 'failing', reason: { code: 'health.flow.failed', params: { since: since ?? input.now } }, since };
  }
  if (!input.paused && !f.running) {
    // Watchdog: no success for 3 intervals, or a planned run that did not happen.
    const reference = f.lastSuccessAt ?? input.startedAt;
    if (now - Date.parse(reference) > 3 * intervalMs) {
      const code = f.lastSuccessAt ? 'health.flow.noSuccessSince' : 'health.flow.noSuccessYet';
      return { level: 'failing', reason: { code, params: { since: reference } }, since: reference };
    }
    if (f.nextRunAt && now - Date.parse(f.nextRunAt) > Math.max(SCHEDULE_SLACK_MS, intervalMs)) {
      return {
        level: 'failing',
        reason: { code: 'health.flow.missedSchedule', params: { nextRunAt: f.nextRunAt } },
        since: f.nextRunAt,
      };
    }
  }
  if (input.paused) return { level: 'attention', reason: { code: 'health.flow.paused' }, since: null };
  if (f.openProblems > 0) {
    return {
      level: 'attention',
      reason: { code: 'health.flow.problems', params: { count: f.openProblems } },
      since: null,
    };
  }
  if (!f.lastSuccessAt) return { level: 'ok', reason: { code: 'health.flow.neverRun' }, since: null };
  return { level: 'ok', reason: { code: 'health.flow.ok', params: { lastSuccessAt: f.lastSuccessAt } }, since: null };
}

export function computeHealth(input: HealthInput): Health {
  const systems = {
    specter: systemHealth('specter', input.systems.specter),
    ongoing: systemHealth('ongoing', input.systems.ongoing),
  };
  const flows: Record<string, HealthValue> = {};
  for (const f of input.flows) flows[f.job] = flowHealth(f, input);
  const problems = input.flows.reduce((n, f) => n + (f.enabled ? f.openProblems : 0), 0);
  const waiting = { ...input.waiting, problems };

  // A failing system explains failing flows: say the system first.
  const failing =
    worst(Object.values(systems).filter((v) => v.level === 'failing')) ??
    worst(Object.values(flows).filter((v) => v.level === 'failing'));
  let overall: HealthValue;
  if (failing) overall = failing;
  else if (input.waiting.inDoubt > 0)
    overall = {
      level: 'attention',
      reason: { code: 'health.waiting.inDoubt', params: { count: input.waiting.inDoubt } },
      since: null,
    };
  else if (input.waiting.deliveries > 0)
    overall = {
      level: 'attention',
      reason: { code: 'health.waiting.deliveries', params: { count: input.waiting.deliveries } },
      since: null,
    };
  else if (input.waiting.receipts > 0)
    overall = {
      level: 'attention',
      reason: { code: 'health.waiting.receipts', params: { count: input.waiting.receipts } },
      since: null,
    };
  else overall = worst([...Object.values(systems), ...Object.values(flows)]) ?? okValue();
  if (overall.level === 'ok') overall = okValue();
  return { computedAt: input.now, overall, systems, flows, waiting };
}

function okValue(): HealthValue {
  return { level: 'ok', reason: { code: 'health.ok' }, since: null };
}

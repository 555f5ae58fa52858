/**
 * What goes wrong during the soak's day: fault rates on both simulators, one-shot faults on writes
 * (a Specter submit applied and then its reply lost; an Ongoing acknowledgement applied and its reply
 * lost), and SIGKILLs of the app aimed at its sends to Specter. Afterwards the injected faults are
 * counted by class from the simulators' recorded calls.
 */
import { type KillRecord, type SoakContext, sleep } from './context';
import type { SpecterCall } from './http';

const SUBMITS = ['deliverySubmit', 'purchaseDeliverySubmit'] as const;
/** How long an aimed kill waits for a send before it kills anyway. */
const AIM_WINDOW_MS = 25_000;

export async function startFaults(ctx: SoakContext): Promise<void> {
  await ctx.specter.setFaultSpec(ctx.options.specterFaults);
  await ctx.ongoing.setFaultSpec(ctx.options.ongoingFaults);
}

export async function stopFaults(ctx: SoakContext): Promise<void> {
  await ctx.specter.clearFaults();
  await ctx.ongoing.clearFaults();
  await ctx.specter.setLatency(ctx.options.latencyMs);
  await ctx.ongoing.setLatency(ctx.options.latencyMs);
}

/** Every few seconds, queue one fault on the next matching write, answered after the write was applied. */
export async function runWriteFaults(ctx: SoakContext, until: number): Promise<void> {
  const kinds = ['reset', 'error', 'malformed', 'html', 'reset', 'error', 'timeout'] as const;
  let turn = 0;
  while (Date.now() + ctx.options.writeFaultEverySeconds * 1000 < until) {
    await sleep(ctx.options.writeFaultEverySeconds * 1000);
    const kind = ctx.chaos.pick(kinds);
    turn++;
    if (turn % 3 === 0) {
      // An Ongoing acknowledgement (per line or for the whole record) applied, its reply lost.
      await ctx.ongoing.enqueueFault({
        kind: kind === 'timeout' ? 'reset' : kind,
        phase: 'after',
        match: 'eportedNumberOfItems',
      });
    } else {
      const action = turn % 3 === 1 ? 'deliverySubmit' : 'purchaseDeliverySubmit';
      await ctx.specter.enqueueFault({ kind, phase: 'after', match: `action=${action}` });
    }
    ctx.figures.writeFaultsQueued++;
  }
}

async function latestSubmits(ctx: SoakContext): Promise<SpecterCall[]> {
  const lists = await Promise.all(SUBMITS.map((a) => ctx.specter.calls(a)));
  return lists.flat().sort((a, b) => a.seq - b.seq);
}

function describeSend(call: SpecterCall): string {
  const orderId = Object.entries(call.params ?? {}).find(([k]) => k.toLowerCase() === 'orderid')?.[1] ?? '';
  return `${call.action}${orderId ? ` for Specter record ${orderId}` : ''}`;
}

/** Kill the app at a moment aimed at a send, then start it again on the same data folder. */
async function killOnce(ctx: SoakContext): Promise<KillRecord> {
  const r = ctx.chaos.next();
  const mode: KillRecord['mode'] = r < 0.5 ? 'arrived' : r < 0.75 ? 'answered' : 'anytime';
  let send: string | null = null;
  if (mode !== 'anytime') {
    const known = new Set((await latestSubmits(ctx)).map((c) => c.seq));
    const slowed = mode === 'arrived';
    if (slowed) await ctx.specter.setLatency(ctx.options.slowSendLatencyMs);
    try {
      const wanted = mode;
      const deadline = Date.now() + AIM_WINDOW_MS;
      let target: SpecterCall | undefined;
      while (!target && Date.now() < deadline) {
        const calls = await latestSubmits(ctx);
        target = calls.find((c) => !known.has(c.seq) && (wanted === 'arrived' ? c.ok === null : c.ok !== null));
        if (!target) await sleep(30);
      }
      if (target) send = describeSend(target);
      await ctx.app.kill();
    } finally {
      if (slowed) await ctx.specter.setLatency(ctx.options.latencyMs);
    }
  } else {
    await ctx.app.kill();
  }
  const record: KillRecord = { atSeconds: Math.round((Date.now() - ctx.startedAt) / 1000), mode, send };
  const aim = mode === 'anytime' ? '' : send ? ` (${send} in flight)` : ` (no send within ${AIM_WINDOW_MS / 1000} s)`;
  ctx.log(`kill ${ctx.figures.kills.length + 1}: ${mode}${aim}`);
  await ctx.app.start();
  ctx.figures.appStarts++;
  return record;
}

/** K kills spread over the day (none in its first 15 s, while the app makes its first sync). */
export async function runKills(ctx: SoakContext, dayStart: number, dayMs: number): Promise<void> {
  const k = ctx.options.kills;
  const first = Math.min(15_000, dayMs / 4);
  const span = dayMs - first;
  const times = Array.from({ length: k }, (_, i) => first + (span * (i + 0.2 + 0.6 * ctx.chaos.next())) / k);
  for (const at of times) {
    const wait = dayStart + at - Date.now();
    if (wait > 0) await sleep(wait);
    ctx.figures.kills.push(await killOnce(ctx));
  }
}

export interface FaultCount {
  system: 'specter' | 'ongoing';
  kind: string;
  phase: string;
  /** The action or write it hit, for writes ("deliverySubmit", "PATCH …/reportedNumberOfItems"); "reads" otherwise. */
  target: string;
  count: number;
}

export interface FaultTally {
  faults: FaultCount[];
  /** API calls each simulator answered (faulty or not). */
  calls: { specter: number; ongoing: number };
}

/** Injected faults by class, from both simulators' recorded calls. */
export async function countFaults(ctx: SoakContext): Promise<FaultTally> {
  const counts = new Map<string, FaultCount>();
  const add = (c: Omit<FaultCount, 'count'>) => {
    const key = `${c.system}|${c.kind}|${c.phase}|${c.target}`;
    const current = counts.get(key) ?? { ...c, count: 0 };
    current.count++;
    counts.set(key, current);
  };
  const specterCalls = await ctx.specter.calls();
  const ongoingCalls = await ctx.ongoing.calls();
  for (const call of specterCalls) {
    if (!call.fault) continue;
    const write = /submit/i.test(call.action);
    add({ system: 'specter', kind: call.fault.kind, phase: call.fault.phase, target: write ? call.action : 'reads' });
  }
  for (const call of ongoingCalls) {
    if (!call.fault) continue;
    const write = call.method !== 'GET';
    const target = write ? `${call.method} ${call.path.replace(/\/\d+(?=\/|$)/g, '/{id}')}` : 'reads';
    add({ system: 'ongoing', kind: call.fault, phase: call.faultPhase ?? 'before', target });
  }
  return {
    faults: [...counts.values()].sort((a, b) => b.count - a.count),
    calls: { specter: specterCalls.length, ongoing: ongoingCalls.length },
  };
}

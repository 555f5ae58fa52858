/** What the parts of a soak share: options, the processes and clients, what was created, the figures. */
import type { SoakOrder, SoakPurchase } from './invariants';
import { BridgeClient, type OngoingControl, type OngoingStateSnapshot, type SpecterControl } from './http';
import type { AppProcess } from './processes';
import type { Prng } from './prng';

export interface SoakOptions {
  seed: number;
  /** Length of the warehouse day (faults and kills on), before faults go off and the app settles. */
  minutes: number;
  kills: number;
  /** Latency of both simulators during the day (ms). */
  latencyMs: number;
  /** Specter latency while a kill waits for a send to arrive (the send is held this long). */
  slowSendLatencyMs: number;
  specterFaults: string;
  ongoingFaults: string;
  /** Seconds between one-shot faults on writes (Specter submits answered after being applied, Ongoing acknowledgements). */
  writeFaultEverySeconds: number;
  ordersPerMinute: number;
  purchasesPerMinute: number;
  /** Job interval of the app during the soak (seconds, at least 10). */
  jobIntervalSeconds: number;
  /** The longest the app may go without any progress while settling. */
  settleStuckSeconds: number;
  /** The longest settling may take in all. */
  settleMaxMinutes: number;
  /** Where the JSON report goes (optional). */
  jsonReport?: string;
  /** Keep the data folder and logs even when every invariant holds. */
  keep: boolean;
  /** Print progress lines. */
  verbose: boolean;
}

export interface KillRecord {
  atSeconds: number;
  /**
   * What the kill aimed at. arrived: a submit had reached Specter and was held by a slow latency;
   * answered: Specter had just answered a submit; anytime: no aim.
   */
  mode: 'arrived' | 'answered' | 'anytime';
  /** The submit the kill hit (action and Specter record); null when none came within the aiming window. */
  send: string | null;
}

export interface Figures {
  ordersCreated: number;
  ordersShipped: number;
  purchasesCreated: number;
  receiptSteps: number;
  quickPairsPlanned: number;
  /** Receipt steps made right after the app showed the previous step's posting. */
  quickPairsMade: number;
  kills: KillRecord[];
  appStarts: number;
  writeFaultsQueued: number;
  /** Things the warehouse could not do (a record never reached Ongoing, a refused step). */
  warehouseNotes: string[];
}

export interface SoakContext {
  options: SoakOptions;
  /** Decisions of the soak itself (kills, fault kinds), apart from the day's plan. */
  chaos: Prng;
  specter: SpecterControl;
  ongoing: OngoingControl;
  app: AppProcess;
  startedAt: number;
  orders: SoakOrder[];
  purchases: SoakPurchase[];
  figures: Figures;
  log(line: string): void;
  /** The app's API while it runs; null while it is down (killed, restarting). */
  bridge(): BridgeClient | null;
  /** The latest Ongoing state, read at most every ~0.5 s and shared by every caller. */
  ongoingState(): Promise<OngoingStateSnapshot>;
}

export function createContext(
  parts: Omit<SoakContext, 'bridge' | 'ongoingState' | 'figures' | 'orders' | 'purchases' | 'startedAt'>,
): SoakContext {
  let cached: { at: number; value: Promise<OngoingStateSnapshot> } | null = null;
  return {
    ...parts,
    startedAt: Date.now(),
    orders: [],
    purchases: [],
    figures: {
      ordersCreated: 0,
      ordersShipped: 0,
      purchasesCreated: 0,
      receiptSteps: 0,
      quickPairsPlanned: 0,
      quickPairsMade: 0,
      kills: [],
      appStarts: 0,
      writeFaultsQueued: 0,
      warehouseNotes: [],
    },
    bridge: () => {
      const endpoint = parts.app.current;
      return endpoint ? new BridgeClient(endpoint.baseUrl, endpoint.token) : null;
    },
    ongoingState: () => {
      const now = Date.now();
      if (!cached || now - cached.at > 500) {
        const value = parts.ongoing.state();
        cached = { at: now, value };
        value.catch(() => {
          cached = null;
        });
      }
      return cached.value;
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Poll `condition` until it returns a value other than undefined/false; throws with `what` when `timeoutMs`
 * passes first. A failing check (e.g. the app is restarting) counts as "not yet".
 */
export async function waitFor<T>(
  what: string,
  condition: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs: number,
  pollMs = 300,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    try {
      const value = await condition();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}.${lastError ? ` Last error: ${lastError}` : ''}`,
      );
    }
    await sleep(pollMs);
  }
}

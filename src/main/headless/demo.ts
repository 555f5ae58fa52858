import type { FaultRates } from '../simulators/faults';
import {
  createWarehouseClock,
  demoOngoingFixture,
  ONGOING_DEMO_USER,
  type OngoingFixture,
  type OngoingSimulator,
  startOngoingSimulator,
  type WarehouseClock,
} from '../simulators/ongoing';
import {
  createSpecterDemoFixture,
  SPECTER_DEMO_CREDENTIALS,
  type SpecterFixture,
  type SpecterSimulator,
  startSpecterSimulator,
} from '../simulators/specter';
import type { AppContext } from '../core/app-context';
import { MemorySecretStore } from '../core/secrets/memory-secret-store';
import type { Settings } from '../../shared/settings';

export interface DemoOptions {
  specterFixture?: SpecterFixture;
  ongoingFixture?: OngoingFixture;
  latencyMs?: number;
  specterFaults?: FaultRates;
  ongoingFaults?: FaultRates;
  /** Advance the simulated warehouse (release, pick, ship, receive) every this many ms; 0 = never. */
  warehouseClockMs?: number;
  /** Physical stock new articles get in the simulated warehouse. */
  newArticleStock?: number | ((articleNumber: string) => number);
  /** Other secrets than the demo's (tests that check where secrets go use values of their own). */
  secrets?: { apiUserKey: string; integrationKey: string; ongoingPassword: string };
}

export interface DemoEnvironment {
  specter: SpecterSimulator;
  ongoing: OngoingSimulator;
  clock: WarehouseClock | null;
  /** The demo credentials; not secret, held in memory only. */
  secrets: MemorySecretStore;
  /** The settings that point the app at the simulators. */
  settingsPatch: Pick<Settings, 'specter' | 'ongoing'>;
  /** Point the app's settings at the demo peers. */
  configure(context: AppContext): void;
  close(): Promise<void>;
}

/** The simulators' fixed demo credentials, in memory only (they open nothing but the local simulators). */
export function demoSecretStore(): MemorySecretStore {
  return new MemorySecretStore({
    'specter.apiUserKey': SPECTER_DEMO_CREDENTIALS.apiUserKey,
    'specter.integrationKey': SPECTER_DEMO_CREDENTIALS.integrationKey,
    'ongoing.password': ONGOING_DEMO_USER.password,
  });
}

/**
 * The demo catalogue with at least 20 in stock of every article (one with less gets 20 to 59, fixed per
 * article number), so the warehouse, which starts with Specter's numbers, can pick every demo order.
 */
function withStockToPick(fixture: SpecterFixture): SpecterFixture {
  return {
    ...fixture,
    stock: fixture.stock?.map((line) =>
      line.noItemsInStock === null || line.noItemsInStock < 20
        ? {
            ...line,
            noItemsInStock:
              20 + ((line.articleNo.length * 7 + line.articleNo.charCodeAt(line.articleNo.length - 1)) % 40),
          }
        : line,
    ),
  };
}

/** The demo peers: in-process simulators of Specter and Ongoing with fixed demo credentials. */
export async function startDemoEnvironment(options: DemoOptions = {}): Promise<DemoEnvironment> {
  const specterFixture = options.specterFixture ?? withStockToPick(createSpecterDemoFixture());
  const own = options.secrets;
  const specterCredentials = own
    ? { ...SPECTER_DEMO_CREDENTIALS, apiUserKey: own.apiUserKey, integrationKey: own.integrationKey }
    : SPECTER_DEMO_CREDENTIALS;
  const ongoingUser = own ? { ...ONGOING_DEMO_USER, password: own.ongoingPassword } : { ...ONGOING_DEMO_USER };
  const specter = await startSpecterSimulator({
    credentials: specterCredentials,
    fixture: specterFixture,
    latencyMs: options.latencyMs,
    faults: options.specterFaults,
  });
  const specterStock = new Map(
    (specterFixture.stock ?? [])
      .filter((l) => String(l.stockSiteId) === '1')
      .flatMap((l) => (l.noItemsInStock === null ? [] : [[l.articleNo, l.noItemsInStock] as const])),
  );
  const ongoing = await startOngoingSimulator({
    users: [ongoingUser],
    fixture: options.ongoingFixture ?? demoOngoingFixture(),
    latencyMs: options.latencyMs,
    faults: options.ongoingFaults,
    // Each article the sync creates in the warehouse gets Specter's stock on site 1, so the demo starts
    // with equal stock and its differences come only from what happens during the demo. An article
    // without a stock number in Specter gets 20 to 59 (fixed per article number) to pick from.
    newArticleStock:
      options.newArticleStock ??
      ((articleNumber) => specterStock.get(articleNumber) ?? 20 + ((articleNumber.length * 7) % 40)),
  });
  const clock = options.warehouseClockMs
    ? createWarehouseClock(ongoing, { intervalMs: options.warehouseClockMs })
    : null;
  clock?.start();
  const secrets = own
    ? new MemorySecretStore({
        'specter.apiUserKey': own.apiUserKey,
        'specter.integrationKey': own.integrationKey,
        'ongoing.password': own.ongoingPassword,
      })
    : demoSecretStore();
  const settingsPatch: Pick<Settings, 'specter' | 'ongoing'> = {
    specter: {
      baseUrl: specter.url,
      sbmId: SPECTER_DEMO_CREDENTIALS.sbmId,
      apiUserId: SPECTER_DEMO_CREDENTIALS.apiUserId,
      stockSiteId: '1',
      keyScheme: 'v2',
    },
    ongoing: { warehouse: ongoing.url, user: ONGOING_DEMO_USER.user, goodsOwnerId: ONGOING_DEMO_USER.goodsOwnerId },
  };
  return {
    specter,
    ongoing,
    clock,
    secrets,
    settingsPatch,
    configure: (context) => {
      context.settings.save({ ...context.settings.get(), ...settingsPatch });
    },
    close: async () => {
      clock?.stop();
      await Promise.all([specter.close(), ongoing.close()]);
    },
  };
}

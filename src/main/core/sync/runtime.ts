import type { SyncRuntime } from '../app-service';
import type { AppContext } from '../app-context';
import { missingConfiguration } from '../remote-clients';
import { createPostingService } from '../postings/posting-service';
import { createStockService } from '../stock/stock-service';
import type { SyncDeps } from './deps';
import { createArticlesJob } from './jobs/articles';
import { createDeliveriesJob } from './jobs/deliveries';
import { createOrdersJob } from './jobs/orders';
import { createPurchaseOrdersJob } from './jobs/purchase-orders';
import { createReceiptsJob } from './jobs/receipts';
import { createStockJob } from './jobs/stock';
import { Scheduler } from './scheduler';
import { createStatusCatalog } from './status-catalog';
import type { JobName } from '../../../shared/domain/sync';

export interface RunningSync extends SyncRuntime {
  deps: SyncDeps;
  stop(): Promise<void>;
}

export function syncDepsOf(context: AppContext): SyncDeps {
  return {
    db: context.db,
    clients: context.clients,
    settings: () => context.settings.get(),
    settingsRepo: context.settings,
    records: context.records,
    exceptions: context.exceptions,
    watermarks: context.watermarks,
    postings: context.postings,
    audit: context.audit,
    events: context.events,
    logger: context.logger,
    now: () => new Date(),
  };
}

/**
 * Build the sync engine on a core (jobs in dependency order: articles before orders, orders before
 * deliveries), attach it to the API and, unless told otherwise, start the schedule.
 */
export function startSyncRuntime(
  context: AppContext,
  options: { schedule?: boolean; tickMs?: number } = {},
): RunningSync {
  const deps = syncDepsOf(context);
  const postings = createPostingService(deps);
  const stock = createStockService(deps);
  const scheduler = new Scheduler({
    jobs: [
      createArticlesJob(deps),
      { ...createOrdersJob(deps), after: ['articles'] },
      { ...createPurchaseOrdersJob(deps), after: ['articles'] },
      { ...createDeliveriesJob(deps, postings), after: ['orders'] },
      { ...createReceiptsJob(deps, postings), after: ['purchaseOrders'] },
      createStockJob(deps, stock),
    ],
    runs: context.runs,
    events: context.events,
    logger: context.logger,
    intervalSeconds: (job) => context.settings.get().sync.intervals[job],
    // A job runs on schedule only when both systems are configured; "sync now" still runs it and says what is missing.
    enabled: (job) => {
      const settings = context.settings.get();
      const configured = !missingConfiguration('specter', settings) && !missingConfiguration('ongoing', settings);
      return configured && (job !== 'stock' || settings.sync.stock.enabled);
    },
    includeInRunAll: (job) => job !== 'stock' || context.settings.get().sync.stock.enabled,
    loadPaused: () => context.settings.getValue<JobName[]>('pausedJobs', []),
    savePaused: (paused) => context.settings.setValue('pausedJobs', paused),
    tickMs: options.tickMs,
  });
  const runtime: RunningSync = {
    deps,
    scheduler,
    postings,
    stock,
    statuses: createStatusCatalog(deps),
    stop: async () => {
      context.attachRuntime(null);
      await scheduler.stop();
    },
  };
  context.attachRuntime(runtime);
  if (options.schedule !== false) scheduler.start();
  return runtime;
}

import type { PostingEngine } from '../postings/posting-service';
import type { SyncDeps } from '../sync/deps';
import type { Job } from '../sync/scheduler';
import type { StockService } from '../sync/services';
import { createArticlesJob } from './articles';
import { createDeliveriesJob } from './deliveries';
import { createOrdersJob } from './orders';
import { createPurchaseOrdersJob } from './purchase-orders';
import { createReceiptsJob } from './receipts';
import { createStockJob } from './stock';

/** Every flow as a scheduled job, in dependency order: articles before orders, orders before deliveries. */
export function createJobs(deps: SyncDeps, postings: PostingEngine, stock: StockService): Job[] {
  return [
    createArticlesJob(deps),
    { ...createOrdersJob(deps), after: ['articles'] },
    { ...createPurchaseOrdersJob(deps), after: ['articles'] },
    { ...createDeliveriesJob(deps, postings), after: ['orders'] },
    { ...createReceiptsJob(deps, postings), after: ['purchaseOrders'] },
    createStockJob(deps, stock),
  ];
}

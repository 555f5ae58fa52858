import { clearJobFailures } from '../engine/failure';
import { failedRun } from '../postings/posting-job';
import type { SyncDeps } from '../sync/deps';
import type { Job } from '../sync/scheduler';
import type { StockService } from '../sync/services';

/**
 * Stock sync Ongoing → Specter (optional, as in the integration). When switched on it compares the
 * stock on every run; in automatic mode it also pushes Ongoing's physical stock for every article that
 * differs and has nothing unreported (the others are held back until their postings are done).
 */
export function createStockJob(deps: SyncDeps, stock: StockService): Job {
  return {
    name: 'stock',
    async run(context) {
      const settings = deps.settings().sync.stock;
      if (!settings.enabled && !context.dryRun) {
        return { counts: { fetched: 0 }, status: 'ok' };
      }
      try {
        const report = await stock.refresh();
        const differing = report.rows.filter((r) => r.difference !== 0);
        const counts = {
          fetched: report.rows.length,
          unchanged: report.rows.length - differing.length,
          conflicts: report.rows.filter((r) => r.heldBack).length,
          proposed: 0,
          updated: 0,
        };
        context.progress(report.rows.length, report.rows.length, counts);
        if (!context.dryRun) clearJobFailures(deps.exceptions, 'stock');
        if (context.dryRun || settings.mode !== 'automatic') {
          return {
            counts,
            status: 'ok',
            plan: context.dryRun
              ? differing.map((r) => ({
                  key: r.articleNo,
                  action: r.heldBack ? ('conflict' as const) : ('update' as const),
                  message: r.heldBack
                    ? r.heldBackReason
                    : `${r.specterStock ?? 'none'} → ${r.ongoingPhysical ?? 'none'}`,
                }))
              : undefined,
          };
        }
        const result = await stock.push('all', 'auto');
        counts.proposed = result.pushed.length;
        counts.updated = result.pushed.length;
        return { counts, status: 'ok' };
      } catch (error) {
        return failedRun(deps, 'stock', error, {}, { doing: 'stock' }, context.dryRun);
      }
    },
  };
}

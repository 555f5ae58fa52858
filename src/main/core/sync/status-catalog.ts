import type { SyncDeps } from './deps';
import type { StatusCatalog, StatusOption } from './services';

function options(list: { number?: number; text?: string | null }[]): StatusOption[] {
  return list
    .filter((s): s is { number: number; text?: string | null } => typeof s.number === 'number')
    .map((s) => ({ number: s.number, text: s.text?.trim() || String(s.number) }))
    .sort((a, b) => a.number - b.number);
}

/** The warehouse's own order and purchase order statuses, read from Ongoing on each call. */
export function createStatusCatalog(deps: SyncDeps): StatusCatalog {
  return {
    async orderStatuses() {
      return options(await deps.clients.ongoing().orderStatuses());
    },
    async purchaseOrderStatuses() {
      return options(await deps.clients.ongoing().purchaseOrderStatuses());
    },
  };
}

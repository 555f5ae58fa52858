/**
 * The Stock page's grouping, pure: each difference by the kind of its explanation, and the summary
 * line's counts (explained by postings not yet reported, unexplained, missing on one side).
 */
import type { StockDifference } from '../domain/postings';

/** Order of the groups on the page: what needs a look first. */
export const STOCK_GROUPS = ['unexplained', 'missing_in_specter', 'missing_in_ongoing', 'pending', 'equal'] as const;
export type StockGroup = (typeof STOCK_GROUPS)[number];

const PENDING = new Set(['shipped_not_reported', 'received_not_reported', 'picked_not_collected']);

export function stockGroup(row: StockDifference): StockGroup {
  // Equal numbers are equal, even when one side has no record (Ongoing 0, Specter none).
  if (row.difference === 0) return 'equal';
  const kinds = row.explanations.map((e) => e.kind);
  if (kinds.includes('missing_in_specter')) return 'missing_in_specter';
  if (kinds.includes('missing_in_ongoing')) return 'missing_in_ongoing';
  if (kinds.includes('unexplained') || !kinds.every((k) => PENDING.has(k))) return 'unexplained';
  return 'pending';
}

export interface StockSummary {
  /** Articles whose numbers differ. */
  differences: number;
  counts: Record<StockGroup, number>;
}

export function summarizeStock(rows: readonly StockDifference[]): StockSummary {
  const counts: Record<StockGroup, number> = {
    unexplained: 0,
    missing_in_specter: 0,
    missing_in_ongoing: 0,
    pending: 0,
    equal: 0,
  };
  for (const row of rows) counts[stockGroup(row)] += 1;
  return { differences: rows.length - counts.equal, counts };
}

export type StockListItem = { type: 'group'; group: StockGroup; count: number } | { type: 'row'; row: StockDifference };

/** Rows under a header per group, in STOCK_GROUPS order; within a group the largest difference first. */
export function groupStockRows(rows: readonly StockDifference[]): StockListItem[] {
  const byGroup = new Map<StockGroup, StockDifference[]>();
  for (const row of rows) {
    const group = stockGroup(row);
    const list = byGroup.get(group) ?? [];
    list.push(row);
    byGroup.set(group, list);
  }
  const out: StockListItem[] = [];
  for (const group of STOCK_GROUPS) {
    const list = byGroup.get(group);
    if (!list?.length) continue;
    list.sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference) || a.articleNo.localeCompare(b.articleNo));
    out.push({ type: 'group', group, count: list.length });
    for (const row of list) out.push({ type: 'row', row });
  }
  return out;
}

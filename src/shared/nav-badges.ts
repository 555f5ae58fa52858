/**
 * The sidebar's badges: how many things on a page wait for the operator, from the health value's
 * `waiting` counts. Confirmations (proposed or held) on Deliveries and Receipts, problems to fix in
 * Activity's inbox, and postings in doubt on the Overview (they may be deliveries or receipts, and the
 * Overview names them). Pure.
 */
import type { Health } from './health';

export type BadgePage = 'overview' | 'deliveries' | 'receipts' | 'activity';

export function navBadges(health: Health | null): Partial<Record<BadgePage, number>> {
  if (!health) return {};
  const { deliveries, receipts, inDoubt, problems } = health.waiting;
  const all: Record<BadgePage, number> = { overview: inDoubt, deliveries, receipts, activity: problems };
  return Object.fromEntries(Object.entries(all).filter(([, n]) => n > 0));
}

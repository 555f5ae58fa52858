/**
 * The work queue of deliveries or receipts as pure functions of the postings: which filter a posting
 * falls under, what a search matches, the order of the rows (oldest first), a row's quantity ("5 of 10"
 * when partial), and what confirming a selection will do.
 */
import type { Posting, PostingState } from '../../../shared/domain/postings';

export type QueueFilter =
  | 'open'
  | 'toConfirm'
  | 'partial'
  | 'held'
  | 'failed'
  | 'inDoubt'
  | 'done'
  | 'rejected'
  | 'all';

export const QUEUE_FILTERS: QueueFilter[] = [
  'open',
  'toConfirm',
  'partial',
  'held',
  'failed',
  'inDoubt',
  'done',
  'rejected',
  'all',
];

/** States of a posting still on its way: neither reported nor rejected. */
export const OPEN_STATES: PostingState[] = ['proposed', 'held', 'confirmed', 'sending', 'in_doubt', 'failed'];

/** States in which the operator's "confirm" applies. */
export const CONFIRMABLE: PostingState[] = ['proposed', 'held', 'failed'];

/** The row reports less than what is left on it. */
export function isPartial(p: Pick<Posting, 'rows'>): boolean {
  return p.rows.some((r) => r.quantity < r.ordered - r.previouslyReported);
}

export function inFilter(p: Posting, filter: QueueFilter): boolean {
  switch (filter) {
    case 'open':
      return OPEN_STATES.includes(p.state);
    case 'toConfirm':
      return p.state === 'proposed';
    case 'partial':
      return OPEN_STATES.includes(p.state) && isPartial(p);
    case 'held':
      return p.state === 'held';
    case 'failed':
      return p.state === 'failed';
    case 'inDoubt':
      return p.state === 'in_doubt';
    case 'done':
      return p.state === 'done';
    case 'rejected':
      return p.state === 'rejected';
    case 'all':
      return true;
  }
}

/** Case-insensitive match on number, counterpart, tracking, article numbers and names, or #id. */
export function matchesSearch(p: Posting, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  if (q.startsWith('#')) return String(p.id) === q.slice(1);
  const fields = [p.number, p.counterpart, p.packetNo, ...p.rows.flatMap((r) => [r.articleNo, r.articleName])];
  return fields.some((f) => f.toLowerCase().includes(q));
}

/** Oldest first: the posting waiting longest is handled first. */
export function oldestFirst(a: Posting, b: Posting): number {
  return a.createdAt === b.createdAt ? a.id - b.id : a.createdAt < b.createdAt ? -1 : 1;
}

export function queueRows(all: Posting[], filter: QueueFilter, query: string, pinned: ReadonlySet<number>): Posting[] {
  return all.filter((p) => (pinned.has(p.id) || inFilter(p, filter)) && matchesSearch(p, query)).sort(oldestFirst);
}

export function filterCounts(all: Posting[]): Record<QueueFilter, number> {
  const counts = Object.fromEntries(QUEUE_FILTERS.map((f) => [f, 0])) as Record<QueueFilter, number>;
  for (const p of all) for (const f of QUEUE_FILTERS) if (inFilter(p, f)) counts[f] += 1;
  return counts;
}

export interface QuantityText {
  /** What this posting reports, in Specter's unit. */
  n: number;
  /** Ordered (deliveries) or advised (receipts) in all, when partial. */
  of: number | null;
  before: number;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

export function quantityOf(p: Pick<Posting, 'rows'>): QuantityText {
  const n = round(p.rows.reduce((s, r) => s + r.quantity, 0));
  const ordered = round(p.rows.reduce((s, r) => s + r.ordered, 0));
  const before = round(p.rows.reduce((s, r) => s + r.previouslyReported, 0));
  return { n, of: isPartial(p) ? ordered : null, before };
}

export interface ConfirmSummary {
  count: number;
  invoices: number;
  emails: number;
}

/** What confirming these postings will do in Specter. */
export function confirmSummary(selected: Posting[]): ConfirmSummary {
  return {
    count: selected.length,
    invoices: selected.filter((p) => p.kind === 'delivery' && p.createInvoice).length,
    emails: selected.filter((p) => p.sendEmail).length,
  };
}

/** A newer posting of the same order / purchase order, which keeps a rejected one from being restored. */
export function newerOf(p: Posting, all: Posting[]): Posting | null {
  return all.find((o) => o.kind === p.kind && o.ongoingId === p.ongoingId && o.id > p.id) ?? null;
}

/** A time as "2026-12-01 14:05" (sv) or "01/12/2026, 14:05" (en), local; a value that is no time as it is. */
export function shortTime(iso: string, language: 'sv' | 'en'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(language === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
}

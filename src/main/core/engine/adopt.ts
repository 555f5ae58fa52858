/**
 * Adoption: a record the app meets for the first time (no Ongoing id stored) may already be in
 * Ongoing, written there by the integration the warehouse ran before. It is compared with what
 * Ongoing holds on the mapped fields only (compare.ts: trimmed text, numbers, dates) before anything
 * is written:
 * - equal → recorded as synced, no write (also when the warehouse has started on it);
 * - different and still changeable → written (an update, no read first);
 * - different and started → a conflict listing only the fields that differ.
 *
 * Reads are batched: articles by listing the goods owner's articles in pages of 1,000
 * (articleSystemIdFrom), or by number when only a few are new; orders and purchase orders by number,
 * 100 numbers a request. Paging stops as soon as every number asked for is found or a page comes back
 * short; a record missed that way is only written again (an upsert), never lost.
 */
import type { FieldDifference } from '../../../shared/domain/sync';
import { setPath } from '../../../shared/mapping';
import type { FieldPair } from './compare';
import { readReturned } from './compare';
import type { RemoteDocument } from './execute';
import type { Plan } from './plan';

/** Numbers per request when reading by number (the query string stays well below URL limits). */
export const NUMBERS_PER_READ = 100;
/** Records per page when listing a whole catalogue. */
export const ADOPT_PAGE_SIZE = 1_000;

/** What to do with a record met for the first time, given what Ongoing holds under its number. */
export type Adoption =
  | { action: 'create' }
  | { action: 'adopt'; remote: RemoteDocument }
  | { action: 'update'; remote: RemoteDocument; differences: FieldDifference[] }
  | { action: 'conflict'; remote: RemoteDocument; differences: FieldDifference[] };

/** The pure decision of adoption. */
export function planAdoption(
  found: RemoteDocument | undefined,
  differences: () => FieldDifference[],
  lockStatus: number | null,
): Adoption {
  if (!found) return { action: 'create' };
  const diff = differences();
  if (diff.length === 0) return { action: 'adopt', remote: found };
  const status = found.status?.number ?? null;
  const started = lockStatus !== null && status !== null && status >= lockStatus;
  return { action: started ? 'conflict' : 'update', remote: found, differences: diff };
}

/**
 * The plan of a record met for the first time (a create), turned into what adoption decides from
 * what Ongoing holds under its number: unchanged (adopted), update, conflict, or still a create.
 * `lockStatus` null: the record has no "started" state (articles).
 */
export function adoptPlan<B>(
  plan: Plan<B>,
  found: RemoteDocument | undefined,
  diff: (body: B, model: unknown) => FieldDifference[],
  lockStatus: number | null,
): Plan<B> {
  if (plan.action !== 'create' || !found) return plan;
  const decision = planAdoption(found, () => diff(plan.body, found.model), lockStatus);
  switch (decision.action) {
    case 'adopt':
      return {
        action: 'unchanged',
        heal: false,
        warnings: plan.warnings,
        adopted: { id: found.id, status: found.status, hash: plan.hash },
      };
    case 'update':
      return { ...plan, action: 'update' };
    case 'conflict':
      return { action: 'conflict', reason: 'update', body: plan.body, hash: plan.hash, warnings: plan.warnings };
    default:
      return plan;
  }
}

/**
 * Reads documents by number in groups, each group paged until every number of it is found or a
 * page comes back short. `pages(numbers, pageSize)` is the client's paged read.
 */
export async function readByNumbers<M>(
  numbers: readonly string[],
  pages: (numbers: string[], pageSize: number) => AsyncIterable<M[]>,
  numberOf: (model: M) => string | undefined,
  toDocument: (model: M) => RemoteDocument,
): Promise<Map<string, RemoteDocument>> {
  const found = new Map<string, RemoteDocument>();
  const unique = [...new Set(numbers)];
  for (let i = 0; i < unique.length; i += NUMBERS_PER_READ) {
    const group = unique.slice(i, i + NUMBERS_PER_READ);
    const wanted = new Set(group);
    for await (const page of pages(group, group.length)) {
      for (const model of page) {
        const number = numberOf(model);
        if (number !== undefined && wanted.delete(number)) found.set(number, toDocument(model));
      }
      if (wanted.size === 0 || page.length < group.length) break;
    }
  }
  return found;
}

/** Only the compared fields of a GET model, so a catalogue of thousands stays small in memory. */
export function compactModel(model: unknown, pairs: readonly FieldPair[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const value = readReturned(model, pair.stored);
    if (value !== undefined) setPath(out, pair.stored, value);
  }
  return out;
}

export interface CatalogueSource<M> {
  /** The goods owner's records from an id on, in pages (articleSystemIdFrom + maxArticlesToGet). */
  pages(from: number | undefined, pageSize: number): AsyncIterable<M[]>;
  /** Records by number (a few). */
  byNumbers(numbers: string[], pageSize: number): AsyncIterable<M[]>;
  idOf(model: M): number;
  numberOf(model: M): string | undefined;
  pairs: readonly FieldPair[];
  /**
   * Whether to list the whole catalogue from the start (asked once, when the first new numbers are
   * met): true when the app links no record yet, i.e. a first run where nearly everything is new.
   */
  listFirst(): boolean;
}

/**
 * What Ongoing holds of a catalogue (articles), read once per run and only as far as needed: a few
 * new numbers are read by number; on a first run, or with more than NUMBERS_PER_READ new numbers at
 * once, the whole catalogue is listed page by page, continuing where the last batch stopped.
 */
export class CatalogueIndex<M> {
  private readonly known = new Map<string, RemoteDocument>();
  private readonly asked = new Set<string>();
  private nextFrom: number | undefined = undefined;
  private exhausted = false;
  private listing: boolean | null = null;

  constructor(private readonly source: CatalogueSource<M>) {}

  private add(model: M): void {
    const number = this.source.numberOf(model);
    if (number === undefined) return;
    this.known.set(number, {
      id: this.source.idOf(model),
      status: null,
      model: compactModel(model, this.source.pairs),
    });
  }

  /** Make sure every number is either known or known to be missing. */
  async ensure(numbers: readonly string[]): Promise<void> {
    const missing = new Set(numbers.filter((n) => !this.known.has(n) && !(this.exhausted || this.asked.has(n))));
    if (missing.size === 0) return;
    this.listing ??= this.source.listFirst();
    if (!this.listing && missing.size <= NUMBERS_PER_READ) {
      for await (const page of this.source.byNumbers([...missing], ADOPT_PAGE_SIZE)) {
        for (const model of page) this.add(model);
        if (page.length < ADOPT_PAGE_SIZE) break;
      }
      for (const n of missing) this.asked.add(n);
      return;
    }
    this.listing = true;
    for (const n of [...missing]) if (this.known.has(n)) missing.delete(n);
    while (missing.size > 0 && !this.exhausted) {
      let pageSeen = false;
      for await (const page of this.source.pages(this.nextFrom, ADOPT_PAGE_SIZE)) {
        pageSeen = true;
        let max = this.nextFrom ?? 0;
        for (const model of page) {
          this.add(model);
          const number = this.source.numberOf(model);
          if (number !== undefined) missing.delete(number);
          max = Math.max(max, this.source.idOf(model) + 1);
        }
        this.nextFrom = max;
        if (page.length < ADOPT_PAGE_SIZE) this.exhausted = true;
        break;
      }
      if (!pageSeen) this.exhausted = true;
    }
  }

  get(number: string): RemoteDocument | undefined {
    return this.known.get(number);
  }
}

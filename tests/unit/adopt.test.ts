/**
 * Adoption of records met for the first time: the decision table, the comparison on the mapped
 * fields with Ongoing's normalisation, and how few reads the batched readers make.
 */
import { describe, expect, it } from 'vitest';
import {
  ADOPT_PAGE_SIZE,
  adoptPlan,
  CatalogueIndex,
  type CatalogueSource,
  NUMBERS_PER_READ,
  planAdoption,
  readByNumbers,
} from '../../src/main/core/engine/adopt';
import type { RemoteDocument } from '../../src/main/core/engine/execute';
import type { Plan } from '../../src/main/core/engine/plan';
import { diffArticle } from '../../src/main/core/flows/articles';
import type { FieldDifference } from '../../src/shared/domain/sync';
import { mapArticle, sampleSpecterArticle } from '../../src/shared/mapping';

const doc = (status: number | null, model: unknown = {}): RemoteDocument => ({
  id: 41,
  status: status === null ? null : { number: status, text: `S${status}` },
  model,
});
const differs: FieldDifference[] = [{ field: 'comment', specter: 'a', ongoing: 'b' }];
const create: Plan<{ n: number }> = { action: 'create', body: { n: 1 }, hash: 'h1', warnings: 'w' };

describe('adoption decision', () => {
  it.each([
    ['not in Ongoing → create', undefined, [], 'create'],
    ['equal, not started → adopt', doc(200), [], 'adopt'],
    ['equal, started → adopt (no conflict)', doc(400), [], 'adopt'],
    ['different, not started → update', doc(200), differs, 'update'],
    ['different, no status → update', doc(null), differs, 'update'],
    ['different, at the lock status → conflict', doc(300), differs, 'conflict'],
    ['different, past the lock status → conflict', doc(450), differs, 'conflict'],
  ] as const)('%s', (_name, found, diff, expected) => {
    expect(planAdoption(found, () => [...diff], 300).action).toBe(expected);
  });

  it('a record without a started state (articles) is written when it differs', () => {
    expect(planAdoption(doc(900), () => differs, null).action).toBe('update');
  });

  it('turns the create plan into unchanged (linked), update or a conflict carrying only the differences', () => {
    const adopted = adoptPlan(create, doc(400), () => [], 300);
    expect(adopted).toEqual({
      action: 'unchanged',
      heal: false,
      warnings: 'w',
      adopted: { id: 41, status: { number: 400, text: 'S400' }, hash: 'h1' },
    });
    expect(adoptPlan(create, doc(200), () => differs, 300)).toEqual({ ...create, action: 'update' });
    expect(adoptPlan(create, doc(300), () => differs, 300)).toEqual({
      action: 'conflict',
      reason: 'update',
      body: { n: 1 },
      hash: 'h1',
      warnings: 'w',
    });
    expect(adoptPlan(create, undefined, () => differs, 300)).toBe(create);
  });

  it('leaves every plan but a create alone (a record the app already links is never re-adopted)', () => {
    const update: Plan<{ n: number }> = { ...create, action: 'update' };
    let compared = 0;
    expect(
      adoptPlan(
        update,
        doc(200),
        () => {
          compared++;
          return [];
        },
        300,
      ),
    ).toBe(update);
    expect(compared).toBe(0);
  });
});

describe('article comparison on the mapped fields, with Ongoing normalisation', () => {
  const body = mapArticle(sampleSpecterArticle(), 7);
  /** The article as Ongoing returns it: the same values, trimmed strings and numbers as Ongoing has them. */
  const asOngoing = () => ({
    articleSystemId: 5,
    articleNumber: body.articleNumber,
    articleName: `  ${body.articleName} `,
    productCode: body.productCode,
    description: body.description ?? null,
    articleGroup: body.articleGroup ?? null,
    barCodeInfo: { barCode: body.barCodeInfo?.barCode ?? null, alternativeBarCodes: [] },
    supplierInfo: body.supplierInfo ?? null,
    countryOfOriginCode: body.countryOfOriginCode ?? null,
    statisticsNumber: body.statisticsNumber ?? null,
    purchasePrice: body.purchasePrice == null ? null : Number(body.purchasePrice.toFixed(2)),
    customerPrice: body.customerPrice ?? null,
    stockValuationPrice: body.stockValuationPrice ?? null,
    volume: body.volume ?? null,
    weight: body.weight ?? null,
    // Fields the app does not map are not compared.
    unitCode: 'st',
    freeValues: { freeText1: 'the warehouse keeps this' },
    inventoryInfo: { numberOfItems: 12 },
  });

  it('finds nothing to change when Ongoing holds the same mapped values', () => {
    expect(diffArticle(body, asOngoing())).toEqual([]);
  });

  it('names exactly the fields that differ', () => {
    const model = { ...asOngoing(), articleName: 'Another name', weight: 99 };
    expect(diffArticle(body, model).map((d) => d.field)).toEqual(['articleName', 'weight']);
  });

  it('a value Specter sends that Ongoing holds empty is a difference', () => {
    const model = { ...asOngoing(), barCodeInfo: null };
    expect(diffArticle(body, model)).toEqual([
      { field: 'barCodeInfo.barCode', specter: body.barCodeInfo?.barCode, ongoing: '' },
    ]);
  });
});

describe('reading by number', () => {
  it('reads 100 numbers a request and stops a group once every number is found', async () => {
    const numbers = Array.from({ length: 250 }, (_, i) => `N${i}`);
    const requests: { numbers: string[]; pageSize: number }[] = [];
    const found = await readByNumbers(
      numbers,
      async function* (group, pageSize) {
        requests.push({ numbers: group, pageSize });
        // Ongoing holds all but N7; it answers in one page, then would page on forever.
        for (;;) yield group.filter((n) => n !== 'N7').map((n) => ({ n }));
      },
      (m) => m.n,
      (m) => doc(200, m),
    );
    expect(requests.map((r) => r.numbers.length)).toEqual([NUMBERS_PER_READ, NUMBERS_PER_READ, 50]);
    expect(found.size).toBe(249);
    expect(found.has('N7')).toBe(false);
    expect(found.get('N8')?.model).toEqual({ n: 'N8' });
  });
});

describe('the catalogue index', () => {
  function source(count: number, listFirst: boolean) {
    const all = Array.from({ length: count }, (_, i) => ({ id: i + 1, no: `A-${i + 1}`, articleName: `name ${i}` }));
    const calls: string[] = [];
    const src: CatalogueSource<(typeof all)[number]> = {
      async *pages(from, pageSize) {
        for (let start = from ?? 0; ; ) {
          calls.push(`list from ${from ?? 0}`);
          const page = all.filter((a) => a.id >= start).slice(0, pageSize);
          yield page;
          if (page.length === 0) return;
          start = page[page.length - 1]!.id + 1;
        }
      },
      async *byNumbers(numbers) {
        calls.push(`by number ×${numbers.length}`);
        yield all.filter((a) => numbers.includes(a.no));
      },
      idOf: (a) => a.id,
      numberOf: (a) => a.no,
      pairs: [{ field: 'articleName', sent: 'articleName', stored: 'articleName' }],
      listFirst: () => listFirst,
    };
    return { src, calls, all };
  }

  it('on a first run lists the catalogue in pages of 1,000, each page once, across batches', async () => {
    const { src, calls } = source(2_500, true);
    const index = new CatalogueIndex(src);
    const batch = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `A-${from + i + 1}`);
    await index.ensure(batch(0, 100));
    await index.ensure(batch(100, 1_500));
    await index.ensure(batch(1_500, 2_500));
    expect(calls).toHaveLength(Math.ceil(2_500 / ADOPT_PAGE_SIZE));
    expect(index.get('A-2500')).toEqual({ id: 2_500, status: null, model: { articleName: 'name 2499' } });
  });

  it('an article Ongoing does not have ends the listing at the short last page, and is not asked for again', async () => {
    const { src, calls } = source(1_200, true);
    const index = new CatalogueIndex(src);
    await index.ensure(['A-5', 'NEW-1']);
    expect(calls).toEqual(['list from 0', 'list from 1001']);
    await index.ensure(['NEW-1', 'A-1200']);
    expect(calls).toHaveLength(2);
    expect(index.get('NEW-1')).toBeUndefined();
  });

  it('later runs read a few new articles by number, and list when more than 100 are new at once', async () => {
    const few = source(5_000, false);
    const index = new CatalogueIndex(few.src);
    await index.ensure(['A-10', 'A-4000', 'NEW']);
    expect(few.calls).toEqual(['by number ×3']);
    expect(index.get('A-4000')?.id).toBe(4_000);

    const many = source(5_000, false);
    const big = new CatalogueIndex(many.src);
    await big.ensure(Array.from({ length: 101 }, (_, i) => `A-${i + 1}`));
    expect(many.calls).toEqual(['list from 0']);
  });
});

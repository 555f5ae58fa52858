/**
 * Bad-input corpus: stock values from Ongoing before they are pushed to Specter. Each case is a fixture
 * (Specter's stock, what Ongoing answers for the article) and the asserted outcome: pushed or held back
 * with a reason naming article, field and raw value, and Specter's stock afterwards. Real simulators
 * over HTTP, a real SQLite file, the app's own stock service.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStockService } from '../../src/main/core/stock/stock-service';
import type { StockService } from '../../src/main/core/sync/services';
import type { ArticleAnswerOverride } from '../../src/main/simulators/ongoing/store';
import type { SpecterFixture } from '../../src/main/simulators/specter/fixture';
import { ensureArticles } from '../helpers/postings-setup';
import { type SyncHarness, startSyncHarness } from '../helpers/sync-harness';

interface StockCase {
  name: string;
  /** Specter's stock on site 1 before the push. */
  specterBefore: number;
  /** What Ongoing answers: a real stock level (adjustStock) and/or raw values in its answer. */
  ongoingStock?: number;
  answer?: ArticleAnswerOverride;
  expected:
    | { pushed: number }
    | {
        /** The field and raw value the reason must name. */
        heldBack: { field: string; raw: string; because: RegExp };
      };
}

const CASES: StockCase[] = [
  {
    name: 'inventoryInfo missing from the answer (used to overwrite Specter 5 with 0)',
    specterBefore: 5,
    answer: { remove: ['inventoryInfo'] },
    expected: { heldBack: { field: 'inventoryInfo', raw: 'absent', because: /no stock figures/ } },
  },
  {
    name: 'inventoryInfo null',
    specterBefore: 5,
    answer: { set: { inventoryInfo: null } },
    expected: { heldBack: { field: 'inventoryInfo', raw: 'null', because: /no stock figures/ } },
  },
  {
    name: 'numberOfItems missing inside inventoryInfo',
    specterBefore: 8,
    answer: { remove: ['inventoryInfo.numberOfItems'] },
    expected: { heldBack: { field: 'inventoryInfo.numberOfItems', raw: 'absent', because: /no physical stock/ } },
  },
  {
    name: 'numberOfItems null',
    specterBefore: 8,
    answer: { set: { 'inventoryInfo.numberOfItems': null } },
    expected: { heldBack: { field: 'inventoryInfo.numberOfItems', raw: 'null', because: /no physical stock/ } },
  },
  {
    name: 'negative stock -4',
    specterBefore: 3,
    answer: { set: { 'inventoryInfo.numberOfItems': -4 } },
    expected: { heldBack: { field: 'inventoryInfo.numberOfItems', raw: '-4', because: /cannot be negative/ } },
  },
  {
    name: '2.5 on an article without a unit code (counted in whole units)',
    specterBefore: 2,
    answer: { set: { 'inventoryInfo.numberOfItems': 2.5 } },
    expected: { heldBack: { field: 'inventoryInfo.numberOfItems', raw: '2.5', because: /whole units\./ } },
  },
  {
    name: '2.5 on an article counted in pieces (unit ST)',
    specterBefore: 2,
    answer: { set: { 'inventoryInfo.numberOfItems': 2.5, unitCode: 'ST' } },
    expected: { heldBack: { field: 'inventoryInfo.numberOfItems', raw: '2.5', because: /whole units \(unit ST\)/ } },
  },
  {
    name: '2.5 on an article measured in kg is pushed as it is',
    specterBefore: 2,
    answer: { set: { 'inventoryInfo.numberOfItems': 2.5, unitCode: 'kg' } },
    expected: { pushed: 2.5 },
  },
  {
    name: 'absurd 1e15',
    specterBefore: 9,
    answer: { set: { 'inventoryInfo.numberOfItems': 1e15 } },
    expected: { heldBack: { field: 'inventoryInfo.numberOfItems', raw: '1000000000000000', because: /data error/ } },
  },
  {
    name: 'just above 10^9',
    specterBefore: 9,
    answer: { set: { 'inventoryInfo.numberOfItems': 1_000_000_001 } },
    expected: { heldBack: { field: 'inventoryInfo.numberOfItems', raw: '1000000001', because: /data error/ } },
  },
  {
    name: 'exactly 10^9 is still plausible and pushed',
    specterBefore: 9,
    ongoingStock: 1_000_000_000,
    expected: { pushed: 1_000_000_000 },
  },
  {
    name: 'non-numeric text "abc"',
    specterBefore: 6,
    answer: { set: { 'inventoryInfo.numberOfItems': 'abc' } },
    expected: { heldBack: { field: 'inventoryInfo.numberOfItems', raw: '"abc"', because: /not a number/ } },
  },
  {
    name: 'a number sent as text "12"',
    specterBefore: 6,
    answer: { set: { 'inventoryInfo.numberOfItems': '12' } },
    expected: { heldBack: { field: 'inventoryInfo.numberOfItems', raw: '"12"', because: /not a number/ } },
  },
  {
    name: 'a boolean',
    specterBefore: 6,
    answer: { set: { 'inventoryInfo.numberOfItems': true } },
    expected: { heldBack: { field: 'inventoryInfo.numberOfItems', raw: 'true', because: /not a number/ } },
  },
  {
    name: 'a real 0 is pushed (an empty shelf is stock too)',
    specterBefore: 5,
    ongoingStock: 0,
    expected: { pushed: 0 },
  },
  {
    name: 'an ordinary 12 is pushed',
    specterBefore: 5,
    ongoingStock: 12,
    expected: { pushed: 12 },
  },
  {
    name: 'an unreadable picked-to-be-collected figure does not block a readable physical stock',
    specterBefore: 5,
    ongoingStock: 7,
    answer: { set: { 'inventoryInfo.pickedToBeCollectedNumberOfItems': 'abc' } },
    expected: { pushed: 7 },
  },
];

const articleNo = (index: number) => `CORP-${String(index + 1).padStart(2, '0')}`;

const SPECTER: SpecterFixture = {
  stockSites: [{ stockSiteId: '1', name: 'Huvudlager' }],
  articles: CASES.map((_, i) => ({ articleNo: articleNo(i), name: `Korpusartikel ${i + 1}` })),
  stock: CASES.map((c, i) => ({ articleNo: articleNo(i), noItemsInStock: c.specterBefore })),
};

let h: SyncHarness;
let stock: StockService;

beforeAll(async () => {
  h = await startSyncHarness({ specterFixture: SPECTER, newArticleStock: 40, timeoutMs: 2_000 });
  await ensureArticles(
    h,
    CASES.map((_, i) => articleNo(i)),
  );
  CASES.forEach((c, i) => {
    if (c.ongoingStock !== undefined) h.env.ongoing.warehouse.adjustStock(articleNo(i), c.ongoingStock);
    if (c.answer) h.env.ongoing.warehouse.overrideArticle(articleNo(i), c.answer);
  });
  stock = createStockService(h.deps);
});

afterAll(async () => {
  await h?.close();
});

const specterStock = (a: string) => h.env.specter.state.getStock('1', a);

describe('Ongoing stock values before a push to Specter', () => {
  it.each(CASES.map((c, i) => [c.name, c, articleNo(i)] as const))('%s', async (_name, c, article) => {
    expect(specterStock(article)).toBe(c.specterBefore);
    const updatesBefore = h.env.specter.state.stockUpdates.length;
    const result = await stock.push([article], 'corpus');
    if ('pushed' in c.expected) {
      expect(result).toEqual({ pushed: [article], heldBack: [] });
      expect(specterStock(article)).toBe(c.expected.pushed);
      expect(h.env.specter.state.stockUpdates.at(-1)?.rows).toEqual([
        { articleNo: article, noItemsInStock: c.expected.pushed },
      ]);
    } else {
      const { field, raw, because } = c.expected.heldBack;
      expect(result.pushed).toEqual([]);
      expect(result.heldBack).toHaveLength(1);
      const reason = result.heldBack[0]?.reason ?? '';
      expect(result.heldBack[0]?.articleNo).toBe(article);
      expect(reason).toContain(`Article ${article}`);
      expect(reason).toContain(`Ongoing's ${field} is ${raw}:`);
      expect(reason).toMatch(because);
      expect(reason).toContain('correct the article in Ongoing');
      // Nothing was written to Specter: its stock is what it was.
      expect(h.env.specter.state.stockUpdates.length).toBe(updatesBefore);
      expect(specterStock(article)).toBe(c.specterBefore);
    }
  });

  it('names every unreadable article in the Stock report, held back with its reason', async () => {
    const report = await stock.refresh();
    const missing = report.rows.find((r) => r.articleNo === articleNo(0));
    expect(missing).toMatchObject({ ongoingPhysical: null, specterStock: 5, heldBack: true });
    expect(missing?.heldBackReason).toContain("Ongoing's inventoryInfo is absent");
    const negative = report.rows.find((r) => r.articleNo === articleNo(4));
    expect(negative?.heldBackReason).toContain("Ongoing's inventoryInfo.numberOfItems is -4");
    const readable = report.rows.find((r) => r.articleNo === articleNo(15));
    expect(readable).toMatchObject({ ongoingPhysical: 12, heldBack: false });
  });

  it('one push of all articles writes the readable ones and holds back each unreadable one by name', async () => {
    // Specter back to its fixture values, so every readable article differs again.
    CASES.forEach((c, i) => {
      h.env.specter.setStock('1', articleNo(i), c.specterBefore);
    });
    // An article Specter does not know, unreadable in Ongoing: still named.
    await h.clients.ongoing().upsertArticle({ articleNumber: 'OG-ONLY', articleName: 'Endast i lagret' });
    h.env.ongoing.warehouse.overrideArticle('OG-ONLY', { set: { 'inventoryInfo.numberOfItems': -1 } });

    const result = await stock.push('all', 'corpus');
    const held = new Map(result.heldBack.map((x) => [x.articleNo, x.reason]));
    CASES.forEach((c, i) => {
      const a = articleNo(i);
      if ('pushed' in c.expected) {
        expect(result.pushed, a).toContain(a);
        expect(specterStock(a), a).toBe(c.expected.pushed);
      } else {
        expect(result.pushed, a).not.toContain(a);
        expect(held.get(a), a).toContain(`Ongoing's ${c.expected.heldBack.field} is ${c.expected.heldBack.raw}:`);
        expect(specterStock(a), a).toBe(c.specterBefore);
      }
    });
    expect(held.get('OG-ONLY')).toContain("Article OG-ONLY: Ongoing's inventoryInfo.numberOfItems is -1:");
    const heldCases = CASES.filter((c) => 'heldBack' in c.expected).length;
    expect(result.heldBack).toHaveLength(heldCases + 1);
  });
});

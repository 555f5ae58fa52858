import { describe, expect, it } from 'vitest';
import {
  buildStockReport,
  explainDifference,
  type OngoingStockLine,
  stockDifference,
} from '../../src/shared/stock/differences';

const og = (physical: number, pickedToBeCollected = 0): OngoingStockLine => ({
  articleNo: 'A-1',
  articleName: 'Ullsocka grå',
  physical,
  pickedToBeCollected,
});

const total = (e: { quantity: number }[]) => Math.round(e.reduce((s, x) => s + x.quantity, 0) * 1e6) / 1e6;

describe('stock difference explanations', () => {
  it('has no explanation when both sides agree and nothing is pending', () => {
    expect(explainDifference({ articleNo: 'A-1', ongoing: og(12), specterStock: 12 })).toEqual([]);
    expect(stockDifference(12, 12)).toBe(0);
  });

  it('explains shipped-but-not-reported as a negative share naming the orders', () => {
    const e = explainDifference({
      articleNo: 'A-1',
      ongoing: og(8),
      specterStock: 10,
      shipped: { quantity: 2, refs: ['1001', '1002', '1001'] },
    });
    expect(e).toEqual([
      {
        kind: 'shipped_not_reported',
        quantity: -2,
        text: '2 shipped in Ongoing (1001, 1002) but the delivery is not yet reported to Specter.',
        ref: { code: 'stock.shipped', params: { count: 2, refs: '1001, 1002' } },
        // Every order it names, once, for the Stock page's links.
        records: ['1001', '1002'],
      },
    ]);
  });

  it('explains received-but-not-reported as a positive share', () => {
    const e = explainDifference({
      articleNo: 'A-1',
      ongoing: og(15),
      specterStock: 10,
      received: { quantity: 5, refs: ['P-1'] },
    });
    expect(e.map((x) => [x.kind, x.quantity])).toEqual([['received_not_reported', 5]]);
    expect(e[0]?.text).toContain('(P-1)');
  });

  it('explains items picked on orders not yet sent', () => {
    const e = explainDifference({ articleNo: 'A-1', ongoing: og(9, 1), specterStock: 10 });
    expect(e).toEqual([expect.objectContaining({ kind: 'picked_not_collected', quantity: -1 })]);
    expect(e[0]?.text).toMatch(/^1 picked/);
  });

  it('leaves what no movement explains as unexplained, in either direction', () => {
    const more = explainDifference({ articleNo: 'A-1', ongoing: og(13), specterStock: 10 });
    expect(more).toEqual([expect.objectContaining({ kind: 'unexplained', quantity: 3 })]);
    expect(more[0]?.text).toMatch(/3 more in Ongoing/);
    const fewer = explainDifference({
      articleNo: 'A-1',
      ongoing: og(5),
      specterStock: 10,
      shipped: { quantity: 2, refs: [] },
    });
    expect(fewer.map((x) => [x.kind, x.quantity])).toEqual([
      ['shipped_not_reported', -2],
      ['unexplained', -3],
    ]);
    expect(fewer[1]?.text).toMatch(/3 more in Specter/);
  });

  it('combines several explanations so that they add up to the difference', () => {
    const e = explainDifference({
      articleNo: 'A-1',
      ongoing: og(20.5, 1.5),
      specterStock: 18,
      shipped: { quantity: 2, refs: ['order 7'] },
      received: { quantity: 6, refs: ['purchase order P-9'] },
    });
    expect(e.map((x) => x.kind)).toEqual(['shipped_not_reported', 'received_not_reported', 'picked_not_collected']);
    expect(total(e)).toBe(2.5);
  });

  it('says when the article or its stock record is missing on one side', () => {
    const notInSpecter = explainDifference({ articleNo: 'A-1', ongoing: og(4), specterStock: undefined });
    expect(notInSpecter).toEqual([expect.objectContaining({ kind: 'missing_in_specter', quantity: 4 })]);
    expect(notInSpecter[0]?.text).toMatch(/not in Specter.*Create it in Specter/);
    const noRecord = explainDifference({ articleNo: 'A-1', ongoing: og(4), specterStock: null });
    expect(noRecord[0]?.text).toMatch(/no stock record.*A push creates it/);
    const notInOngoing = explainDifference({ articleNo: 'A-1', ongoing: undefined, specterStock: 6 });
    expect(notInOngoing).toEqual([expect.objectContaining({ kind: 'missing_in_ongoing', quantity: -6 })]);
  });
});

describe('stock report', () => {
  it('covers the articles of both sides, sorted, with hold reasons', () => {
    const report = buildStockReport({
      stockSiteId: '1',
      generatedAt: '2026-11-26T10:00:00.000Z',
      ongoing: [
        { articleNo: 'B', articleName: 'Kökshandduk', physical: 5, pickedToBeCollected: 0 },
        { articleNo: 'A', articleName: 'Ullsocka', physical: 3, pickedToBeCollected: 0 },
      ],
      specter: [
        { articleNo: 'A', stock: 4 },
        { articleNo: 'C', stock: 2 },
      ],
      shippedNotReported: { A: { quantity: 1, refs: ['order 1'] } },
      holdReasons: { A: ['order 1 has 1 picked but not reported to Specter', 'delivery #3 (1) is proposed'] },
    });
    expect(report.rows.map((r) => [r.articleNo, r.ongoingPhysical, r.specterStock, r.difference, r.heldBack])).toEqual([
      ['A', 3, 4, -1, true],
      ['B', 5, null, 5, false],
      ['C', null, 2, -2, false],
    ]);
    expect(report.rows[0]?.heldBackReason).toBe(
      'order 1 has 1 picked but not reported to Specter; delivery #3 (1) is proposed',
    );
    expect(report.rows[0]?.explanations.map((e) => e.kind)).toEqual(['shipped_not_reported']);
    expect(report.rows[1]?.explanations.map((e) => e.kind)).toEqual(['missing_in_specter']);
    expect(report.rows[2]?.explanations.map((e) => e.kind)).toEqual(['missing_in_ongoing']);
    for (const r of report.rows) expect(total(r.explanations)).toBe(r.difference);
  });
});

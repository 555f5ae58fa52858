import { describe, expect, it } from 'vitest';
import { stockCsv } from '../../src/renderer/csv';
import type { StockDifference } from '../../src/shared/domain/postings';

const row = (over: Partial<StockDifference>): StockDifference => ({
  articleNo: 'A-1',
  articleName: 'Ullsocka grå',
  ongoingPhysical: 10,
  specterStock: 12,
  difference: -2,
  explanations: [
    {
      kind: 'shipped_not_reported',
      quantity: 2,
      text: '2 shipped in Ongoing, not yet reported',
      ref: { code: 'stock.shipped', params: { count: 2, refs: '1001' } },
    },
  ],
  heldBack: false,
  heldBackReason: '',
  ...over,
});

describe('stock CSV export', () => {
  it('writes a BOM, a Swedish header and one semicolon-separated line per article', () => {
    const csv = stockCsv([
      row({}),
      row({ articleNo: 'A-2', heldBack: true, heldBackReason: 'delivery 1001 not reported' }),
    ]);
    expect(csv.startsWith('\uFEFFArtikelnr;Benämning;')).toBe(true);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('A-1;Ullsocka grå;10;12;-2;2 shipped in Ongoing, not yet reported;');
    expect(lines[2]?.endsWith(';delivery 1001 not reported')).toBe(true);
  });

  it('quotes values containing separators, quotes or line breaks', () => {
    const csv = stockCsv([row({ articleName: 'Kniv; "Mora"\nstor', ongoingPhysical: null })]);
    expect(csv).toContain(';"Kniv; ""Mora""\nstor";;12;');
  });
});

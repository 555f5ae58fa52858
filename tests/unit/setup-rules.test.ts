import { describe, expect, it } from 'vitest';
import type { StockDifference, StockExplanation } from '../../src/shared/domain/postings';
import type { Health } from '../../src/shared/health';
import { navBadges } from '../../src/shared/nav-badges';
import { ongoingAddress } from '../../src/shared/ongoing/base-url';
import { DEFAULT_SETTINGS, mergeSettings } from '../../src/shared/settings';
import {
  checkInterval,
  connectionDraft,
  connectionPatch,
  connectionProblems,
  firstStart,
} from '../../src/shared/setup';
import { groupStockRows, stockGroup, summarizeStock } from '../../src/shared/stock/summary';

describe('first start', () => {
  it('opens the setup on a new install, never on one with a connection saved or the setup done', () => {
    expect(firstStart(DEFAULT_SETTINGS, false)).toBe('setup');
    expect(firstStart(mergeSettings(DEFAULT_SETTINGS, { ongoing: { goodsOwnerId: 12 } }), false)).toBe('none');
    expect(firstStart(mergeSettings(DEFAULT_SETTINGS, { specter: { sbmId: '1234' } }), false)).toBe('none');
    expect(firstStart(mergeSettings(DEFAULT_SETTINGS, { setupDone: true }), false)).toBe('none');
  });

  it('shows a welcome card in the demo until the setup is done', () => {
    const demo = mergeSettings(DEFAULT_SETTINGS, { specter: { sbmId: '1234' } });
    expect(firstStart(demo, true)).toBe('welcome');
    expect(firstStart(mergeSettings(demo, { setupDone: true }), true)).toBe('none');
  });
});

describe('connection fields', () => {
  const draft = connectionDraft(DEFAULT_SETTINGS);

  it('refuses an id with anything but digits, on that field, and gives no patch', () => {
    const bad = { ...draft, ongoing: { ...draft.ongoing, goodsOwnerId: '12a' } };
    expect(connectionProblems(bad)).toEqual({ 'ongoing.goodsOwnerId': 'setup.error.digits' });
    expect(connectionPatch(bad)).toBeNull();
    const sbm = { ...draft, specter: { ...draft.specter, sbmId: '12 3' } };
    expect(connectionProblems(sbm)).toEqual({ 'specter.sbmId': 'setup.error.digits' });
    expect(connectionProblems({ ...draft, ongoing: { ...draft.ongoing, goodsOwnerId: '0' } })).toEqual({
      'ongoing.goodsOwnerId': 'setup.error.range',
    });
  });

  it('turns a valid draft into settings: an empty goods owner is none, digits a number', () => {
    expect(connectionPatch({ ...draft, ongoing: { ...draft.ongoing, goodsOwnerId: '' } })?.ongoing.goodsOwnerId).toBe(
      null,
    );
    expect(connectionPatch({ ...draft, ongoing: { ...draft.ongoing, goodsOwnerId: '12' } })?.ongoing.goodsOwnerId).toBe(
      12,
    );
  });

  it('checks intervals as whole seconds from 10 to 86400', () => {
    expect(checkInterval('60')).toBeNull();
    expect(checkInterval('9')).toBe('setup.error.range');
    expect(checkInterval('6o')).toBe('setup.error.digits');
    expect(checkInterval('')).toBe('setup.error.required');
  });

  it('previews the Ongoing address as the client builds it', () => {
    expect(ongoingAddress('mywarehouse')).toEqual({
      ok: true,
      url: 'https://api.ongoingsystems.se/mywarehouse/api/v1/',
    });
    expect(ongoingAddress('https://wms1.ongoingsystems.se/x/api/v1')).toEqual({
      ok: true,
      url: 'https://wms1.ongoingsystems.se/x/api/v1/',
    });
    expect(ongoingAddress('my warehouse')).toMatchObject({ ok: false, problem: 'invalid_name' });
    expect(ongoingAddress(' ')).toMatchObject({ ok: false, problem: 'empty' });
  });
});

describe('sidebar badges', () => {
  it('count what waits for the operator, per page, and show nothing for zero', () => {
    const health = { waiting: { deliveries: 3, receipts: 0, inDoubt: 1, problems: 2 } } as Health;
    expect(navBadges(health)).toEqual({ deliveries: 3, overview: 1, activity: 2 });
    expect(navBadges(null)).toEqual({});
  });
});

describe('stock grouping', () => {
  const explanation = (kind: StockExplanation['kind'], quantity: number): StockExplanation => ({
    kind,
    quantity,
    text: '',
    ref: { code: 'stock.picked', params: {} },
  });
  const row = (articleNo: string, difference: number, kinds: StockExplanation['kind'][]): StockDifference => ({
    articleNo,
    articleName: '',
    ongoingPhysical: 10 + difference,
    specterStock: 10,
    difference,
    explanations: kinds.map((k) => explanation(k, difference)),
    heldBack: false,
    heldBackReason: '',
  });

  it('groups by the kind of explanation and counts the summary', () => {
    const rows = [
      row('A', -2, ['shipped_not_reported']),
      row('B', 5, ['received_not_reported', 'unexplained']),
      row('C', 3, ['missing_in_specter']),
      row('D', 0, []),
      row('E', -1, ['picked_not_collected']),
      row('F', -9, ['shipped_not_reported']),
    ];
    expect(rows.map(stockGroup)).toEqual([
      'pending',
      'unexplained',
      'missing_in_specter',
      'equal',
      'pending',
      'pending',
    ]);
    expect(summarizeStock(rows)).toEqual({
      differences: 5,
      counts: { unexplained: 1, missing_in_specter: 1, missing_in_ongoing: 0, pending: 3, equal: 1 },
    });
    const items = groupStockRows(rows);
    expect(items.map((i) => (i.type === 'group' ? `#${i.group}:${i.count}` : i.row.articleNo))).toEqual([
      '#unexplained:1',
      'B',
      '#missing_in_specter:1',
      'C',
      '#pending:3',
      'F',
      'A',
      'E',
      '#equal:1',
      'D',
    ]);
  });
});

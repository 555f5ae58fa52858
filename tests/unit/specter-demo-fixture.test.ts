import { describe, expect, it } from 'vitest';
import { createSpecterDemoFixture, SPECTER_DEMO_CREDENTIALS } from '../../src/main/simulators/specter/demo-fixture';
import { normalizeFixture } from '../../src/main/simulators/specter/fixture';
import { SpecterSimState } from '../../src/main/simulators/specter/state';

function eanValid(code: string): boolean {
  if (!/^\d{13}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(code[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === Number(code[12]);
}

describe('createSpecterDemoFixture', () => {
  const fixture = normalizeFixture(createSpecterDemoFixture());

  it('is deterministic per seed', () => {
    expect(JSON.stringify(createSpecterDemoFixture(1))).toBe(JSON.stringify(createSpecterDemoFixture(1)));
    expect(JSON.stringify(createSpecterDemoFixture(2))).not.toBe(JSON.stringify(createSpecterDemoFixture(1)));
  });

  it('has the promised sizes', () => {
    expect(fixture.articles).toHaveLength(300);
    expect(fixture.customers).toHaveLength(40);
    expect(fixture.orders).toHaveLength(30);
    expect(fixture.purchases).toHaveLength(8);
    expect(fixture.suppliers.length).toBeGreaterThanOrEqual(3);
    expect(fixture.stock.filter((s) => s.stockSiteId === '1')).toHaveLength(300);
  });

  it('has Swedish names with å, ä, ö and unique article numbers with valid EAN-13 barcodes', () => {
    const names = fixture.articles.map((a) => a.name);
    expect(names).toContain('Ullsocka grå 39-42');
    expect(names).toContain('Kökshandduk randig');
    expect(names.filter((n) => /[åäöÅÄÖ]/.test(n)).length).toBeGreaterThan(50);
    expect(new Set(fixture.articles.map((a) => a.articleNo)).size).toBe(300);
    expect(fixture.articles.every((a) => eanValid(a.barCode))).toBe(true);
  });

  it('mixes companies and private persons with Swedish addresses', () => {
    const companies = fixture.customers.filter((c) => c.name !== '');
    const persons = fixture.customers.filter((c) => c.name === '');
    expect(companies.length).toBeGreaterThan(5);
    expect(persons.length).toBeGreaterThan(5);
    expect(persons[0]).toMatchObject({ firstName: 'Åsa', surName: 'Öberg' });
    expect(fixture.customers.every((c) => /^\d{3} \d{2}$/.test(c.deliveryAddress.zipCode))).toBe(true);
    expect(companies.every((c) => c.orgNo !== '')).toBe(true);
  });

  it('loads into the simulator with 30 open orders (delivery status N) and priced rows', () => {
    const state = new SpecterSimState(() => new Date('2026-03-01T10:00:00Z'));
    state.load(fixture);
    const orders = [...state.orders.values()];
    expect(orders).toHaveLength(30);
    expect(orders.every((o) => o.deliveryStatus === 'N' && o.rows.length >= 1)).toBe(true);
    expect(orders.every((o) => o.rows.every((r) => r.articleName !== '' && (r.rowSumExclVat ?? 0) > 0))).toBe(true);
    expect(new Set(orders.map((o) => o.lastChanged)).size).toBe(30);
    expect([...state.purchases.values()].every((p) => p.rows.length >= 1 && p.supplier.name !== '')).toBe(true);
  });

  it('exports fixed, non-empty demo credentials', () => {
    expect(SPECTER_DEMO_CREDENTIALS.sbmId).not.toBe('');
    expect(Object.isFrozen(SPECTER_DEMO_CREDENTIALS)).toBe(true);
  });
});

describe('normalizeFixture', () => {
  it('fills defaults for a minimal fixture', () => {
    const f = normalizeFixture({
      articles: [{ articleNo: 'A1', name: 'Ullsocka' }],
      customers: [{ customerId: 1 }],
      orders: [{ customerId: 1, rows: [{ articleNo: 'A1', noOfItems: 2 }] }],
    });
    expect(f.stockSites).toEqual([{ stockSiteId: '1', name: 'Huvudlager' }]);
    expect(f.articles[0]).toMatchObject({ vatPercent: 25, suppliers: [], buyPrice: null });
    expect(f.orders[0]).toMatchObject({ customerId: '1', currency: 'SEK', stockSiteId: '1' });
  });

  it('names every bad field', () => {
    expect(() =>
      normalizeFixture({
        articles: [{ articleNo: 'A1' }],
        orders: [{ customerId: '9', rows: [] }],
      }),
    ).toThrow(/articles\[0\]\.name[\s\S]*orders\[0\]\.rows: an order needs at least one row/);
  });

  it('reports references to missing customers, suppliers and duplicate articles', () => {
    expect(() =>
      normalizeFixture({
        articles: [
          { articleNo: 'A1', name: 'x' },
          { articleNo: 'A1', name: 'y' },
        ],
        orders: [{ customerId: '9', rows: [{ articleNo: 'A1', noOfItems: 1 }] }],
        purchases: [{ supplierNo: '77', rows: [{ articleNo: 'A1', noOfItems: 1 }] }],
      }),
    ).toThrow(/appears twice[\s\S]*customer 9 is not in "customers"[\s\S]*supplier 77 is not in "suppliers"/);
  });
});

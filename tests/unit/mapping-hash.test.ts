import { describe, expect, it } from 'vitest';
import { canonicalJson, fnv1a64, mapOrder, payloadHash, sampleSpecterOrder } from '../../src/shared/mapping';

describe('payloadHash', () => {
  it('FNV-1a 64-bit matches the published test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('hashes the UTF-8 bytes (non-ASCII text hashes differently from a look-alike)', () => {
    expect(fnv1a64('Göteborg')).not.toBe(fnv1a64('Goteborg'));
    expect(fnv1a64('😀')).toMatch(/^[0-9a-f]{16}$/);
    expect(payloadHash({ city: 'Jönköping' })).toBe(payloadHash({ city: 'Jönköping' }));
  });

  it('does not depend on key order, at any depth', () => {
    const a = { orderNumber: '1001', consignee: { name: 'Anna', city: 'Göteborg' }, lines: [{ x: 1, y: 2 }] };
    const b = { lines: [{ y: 2, x: 1 }], consignee: { city: 'Göteborg', name: 'Anna' }, orderNumber: '1001' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(payloadHash(a)).toBe(payloadHash(b));
  });

  it('changes when a value changes, and when array order changes', () => {
    const base = { orderNumber: '1001', lines: [{ n: 1 }, { n: 2 }] };
    expect(payloadHash({ ...base, orderNumber: '1002' })).not.toBe(payloadHash(base));
    expect(payloadHash({ ...base, lines: [{ n: 1 }, { n: 3 }] })).not.toBe(payloadHash(base));
    expect(payloadHash({ ...base, lines: [{ n: 2 }, { n: 1 }] })).not.toBe(payloadHash(base));
    expect(payloadHash({ a: 1 })).not.toBe(payloadHash({ a: '1' }));
  });

  it('an unchanged record maps to the same hash; a changed field to another', () => {
    const first = payloadHash(mapOrder(sampleSpecterOrder(), 17));
    expect(payloadHash(mapOrder(sampleSpecterOrder(), 17))).toBe(first);
    const changed = sampleSpecterOrder();
    changed.rows[0]!.noOfItems = 3;
    expect(payloadHash(mapOrder(changed, 17))).not.toBe(first);
  });

  it('follows JSON rules: undefined keys are dropped, non-finite numbers are null', () => {
    expect(canonicalJson({ b: undefined, a: 1 })).toBe('{"a":1}');
    expect(payloadHash({ a: 1, b: undefined })).toBe(payloadHash({ a: 1 }));
    expect(canonicalJson([undefined, Number.NaN, -0])).toBe('[null,null,0]');
    expect(canonicalJson(new Date(Date.UTC(2024, 4, 3)))).toBe('"2024-05-03T00:00:00.000Z"');
  });

  it('refuses a payload that refers to itself with a clear error', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = loop;
    expect(() => payloadHash(loop)).toThrow(/refers to itself/);
  });
});

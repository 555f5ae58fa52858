import { describe, expect, it } from 'vitest';
import {
  decodeForm,
  encodeLatin1Component,
  encodeLatin1Form,
  isLatin1,
  percentDecodeToBytes,
  toLatin1,
} from '../../src/main/core/specter/latin1';
import {
  addOneSecond,
  isSpecterDate,
  normalizeSpecterTimestamp,
  toSpecterTimestamp,
} from '../../src/main/core/specter/time';
import { PRIMARY_VALUE, rowParam } from '../../src/main/core/specter/wire';

describe('Latin-1 percent-encoding', () => {
  it('encodes å, ä, ö as single Latin-1 bytes (not UTF-8 pairs)', () => {
    expect(encodeLatin1Component('Åsa Öberg')).toBe('%C5sa%20%D6berg');
    expect(encodeLatin1Component('Kökshandduk räv')).toBe('K%F6kshandduk%20r%E4v');
    expect(encodeURIComponent('Å')).toBe('%C3%85');
  });

  it('leaves unreserved characters alone and escapes the rest', () => {
    expect(encodeLatin1Component('AZaz09-_.~')).toBe('AZaz09-_.~');
    expect(encodeLatin1Component('a&b=c+d/e;f')).toBe('a%26b%3Dc%2Bd%2Fe%3Bf');
  });

  it('round-trips a form through decodeForm', () => {
    const body = encodeLatin1Form([
      ['name', 'Åsa Öberg'],
      ['articleNo_1', 'ART-001'],
      ['empty', ''],
    ]);
    expect(body).toBe('name=%C5sa%20%D6berg&articleNo_1=ART-001&empty=');
    expect(decodeForm(body)).toEqual([
      ['name', 'Åsa Öberg'],
      ['articleNo_1', 'ART-001'],
      ['empty', ''],
    ]);
  });

  it('decodes + as space, keeps a stray % and can decode UTF-8 forms', () => {
    expect(decodeForm('a=b+c&d=100%&e=%zz')).toEqual([
      ['a', 'b c'],
      ['d', '100%'],
      ['e', '%zz'],
    ]);
    expect(decodeForm('n=%C3%85sa', 'utf8')).toEqual([['n', 'Åsa']]);
    expect([...percentDecodeToBytes('%C5')]).toEqual([0xc5]);
  });
});

describe('toLatin1', () => {
  it('replaces characters outside Latin-1 with ? and reports them', () => {
    const warnings: { field: string; replaced: string[] }[] = [];
    const out = toLatin1('Pris 5 € – 🙂 ok', 'packetNo', (w) => warnings.push(w));
    expect(out).toBe('Pris 5 ? ? ? ok');
    expect(warnings).toEqual([{ field: 'packetNo', value: out, replaced: ['€', '–', '🙂'] }]);
  });

  it('keeps Latin-1 text unchanged and silent', () => {
    let called = false;
    expect(toLatin1('Åsa Öberg ©', 'name', () => (called = true))).toBe('Åsa Öberg ©');
    expect(called).toBe(false);
    expect(isLatin1('Åsa')).toBe(true);
    expect(isLatin1('€')).toBe(false);
  });
});

describe('Specter time helpers', () => {
  it('formats an instant in Stockholm time', () => {
    expect(toSpecterTimestamp(new Date('2024-01-15T12:00:00Z'))).toBe('2024-01-15 13:00:00');
    expect(toSpecterTimestamp(new Date('2024-07-15T12:00:00Z'))).toBe('2024-07-15 14:00:00');
  });

  it('normalises watermarks and rejects other formats', () => {
    expect(normalizeSpecterTimestamp('2024-05-01')).toBe('2024-05-01 00:00:00');
    expect(normalizeSpecterTimestamp('2024-05-01 10:11:12')).toBe('2024-05-01 10:11:12');
    expect(normalizeSpecterTimestamp('2024-05-01T10:11:12Z')).toBeNull();
    expect(isSpecterDate('2024-02-30')).toBe(false);
    expect(addOneSecond('2024-12-31 23:59:59')).toBe('2025-01-01 00:00:00');
  });
});

describe('wire helpers', () => {
  it('builds 1-based row parameter names', () => {
    expect(rowParam('articleNo', 1)).toBe('articleNo_1');
    expect(() => rowParam('articleNo', 0)).toThrow(/start at 1/);
  });

  it('takes the customer name as primary value: company, or first + surname with spaces collapsed', () => {
    const rule = PRIMARY_VALUE.newCustomerSubmit;
    const from = (values: Record<string, string>) => rule.pick((n) => values[n]);
    expect(from({ name: ' Bästa  Bageriet AB ' })).toBe('Bästa Bageriet AB');
    expect(from({ firstName: 'Åsa ', surName: ' Öberg' })).toBe('Åsa Öberg');
    expect(from({})).toBeUndefined();
  });
});

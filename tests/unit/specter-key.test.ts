import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md5Latin1Hex, specterKey } from '../../src/main/core/specter/key';

// Test vectors from docs/specter-api.md ("Authentication") (made-up secrets).
const USER_KEY = 'testUserKey123';
const INTEGRATION_KEY = 'testIntegrationKey456';
const SBM_ID = '1234';

const VECTORS: { primary: string; inner: string; key: string }[] = [
  { primary: 'batch0001', inner: '327424339a3196071d53cc1fb60ab40f', key: 'ac988b994ba88406341693ed8db3ba34' },
  { primary: '109', inner: 'd18dc72d6b3e31b5fec2e02751d37c83', key: '6f778fcf9d150607f604267613c9c537' },
  { primary: 'ART-001', inner: '9e93b62d29c2dacc44833e0d6b33c702', key: '4fd84b9286e4d3849845b79fff13878d' },
  { primary: 'Åsa Öberg', inner: '423af1ea91457ba24fde761e39770254', key: '8b707271b7da9662907e23741d35003f' },
];

describe('specterKey', () => {
  for (const v of VECTORS) {
    it(`matches the documented vector for primary value "${v.primary}"`, () => {
      expect(md5Latin1Hex(USER_KEY + SBM_ID + v.primary)).toBe(v.inner);
      expect(specterKey(USER_KEY, INTEGRATION_KEY, SBM_ID, v.primary)).toBe(v.key);
    });
  }

  it('accepts the SBM id as a number', () => {
    expect(specterKey(USER_KEY, INTEGRATION_KEY, 1234, 'batch0001')).toBe('ac988b994ba88406341693ed8db3ba34');
  });

  it('hashes Latin-1 bytes, not UTF-8 (a UTF-8 hash would not match)', () => {
    const utf8Inner = createHash('md5')
      .update(Buffer.from(`${USER_KEY}${SBM_ID}Åsa Öberg`, 'utf8'))
      .digest('hex');
    expect(utf8Inner).not.toBe('423af1ea91457ba24fde761e39770254');
    expect(md5Latin1Hex(`${USER_KEY}${SBM_ID}Åsa Öberg`)).toBe('423af1ea91457ba24fde761e39770254');
  });

  it('gives 32 lower-case hex characters and changes with every input', () => {
    const key = specterKey('a', 'b', '1', 'x');
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(specterKey('a', 'b', '1', 'y')).not.toBe(key);
    expect(specterKey('a', 'c', '1', 'x')).not.toBe(key);
    expect(specterKey('z', 'b', '1', 'x')).not.toBe(key);
    expect(specterKey('a', 'b', '2', 'x')).not.toBe(key);
  });
});

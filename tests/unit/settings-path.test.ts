import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsPatchSchema } from '../../src/shared/settings';
import { patchFromPath, valueAtPath } from '../../src/shared/settings-path';

describe('settings by dotted path (config set)', () => {
  it('sets nested settings the README documents, typed after their current value', () => {
    const cases: [string, string, unknown][] = [
      ['sync.autoConfirm.deliveries', 'true', true],
      ['sync.autoConfirm.receipts', 'off', false],
      ['sync.intervals.orders', '120', 120],
      ['sync.shippedStatuses', '450, 500, 600', [450, 500, 600]],
      ['sync.orderDeliveryStatuses', '["N","P"]', ['N', 'P']],
      ['sync.stock.mode', 'automatic', 'automatic'],
      ['ongoing.goodsOwnerId', '12', 12],
      ['specter.sbmId', '1234', '1234'],
    ];
    for (const [path, text, value] of cases) {
      const result = patchFromPath(DEFAULT_SETTINGS, path, text);
      expect(result, path).toMatchObject({ value });
      if ('patch' in result) {
        expect(settingsPatchSchema.safeParse(result.patch).success, path).toBe(true);
        expect(valueAtPath(result.patch, path)).toEqual(value);
      }
    }
  });

  it('refuses what cannot be read, naming the path and the value', () => {
    expect(patchFromPath(DEFAULT_SETTINGS, 'ongoing.goodsOwnerId', '12a')).toEqual({
      error: 'ongoing.goodsOwnerId takes a number (digits only), got "12a".',
    });
    expect(patchFromPath(DEFAULT_SETTINGS, 'sync.autoConfirm.deliveries', 'kanske')).toMatchObject({
      error: expect.stringContaining('true or false'),
    });
    expect(patchFromPath(DEFAULT_SETTINGS, 'sync.shippedStatuses', '450,x')).toMatchObject({
      error: expect.stringContaining('"x" is not one'),
    });
    expect(patchFromPath(DEFAULT_SETTINGS, 'sync.nothing', '1')).toMatchObject({
      error: expect.stringContaining('Unknown setting'),
    });
    expect(patchFromPath(DEFAULT_SETTINGS, 'sync.autoConfirm', 'true')).toMatchObject({
      error: expect.stringContaining('group of settings'),
    });
  });
});

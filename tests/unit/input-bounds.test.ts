/**
 * Every string a user or the renderer can send has a length bound: the settings (stored in SQLite
 * and sent to both systems) and every API method's input. A new unbounded string field fails here.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiInputSchemas } from '../../src/shared/api';
import { settingsPatchSchema, settingsSchema } from '../../src/shared/settings';

/** Paths of string leaves without a maximum length. */
function unboundedStrings(schema: z.ZodType, path: string): string[] {
  if (schema instanceof z.ZodString || schema instanceof z.ZodStringFormat) {
    const max = (schema as unknown as { maxLength: number | null }).maxLength;
    return max === null || max > 1000 ? [path] : [];
  }
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, child]) =>
      unboundedStrings(child, `${path}.${key}`),
    );
  }
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
    return unboundedStrings(schema.unwrap() as z.ZodType, path);
  }
  if (schema instanceof z.ZodArray) return unboundedStrings(schema.element as z.ZodType, `${path}[]`);
  if (schema instanceof z.ZodUnion) {
    return (schema.options as z.ZodType[]).flatMap((option) => unboundedStrings(option, path));
  }
  if (schema instanceof z.ZodRecord) return unboundedStrings(schema.valueType as z.ZodType, `${path}{}`);
  if (schema instanceof z.ZodPipe) return unboundedStrings(schema.in as z.ZodType, path);
  return [];
}

describe('input length bounds', () => {
  it('finds an unbounded string when there is one (the check itself can fail)', () => {
    expect(unboundedStrings(z.object({ a: z.string(), b: z.string().max(5) }), 'probe')).toEqual(['probe.a']);
    expect(unboundedStrings(z.object({ u: z.url() }), 'probe')).toEqual(['probe.u']);
  });

  it('bounds every string setting', () => {
    expect(unboundedStrings(settingsSchema, 'settings')).toEqual([]);
    expect(unboundedStrings(settingsPatchSchema, 'patch')).toEqual([]);
  });

  it("bounds every string in every API method's input", () => {
    const found = Object.entries(apiInputSchemas).flatMap(([method, schema]) =>
      unboundedStrings(schema as z.ZodType, method),
    );
    expect(found).toEqual([]);
  });

  it('bounds the lists of shipped statuses and article numbers', () => {
    const patch = (shippedStatuses: number[]) => settingsPatchSchema.safeParse({ sync: { shippedStatuses } });
    expect(patch(Array.from({ length: 50 }, (_, i) => i)).success).toBe(true);
    expect(patch(Array.from({ length: 51 }, (_, i) => i)).success).toBe(false);
    const push = (articleNos: string[]) => apiInputSchemas.pushStock.safeParse({ articleNos });
    expect(push(['A-1']).success).toBe(true);
    expect(push(['x'.repeat(101)]).success).toBe(false);
  });
});

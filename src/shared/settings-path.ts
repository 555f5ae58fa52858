/**
 * Settings addressed by a dotted path, as `config set <path> <value>` and the README name them
 * (`sync.autoConfirm.deliveries`, `sync.intervals.orders`, `ongoing.goodsOwnerId`): the text value is
 * typed after the setting's current value, and the result is a patch for updateSettings. Pure.
 */
import type { Settings } from './settings';

export type PathResult = { patch: Record<string, unknown>; value: unknown } | { error: string };

/** The value at a dotted path, or undefined. */
export function valueAtPath(settings: unknown, path: string): unknown {
  let current: unknown = settings;
  for (const part of path.split('.')) {
    if (!current || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const TRUE = new Set(['true', 'on', 'yes', '1']);
const FALSE = new Set(['false', 'off', 'no', '0']);

function typed(current: unknown, text: string, path: string): { value: unknown } | { error: string } {
  const trimmed = text.trim();
  if (typeof current === 'number' || (current === null && /(Id|Ids)$/.test(path))) {
    if (!NUMBER.test(trimmed)) return { error: `${path} takes a number (digits only), got "${text}".` };
    return { value: Number(trimmed) };
  }
  if (typeof current === 'boolean') {
    const lower = trimmed.toLowerCase();
    if (TRUE.has(lower)) return { value: true };
    if (FALSE.has(lower)) return { value: false };
    return { error: `${path} takes true or false, got "${text}".` };
  }
  if (Array.isArray(current)) {
    const parts = trimmed.startsWith('[')
      ? (() => {
          try {
            const parsed = JSON.parse(trimmed) as unknown;
            return Array.isArray(parsed) ? parsed.map(String) : null;
          } catch {
            return null;
          }
        })()
      : trimmed === ''
        ? []
        : trimmed.split(',').map((p) => p.trim());
    if (!parts) return { error: `${path} takes a list, e.g. 450,500 or ["N"], got "${text}".` };
    const numbers = current.length > 0 ? typeof current[0] === 'number' : parts.every((p) => NUMBER.test(p));
    if (numbers) {
      const bad = parts.find((p) => !NUMBER.test(p));
      if (bad !== undefined) return { error: `${path} takes a list of numbers, and "${bad}" is not one.` };
      return { value: parts.map(Number) };
    }
    return { value: parts };
  }
  if (current !== null && typeof current === 'object') {
    return { error: `${path} is a group of settings; set one of its parts, e.g. ${path}.${Object.keys(current)[0]}.` };
  }
  return { value: text };
}

/** The patch that sets one setting from its text, or why it cannot be set. */
export function patchFromPath(settings: Settings, path: string, text: string): PathResult {
  const current = valueAtPath(settings, path);
  if (current === undefined) return { error: `Unknown setting "${path}". Run "config get" to see them all.` };
  const result = typed(current, text, path);
  if ('error' in result) return result;
  const parts = path.split('.');
  let patch: Record<string, unknown> = { [parts.at(-1) as string]: result.value };
  for (const part of parts.slice(0, -1).reverse()) patch = { [part]: patch };
  return { patch, value: result.value };
}

/**
 * Reading an article's physical stock from Ongoing before it may overwrite Specter's: pure. A value that
 * cannot be trusted is never pushed (and never read as 0); the reason names the article, the field,
 * the raw value and what to correct, and the rest of the articles go on.
 */

/** Above this, a stock figure is taken for a data error (a stray exponent, a unit mix-up), not stock. */
export const MAX_PLAUSIBLE_STOCK = 1_000_000_000;

/**
 * Ongoing unit codes of articles measured rather than counted: their stock may be fractional
 * (2.5 kg). Every other article, one without a unit code included, is counted in whole units.
 */
const MEASURED_UNITS = new Set([
  'KG',
  'G',
  'HG',
  'T',
  'TON',
  'L',
  'LTR',
  'LITER',
  'DL',
  'CL',
  'ML',
  'M',
  'MTR',
  'METER',
  'DM',
  'CM',
  'MM',
  'M2',
  'M²',
  'KVM',
  'M3',
  'M³',
]);

/** Whether stock of an article with this Ongoing unit code must be a whole number. */
export function countedInWholeUnits(unitCode: unknown): boolean {
  if (typeof unitCode !== 'string' || !unitCode.trim()) return true;
  return !MEASURED_UNITS.has(unitCode.trim().toUpperCase());
}

/** The parts of Ongoing's article answer the check reads, as raw JSON (nothing is trusted). */
export interface OngoingArticleStock {
  articleNumber: string;
  unitCode?: unknown;
  inventoryInfo?: unknown;
}

export type StockValue = { ok: true; value: number } | { ok: false; field: string; raw: string; reason: string };

const FIELD = 'inventoryInfo.numberOfItems';

function show(raw: unknown): string {
  if (raw === undefined) return 'absent';
  if (typeof raw === 'string') return JSON.stringify(raw);
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return String(raw);
  }
}

/** Ongoing's physical stock of one article, or why it cannot be pushed to Specter. */
export function readOngoingStock(article: OngoingArticleStock): StockValue {
  const who = `Article ${article.articleNumber}`;
  const fix = 'Specter keeps its stock; correct the article in Ongoing (or ask the warehouse), then push again.';
  const refuse = (field: string, raw: unknown, what: string): StockValue => ({
    ok: false,
    field,
    raw: show(raw),
    reason: `${who}: Ongoing's ${field} is ${show(raw)}: ${what} ${fix}`,
  });
  const info = article.inventoryInfo;
  if (info === undefined || info === null || typeof info !== 'object' || Array.isArray(info)) {
    return refuse('inventoryInfo', info, 'Ongoing sent no stock figures for the article.');
  }
  const raw = (info as Record<string, unknown>).numberOfItems;
  if (raw === undefined || raw === null) return refuse(FIELD, raw, 'Ongoing sent no physical stock.');
  if (typeof raw !== 'number' || Number.isNaN(raw)) return refuse(FIELD, raw, 'that is not a number.');
  if (!Number.isFinite(raw) || Math.abs(raw) > MAX_PLAUSIBLE_STOCK) {
    return refuse(
      FIELD,
      raw,
      `more than ${MAX_PLAUSIBLE_STOCK.toLocaleString('en-US')} items is taken for a data error.`,
    );
  }
  if (raw < 0) return refuse(FIELD, raw, 'physical stock cannot be negative.');
  if (!Number.isInteger(raw) && countedInWholeUnits(article.unitCode)) {
    const unit = typeof article.unitCode === 'string' && article.unitCode.trim() ? ` (unit ${article.unitCode})` : '';
    return refuse(FIELD, raw, `the article is counted in whole units${unit}.`);
  }
  return { ok: true, value: raw };
}

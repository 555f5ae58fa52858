/**
 * The building blocks of the declarative field mappings: one row per mapped field, a builder that
 * turns a list of rows into a JSON body, the problem type shared by validation and the submit
 * builders, and small value helpers (text, numbers, dates).
 *
 * Every flow module (articles, orders, purchase orders, delivery submit, receipt submit) exports a
 * table of rows. The mapping function of the flow is built from its table, and the mapping report
 * (docs/mapping-report.md) is printed from the same table, so the documentation and the code cannot
 * drift apart.
 */
import type { MessageRef } from '../messages';

/** How a value is compared and shown: '' for empty, dates as yyyy-MM-dd, numbers without float noise. */
export type FieldKind = 'text' | 'date' | 'number' | 'flag';

/** A path in Ongoing's GET model and how its value is compared. */
export interface ReadBack {
  path: string;
  kind?: FieldKind;
}

/** One mapped field. */
export interface MappingRow<S> {
  /**
   * The integration spec's "Ongoing WMS field name" exactly as written there (e.g.
   * 'Order info ⇒ Sales code'), or null for a row the spec does not list but Ongoing needs or the
   * app adds (goods owner, line identity, ...).
   */
  spec: string | null;
  /** The spec's "Specter field name" as written there, or a short description for added rows. */
  specter: string;
  /** Where the value is read: a path in the source record (Specter record, or Ongoing GET model). */
  source: string;
  /** JSON path written in the target body; null when the value is deliberately not sent. */
  target: string | null;
  /**
   * Where Ongoing's GET model returns the value sent to `target`, for the comparison with what Ongoing
   * holds (conflicts of the document flows, adoption of records met for the first time); null when
   * Ongoing does not return it (then it is not compared). Absent on tables that are not compared
   * (submits).
   */
  readBack?: ReadBack | null;
  /** The rule in plain words, including any decision taken where the two systems do not line up. */
  rule: string;
  /** Computes the value. undefined, null and '' mean "leave the field out". */
  apply: (src: S) => unknown;
}

/** A group of rows applied to each element of a list (order lines, purchase order lines, submit rows). */
export interface MappingLineGroup<L> {
  /** JSON path of the list in the target body, e.g. 'orderLines'. */
  path: string;
  /** What one element is made from, for the report (e.g. 'each Specter order row'). */
  each: string;
  rows: MappingRow<L>[];
}

/** A flow's whole table, as shown in the mapping report. */
export interface MappingTable<H, L> {
  flow: 'articles' | 'orders' | 'purchase-orders' | 'delivery-submit' | 'receipt-submit';
  title: string;
  /** e.g. 'Specter article → Ongoing PUT /articles (PostArticleModel)' */
  direction: string;
  /** How the spec's two columns are joined in the report: '⇐' (into Ongoing) or '→' (back to Specter). */
  arrow: '⇐' | '→';
  /** Design decisions that hold for the whole flow (identity of lines, dates, empty values). */
  notes: string[];
  header: MappingRow<H>[];
  lines: MappingLineGroup<L> | null;
}

export type Severity = 'error' | 'warning';

/** Something wrong with a record, said so that an operator knows what to fix and where. */
export interface MappingProblem {
  /** The record, e.g. 'order 1001', 'article ART-001', 'purchase P-3001'. */
  record: string;
  /** The field, as a path in the record, e.g. 'deliveryDate', 'rows[1].articleNo'. */
  field: string;
  /** What is wrong and what to do about it. */
  message: string;
  severity: Severity;
  /** The same as a message code with parameters, for the operator's language (where one exists). */
  ref?: MessageRef;
}

/** True when at least one problem is an error (the record must not be sent). */
export function hasErrors(problems: readonly MappingProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

// ---------------------------------------------------------------------------------------------
// Paths and the builder
// ---------------------------------------------------------------------------------------------

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sets a dotted path ('consignee.advanced.smsNotification.value'), creating objects on the way.
 * A numeric segment steps into an existing array ('orderLines.0.comment').
 */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node: Record<string, unknown> = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i]!;
    const next = node[key];
    if (typeof next === 'object' && next !== null) {
      node = next as Record<string, unknown>;
    } else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  node[parts[parts.length - 1]!] = value;
}

/**
 * Reads a path such as 'orderLines[0].prices.linePrice' or 'consignee.name'. Returns undefined
 * when any step is missing.
 */
export function getPath(source: unknown, path: string): unknown {
  const steps = path.split('.').flatMap((part) => {
    const out: (string | number)[] = [];
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) return [part];
    if (match[1]) out.push(match[1]);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
    return out;
  });
  let node: unknown = source;
  for (const step of steps) {
    if (node === null || node === undefined) return undefined;
    if (typeof step === 'number') {
      if (!Array.isArray(node)) return undefined;
      node = node[step];
    } else {
      if (!isPlainObject(node)) return undefined;
      node = node[step];
    }
  }
  return node;
}

/** True for the values a row returns to mean "leave the field out". */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * Applies rows to a source and returns the body. Rows without a target and rows whose value is
 * absent (undefined, null, '') write nothing, so empty Specter fields are left out of the body.
 */
export function buildFromRows<S>(rows: readonly MappingRow<S>[], src: S): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const row of rows) {
    if (row.target === null) continue;
    const value = row.apply(src);
    if (isAbsent(value)) continue;
    setPath(body, row.target, value);
  }
  return body;
}

// ---------------------------------------------------------------------------------------------
// Value helpers
// ---------------------------------------------------------------------------------------------

/** Trimmed text, or undefined when there is none. */
export function text(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The first of the values that has text. */
export function firstText(...values: (string | null | undefined)[]): string | undefined {
  for (const value of values) {
    const t = text(value);
    if (t !== undefined) return t;
  }
  return undefined;
}

/** A finite number, or undefined. */
export function finite(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Rounds away binary floating point noise (0.1 + 0.2 → 0.3). Quantities and prices in both systems
 * have at most a few decimals, so 6 decimals keep every real digit.
 */
export function roundDecimal(value: number): number {
  const rounded = Math.round(value * 1e6) / 1e6;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/**
 * Sum of two amounts where either may be missing: a missing part counts as 0, and when both are
 * missing there is no sum (undefined), so no price is sent rather than a made-up 0.
 */
export function sumAmounts(a: number | null | undefined, b: number | null | undefined): number | undefined {
  const x = finite(a);
  const y = finite(b);
  if (x === undefined && y === undefined) return undefined;
  return roundDecimal((x ?? 0) + (y ?? 0));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written yyyy-MM-dd. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** The date part (yyyy-MM-dd) of a Specter date or time stamp ('2024-05-02 14:03:11'), if valid. */
export function specterDatePart(value: string | null | undefined): string | undefined {
  const t = text(value);
  if (t === undefined) return undefined;
  const datePart = t.slice(0, 10);
  if (!isIsoDate(datePart)) return undefined;
  if (t.length > 10 && !/^[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(t.slice(10))) return undefined;
  return datePart;
}

/**
 * A Specter date (yyyy-MM-dd) as the date-time Ongoing's schema types it: midnight UTC of that
 * date ('2024-05-03T00:00:00Z'). Sweden is ahead of UTC, so the date stays the same whether Ongoing
 * stores the instant in UTC or in Swedish time, and reading it back (ongoingDateToLocalDate) gives
 * the same date again.
 */
export function toOngoingDateTime(date: string): string {
  return `${date}T00:00:00Z`;
}

/** Time zone in which Ongoing's UTC times are turned back into Specter dates. */
export const DEFAULT_TIME_ZONE = 'Europe/Stockholm';

/**
 * A date-time from Ongoing turned into a calendar date (yyyy-MM-dd) in the given time zone.
 * Values with a zone (Z or ±hh:mm) are converted; values without one are taken as written.
 * Returns undefined for anything that is not a date.
 */
export function ongoingDateToLocalDate(
  value: string | null | undefined,
  timeZone: string = DEFAULT_TIME_ZONE,
): string | undefined {
  const t = text(value);
  if (t === undefined) return undefined;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(t) && t.length > 10;
  if (!hasZone) {
    const datePart = t.slice(0, 10);
    return isIsoDate(datePart) ? datePart : undefined;
  }
  const instant = new Date(t);
  if (Number.isNaN(instant.getTime())) return undefined;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  return isIsoDate(date) ? date : undefined;
}

/**
 * Differences between the body Specter wants and the record Ongoing holds. The compared fields come
 * from the mapping tables: every row with a `readBack` is compared, so a field added to a table is
 * compared without a second list.
 */
import type { FieldDifference } from '../../../shared/domain/sync';
import {
  type FieldKind,
  getPath,
  type MappingTable,
  ongoingDateToLocalDate,
  roundDecimal,
} from '../../../shared/mapping';

/** One comparable field: its path in the PUT body and in Ongoing's GET model. */
export interface FieldPair {
  /** Name shown in the difference list (the PUT body path). */
  field: string;
  /** Path in the body sent to Ongoing. */
  sent: string;
  /** Path in Ongoing's GET model. */
  stored: string;
  kind?: FieldKind;
}

/**
 * Reads a dotted path from a GET model. undefined when Ongoing does not return the field at all (it
 * is then not compared), null when it returns it empty (a parent that is null counts as empty).
 */
export function readReturned(source: unknown, path: string): unknown {
  let node: unknown = source;
  for (const step of path.split('.')) {
    if (node === null) return null;
    if (typeof node !== 'object' || node === undefined || Array.isArray(node)) return undefined;
    if (!Object.hasOwn(node, step)) return undefined;
    node = (node as Record<string, unknown>)[step];
  }
  return node;
}

/** A value as compared and shown: '' for empty, dates as yyyy-MM-dd, numbers without float noise. */
export function normalizeValue(value: unknown, kind: FieldKind = 'text'): string {
  if (value === null || value === undefined) return '';
  if (kind === 'flag') return value === true ? 'yes' : value === false ? 'no' : String(value);
  if (kind === 'number') {
    const n = typeof value === 'number' ? value : Number(String(value).trim());
    return String(value).trim() === '' ? '' : Number.isFinite(n) ? String(roundDecimal(n)) : String(value).trim();
  }
  const text = String(value).trim();
  if (kind === 'date') return ongoingDateToLocalDate(text) ?? text;
  return text;
}

/** Field-by-field differences of one object; fields Ongoing does not return are skipped. */
export function compareFields(
  sent: unknown,
  stored: unknown,
  pairs: readonly FieldPair[],
  prefix = '',
): FieldDifference[] {
  const out: FieldDifference[] = [];
  for (const pair of pairs) {
    const storedValue = readReturned(stored, pair.stored);
    if (storedValue === undefined) continue;
    const a = normalizeValue(getPath(sent, pair.sent), pair.kind);
    const b = normalizeValue(storedValue, pair.kind);
    if (a !== b) out.push({ field: `${prefix}${pair.field}`, specter: a, ongoing: b });
  }
  return out;
}

export interface LineComparison<S, G> {
  /** List name used in field names, e.g. 'orderLines'. */
  list: string;
  sent: readonly S[];
  stored: readonly G[];
  sentKey: (line: S) => string;
  storedKey: (line: G) => string;
  pairs: readonly FieldPair[];
  /** Short text of a line that exists on one side only, e.g. 'A-100 × 2'. */
  describeSent: (line: S) => string;
  describeStored: (line: G) => string;
}

/** Line-by-line differences, lines matched by key; a line on one side only is one difference. */
export function compareLines<S, G>(c: LineComparison<S, G>): FieldDifference[] {
  const out: FieldDifference[] = [];
  const stored = new Map(c.stored.map((line) => [c.storedKey(line), line]));
  const seen = new Set<string>();
  for (const line of c.sent) {
    const key = c.sentKey(line);
    seen.add(key);
    const match = stored.get(key);
    if (!match) {
      out.push({ field: `${c.list}[${key}]`, specter: c.describeSent(line), ongoing: '' });
      continue;
    }
    out.push(...compareFields(line, match, c.pairs, `${c.list}[${key}].`));
  }
  for (const [key, line] of stored) {
    if (!seen.has(key)) out.push({ field: `${c.list}[${key}]`, specter: '', ongoing: c.describeStored(line) });
  }
  return out;
}

/** Differences as one line of text for messages and plans. */
export function formatDifferences(differences: readonly FieldDifference[], max = 8): string {
  const shown = differences
    .slice(0, max)
    .map((d) => `${d.field}: Specter "${d.specter}", Ongoing "${d.ongoing}"`)
    .join('; ');
  return differences.length > max ? `${shown}; and ${differences.length - max} more` : shown;
}

/** The comparable fields of a list of mapping rows: those with a target and a readBack. */
export function pairsOf(
  rows: readonly { target: string | null; readBack?: { path: string; kind?: FieldKind } | null }[],
): FieldPair[] {
  const pairs: FieldPair[] = [];
  for (const row of rows) {
    if (!row.target || !row.readBack) continue;
    pairs.push({ field: row.target, sent: row.target, stored: row.readBack.path, kind: row.readBack.kind });
  }
  return pairs;
}

export interface DocumentComparison<S, G> {
  /** The list of lines in Ongoing's GET model, e.g. 'orderLines'. */
  storedLines: string;
  /** Line identity on both sides (the Specter row id in rowNumber). */
  sentKey: (line: S) => string;
  storedKey: (line: G) => string;
  describeSent: (line: S) => string;
  describeStored: (line: G) => string;
}

/**
 * The difference function of a document flow, derived from its mapping table: header rows, then the
 * lines matched by key.
 */
export function comparisonFromTable<S, G>(
  table: MappingTable<never, never> | MappingTable<unknown, unknown>,
  spec: DocumentComparison<S, G>,
): (body: unknown, model: unknown) => FieldDifference[] {
  const headerPairs = pairsOf(table.header);
  const linePairs = table.lines ? pairsOf(table.lines.rows) : [];
  const list = table.lines?.path ?? '';
  return (body, model) => {
    const sent = (list ? getPath(body, list) : undefined) as S[] | undefined;
    const stored = readReturned(model, spec.storedLines) as G[] | null | undefined;
    return [
      ...compareFields(body, model, headerPairs),
      ...(list
        ? compareLines<S, G>({
            list,
            sent: Array.isArray(sent) ? sent : [],
            stored: Array.isArray(stored) ? stored : [],
            sentKey: spec.sentKey,
            storedKey: spec.storedKey,
            pairs: linePairs,
            describeSent: spec.describeSent,
            describeStored: spec.describeStored,
          })
        : []),
    ];
  };
}

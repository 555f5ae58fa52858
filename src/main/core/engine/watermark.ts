/**
 * Watermarks of the document flows (Specter change times: yyyy-MM-dd HH:mm:ss, Stockholm wall clock).
 * A run asks for what changed since the stored watermark minus an overlap; the watermark moves only
 * in the transaction that records what was fetched, never to a time later than "now + tolerance".
 */

/** changedFrom of a job's very first run: everything Specter has. */
export const INITIAL_WATERMARK = '2000-01-01 00:00:00';

/** Default minutes each run reaches back before its watermark (a setting: sync.watermarkOverlapMinutes). */
export const DEFAULT_WATERMARK_OVERLAP_MINUTES = 10;

/** A change time later than now plus this is not trusted to move the watermark. */
export const FUTURE_TOLERANCE_MINUTES = 5;

const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** True for a real wall-clock time `yyyy-MM-dd HH:mm:ss` (calendar date, hours < 24, …). */
export function isValidTimestamp(value: string): boolean {
  const m = TIMESTAMP_RE.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Wall-clock arithmetic on a Specter timestamp (minutes may be negative). */
export function shiftTimestamp(timestamp: string, minutes: number): string {
  const m = TIMESTAMP_RE.exec(timestamp);
  if (!m) throw new Error(`"${timestamp}" is not a Specter time (yyyy-MM-dd HH:mm:ss).`);
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) + minutes * 60_000;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/**
 * True in the night the Swedish clock goes back (last Sunday of October, 02:00–03:59 wall time):
 * an hour of wall-clock times repeats, so a change made after the watermark can carry an earlier time.
 */
export function inAutumnClockChange(timestamp: string): boolean {
  const m = TIMESTAMP_RE.exec(timestamp);
  if (m?.[2] !== '10') return false;
  const year = +m[1]!;
  let lastSunday = 31;
  while (new Date(Date.UTC(year, 9, lastSunday)).getUTCDay() !== 0) lastSunday--;
  const hour = +m[4]!;
  return +m[3]! === lastSunday && hour >= 2 && hour < 4;
}

/** The changedFrom for a run: the stored watermark minus the overlap (an extra hour in the DST night). */
export function changedFromFor(
  stored: string | null,
  overlapMinutes: number = DEFAULT_WATERMARK_OVERLAP_MINUTES,
): string {
  if (!stored || !isValidTimestamp(stored)) return INITIAL_WATERMARK;
  const from = shiftTimestamp(stored, -overlapMinutes);
  return inAutumnClockChange(stored) ? shiftTimestamp(from, -60) : from;
}

/** The latest change time that may move a watermark: now (Specter wall clock) plus the tolerance. */
export function latestTrusted(now: string): string {
  return shiftTimestamp(now, FUTURE_TOLERANCE_MINUTES);
}

/**
 * The watermark to store after a run: the latest change time when every fetched record was handled,
 * else the change time of the first one that was not (so it is fetched again). Times that are not
 * valid, or later than `limit` (now + tolerance), never move it. Never moves back.
 */
export function nextWatermark(
  stored: string | null,
  fetched: readonly { changed: string; done: boolean }[],
  limit?: string,
): string | null {
  const times = fetched.filter((f) => isValidTimestamp(f.changed) && (!limit || f.changed <= limit));
  const open = fetched.filter((f) => !f.done && isValidTimestamp(f.changed));
  if (open.length > 0) {
    const first = open.map((f) => f.changed).sort()[0]!;
    const candidate = limit && first > limit ? limit : first;
    return stored && stored >= candidate ? stored : candidate;
  }
  if (times.length === 0) return stored;
  const candidate = times.map((f) => f.changed).sort()[times.length - 1]!;
  return stored && stored >= candidate ? stored : candidate;
}

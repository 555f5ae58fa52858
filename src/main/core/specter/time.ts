import { TIMESTAMP_TIME_ZONE } from './wire';

const formatter = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIMESTAMP_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Format an instant as a Specter timestamp: `yyyy-MM-dd HH:mm:ss` in Stockholm local time. */
export function toSpecterTimestamp(date: Date): string {
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(date)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for `yyyy-MM-dd HH:mm:ss`. */
export function isSpecterTimestamp(value: string): boolean {
  return TIMESTAMP.test(value);
}

/** True for `yyyy-MM-dd` with a real calendar date. */
export function isSpecterDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Normalise a change-time watermark: accepts `yyyy-MM-dd HH:mm:ss` or `yyyy-MM-dd` (start of day).
 * Returns null for anything else.
 */
export function normalizeSpecterTimestamp(value: string): string | null {
  const trimmed = value.trim();
  if (isSpecterTimestamp(trimmed)) return trimmed;
  if (isSpecterDate(trimmed)) return `${trimmed} 00:00:00`;
  return null;
}

/** One second after a Specter timestamp (calendar arithmetic on the wall-clock value). */
export function addOneSecond(timestamp: string): string {
  const asUtc = new Date(`${timestamp.replace(' ', 'T')}Z`);
  const next = new Date(asUtc.getTime() + 1000).toISOString();
  return `${next.slice(0, 10)} ${next.slice(11, 19)}`;
}

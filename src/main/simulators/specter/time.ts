/** Specter's change times as the simulator writes them: `yyyy-MM-dd HH:mm:ss`, Stockholm local time. */

const formatter = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export function stockholmTimestamp(date: Date): string {
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(date)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `yyyy-MM-dd` naming a real calendar day. */
export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A `changedFrom` value: `yyyy-MM-dd HH:mm:ss`, or `yyyy-MM-dd` for the start of that day; null otherwise. */
export function parseChangedFrom(value: string): string | null {
  const trimmed = value.trim();
  if (TIMESTAMP.test(trimmed)) return trimmed;
  if (isCalendarDate(trimmed)) return `${trimmed} 00:00:00`;
  return null;
}

/** One second later, on the wall-clock value. */
export function nextSecond(timestamp: string): string {
  const next = new Date(new Date(`${timestamp.replace(' ', 'T')}Z`).getTime() + 1000).toISOString();
  return `${next.slice(0, 10)} ${next.slice(11, 19)}`;
}

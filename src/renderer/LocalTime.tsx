import { formatTime } from './hooks';
import { useAppStore } from './store';

/** A time in the UI language's format and the computer's time zone; the UTC time shows on hover. */
export function LocalTime({ iso }: { iso: string | null | undefined }) {
  const lang = useAppStore((s) => s.settings?.language ?? 'sv');
  if (!iso) return <>–</>;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <>{iso}</>;
  const utc = `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  return (
    <time dateTime={date.toISOString()} title={utc}>
      {formatTime(iso, lang)}
    </time>
  );
}

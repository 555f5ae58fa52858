import { useCallback, useEffect, useState } from 'react';
import { useAppStore } from './store';

/**
 * Load data through the API and reload it whenever synced data may have changed (a job finished, a
 * posting was decided) or a dependency changes. Errors are kept for the page to show.
 */
export function useApiData<T>(
  loader: () => Promise<T>,
  deps: unknown[],
): {
  data: T | null;
  error: string | null;
  reload: () => void;
} {
  const revision = useAppStore((s) => s.revision);
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what the loader depends on
  useEffect(() => {
    let live = true;
    loader().then(
      (value) => {
        if (live) {
          setData(value);
          setError(null);
        }
      },
      (e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [...deps, revision, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, reload };
}

export function formatTime(iso: string | null | undefined, language: 'sv' | 'en' = 'sv'): string {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(language === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' });
}

import { useT } from '../store';

/** The search box of the list pages. */
export function SearchInput({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const t = useT();
  return (
    <input
      type="search"
      placeholder={t('common.search')}
      aria-label={t('common.search')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

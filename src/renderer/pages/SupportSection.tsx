import { useState } from 'react';
import { getApi } from '../api';
import { useAppStore, useT } from '../store';

/** Settings → support: a zip of what the app did, for a support person, with every secret removed. */
export function SupportSection() {
  const t = useT();
  const act = useAppStore((s) => s.act);
  const [made, setMade] = useState<{ file: string; bytes: number } | null>(null);
  return (
    <>
      <h2>{t('support.heading')}</h2>
      <p className="muted">{t('support.hint')}</p>
      <button
        type="button"
        data-testid="support-bundle"
        onClick={() =>
          void act(async () => {
            setMade(await getApi().createSupportBundle({}));
          })
        }
      >
        {t('support.create')}
      </button>
      {made && (
        <p data-testid="support-bundle-file">
          {t('support.created')} <code>{made.file}</code> ({Math.ceil(made.bytes / 1024)} kB)
        </p>
      )}
    </>
  );
}

import { getApi } from '../api';
import { useApiData } from '../hooks';
import { useAppStore, useT } from '../store';
import { HealthPanel } from './HealthPanel';
import { JobsPanel } from './JobsPanel';

export function OverviewPage() {
  const t = useT();
  const status = useAppStore((s) => s.status);
  const setPage = useAppStore((s) => s.setPage);
  const exceptions = useApiData(() => getApi().listExceptions({ state: 'open' }), []);
  const pending = useApiData(async () => {
    const states = ['proposed', 'held', 'in_doubt', 'failed'] as const;
    const [d, r] = await Promise.all([
      getApi().listPostings({ kind: 'delivery', states: [...states] }),
      getApi().listPostings({ kind: 'receipt', states: [...states] }),
    ]);
    return d.length + r.length;
  }, []);
  if (!status) return <p>{t('common.loading')}</p>;
  return (
    <section>
      <h1>{t('overview.heading')}</h1>
      {status.demo && <p className="banner notice">{t('overview.demo')}</p>}
      <div className="cards">
        <button type="button" className="stat" onClick={() => setPage('activity')}>
          <span className="stat-value" data-testid="open-exceptions">
            {exceptions.data?.length ?? '–'}
          </span>
          <span>{t('overview.openExceptions')}</span>
        </button>
        <button type="button" className="stat" onClick={() => setPage('deliveries')}>
          <span className="stat-value" data-testid="pending-postings">
            {pending.data ?? '–'}
          </span>
          <span>{t('overview.pendingPostings')}</span>
        </button>
      </div>
      <HealthPanel />
      <JobsPanel />
      <h2>{t('overview.keychain')}</h2>
      <p className={status.keychain.available ? '' : 'banner error'}>
        {status.keychain.available ? t('overview.keychainOk') : status.keychain.message}
      </p>
      <p className="muted">
        {t('overview.dataDir')}: {status.dataDir} · v{status.version} · schema {status.schemaVersion}
      </p>
    </section>
  );
}

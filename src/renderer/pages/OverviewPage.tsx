import { useAppStore, useT } from '../store';
import { ConnectionBadge } from './ConnectionBadge';

export function OverviewPage() {
  const t = useT();
  const status = useAppStore((s) => s.status);
  if (!status) return <p>{t('common.loading')}</p>;
  return (
    <section>
      <h1>{t('overview.heading')}</h1>
      {status.demo && <p className="banner notice">{t('overview.demo')}</p>}
      <h2>{t('overview.connections')}</h2>
      <table className="grid">
        <tbody>
          {(['specter', 'ongoing'] as const).map((system) => (
            <tr key={system}>
              <th scope="row">{system === 'specter' ? 'Specter' : 'Ongoing WMS'}</th>
              <td>
                <ConnectionBadge connection={status.connections[system]} />
              </td>
              <td className="muted">{status.connections[system].message}</td>
            </tr>
          ))}
        </tbody>
      </table>
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

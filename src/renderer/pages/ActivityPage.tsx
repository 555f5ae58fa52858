import { useState } from 'react';
import type { MessageKey } from '../../shared/i18n';
import { getApi } from '../api';
import { useApiData } from '../hooks';
import { LocalTime } from '../LocalTime';
import { useAppStore, useLabel, useMessage, useMessages, useT } from '../store';
import { countsText } from './JobsPanel';
import { AuditLog } from './tracker/AuditLog';

/** The exception inbox first (its actions always at hand), the audit log as events, then the run history. */
export function ActivityPage() {
  const t = useT();
  const label = useLabel();
  const say = useMessage();
  const sayAll = useMessages();
  const lang = useAppStore((s) => s.settings?.language ?? 'sv');
  const act = useAppStore((s) => s.act);
  const [onlyOpen, setOnlyOpen] = useState(true);
  const [ignoring, setIgnoring] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const exceptions = useApiData(() => getApi().listExceptions({ state: onlyOpen ? 'open' : undefined }), [onlyOpen]);
  const runs = useApiData(() => getApi().listRuns({ limit: 50 }), []);
  const pageSearch = useAppStore((s) => s.pageSearch);
  const decide = (id: number, action: 'retry' | 'resolve' | 'ignore', why?: string) =>
    act(() => getApi().decideException({ id, action, reason: why }));

  return (
    <section>
      <h1>{t('nav.activity')}</h1>
      <div className="toolbar">
        <h2>{t('activity.exceptions')}</h2>
        <label>
          <input type="checkbox" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} />{' '}
          {t('activity.open')}
        </label>
      </div>
      {exceptions.data?.length === 0 && <p className="muted">{t('empty.activity')}</p>}
      <table className="grid wide" aria-label={t('activity.exceptions')}>
        <tbody>
          {exceptions.data?.map((e) => (
            <tr key={e.id} data-testid={`exception-${e.flow}-${e.recordKey}`}>
              <td>{t(`job.${e.flow}` as MessageKey)}</td>
              <td>
                <span className={`badge badge-class-${e.class}`}>{label('class', e.class)}</span>
              </td>
              <td>{e.recordKey}</td>
              <td>
                {e.ref ? say(e.ref) : e.message}
                {e.differences.length > 0 && (
                  <div className="muted">
                    {e.differences.map((d) => `${d.field}: ${d.specter} ≠ ${d.ongoing}`).join(' · ')}
                  </div>
                )}
                {e.reason && <div className="muted">{e.reason}</div>}
              </td>
              <td className="muted">
                {e.occurrences}× · <LocalTime iso={e.lastSeen} />
              </td>
              <td className="actions-cell">
                {e.state === 'open' && ignoring !== e.id && (
                  <>
                    <button type="button" onClick={() => void decide(e.id, 'retry')}>
                      {t('activity.retry')}
                    </button>
                    <button type="button" className="secondary" onClick={() => void decide(e.id, 'resolve')}>
                      {t('activity.resolve')}
                    </button>
                    <button type="button" className="secondary" onClick={() => setIgnoring(e.id)}>
                      {t('activity.ignore')}
                    </button>
                  </>
                )}
                {ignoring === e.id && (
                  <form
                    onSubmit={(ev) => {
                      ev.preventDefault();
                      void decide(e.id, 'ignore', reason).then(() => {
                        setIgnoring(null);
                        setReason('');
                      });
                    }}
                  >
                    <input
                      aria-label={t('activity.ignoreReason')}
                      placeholder={t('activity.ignoreReason')}
                      value={reason}
                      onChange={(ev) => setReason(ev.target.value)}
                    />
                    <button type="submit" disabled={!reason.trim()}>
                      {t('activity.ignore')}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('activity.audit')}</h2>
      <AuditLog initialSearch={pageSearch?.page === 'activity' ? pageSearch.search : ''} />
      <h2>{t('activity.runs')}</h2>
      <table className="grid wide" aria-label={t('activity.runs')}>
        <tbody>
          {runs.data?.map((r) => (
            <tr key={r.id}>
              <td>{t(`job.${r.job}` as MessageKey)}</td>
              <td>
                <span className={`badge badge-run-${r.status}`}>{label('runStatus', r.status)}</span>{' '}
                {r.dryRun ? `(${t('jobs.dryRun')})` : ''}
              </td>
              <td>
                <LocalTime iso={r.startedAt} />
              </td>
              <td className="muted">
                {r.finishedAt ? `${((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000).toFixed(1)} s` : ''}
              </td>
              <td className="muted">{countsText(r.counts, label, lang)}</td>
              <td className="error-text">{sayAll(r.errorRefs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

import { useState } from 'react';
import type { JobName, JobState, PlannedChange } from '../../shared/domain/sync';
import type { MessageKey } from '../../shared/i18n';
import { getApi } from '../api';
import { formatTime } from '../hooks';
import { LocalTime } from '../LocalTime';
import { useAppStore, useLabel, useMessages, useT } from '../store';

function jobStateText(job: JobState, t: (k: MessageKey) => string, lang: 'sv' | 'en'): string {
  if (job.running) return t('jobs.running');
  if (!job.enabled) return t('jobs.disabled');
  if (job.paused) return t('jobs.paused');
  if (job.backoffUntil) return `${t('jobs.backoff')} ${formatTime(job.backoffUntil, lang)}`;
  return t('jobs.idle');
}

/** A run's counts in the UI language ("hämtade 12 · skapade 3"), numbers in its format. */
export function countsText(
  counts: Record<string, number | undefined>,
  label: (prefix: string, value: string) => string,
  lang: 'sv' | 'en',
): string {
  const number = new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB');
  return Object.entries(counts)
    .filter(([, v]) => typeof v === 'number' && v > 0)
    .map(([k, v]) => `${label('count', k)} ${number.format(v as number)}`)
    .join(' · ');
}

/** Per-job last run, next run, counts and errors, with sync-now, dry-run and pause buttons. */
export function JobsPanel() {
  const t = useT();
  const label = useLabel();
  const say = useMessages();
  const lang = useAppStore((s) => s.settings?.language ?? 'sv');
  const jobs = useAppStore((s) => s.jobs);
  const act = useAppStore((s) => s.act);
  const busy = useAppStore((s) => s.busy);
  const [plan, setPlan] = useState<{ job: JobName; changes: PlannedChange[] } | null>(null);
  const allPaused = jobs.length > 0 && jobs.every((j) => j.paused);

  const syncNow = (job?: JobName) => act(() => getApi().syncNow({ job }));
  const dryRun = (job: JobName) =>
    act(async () => {
      const [outcome] = await getApi().syncNow({ job, dryRun: true });
      setPlan({ job, changes: outcome?.plan ?? [] });
    });

  return (
    <section aria-label={t('jobs.heading')}>
      <div className="toolbar">
        <h2>{t('jobs.heading')}</h2>
        <button type="button" disabled={busy} onClick={() => void syncNow()}>
          {t('jobs.syncAll')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => void act(() => getApi().setPaused({ jobs: 'all', paused: !allPaused }))}
        >
          {allPaused ? t('jobs.resumeAll') : t('jobs.pauseAll')}
        </button>
      </div>
      <table className="grid wide">
        <thead>
          <tr>
            <th>{t('jobs.job')}</th>
            <th>{t('jobs.state')}</th>
            <th>{t('jobs.lastRun')}</th>
            <th>{t('jobs.counts')}</th>
            <th>{t('jobs.nextRun')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.job} data-testid={`job-${job.job}`}>
              <th scope="row">{t(`job.${job.job}` as MessageKey)}</th>
              <td>{jobStateText(job, t, lang)}</td>
              <td>
                {job.lastRun ? (
                  <>
                    <span className={`badge badge-run-${job.lastRun.status}`}>
                      {label('runStatus', job.lastRun.status)}
                    </span>{' '}
                    <LocalTime iso={job.lastRun.finishedAt ?? job.lastRun.startedAt} />
                    {job.lastErrorRefs.length > 0 && <div className="error-text">{say(job.lastErrorRefs)}</div>}
                  </>
                ) : (
                  t('jobs.never')
                )}
              </td>
              <td className="muted">{job.lastRun ? countsText(job.lastRun.counts, label, lang) : ''}</td>
              <td>
                <LocalTime iso={job.nextRunAt} />
              </td>
              <td className="actions-cell">
                <button type="button" disabled={job.running} onClick={() => void syncNow(job.job)}>
                  {t('jobs.syncNow')}
                </button>
                <button type="button" className="secondary" onClick={() => void dryRun(job.job)}>
                  {t('jobs.dryRun')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => void act(() => getApi().setPaused({ jobs: [job.job], paused: !job.paused }))}
                >
                  {job.paused ? t('jobs.resume') : t('jobs.pause')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {plan && (
        <div className="panel" data-testid="dry-run-result">
          <div className="toolbar">
            <h3>
              {t('jobs.dryRunResult')} ({t(`job.${plan.job}` as MessageKey)})
            </h3>
            <button type="button" className="secondary" onClick={() => setPlan(null)}>
              ✕
            </button>
          </div>
          <p>
            {Object.entries(
              plan.changes.reduce<Record<string, number>>((acc, c) => {
                acc[c.action] = (acc[c.action] ?? 0) + 1;
                return acc;
              }, {}),
            )
              .map(([action, n]) => `${label('plan', action)}: ${n}`)
              .join(' · ') || '–'}
          </p>
          <ul className="plan">
            {plan.changes
              .filter((c) => c.action !== 'unchanged')
              .slice(0, 200)
              .map((c) => (
                <li key={`${c.action}-${c.key}`}>
                  <strong>{label('plan', c.action)}</strong> {c.key}
                </li>
              ))}
          </ul>
        </div>
      )}
    </section>
  );
}

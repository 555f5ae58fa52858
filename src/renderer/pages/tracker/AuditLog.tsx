import { useEffect, useState } from 'react';
import type { ApiInput, AuditRecord } from '../../../shared/api';
import { auditRef } from '../../../shared/audit-text';
import { AUDIT_FLOWS, type AuditEntryDetail, type AuditFlow } from '../../../shared/tracker';
import { getApi } from '../../api';
import { LocalTime } from '../../LocalTime';
import { useAppStore, useLabel, useMessage, useT } from '../../store';
import './tracker.css';

const PAGE = 100;

/** A local date (yyyy-mm-dd) as the ISO time its day starts at. */
function dayStart(date: string, plusDays = 0): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const d = new Date(`${date}T00:00:00`);
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
}

/**
 * The audit log as events: searchable by order, article or purchase number, filtered by errors, flow and
 * date, read page by page from SQLite (never the whole log), each entry a sentence with its details.
 */
export function AuditLog({ initialSearch = '' }: { initialSearch?: string }) {
  const t = useT();
  const label = useLabel();
  const revision = useAppStore((s) => s.revision);
  const [search, setSearch] = useState(initialSearch);
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [flow, setFlow] = useState<AuditFlow | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [rows, setRows] = useState<AuditRecord[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => setSearch(initialSearch), [initialSearch]);

  const query = (before?: number): ApiInput<'listAudit'> => ({
    limit: PAGE,
    ...(search.trim() ? { search: search.trim() } : {}),
    ...(errorsOnly ? { errorsOnly: true } : {}),
    ...(flow ? { flow } : {}),
    ...(dayStart(from) ? { from: dayStart(from) } : {}),
    ...(dayStart(to, 1) ? { to: dayStart(to, 1) } : {}),
    ...(before ? { before } : {}),
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: the query is built from exactly these filters
  useEffect(() => {
    let live = true;
    getApi()
      .listAudit(query())
      .then(
        (page) => {
          if (!live) return;
          setRows(page.rows);
          setNextBefore(page.nextBefore);
          setError(null);
          setLoaded(true);
        },
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    return () => {
      live = false;
    };
  }, [search, errorsOnly, flow, from, to, revision]);

  const more = async () => {
    if (nextBefore === null) return;
    const page = await getApi().listAudit(query(nextBefore));
    setRows((r) => [...r, ...page.rows]);
    setNextBefore(page.nextBefore);
  };

  return (
    <div className="audit-log">
      <div className="toolbar wrap">
        <input
          type="search"
          className="audit-search"
          placeholder={t('activity.search')}
          aria-label={t('activity.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <label>
          <input type="checkbox" checked={errorsOnly} onChange={(e) => setErrorsOnly(e.target.checked)} />{' '}
          {t('activity.errorsOnly')}
        </label>
        <select
          aria-label={t('activity.flow')}
          value={flow}
          onChange={(e) => setFlow(e.target.value as AuditFlow | '')}
        >
          <option value="">{t('common.all')}</option>
          {(Object.keys(AUDIT_FLOWS) as AuditFlow[]).map((f) => (
            <option key={f} value={f}>
              {label('activity.flow', f)}
            </option>
          ))}
        </select>
        <label>
          {t('activity.fromDate')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('activity.toDate')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      {error && <p className="banner error">{error}</p>}
      {loaded && rows.length === 0 && <p className="muted">{t('activity.noEntries')}</p>}
      <ol className="audit-events" aria-label={t('activity.audit')} data-testid="audit-events">
        {rows.map((a) => (
          <AuditEvent key={a.id} entry={a} />
        ))}
      </ol>
      {nextBefore !== null && (
        <button type="button" className="secondary" onClick={() => void more()}>
          {t('activity.more')}
        </button>
      )}
    </div>
  );
}

const ERROR_STEP = /\.(failed|refused|in_doubt|ack_failed|not_sent|push_failed)$/;

function AuditEvent({ entry }: { entry: AuditRecord }) {
  const t = useT();
  const say = useMessage();
  const [open, setOpen] = useState(false);
  const [detail, setDetail] = useState<AuditEntryDetail | null>(null);
  const toggle = () => {
    setOpen((o) => !o);
    if (!detail) void getApi().getAuditEntry({ id: entry.id }).then(setDetail);
  };
  return (
    <li
      className={`audit-event${ERROR_STEP.test(entry.action) ? ' audit-error' : ''}`}
      data-testid={`audit-${entry.id}`}
    >
      <div className="audit-line">
        <span className="muted audit-time">
          <LocalTime iso={entry.at} />
        </span>
        <span className="audit-sentence">{say(auditRef(entry))}</span>
        <button type="button" className="link" aria-expanded={open} onClick={toggle}>
          {t('activity.details')}
        </button>
      </div>
      {open && detail && <AuditDetail detail={detail} />}
    </li>
  );
}

function AuditDetail({ detail }: { detail: AuditEntryDetail }) {
  const t = useT();
  return (
    <div className="audit-detail" data-testid="audit-detail">
      <h4>{t('activity.diff')}</h4>
      {detail.changes.length === 0 ? (
        <p className="muted">{t('activity.diffNone')}</p>
      ) : (
        <>
          {!detail.previous && <p className="muted">{t('activity.diffFirst')}</p>}
          <table className="grid diff" data-testid="audit-diff">
            <thead>
              <tr>
                <th>{t('orders.field')}</th>
                <th>{t('activity.before')}</th>
                <th>{t('activity.after')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.changes.map((c) => (
                <tr key={c.path}>
                  <td className="mono">{c.path}</td>
                  <td className="diff-specter">{c.before ?? '–'}</td>
                  <td className="diff-ongoing">{c.after ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h4>{t('activity.request')}</h4>
      <pre className="muted mono">{JSON.stringify(detail.entry.details, null, 1)}</pre>
    </div>
  );
}

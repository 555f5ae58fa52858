import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Posting, PostingDecision, PostingKind } from '../../shared/domain/postings';
import { fill, type MessageKey } from '../../shared/i18n';
import { getApi } from '../api';
import { useApiData } from '../hooks';
import { useAppStore, useT } from '../store';
import './postings/queue.css';
import { type DecisionOutcome, type PendingDecision, QueueRow } from './postings/QueueRow';
import {
  CONFIRMABLE,
  confirmSummary,
  filterCounts,
  newerOf,
  OPEN_STATES,
  QUEUE_FILTERS,
  type QueueFilter,
  queueRows,
} from './postings/queue-model';

const FILTER_LABEL: Record<QueueFilter, MessageKey> = {
  open: 'queue.filter.open',
  toConfirm: 'queue.filter.toConfirm',
  partial: 'queue.filter.partial',
  held: 'queue.filter.held',
  failed: 'queue.filter.failed',
  inDoubt: 'queue.filter.inDoubt',
  done: 'queue.filter.done',
  rejected: 'queue.filter.rejected',
  all: 'queue.filter.all',
};

const COLUMNS = 10;

/**
 * Rows rendered at once when the page opens (more than a screen at 1366×768); the rest follow in a
 * transition, so a queue of hundreds shows its first screen without waiting for the whole table.
 */
const FIRST_ROWS = 40;

async function loadPostings(kind: PostingKind): Promise<Posting[]> {
  const api = getApi();
  // Open postings in full; of the settled ones the most recent (the list is newest first, capped).
  const [open, settled] = await Promise.all([
    api.listPostings({ kind, states: OPEN_STATES }),
    api.listPostings({ kind, states: ['done', 'rejected'] }),
  ]);
  return [...open, ...settled];
}

/**
 * Deliveries (kind 'delivery') or receipts ('receipt') as a work queue: one row per posting, oldest first,
 * with search, filters, select-all and a sticky "Confirm N" that says what will happen. The list follows
 * the outbox: every change of a posting is an event that reloads it, so a row goes "Sending…" → "Done"
 * without a reload. A row the operator acted on stays in view until the filter changes.
 */
export function PostingsPage({ kind }: { kind: PostingKind }) {
  const t = useT();
  const act = useAppStore((s) => s.act);
  const lang = useAppStore((s) => s.settings?.language ?? 'sv');
  const [filter, setFilter] = useState<QueueFilter>('open');
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [pinned, setPinned] = useState<Set<number>>(new Set());
  const [decided, setDecided] = useState<Map<number, DecisionOutcome>>(new Map());
  const [pending, setPending] = useState<Map<number, PendingDecision>>(new Map());
  const [batchNote, setBatchNote] = useState<string | null>(null);
  const postings = useApiData(() => loadPostings(kind), [kind]);
  const [rendered, setRendered] = useState(FIRST_ROWS);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page (deliveries ⇄ receipts) starts afresh
  useEffect(() => {
    setSelected(new Set());
    setDecided(new Map());
    setPinned(new Set());
    setBatchNote(null);
  }, [kind]);

  // A reload after each outbox event brings new objects; a posting that did not change keeps its old one, so
  // only the rows that changed render again.
  const previous = useRef(new Map<number, { json: string; posting: Posting }>());
  const all = useMemo(() => {
    const next = new Map<number, { json: string; posting: Posting }>();
    const list = (postings.data ?? []).map((p) => {
      const json = JSON.stringify(p);
      const before = previous.current.get(p.id);
      const posting = before && before.json === json ? before.posting : p;
      next.set(p.id, { json, posting });
      return posting;
    });
    previous.current = next;
    return list;
  }, [postings.data]);
  const rows = useMemo(() => queueRows(all, filter, query, pinned), [all, filter, query, pinned]);
  useEffect(() => {
    if (rows.length > rendered) startTransition(() => setRendered(Number.POSITIVE_INFINITY));
  }, [rows.length, rendered]);
  const counts = useMemo(() => filterCounts(all), [all]);
  const byId = useMemo(() => new Map(all.map((p) => [p.id, p])), [all]);
  const selectable = rows.filter((p) => CONFIRMABLE.includes(p.state));
  const chosen = [...selected]
    .map((id) => byId.get(id))
    .filter((p): p is Posting => !!p && CONFIRMABLE.includes(p.state));
  const summary = confirmSummary(chosen);
  const allSelected = selectable.length > 0 && selectable.every((p) => selected.has(p.id));

  const onSelect = useCallback((id: number, on: boolean) => {
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  const startPending = useCallback((list: Posting[], decision: PostingDecision) => {
    setPinned((s) => new Set([...s, ...list.map((p) => p.id)]));
    setPending((m) => {
      const next = new Map(m);
      for (const p of list) next.set(p.id, { decision, since: p.updatedAt });
      return next;
    });
  }, []);
  const endPending = useCallback(
    (ids: number[]) =>
      setPending((m) => {
        const next = new Map(m);
        for (const id of ids) next.delete(id);
        return next;
      }),
    [],
  );

  const decide = useCallback(
    async (posting: Posting, decision: PostingDecision, reason?: string): Promise<boolean> => {
      startPending([posting], decision);
      let ok = false;
      await act(async () => {
        const [result] = await getApi().decidePostings({ ids: [posting.id], decision, reason });
        if (!result) throw new Error(`#${posting.id}`);
        ok = result.ok;
        setDecided((m) =>
          new Map(m).set(posting.id, { decision, ok, refs: result.refs, state: result.posting?.state ?? null }),
        );
      });
      endPending([posting.id]);
      return ok;
    },
    [act, startPending, endPending],
  );

  const confirmSelected = async () => {
    const list = chosen;
    const ids = list.map((p) => p.id);
    setSelected(new Set());
    setBatchNote(null);
    startPending(list, 'confirm');
    await act(async () => {
      const results = await getApi().decidePostings({ ids, decision: 'confirm' });
      setDecided((m) => {
        const next = new Map(m);
        // A row says the outcome of a bulk confirmation only where it went wrong; the state says the rest.
        for (const r of results) {
          if (!r.ok) next.set(r.id, { decision: 'confirm', ok: false, refs: r.refs, state: r.posting?.state ?? null });
        }
        return next;
      });
      const failed = results.filter((r) => !r.ok).length;
      if (failed)
        setBatchNote(fill(t('queue.batchResult'), { ok: results.length - failed, n: results.length, failed }));
    });
    endPending(ids);
  };

  const chooseFilter = (f: QueueFilter) => {
    setFilter(f);
    setPinned(new Set());
  };
  const isDelivery = kind === 'delivery';
  const head = (key: MessageKey, className = '') => (
    <th scope="col" className={className}>
      {t(key)}
    </th>
  );

  return (
    <section className="queue-page">
      <h1>{t(isDelivery ? 'nav.deliveries' : 'nav.receipts')}</h1>
      <div className="queue-toolbar">
        <input
          type="search"
          aria-label={t('queue.search')}
          placeholder={t(isDelivery ? 'queue.search.delivery' : 'queue.search.receipt')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <fieldset className="queue-filters">
          <legend className="sr-only">{t('queue.filters')}</legend>
          {QUEUE_FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              className={`small ${f === filter ? '' : 'secondary'}`}
              aria-pressed={f === filter}
              data-filter={f}
              onClick={() => chooseFilter(f)}
            >
              {t(FILTER_LABEL[f])} <span className="count">{counts[f]}</span>
            </button>
          ))}
        </fieldset>
      </div>
      {postings.error && <p className="banner error">{postings.error}</p>}
      {batchNote && (
        <p className="banner error" role="status">
          {batchNote}
        </p>
      )}
      {postings.data && all.length === 0 && (
        <p className="empty">{t(isDelivery ? 'empty.deliveries' : 'empty.receipts')}</p>
      )}
      {all.length > 0 && (
        <>
          <p className="muted queue-count" data-testid="queue-count">
            {fill(t('queue.count'), { shown: rows.length, total: all.length })} · {t('queue.keyboardHint')}
          </p>
          <table className="grid queue" aria-label={t(isDelivery ? 'nav.deliveries' : 'nav.receipts')}>
            <thead>
              <tr>
                <th scope="col" className="check">
                  <input
                    type="checkbox"
                    aria-label={t('queue.selectAll')}
                    title={t('queue.selectAll')}
                    disabled={selectable.length === 0}
                    checked={allSelected}
                    onChange={(e) => setSelected(e.target.checked ? new Set(selectable.map((p) => p.id)) : new Set())}
                  />
                </th>
                {head(isDelivery ? 'queue.col.number.delivery' : 'queue.col.number.receipt')}
                {head(isDelivery ? 'queue.col.counterpart.delivery' : 'queue.col.counterpart.receipt')}
                {head(isDelivery ? 'queue.col.time.delivery' : 'queue.col.time.receipt')}
                {head('queue.col.warehouse')}
                {head('queue.col.tracking')}
                {head('queue.col.quantity', 'num')}
                {head('queue.col.options')}
                {head('queue.col.state')}
                {head('queue.col.actions')}
              </tr>
            </thead>
            {rows.slice(0, rendered).map((p) => (
              <QueueRow
                key={p.id}
                posting={p}
                selected={selected.has(p.id)}
                onSelect={onSelect}
                outcome={decided.get(p.id)}
                pending={pending.get(p.id)}
                newerId={p.state === 'rejected' ? (newerOf(p, all)?.id ?? null) : null}
                onDecide={decide}
                columns={COLUMNS}
                lang={lang}
              />
            ))}
          </table>
          {rows.length === 0 && <p className="empty">{t('queue.noMatch')}</p>}
        </>
      )}
      {chosen.length > 0 && (
        <section className="queue-confirm-bar" aria-label={t('postings.confirmSelected')}>
          <button type="button" onClick={() => void confirmSelected()} data-testid="confirm-selected">
            {summary.count === 1
              ? t(isDelivery ? 'queue.confirmOne.delivery' : 'queue.confirmOne.receipt')
              : fill(t(isDelivery ? 'queue.confirmN.delivery' : 'queue.confirmN.receipt'), { n: summary.count })}
          </button>
          <span data-testid="confirm-summary">
            {[
              isDelivery && summary.invoices > 0
                ? summary.invoices === 1
                  ? t('queue.summary.invoice')
                  : fill(t('queue.summary.invoices'), { n: summary.invoices })
                : null,
              summary.emails > 0
                ? fill(t(isDelivery ? 'queue.summary.emails.delivery' : 'queue.summary.emails.receipt'), {
                    n: summary.emails,
                  })
                : null,
            ]
              .filter(Boolean)
              .join(' · ') || t('queue.summary.nothingElse')}
          </span>
          <button type="button" className="secondary small" onClick={() => setSelected(new Set())}>
            {t('queue.clearSelection')}
          </button>
        </section>
      )}
    </section>
  );
}

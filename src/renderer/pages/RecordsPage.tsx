import { useState } from 'react';
import type { RecordState, SyncedRecord } from '../../shared/domain/sync';
import { getApi } from '../api';
import { SearchInput } from '../components/SearchInput';
import { type Column, VirtualTable } from '../components/VirtualTable';
import { useApiData } from '../hooks';
import { LocalTime } from '../LocalTime';
import { useAppStore, useLabel, useMessage, useT } from '../store';
import { ConflictList } from './ConflictList';
import { RecordDetail } from './tracker/RecordDetail';
import { reportedIndex, trackerColumns } from './tracker/tracker-columns';

const STATES: RecordState[] = ['synced', 'pending', 'conflict', 'invalid', 'failed', 'cancelled'];

/** Searchable, virtualized list of synced records of one flow (articles, sales orders, purchase orders). */
export function RecordList({
  flow,
  onOpen = () => {},
}: {
  flow: SyncedRecord['flow'];
  onOpen?: (key: string) => void;
}) {
  const t = useT();
  const say = useMessage();
  const label = useLabel();
  // A search handed over by another page (Stock's link to an order) fills the box once.
  const [search, setSearch] = useState(() => {
    const handed = useAppStore.getState().pageSearch;
    return handed?.page === 'orders' && flow !== 'articles' ? handed.search : '';
  });
  const [state, setState] = useState<RecordState | ''>('');
  const page = useApiData(
    () => getApi().listRecords({ flow, search: search || undefined, state: state || undefined, limit: 20_000 }),
    [flow, search, state],
  );
  const summary = (r: SyncedRecord, key: string) => String(r.summary[key] ?? '');
  const postings = useApiData(
    async () =>
      flow === 'articles' ? [] : getApi().listPostings({ kind: flow === 'orders' ? 'delivery' : 'receipt' }),
    [flow],
  );
  const reportedOf = reportedIndex(postings.data ?? []);
  const columns: Column<SyncedRecord>[] =
    flow === 'articles'
      ? [
          { key: 'key', header: t('records.key'), width: '160px', cell: (r) => r.key },
          { key: 'name', header: t('records.name'), width: '2fr', cell: (r) => summary(r, 'name') },
          { key: 'barcode', header: 'EAN', width: '150px', cell: (r) => summary(r, 'barcode') },
          { key: 'state', header: t('common.state'), width: '110px', cell: (r) => <StateBadge state={r.state} /> },
          { key: 'sent', header: t('records.lastSent'), width: '170px', cell: (r) => <LocalTime iso={r.lastSentAt} /> },
          {
            key: 'msg',
            header: t('common.message'),
            width: '2fr',
            cell: (r) => <span className="muted">{r.messageRef ? say(r.messageRef) : ''}</span>,
          },
        ]
      : trackerColumns({ flow, t, say, summary, reported: reportedOf, open: onOpen });
  return (
    <>
      <div className="toolbar">
        {flow === 'articles' ? (
          <SearchInput value={search} onChange={setSearch} />
        ) : (
          <input
            type="search"
            className="tracker-search"
            placeholder={t(flow === 'orders' ? 'tracker.searchHint' : 'tracker.searchHintPurchase')}
            aria-label={t('common.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        )}
        <select
          aria-label={t('common.state')}
          value={state}
          onChange={(e) => setState(e.target.value as RecordState | '')}
        >
          <option value="">{t('common.all')}</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {label('recordState', s)}
            </option>
          ))}
        </select>
        <span className="muted" data-testid="record-count">
          {page.data ? `${page.data.rows.length} ${t('common.of')} ${page.data.total}` : ''}
        </span>
      </div>
      {page.error && <p className="banner error">{page.error}</p>}
      <VirtualTable
        label={flow}
        rows={page.data?.rows ?? []}
        columns={columns}
        rowKey={(r) => r.key}
        rowClass={(r) => `state-${r.state}`}
      />
    </>
  );
}

export function StateBadge({ state }: { state: string }) {
  const label = useLabel();
  return <span className={`badge badge-state-${state}`}>{label('recordState', state)}</span>;
}

export function ArticlesPage() {
  const t = useT();
  return (
    <section>
      <h1>{t('nav.articles')}</h1>
      <RecordList flow="articles" />
    </section>
  );
}

export function OrdersPage() {
  const t = useT();
  const [flow, setFlow] = useState<'orders' | 'purchaseOrders'>(
    () => useAppStore.getState().pageSearch?.flow ?? 'orders',
  );
  const [openKey, setOpenKey] = useState<string | null>(null);
  const choose = (next: 'orders' | 'purchaseOrders') => {
    setFlow(next);
    setOpenKey(null);
  };
  return (
    <section>
      <h1>{t('nav.orders')}</h1>
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={flow === 'orders'} onClick={() => choose('orders')}>
          {t('orders.sales')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={flow === 'purchaseOrders'}
          onClick={() => choose('purchaseOrders')}
        >
          {t('orders.purchase')}
        </button>
      </div>
      <h2>{t('orders.conflicts')}</h2>
      <ConflictList flow={flow} onOpen={setOpenKey} />
      <div className="tracker-layout">
        <div className="tracker-list">
          <RecordList flow={flow} onOpen={setOpenKey} />
        </div>
        {openKey && <RecordDetail flow={flow} recordKey={openKey} onClose={() => setOpenKey(null)} />}
      </div>
    </section>
  );
}

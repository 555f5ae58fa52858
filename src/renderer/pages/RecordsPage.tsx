import { useState } from 'react';
import type { RecordState, SyncedRecord } from '../../shared/domain/sync';
import { getApi } from '../api';
import { SearchInput } from '../components/SearchInput';
import { type Column, VirtualTable } from '../components/VirtualTable';
import { useApiData } from '../hooks';
import { LocalTime } from '../LocalTime';
import { useAppStore, useLabel, useMessage, useT } from '../store';
import { ConflictList } from './ConflictList';

const STATES: RecordState[] = ['synced', 'pending', 'conflict', 'invalid', 'failed', 'cancelled'];

/** Searchable, virtualized list of synced records of one flow (articles, sales orders, purchase orders). */
export function RecordList({ flow }: { flow: SyncedRecord['flow'] }) {
  const t = useT();
  const say = useMessage();
  const label = useLabel();
  const [search, setSearch] = useState(() => useAppStore.getState().focus?.query ?? '');
  const [state, setState] = useState<RecordState | ''>('');
  const page = useApiData(
    () => getApi().listRecords({ flow, search: search || undefined, state: state || undefined, limit: 20_000 }),
    [flow, search, state],
  );
  const summary = (r: SyncedRecord, key: string) => String(r.summary[key] ?? '');
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
      : [
          { key: 'key', header: t('records.key'), width: '120px', cell: (r) => r.key },
          {
            key: 'who',
            header: t('records.name'),
            width: '2fr',
            cell: (r) => summary(r, flow === 'orders' ? 'customer' : 'supplier'),
          },
          {
            key: 'date',
            header: t('postings.deliveryDate'),
            width: '120px',
            cell: (r) => summary(r, flow === 'orders' ? 'deliveryDate' : 'inDate'),
          },
          { key: 'rows', header: t('common.rows'), width: '70px', cell: (r) => summary(r, 'rows') },
          {
            key: 'ongoing',
            header: t('records.ongoingStatus'),
            width: '150px',
            cell: (r) => (r.ongoingStatus ? `${r.ongoingStatus} ${r.ongoingStatusText}` : '–'),
          },
          { key: 'state', header: t('common.state'), width: '110px', cell: (r) => <StateBadge state={r.state} /> },
          {
            key: 'msg',
            header: t('common.message'),
            width: '2fr',
            cell: (r) => <span className="muted">{r.messageRef ? say(r.messageRef) : ''}</span>,
          },
        ];
  return (
    <>
      <div className="toolbar">
        <SearchInput value={search} onChange={setSearch} />
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
  const [flow, setFlow] = useState<'orders' | 'purchaseOrders'>(() => useAppStore.getState().focus?.flow ?? 'orders');
  return (
    <section>
      <h1>{t('nav.orders')}</h1>
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={flow === 'orders'} onClick={() => setFlow('orders')}>
          {t('orders.sales')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={flow === 'purchaseOrders'}
          onClick={() => setFlow('purchaseOrders')}
        >
          {t('orders.purchase')}
        </button>
      </div>
      <h2>{t('orders.conflicts')}</h2>
      <ConflictList flow={flow} />
      <RecordList flow={flow} />
    </section>
  );
}

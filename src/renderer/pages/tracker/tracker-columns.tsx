import type { Posting } from '../../../shared/domain/postings';
import type { SyncedRecord } from '../../../shared/domain/sync';
import type { MessageKey } from '../../../shared/i18n';
import type { MessageRef } from '../../../shared/messages';
import type { Column } from '../../components/VirtualTable';
import { StateBadge } from '../RecordsPage';

/** Where reporting to Specter stands for a record, from its postings (the newest that still counts). */
export type Reported = 'done' | 'waiting' | 'sending' | 'problem';

const REPORTED: Record<Posting['state'], Reported | null> = {
  done: 'done',
  proposed: 'waiting',
  held: 'waiting',
  confirmed: 'sending',
  sending: 'sending',
  failed: 'problem',
  in_doubt: 'problem',
  rejected: null,
};

/** Record number → reporting state (a problem or pending posting wins over an earlier done one). */
export function reportedIndex(postings: readonly Posting[]): (key: string) => Reported | null {
  const rank: Record<Reported, number> = { done: 1, waiting: 2, sending: 3, problem: 4 };
  const byNumber = new Map<string, Reported>();
  for (const p of postings) {
    const r = REPORTED[p.state];
    if (!r) continue;
    const known = byNumber.get(p.number);
    if (!known || rank[r] > rank[known]) byNumber.set(p.number, r);
  }
  return (key) => byNumber.get(key) ?? null;
}

/** The tracker's columns of sales orders and purchase orders. */
export function trackerColumns({
  flow,
  t,
  say,
  summary,
  reported,
  open,
}: {
  flow: 'orders' | 'purchaseOrders';
  t: (key: MessageKey) => string;
  say: (ref: MessageRef) => string;
  summary: (r: SyncedRecord, key: string) => string;
  reported: (key: string) => Reported | null;
  open: (key: string) => void;
}): Column<SyncedRecord>[] {
  const orders = flow === 'orders';
  const columns: Column<SyncedRecord>[] = [
    {
      key: 'key',
      header: t('records.key'),
      width: '90px',
      cell: (r) => (
        <button type="button" className="link" onClick={() => open(r.key)} data-testid={`open-${r.key}`}>
          {r.key}
        </button>
      ),
    },
  ];
  if (orders) {
    columns.push({ key: 'web', header: t('tracker.webshopNo'), width: '110px', cell: (r) => summary(r, 'webshopNo') });
  }
  columns.push(
    {
      key: 'who',
      header: t('records.name'),
      width: 'minmax(120px, 2fr)',
      cell: (r) => summary(r, orders ? 'customer' : 'supplier'),
    },
    {
      key: 'specter',
      header: t('tracker.specterStatus'),
      width: '90px',
      cell: (r) => summary(r, 'specterStatus') || '–',
    },
    {
      key: 'ongoing',
      header: t('tracker.warehouseStatus'),
      width: '130px',
      cell: (r) => (r.ongoingStatus !== null ? `${r.ongoingStatus} ${r.ongoingStatusText}`.trim() : '–'),
    },
    {
      key: 'reported',
      header: t('tracker.reported'),
      width: '110px',
      cell: (r) => {
        const state = reported(r.key);
        return state ? (
          <span className={`badge badge-reported-${state}`}>{t(`tracker.reported.${state}` as MessageKey)}</span>
        ) : (
          '–'
        );
      },
    },
    { key: 'state', header: t('common.state'), width: '100px', cell: (r) => <StateBadge state={r.state} /> },
    {
      key: 'msg',
      header: t('common.message'),
      width: 'minmax(120px, 2fr)',
      cell: (r) => <span className="muted">{r.messageRef ? say(r.messageRef) : ''}</span>,
    },
  );
  return columns;
}

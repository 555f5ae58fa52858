import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import type { StockDifference, StockExplanation } from '../../../shared/domain/postings';
import type { MessageKey } from '../../../shared/i18n';
import type { StockListItem } from '../../../shared/stock/summary';
import { useAppStore, useMessage, useT } from '../../store';

const TEMPLATE = '32px 28px minmax(90px, 130px) minmax(100px, 1.2fr) 130px 80px 90px minmax(160px, 2.6fr)';

/** The orders or purchase orders an explanation names, each a link to it in Orders. */
function RecordLinks({ explanation }: { explanation: StockExplanation }) {
  const t = useT();
  const openWithSearch = useAppStore((s) => s.openWithSearch);
  const records = explanation.records ?? [];
  if (records.length === 0) return null;
  const flow = explanation.kind === 'received_not_reported' ? 'purchaseOrders' : 'orders';
  return (
    <span className="stock-links">
      {t(flow === 'orders' ? 'stockPage.orders' : 'stockPage.purchaseOrders')}{' '}
      {records.map((number) => (
        <button key={number} type="button" className="link" onClick={() => openWithSearch('orders', number, flow)}>
          {number}
        </button>
      ))}
    </span>
  );
}

function Detail({ row }: { row: StockDifference }) {
  const t = useT();
  const say = useMessage();
  return (
    <div role="cell" className="stock-detail" data-testid={`stock-detail-${row.articleNo}`}>
      <ul>
        {row.explanations.map((e) => (
          <li key={`${e.kind}-${e.quantity}`}>
            <strong>{e.quantity > 0 ? `+${e.quantity}` : e.quantity}</strong> {say(e.ref)}{' '}
            <RecordLinks explanation={e} />
          </li>
        ))}
        {row.explanations.length === 0 && <li>{t('stockPage.noDifference')}</li>}
      </ul>
      {row.heldBack && <p className="muted">{t('stockPage.heldBackWhy')}</p>}
    </div>
  );
}

/** Stock differences under a header per kind of explanation; a row opens to its full explanation. */
export function StockTable({
  items,
  selected,
  onToggle,
  height = 560,
}: {
  items: StockListItem[];
  selected: ReadonlySet<string>;
  onToggle: (articleNo: string, on: boolean) => void;
  height?: number;
}) {
  const t = useT();
  const say = useMessage();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => parent.current,
    estimateSize: (i) => (items[i]?.type === 'group' ? 34 : 40),
    getItemKey: (i) => {
      const item = items[i];
      return item?.type === 'group' ? `g:${item.group}` : `r:${item?.row.articleNo}`;
    },
    overscan: 12,
  });
  const toggleOpen = (articleNo: string) => {
    const next = new Set(open);
    if (next.has(articleNo)) next.delete(articleNo);
    else next.add(articleNo);
    setOpen(next);
  };

  return (
    <div className="vtable stock-table" role="table" aria-label="stock" aria-rowcount={items.length}>
      <div className="vrow vhead" role="row" style={{ gridTemplateColumns: TEMPLATE }}>
        <div role="columnheader" className="vcell" />
        <div role="columnheader" className="vcell" />
        <div role="columnheader" className="vcell">
          {t('records.key')}
        </div>
        <div role="columnheader" className="vcell">
          {t('records.name')}
        </div>
        <div role="columnheader" className="vcell num">
          {t('stock.ongoing')}
        </div>
        <div role="columnheader" className="vcell num">
          {t('stock.specter')}
        </div>
        <div role="columnheader" className="vcell num">
          {t('stock.difference')}
        </div>
        <div role="columnheader" className="vcell">
          {t('stock.explanation')}
        </div>
      </div>
      <div ref={parent} className="vbody" style={{ height, overflow: 'auto' }} data-testid="vtable-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const item = items[v.index] as StockListItem;
            const style = {
              position: 'absolute' as const,
              top: 0,
              left: 0,
              right: 0,
              transform: `translateY(${v.start}px)`,
            };
            if (item.type === 'group') {
              return (
                <div
                  key={v.key}
                  ref={virtualizer.measureElement}
                  data-index={v.index}
                  role="row"
                  aria-rowindex={v.index + 2}
                  className="vrow stock-group"
                  style={style}
                >
                  <div role="cell" className="vcell" data-testid={`stock-group-${item.group}`}>
                    {t(`stockPage.group.${item.group}` as MessageKey)} ({item.count})
                  </div>
                </div>
              );
            }
            const row = item.row;
            const expanded = open.has(row.articleNo);
            return (
              <div
                key={v.key}
                ref={virtualizer.measureElement}
                data-index={v.index}
                role="row"
                aria-rowindex={v.index + 2}
                className={`stock-row${expanded ? ' open' : ''}`}
                style={style}
              >
                <div className="vrow" style={{ gridTemplateColumns: TEMPLATE }}>
                  <div role="cell" className="vcell">
                    <input
                      type="checkbox"
                      aria-label={`select ${row.articleNo}`}
                      checked={selected.has(row.articleNo)}
                      onChange={(e) => onToggle(row.articleNo, e.target.checked)}
                    />
                  </div>
                  <div role="cell" className="vcell">
                    <button
                      type="button"
                      className="expand"
                      aria-expanded={expanded}
                      aria-label={`${t('stockPage.explain')} ${row.articleNo}`}
                      onClick={() => toggleOpen(row.articleNo)}
                    >
                      {expanded ? '▾' : '▸'}
                    </button>
                  </div>
                  <div role="cell" className="vcell">
                    {row.articleNo}
                  </div>
                  <div role="cell" className="vcell">
                    {row.articleName}
                  </div>
                  <div role="cell" className="vcell num">
                    {row.ongoingPhysical ?? '–'}
                  </div>
                  <div role="cell" className="vcell num">
                    {row.specterStock ?? '–'}
                  </div>
                  <div role="cell" className="vcell num">
                    <strong className={row.difference === 0 ? '' : 'diff-value'}>{row.difference}</strong>
                  </div>
                  <div role="cell" className="vcell">
                    {row.heldBack && <span className="badge badge-failed">{t('stock.heldBack')}</span>}{' '}
                    {row.explanations.map((e) => say(e.ref)).join(' · ')}
                  </div>
                </div>
                {expanded && <Detail row={row} />}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

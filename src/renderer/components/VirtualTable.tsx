import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useRef } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  /** CSS grid track, e.g. '120px' or '2fr'. */
  width: string;
  cell: (row: T) => ReactNode;
}

/**
 * A virtualized table: only the visible rows are in the DOM, so 10,000 rows scroll smoothly.
 * Rendered with ARIA table roles so it reads as a table.
 */
export function VirtualTable<T>({
  rows,
  columns,
  rowKey,
  height = 560,
  rowHeight = 36,
  label,
  rowClass,
}: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  height?: number;
  rowHeight?: number;
  label: string;
  rowClass?: (row: T) => string;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const template = columns.map((c) => c.width).join(' ');
  return (
    <div className="vtable" role="table" aria-label={label} aria-rowcount={rows.length}>
      <div className="vrow vhead" role="row" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <div key={c.key} role="columnheader" className="vcell">
            {c.header}
          </div>
        ))}
      </div>
      <div ref={parent} className="vbody" style={{ height, overflow: 'auto' }} data-testid="vtable-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index] as T;
            return (
              <div
                key={rowKey(row)}
                role="row"
                aria-rowindex={item.index + 2}
                className={`vrow ${rowClass?.(row) ?? ''}`}
                style={{
                  gridTemplateColumns: template,
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: item.size,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                {columns.map((c) => (
                  <div key={c.key} role="cell" className="vcell">
                    {c.cell(row)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

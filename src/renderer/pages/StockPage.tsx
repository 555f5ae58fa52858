import { useMemo, useState } from 'react';
import type { StockDifference } from '../../shared/domain/postings';
import { getApi } from '../api';
import { SearchInput } from '../components/SearchInput';
import { type Column, VirtualTable } from '../components/VirtualTable';
import { stockCsv } from '../csv';
import { formatTime, useApiData } from '../hooks';
import { useAppStore, useMessage, useT } from '../store';

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** Ongoing physical stock vs Specter stock per article, each difference explained, with push to Specter. */
export function StockPage() {
  const t = useT();
  const say = useMessage();
  const lang = useAppStore((s) => s.settings?.language ?? 'sv');
  const act = useAppStore((s) => s.act);
  const [onlyDifferences, setOnlyDifferences] = useState(true);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState<string[] | 'all' | null>(null);
  const [pushResult, setPushResult] = useState<string | null>(null);
  const report = useApiData(() => getApi().getStockReport({}), []);

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (report.data?.rows ?? [])
      .filter((r) => !onlyDifferences || r.difference !== 0)
      .filter(
        (r) => !needle || r.articleNo.toLowerCase().includes(needle) || r.articleName.toLowerCase().includes(needle),
      )
      .sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference) || a.articleNo.localeCompare(b.articleNo));
  }, [report.data, onlyDifferences, search]);

  const toggle = (articleNo: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(articleNo);
    else next.delete(articleNo);
    setSelected(next);
  };

  const columns: Column<StockDifference>[] = [
    {
      key: 'sel',
      header: '',
      width: '32px',
      cell: (r) => (
        <input
          type="checkbox"
          aria-label={`select ${r.articleNo}`}
          checked={selected.has(r.articleNo)}
          onChange={(e) => toggle(r.articleNo, e.target.checked)}
        />
      ),
    },
    { key: 'no', header: t('records.key'), width: '130px', cell: (r) => r.articleNo },
    { key: 'name', header: t('records.name'), width: '1.4fr', cell: (r) => r.articleName },
    { key: 'ongoing', header: t('stock.ongoing'), width: '110px', cell: (r) => r.ongoingPhysical ?? '–' },
    { key: 'specter', header: t('stock.specter'), width: '90px', cell: (r) => r.specterStock ?? '–' },
    {
      key: 'diff',
      header: t('stock.difference'),
      width: '90px',
      cell: (r) => <strong className={r.difference === 0 ? '' : 'diff-value'}>{r.difference}</strong>,
    },
    {
      key: 'why',
      header: t('stock.explanation'),
      width: '2.6fr',
      cell: (r) => (
        <span title={r.explanations.map((e) => say(e.ref)).join('\n')}>
          {r.heldBack && <span className="badge badge-failed">{t('stock.heldBack')}</span>}{' '}
          {r.explanations.map((e) => say(e.ref)).join(' · ')}
        </span>
      ),
    },
  ];

  const push = (articleNos: string[] | 'all') =>
    act(async () => {
      const result = await getApi().pushStock({ articleNos });
      setSelected(new Set());
      setConfirming(null);
      setPushResult(
        `${result.pushed.length} ✓` +
          (result.heldBack.length
            ? ` · ${t('stock.heldBack')}: ${result.heldBack.map((h) => say(h.ref)).join(' ')}`
            : ''),
      );
      report.reload();
    });

  return (
    <section>
      <h1>{t('stock.heading')}</h1>
      <div className="toolbar">
        <button type="button" onClick={() => void act(() => getApi().refreshStock({}).then(report.reload))}>
          {t('common.refresh')}
        </button>
        <label>
          <input type="checkbox" checked={onlyDifferences} onChange={(e) => setOnlyDifferences(e.target.checked)} />{' '}
          {t('stock.onlyDifferences')}
        </label>
        <SearchInput value={search} onChange={setSearch} />
        <button type="button" className="secondary" onClick={() => download('lagerdifferenser.csv', stockCsv(rows))}>
          {t('stock.exportCsv')}
        </button>
        <button type="button" disabled={selected.size === 0} onClick={() => setConfirming([...selected])}>
          {t('stock.pushSelected')} ({selected.size})
        </button>
        <button type="button" className="secondary" onClick={() => setConfirming('all')}>
          {t('stock.pushAll')}
        </button>
      </div>
      <p className="muted">
        {report.data?.generatedAt
          ? `${t('stock.generatedAt')}: ${formatTime(report.data.generatedAt, lang)} · ${rows.length} ${t('common.rows')}`
          : t('stock.notCompared')}
      </p>
      {report.error && <p className="banner error">{report.error}</p>}
      {pushResult && <output className="banner notice">{pushResult}</output>}
      {confirming && (
        <div className="panel" role="dialog" aria-label="confirm push">
          <p>
            {t('stock.confirmPush')} {confirming === 'all' ? (report.data?.rows.length ?? 0) : confirming.length}{' '}
            {t('stock.articles')}
          </p>
          <div className="actions">
            <button type="button" onClick={() => void push(confirming)}>
              {t('postings.confirm')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      <VirtualTable label="stock" rows={rows} columns={columns} rowKey={(r) => r.articleNo} rowHeight={40} />
    </section>
  );
}

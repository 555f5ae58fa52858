import { useMemo, useState } from 'react';
import type { StockDifference } from '../../shared/domain/postings';
import type { MessageRef } from '../../shared/messages';
import { groupStockRows, summarizeStock } from '../../shared/stock/summary';
import { getApi } from '../api';
import { SearchInput } from '../components/SearchInput';
import { stockCsv } from '../csv';
import { formatTime, useApiData } from '../hooks';
import { useAppStore, useMessage, useT } from '../store';
import { PushDialog } from './stock/PushDialog';
import { StockTable } from './stock/StockTable';
import './stock/stock.css';

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

interface PushOutcome {
  updated: { articleNo: string; from: number | null; to: number | null }[];
  heldBack: { articleNo: string; ref: MessageRef }[];
}

/** What a push did, in words: what Specter now holds, and what was held back and why. */
function PushResult({ outcome }: { outcome: PushOutcome }) {
  const t = useT();
  const say = useMessage();
  return (
    <output className="banner notice push-result" data-testid="push-result">
      <p>
        {outcome.updated.length > 0
          ? `${t('stockPage.result.updated')} ${outcome.updated.length} ${t('stockPage.result.articles')}: ${outcome.updated
              .slice(0, 20)
              .map((u) => `${u.articleNo} ${u.from ?? t('stockPage.push.none')} → ${u.to}`)
              .join(
                ', ',
              )}${outcome.updated.length > 20 ? ` … (${outcome.updated.length - 20} ${t('stockPage.more')})` : ''}.`
          : t('stockPage.result.noneUpdated')}
      </p>
      {outcome.heldBack.length > 0 && (
        <>
          <p>
            {outcome.heldBack.length} {t('stockPage.result.held')}
          </p>
          <ul>
            {outcome.heldBack.slice(0, 20).map((h) => (
              <li key={h.articleNo}>{say(h.ref)}</li>
            ))}
          </ul>
        </>
      )}
    </output>
  );
}

/** Ongoing physical stock vs Specter stock per article, grouped by why they differ, with push to Specter. */
export function StockPage() {
  const t = useT();
  const lang = useAppStore((s) => s.settings?.language ?? 'sv');
  const act = useAppStore((s) => s.act);
  const [onlyDifferences, setOnlyDifferences] = useState(true);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState<string[] | 'all' | null>(null);
  const [outcome, setOutcome] = useState<PushOutcome | null>(null);
  const report = useApiData(() => getApi().getStockReport({}), []);

  const all = report.data?.rows ?? [];
  const summary = useMemo(() => summarizeStock(all), [all]);
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return all
      .filter((r) => !onlyDifferences || r.difference !== 0)
      .filter(
        (r) => !needle || r.articleNo.toLowerCase().includes(needle) || r.articleName.toLowerCase().includes(needle),
      );
  }, [all, onlyDifferences, search]);
  const items = useMemo(() => groupStockRows(rows), [rows]);
  const byArticle = useMemo(() => new Map(all.map((r) => [r.articleNo, r])), [all]);
  const asked: StockDifference[] =
    confirming === 'all'
      ? all
      : (confirming ?? []).map((a) => byArticle.get(a)).filter((r): r is StockDifference => Boolean(r));

  const toggle = (articleNo: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(articleNo);
    else next.delete(articleNo);
    setSelected(next);
  };

  const push = (articleNos: string[] | 'all') =>
    act(async () => {
      const result = await getApi().pushStock({ articleNos });
      setSelected(new Set());
      setConfirming(null);
      setOutcome({
        updated: result.pushed.map((a) => ({
          articleNo: a,
          from: byArticle.get(a)?.specterStock ?? null,
          to: byArticle.get(a)?.ongoingPhysical ?? null,
        })),
        heldBack: result.heldBack.map((h) => ({ articleNo: h.articleNo, ref: h.ref })),
      });
      report.reload();
    });

  const c = summary.counts;
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
          ? `${t('stock.generatedAt')}: ${formatTime(report.data.generatedAt, lang)}`
          : t('stock.notCompared')}
      </p>
      {report.data?.generatedAt && (
        <p className="stock-summary" data-testid="stock-summary">
          {summary.differences === 0
            ? t('stockPage.summary.none')
            : `${summary.differences} ${t('stockPage.summary.differences')}: ${c.pending} ${t('stockPage.summary.pending')}, ${c.unexplained} ${t('stockPage.summary.unexplained')}${
                c.missing_in_specter + c.missing_in_ongoing > 0
                  ? `, ${c.missing_in_specter + c.missing_in_ongoing} ${t('stockPage.summary.missing')}`
                  : ''
              }.`}
        </p>
      )}
      {report.error && <p className="banner error">{report.error}</p>}
      {outcome && <PushResult outcome={outcome} />}
      {confirming && (
        <PushDialog rows={asked} onConfirm={() => void push(confirming)} onCancel={() => setConfirming(null)} />
      )}
      <StockTable items={items} selected={selected} onToggle={toggle} />
    </section>
  );
}

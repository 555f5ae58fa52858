import { useEffect, useRef } from 'react';
import type { StockDifference } from '../../../shared/domain/postings';
import { useEscape } from '../../components/useEscape';
import { useAppStore, useMessage, useT } from '../../store';

/** Of the articles asked for, those a push would write (from → to) and those it holds back. */
export function pushPlan(rows: readonly StockDifference[]) {
  const write: StockDifference[] = [];
  const held: StockDifference[] = [];
  for (const row of rows) {
    if (row.heldBack || row.ongoingPhysical === null) held.push(row);
    else if (row.difference !== 0 || row.specterStock === null) write.push(row);
  }
  return { write, held };
}

const SHOWN = 200;

/** Confirm a push: every article from → to, and what will be held back and why. Esc cancels. */
export function PushDialog({
  rows,
  onConfirm,
  onCancel,
}: {
  rows: readonly StockDifference[];
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const say = useMessage();
  const busy = useAppStore((s) => s.busy);
  const first = useRef<HTMLButtonElement>(null);
  useEscape(onCancel);
  useEffect(() => first.current?.focus(), []);
  const { write, held } = pushPlan(rows);
  return (
    <div className="panel push-dialog" role="dialog" aria-modal="false" aria-labelledby="push-heading">
      <h2 id="push-heading">
        {write.length > 0 ? `${t('stockPage.push.heading')} (${write.length})` : t('stockPage.push.nothing')}
      </h2>
      {write.length > 0 && (
        <>
          <p className="muted">{t('stockPage.push.what')}</p>
          <ul className="push-list" data-testid="push-list">
            {write.slice(0, SHOWN).map((r) => (
              <li key={r.articleNo}>
                <strong>{r.articleNo}</strong> {r.articleName}: {r.specterStock ?? t('stockPage.push.none')} →{' '}
                <strong>{r.ongoingPhysical}</strong>
              </li>
            ))}
            {write.length > SHOWN && (
              <li className="muted">
                {write.length - SHOWN} {t('stockPage.more')}
              </li>
            )}
          </ul>
        </>
      )}
      {held.length > 0 && (
        <>
          <p>
            {held.length} {t('stockPage.push.heldIntro')}
          </p>
          <ul className="push-list muted">
            {held.slice(0, SHOWN).map((r) => (
              <li key={r.articleNo}>
                <strong>{r.articleNo}</strong>: {r.explanations.map((e) => say(e.ref)).join(' ')}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="actions">
        <button ref={first} type="button" disabled={busy || write.length === 0} onClick={onConfirm}>
          {t('stockPage.push.confirm')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

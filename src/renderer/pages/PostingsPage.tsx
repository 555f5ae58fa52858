import { useState } from 'react';
import { postingToSubmit } from '../../shared/domain/posting-submit';
import type { Posting, PostingKind, PostingState } from '../../shared/domain/postings';
import type { MessageKey } from '../../shared/i18n';
import { getApi } from '../api';
import { formatTime, useApiData } from '../hooks';
import { useAppStore, useT } from '../store';

const FILTERS: Record<'pending' | 'done' | 'rejected' | 'all', PostingState[] | undefined> = {
  pending: ['proposed', 'held', 'confirmed', 'sending', 'in_doubt', 'failed'],
  done: ['done'],
  rejected: ['rejected'],
  all: undefined,
};

const UNDECIDED: PostingState[] = ['proposed', 'held'];

function PostingCard({
  posting,
  selected,
  onSelect,
}: {
  posting: Posting;
  selected: boolean;
  onSelect: (on: boolean) => void;
}) {
  const t = useT();
  const lang = useAppStore((s) => s.settings?.language ?? 'sv');
  const act = useAppStore((s) => s.act);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const undecided = UNDECIDED.includes(posting.state);
  const isDelivery = posting.kind === 'delivery';
  const decide = (decision: 'confirm' | 'hold' | 'reject', why?: string) =>
    act(async () => {
      const [result] = await getApi().decidePostings({ ids: [posting.id], decision, reason: why });
      if (result && !result.ok) throw new Error(result.message);
    });
  const setOption = (option: 'sendEmail' | 'createInvoice', value: boolean) =>
    act(() => getApi().setPostingOptions({ id: posting.id, [option]: value }));

  return (
    <article className={`card posting state-${posting.state}`} data-testid={`posting-${posting.number}`}>
      <header className="toolbar">
        {undecided && (
          <input
            type="checkbox"
            aria-label={`select ${posting.number}`}
            checked={selected}
            onChange={(e) => onSelect(e.target.checked)}
          />
        )}
        <strong>{posting.number}</strong>
        <span>{posting.counterpart}</span>
        <span className={`badge badge-posting-${posting.state}`}>{t(`state.${posting.state}` as MessageKey)}</span>
        {posting.state === 'done' && (
          <span className="muted">
            {t('postings.ack')}: {posting.ackState}
          </span>
        )}
      </header>
      <dl className="facts">
        <dt>{t('postings.deliveryDate')}</dt>
        <dd>{posting.deliveryDate}</dd>
        {isDelivery && (
          <>
            <dt>{t('postings.tracking')}</dt>
            <dd data-testid="tracking">{posting.packetNo || '–'}</dd>
          </>
        )}
      </dl>
      <table className="grid wide">
        <thead>
          <tr>
            <th>{isDelivery ? 'Rad nr / Row no' : 'Rad-id / Row id'}</th>
            <th>{t('records.key')}</th>
            <th>{t('records.name')}</th>
            <th>{isDelivery ? t('postings.ordered') : t('postings.advised')}</th>
            <th>{t('postings.reported')}</th>
            <th>{t('postings.now')}</th>
          </tr>
        </thead>
        <tbody>
          {posting.rows.map((r) => (
            <tr key={r.rowRef} className={r.quantity < r.ordered - r.previouslyReported ? 'partial' : ''}>
              <td>{r.rowRef}</td>
              <td>{r.articleNo}</td>
              <td>{r.articleName}</td>
              <td>{r.ordered}</td>
              <td>{r.previouslyReported}</td>
              <td>
                <strong>{r.quantity}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="options">
        <label>
          <input
            type="checkbox"
            disabled={!undecided}
            checked={posting.sendEmail}
            onChange={(e) => void setOption('sendEmail', e.target.checked)}
          />{' '}
          {t('postings.sendEmail')}
        </label>
        {isDelivery && (
          <label>
            <input
              type="checkbox"
              disabled={!undecided}
              checked={posting.createInvoice}
              onChange={(e) => void setOption('createInvoice', e.target.checked)}
            />{' '}
            {t('postings.createInvoice')}
          </label>
        )}
      </div>
      <details>
        <summary>{t('postings.payload')}</summary>
        <pre data-testid="payload">{JSON.stringify(postingToSubmit(posting), null, 2)}</pre>
      </details>
      {posting.lastError && <p className="error-text">{posting.lastError}</p>}
      {posting.reason && (
        <p className="muted">
          {t('common.reason')}: {posting.reason}
        </p>
      )}
      {posting.decidedBy && (
        <p className="muted">
          {posting.decidedBy} · {formatTime(posting.decidedAt, lang)}
        </p>
      )}
      {(undecided || posting.state === 'failed') && (
        <div className="actions">
          <button type="button" onClick={() => void decide('confirm')}>
            {t('postings.confirm')}
          </button>
          {posting.state !== 'held' && posting.state !== 'failed' && (
            <button type="button" className="secondary" onClick={() => void decide('hold')}>
              {t('postings.hold')}
            </button>
          )}
          <button type="button" className="danger" onClick={() => setRejecting(true)}>
            {t('postings.reject')}
          </button>
        </div>
      )}
      {rejecting && (
        <form
          className="actions"
          onSubmit={(e) => {
            e.preventDefault();
            void decide('reject', reason).then((ok) => ok && setRejecting(false));
          }}
        >
          <input
            aria-label={t('postings.rejectReason')}
            placeholder={t('postings.rejectReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="submit" className="danger" disabled={!reason.trim()}>
            {t('postings.reject')}
          </button>
          <button type="button" className="secondary" onClick={() => setRejecting(false)}>
            {t('common.cancel')}
          </button>
        </form>
      )}
    </article>
  );
}

/** Confirmation cards for delivery submits (kind 'delivery') or purchase delivery submits ('receipt'). */
export function PostingsPage({ kind }: { kind: PostingKind }) {
  const t = useT();
  const act = useAppStore((s) => s.act);
  const [filter, setFilter] = useState<keyof typeof FILTERS>('pending');
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const postings = useApiData(() => getApi().listPostings({ kind, states: FILTERS[filter] }), [kind, filter]);
  const confirmSelected = () =>
    act(async () => {
      const results = await getApi().decidePostings({ ids: [...selected], decision: 'confirm' });
      setSelected(new Set());
      const failed = results.filter((r) => !r.ok);
      if (failed.length) throw new Error(failed.map((r) => r.message).join(' '));
    });
  return (
    <section>
      <h1>{t(kind === 'delivery' ? 'nav.deliveries' : 'nav.receipts')}</h1>
      <div className="toolbar">
        {(Object.keys(FILTERS) as (keyof typeof FILTERS)[]).map((f) => (
          <button
            key={f}
            type="button"
            className={f === filter ? '' : 'secondary'}
            aria-pressed={f === filter}
            onClick={() => setFilter(f)}
          >
            {f === 'all' ? t('common.all') : t(`postings.${f}` as MessageKey)}
          </button>
        ))}
        <button type="button" disabled={selected.size === 0} onClick={() => void confirmSelected()}>
          {t('postings.confirmSelected')} ({selected.size})
        </button>
      </div>
      {postings.error && <p className="banner error">{postings.error}</p>}
      {postings.data?.length === 0 && (
        <p className="empty">{t(kind === 'delivery' ? 'empty.deliveries' : 'empty.receipts')}</p>
      )}
      {postings.data?.map((p) => (
        <PostingCard
          key={p.id}
          posting={p}
          selected={selected.has(p.id)}
          onSelect={(on) => {
            const next = new Set(selected);
            if (on) next.add(p.id);
            else next.delete(p.id);
            setSelected(next);
          }}
        />
      ))}
    </section>
  );
}

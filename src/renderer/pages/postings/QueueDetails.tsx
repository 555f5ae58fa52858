import { postingToSubmit } from '../../../shared/domain/posting-submit';
import type { Posting } from '../../../shared/domain/postings';
import { fill } from '../../../shared/i18n';
import { isMessageCode } from '../../../shared/messages';
import { getApi } from '../../api';
import { formatTime } from '../../hooks';
import { useAppStore, useMessage, useT } from '../../store';
import { Evidence, InDoubtPanel } from './InDoubtPanel';
import type { Decide } from './QueueRow';

/**
 * An opened queue row: the quantities per row, the invoice and email options (changeable until the
 * posting is decided), the decision taken, Specter's evidence, the in-doubt decisions, and under
 * "Technical details" exactly what is sent to Specter, headed by the order or purchase order number.
 */
export function QueueDetails({ posting, pending, onDecide }: { posting: Posting; pending: boolean; onDecide: Decide }) {
  const t = useT();
  const say = useMessage();
  const lang = useAppStore((s) => s.settings?.language ?? 'sv');
  const act = useAppStore((s) => s.act);
  const isDelivery = posting.kind === 'delivery';
  const undecided = posting.state === 'proposed' || posting.state === 'held';
  const setOption = (option: 'sendEmail' | 'createInvoice', value: boolean) =>
    act(() => getApi().setPostingOptions({ id: posting.id, [option]: value }));
  const actorName = (who: string) => {
    const code = `actor.${who}`;
    return isMessageCode(code) ? say({ code }) : who;
  };

  return (
    <div className="queue-open">
      <table className="grid queue-lines" aria-label={fill(t('queue.detailsOf'), { number: posting.number })}>
        <thead>
          <tr>
            <th>{isDelivery ? t('postings.rowNo') : t('postings.rowId')}</th>
            <th>{t('records.key')}</th>
            <th>{t('records.name')}</th>
            <th className="num">{isDelivery ? t('postings.ordered') : t('postings.advised')}</th>
            <th className="num">{t('postings.reported')}</th>
            <th className="num">{t('postings.now')}</th>
          </tr>
        </thead>
        <tbody>
          {posting.rows.map((r) => (
            <tr key={r.rowRef} className={r.quantity < r.ordered - r.previouslyReported ? 'partial' : ''}>
              <td>{r.rowRef}</td>
              <td>{r.articleNo}</td>
              <td>{r.articleName}</td>
              <td className="num">{r.ordered}</td>
              <td className="num">{r.previouslyReported}</td>
              <td className="num">
                <strong>{r.quantity}</strong>
                {(r.unitFactor ?? 1) !== 1 && (
                  <span className="muted">
                    {' '}
                    {fill(t('postings.inOngoing'), { items: r.quantity * (r.unitFactor ?? 1) })}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="options">
        <span className="muted">
          {t('postings.deliveryDate')}: {posting.deliveryDate}
        </span>
        <label>
          <input
            type="checkbox"
            disabled={!undecided || pending}
            checked={posting.sendEmail}
            onChange={(e) => void setOption('sendEmail', e.target.checked)}
          />{' '}
          {t(isDelivery ? 'postings.sendEmail' : 'postings.sendReceiptEmail')}
        </label>
        {isDelivery && (
          <label>
            <input
              type="checkbox"
              disabled={!undecided || pending}
              checked={posting.createInvoice}
              onChange={(e) => void setOption('createInvoice', e.target.checked)}
            />{' '}
            {t('postings.createInvoice')}
          </label>
        )}
        {posting.decidedBy && (
          <span className="muted">
            {actorName(posting.decidedBy)} · {formatTime(posting.decidedAt, lang)}
          </span>
        )}
      </div>
      {posting.state !== 'in_doubt' && posting.evidence && (
        <details>
          <summary>
            {t('postings.evidence.heading')} ({formatTime(posting.evidence.checkedAt, lang)})
          </summary>
          <Evidence posting={posting} evidence={posting.evidence} heading={false} />
        </details>
      )}
      {posting.state === 'in_doubt' && (
        <InDoubtPanel posting={posting} pending={pending} onDecide={(decision) => onDecide(posting, decision)} />
      )}
      <details className="technical">
        <summary>{t('queue.technical')}</summary>
        <h4>
          {fill(t(isDelivery ? 'queue.technical.delivery' : 'queue.technical.receipt'), {
            number: posting.number,
            specterId: posting.specterId,
          })}
        </h4>
        <pre data-testid="payload">{JSON.stringify(postingToSubmit(posting), null, 2)}</pre>
      </details>
    </div>
  );
}

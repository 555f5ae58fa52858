import { useState } from 'react';
import { postingToSubmit } from '../../../shared/domain/posting-submit';
import type { Posting, PostingDecision, PostingState } from '../../../shared/domain/postings';
import { fill, type MessageKey } from '../../../shared/i18n';
import { getApi } from '../../api';
import { formatTime } from '../../hooks';
import { isMessageCode, type MessageRef } from '../../../shared/messages';
import { LocalTime } from '../../LocalTime';
import { useAppStore, useMessage, useMessages, useT } from '../../store';
import { Evidence, InDoubtPanel } from './InDoubtPanel';
import { waitText } from './posting-text';

/** The answer to an operator's decision, shown on the posting's card. */
export interface DecisionOutcome {
  decision: PostingDecision;
  ok: boolean;
  /** What the core said, as message codes (said in the UI language). */
  refs: MessageRef[];
  /** The posting's state after the decision (null when it no longer exists). */
  state: PostingState | null;
}

export type Decide = (posting: Posting, decision: PostingDecision, reason?: string) => Promise<boolean>;

const UNDECIDED: PostingState[] = ['proposed', 'held'];

const STATE: Record<PostingState, MessageKey> = {
  proposed: 'state.proposed',
  held: 'state.held',
  rejected: 'state.rejected',
  confirmed: 'state.confirmed',
  sending: 'state.sending',
  done: 'state.done',
  failed: 'state.failed',
  in_doubt: 'state.in_doubt',
};

const ACK_STATE: Record<Posting['ackState'], MessageKey> = {
  pending: 'postings.ackState.pending',
  done: 'postings.ackState.done',
  failed: 'postings.ackState.failed',
};

function headline(outcome: DecisionOutcome): MessageKey {
  if (outcome.ok) return 'postings.result.ok';
  return outcome.state === 'in_doubt' ? 'postings.result.inDoubt' : 'postings.result.failed';
}

function Outcome({ outcome }: { outcome: DecisionOutcome }) {
  const t = useT();
  const say = useMessages();
  return (
    <p className={`banner ${outcome.ok ? 'notice' : 'error'}`} data-testid="decision-result" role="status">
      <strong>{t(headline(outcome))}</strong> {say(outcome.refs)}
    </p>
  );
}

/** One delivery submit or purchase delivery submit: its rows, options, state, and the decisions it allows. */
export function PostingCard({
  posting,
  selected,
  onSelect,
  outcome,
  pending,
  onDecide,
}: {
  posting: Posting;
  selected: boolean;
  onSelect: (on: boolean) => void;
  /** The answer to the last decision taken on this card. */
  outcome: DecisionOutcome | undefined;
  /** A decision on this posting is on its way. */
  pending: boolean;
  onDecide: Decide;
}) {
  const t = useT();
  const lang = useAppStore((s) => s.settings?.language ?? 'sv');
  const act = useAppStore((s) => s.act);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const undecided = UNDECIDED.includes(posting.state);
  const isDelivery = posting.kind === 'delivery';
  const waits = waitText(t, posting);
  const say = useMessage();
  const lastError = posting.lastErrorRef ? say(posting.lastErrorRef) : null;
  const actorName = (who: string) => {
    const code = `actor.${who}`;
    return isMessageCode(code) ? say({ code }) : who;
  };
  const decide = (decision: PostingDecision, why?: string) => onDecide(posting, decision, why);
  const setOption = (option: 'sendEmail' | 'createInvoice', value: boolean) =>
    act(() => getApi().setPostingOptions({ id: posting.id, [option]: value }));

  return (
    <article
      className={`card posting state-${posting.state}${posting.waitingFor ? ' waiting' : ''}`}
      data-testid={`posting-${posting.number}`}
      data-state={posting.state}
      data-posting-id={posting.id}
    >
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
        <span className="muted">#{posting.id}</span>
        <span>{posting.counterpart}</span>
        <span className={`badge badge-posting-${posting.state}`} data-testid="posting-state">
          {t(STATE[posting.state])}
        </span>
        {posting.state === 'done' && (
          <span className="muted" data-testid="ack-state">
            {t('postings.ack')}: {t(ACK_STATE[posting.ackState])}
          </span>
        )}
      </header>
      {waits && (
        <p className="wait-note" data-testid="wait-note">
          {waits}
        </p>
      )}
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
            <th>{isDelivery ? t('postings.rowNo') : t('postings.rowId')}</th>
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
        <label>
          <input
            type="checkbox"
            disabled={!undecided}
            checked={posting.sendEmail}
            onChange={(e) => void setOption('sendEmail', e.target.checked)}
          />{' '}
          {t(isDelivery ? 'postings.sendEmail' : 'postings.sendReceiptEmail')}
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
      {lastError && !outcome?.refs.some((r) => say(r) === lastError) && <p className="error-text">{lastError}</p>}
      {posting.reason && (
        <p className="muted">
          {t('common.reason')}: {posting.reason}
        </p>
      )}
      {posting.decidedBy && (
        <p className="muted">
          {actorName(posting.decidedBy)} · <LocalTime iso={posting.decidedAt} />
        </p>
      )}
      {outcome && <Outcome outcome={outcome} />}
      {pending && <p className="muted">{t('postings.working')}</p>}
      {posting.state !== 'in_doubt' && posting.evidence && (
        <details>
          <summary>
            {t('postings.evidence.heading')} ({formatTime(posting.evidence.checkedAt, lang)})
          </summary>
          <Evidence posting={posting} evidence={posting.evidence} heading={false} />
        </details>
      )}
      {posting.state === 'in_doubt' && (
        <InDoubtPanel posting={posting} pending={pending} onDecide={(decision) => decide(decision)} />
      )}
      {(undecided || posting.state === 'failed') && (
        <div className="actions">
          <button type="button" disabled={pending} onClick={() => void decide('confirm')}>
            {t('postings.confirm')}
          </button>
          {posting.state !== 'held' && posting.state !== 'failed' && (
            <button type="button" className="secondary" disabled={pending} onClick={() => void decide('hold')}>
              {t('postings.hold')}
            </button>
          )}
          <button type="button" className="danger" disabled={pending} onClick={() => setRejecting(true)}>
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
          <button type="submit" className="danger" disabled={!reason.trim() || pending}>
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

import { type KeyboardEvent, memo, useEffect, useState } from 'react';
import type { Posting, PostingDecision, PostingState } from '../../../shared/domain/postings';
import { fill, type Language, type MessageKey, translate } from '../../../shared/i18n';
import { type MessageRef, renderMessage } from '../../../shared/messages';
import { waitText } from './posting-text';
import { QueueDetails } from './QueueDetails';
import { CONFIRMABLE, quantityOf, shortTime } from './queue-model';

/** The answer to an operator's decision, shown on the posting's row. */
export interface DecisionOutcome {
  decision: PostingDecision;
  ok: boolean;
  refs: MessageRef[];
  /** The posting's state after the decision (null when it no longer exists). */
  state: PostingState | null;
}

/** A decision on its way: which one, and the posting's `updatedAt` when it was taken. */
export interface PendingDecision {
  decision: PostingDecision;
  since: string;
}

export type Decide = (posting: Posting, decision: PostingDecision, reason?: string) => Promise<boolean>;

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

const SETTLED: PostingState[] = ['done', 'failed', 'in_doubt', 'rejected'];

function headline(outcome: DecisionOutcome): MessageKey {
  if (outcome.ok) return 'postings.result.ok';
  return outcome.state === 'in_doubt' ? 'postings.result.inDoubt' : 'postings.result.failed';
}

/** What the state cell says: the outbox's state, or "Sending…" while a confirmation is on its way. */
function stateText(
  t: (key: MessageKey) => string,
  p: Posting,
  pending: PendingDecision | undefined,
): { text: string; tone: string } {
  const sendsNow =
    pending &&
    ['confirm', 'send_again'].includes(pending.decision) &&
    !(SETTLED.includes(p.state) && p.updatedAt !== pending.since);
  if (p.state === 'sending' || (p.state === 'confirmed' && !p.waitingFor) || sendsNow) {
    return { text: t('queue.state.sending'), tone: 'busy' };
  }
  if (pending) return { text: t('queue.state.saving'), tone: 'busy' };
  switch (p.state) {
    case 'done': {
      const done = fill(t(p.kind === 'delivery' ? 'queue.state.done.delivery' : 'queue.state.done.receipt'), {
        id: p.specterResultId ?? '–',
      });
      if (p.ackState === 'failed') return { text: `${done} · ${t('queue.state.ackFailed')}`, tone: 'warn' };
      return { text: done, tone: 'ok' };
    }
    case 'held':
      return {
        text: p.reason ? fill(t('queue.state.heldBecause'), { reason: p.reason }) : t('state.held'),
        tone: 'held',
      };
    case 'rejected':
      return {
        text: p.reason ? fill(t('queue.state.rejectedBecause'), { reason: p.reason }) : t('state.rejected'),
        tone: 'muted',
      };
    case 'failed':
    case 'in_doubt':
      return { text: t(STATE[p.state]), tone: 'bad' };
    default:
      return { text: t(STATE[p.state]), tone: '' };
  }
}

/** Arrow keys move between a row's buttons, and up/down between rows; each row is one Tab stop. */
function onRowKey(e: KeyboardEvent<HTMLTableRowElement>, toggleOpen: () => void, toggleSelect: () => void) {
  const row = e.currentTarget;
  const controls = [...row.querySelectorAll<HTMLElement>('[data-row-control]')].filter(
    (el) => !(el as HTMLButtonElement).disabled,
  );
  const at = controls.indexOf(document.activeElement as HTMLElement);
  const move = (el: HTMLElement | null | undefined) => {
    if (!el) return;
    e.preventDefault();
    el.focus();
  };
  const rows = () => [...(row.closest('table')?.querySelectorAll<HTMLElement>('tr[data-queue-row]') ?? [])];
  switch (e.key) {
    case 'ArrowRight':
      return move(controls[at + 1] ?? controls[controls.length - 1]);
    case 'ArrowLeft':
      return move(at <= 0 ? row : controls[at - 1]);
    case 'ArrowDown':
      return move(rows()[rows().indexOf(row) + 1]);
    case 'ArrowUp':
      return move(rows()[rows().indexOf(row) - 1]);
    case 'Home':
      return move(controls[0]);
    case 'End':
      return move(controls[controls.length - 1]);
    case 'Escape':
      return move(row);
  }
  if (e.target !== row) return;
  if (e.key === 'Enter') {
    e.preventDefault();
    toggleOpen();
  } else if (e.key === ' ') {
    e.preventDefault();
    toggleSelect();
  }
}

interface QueueRowProps {
  posting: Posting;
  selected: boolean;
  onSelect: (id: number, on: boolean) => void;
  outcome: DecisionOutcome | undefined;
  pending: PendingDecision | undefined;
  /** A newer posting of the same record: this one (rejected) can no longer be restored. */
  newerId: number | null;
  onDecide: Decide;
  columns: number;
  /** The UI language (passed down rather than read per row: a queue has hundreds of rows). */
  lang: Language;
}

/** One posting of the work queue: a compact row, a line for what needs saying, and its details when open. */
export const QueueRow = memo(function QueueRow({
  posting: p,
  selected,
  onSelect,
  outcome,
  pending,
  newerId,
  onDecide,
  columns,
  lang,
}: QueueRowProps) {
  const t = (key: MessageKey) => translate(lang, key);
  const say = (ref: MessageRef) => renderMessage(lang, ref);
  const sayAll = (refs: readonly MessageRef[]) => refs.map(say).join(' ');
  const [open, setOpen] = useState(p.state === 'in_doubt');
  const [asking, setAsking] = useState<'hold' | 'reject' | null>(null);
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (p.state === 'in_doubt') setOpen(true);
  }, [p.state]);

  const isDelivery = p.kind === 'delivery';
  const selectable = CONFIRMABLE.includes(p.state);
  const busy = pending !== undefined;
  const state = stateText(t, p, pending);
  const qty = quantityOf(p);
  const waits = p.state === 'confirmed' ? waitText(t, p) : null;
  const lastError = p.lastErrorRef && ['failed', 'in_doubt', 'done'].includes(p.state) ? say(p.lastErrorRef) : null;
  const outcomeText = outcome ? sayAll(outcome.refs) : null;
  const decide = (decision: PostingDecision, why?: string) => onDecide(p, decision, why);
  const submitReason = () =>
    void decide(asking as 'hold' | 'reject', reason).then((ok) => {
      if (ok) {
        setAsking(null);
        setReason('');
      }
    });
  const button = (label: string, onClick: () => void, className = 'secondary') => (
    <button
      type="button"
      className={`small ${className}`}
      tabIndex={-1}
      data-row-control
      disabled={busy}
      onClick={onClick}
    >
      {label}
    </button>
  );

  return (
    <tbody
      className={`queue-item state-${p.state}${selected ? ' selected' : ''}`}
      data-posting-id={p.id}
      data-state={p.state}
      data-testid={`posting-${p.number}`}
    >
      <tr
        data-queue-row
        tabIndex={0}
        aria-label={`${p.number} ${p.counterpart}: ${state.text}`}
        onKeyDown={(e) =>
          onRowKey(
            e,
            () => setOpen((o) => !o),
            () => selectable && onSelect(p.id, !selected),
          )
        }
      >
        <td className="check">
          {selectable && (
            <input
              type="checkbox"
              tabIndex={-1}
              data-row-control
              aria-label={fill(t('queue.select'), { number: p.number })}
              checked={selected}
              onChange={(e) => onSelect(p.id, e.target.checked)}
            />
          )}
        </td>
        <td>
          <button
            type="button"
            className="link"
            tabIndex={-1}
            data-row-control
            aria-expanded={open}
            aria-label={fill(t('queue.detailsOf'), { number: p.number })}
            onClick={() => setOpen(!open)}
          >
            <span aria-hidden="true">{open ? '▾' : '▸'}</span> <strong>{p.number}</strong>
          </button>
        </td>
        <td className="clip" title={p.counterpart}>
          {p.counterpart}
        </td>
        <td className="nowrap" title={p.shippedAt ?? p.deliveryDate}>
          {p.shippedAt ? shortTime(p.shippedAt, lang) : p.deliveryDate}
        </td>
        <td className="clip">{p.warehouseStatus || t('queue.warehouseUnknown')}</td>
        <td className="clip" title={[p.carrier, p.packetNo].filter(Boolean).join(' ')}>
          {p.carrier && <span className="muted">{p.carrier} </span>}
          <span data-testid="tracking">
            {p.trackingUrl && p.packetNo ? (
              <a href={p.trackingUrl} target="_blank" rel="noreferrer" tabIndex={-1} data-row-control>
                {p.packetNo}
              </a>
            ) : (
              p.packetNo || '–'
            )}
          </span>
        </td>
        <td
          className={`num${qty.of !== null ? ' partial' : ''}`}
          data-testid="quantity"
          title={
            qty.of !== null
              ? fill(t(isDelivery ? 'queue.partialTitle' : 'queue.partialTitle.receipt'), {
                  n: qty.n,
                  of: qty.of,
                  before: qty.before,
                })
              : undefined
          }
        >
          {qty.of !== null ? fill(t('queue.partialOf'), { n: qty.n, of: qty.of }) : qty.n}
        </td>
        <td className="nowrap">
          {isDelivery && p.createInvoice && <span className="tag">{t('queue.opt.invoice')}</span>}
          {p.sendEmail && <span className="tag">{t('queue.opt.email')}</span>}
          {!p.sendEmail && !(isDelivery && p.createInvoice) && t('queue.opt.none')}
        </td>
        <td className={`queue-state tone-${state.tone}`} data-testid="posting-state" role="status">
          {state.text}
        </td>
        <td className="queue-actions">
          {selectable && button(t('postings.confirm'), () => void decide('confirm'), '')}
          {p.state === 'proposed' && button(t('postings.hold'), () => setAsking('hold'))}
          {p.state === 'held' && button(t('queue.release'), () => void decide('release'))}
          {selectable && button(t('postings.reject'), () => setAsking('reject'), 'danger')}
          {p.state === 'rejected' &&
            (newerId === null ? (
              button(t('queue.restore'), () => void decide('restore'))
            ) : (
              <span className="muted">{fill(t('queue.state.replaced'), { id: newerId })}</span>
            ))}
        </td>
      </tr>
      {(waits || lastError || outcome || asking) && (
        <tr className="queue-note">
          <td />
          <td colSpan={columns - 1}>
            {waits && (
              <p className="wait-note" data-testid="wait-note">
                {waits}
              </p>
            )}
            {lastError && lastError !== outcomeText && <p className="error-text">{lastError}</p>}
            {outcome && (
              <p className={outcome.ok ? 'notice-text' : 'error-text'} data-testid="decision-result">
                <strong>{t(headline(outcome))}</strong> {outcomeText}
              </p>
            )}
            {asking && (
              <form
                className="actions"
                onSubmit={(e) => {
                  e.preventDefault();
                  submitReason();
                }}
              >
                <input
                  aria-label={t(asking === 'hold' ? 'queue.holdReason' : 'postings.rejectReason')}
                  placeholder={t(asking === 'hold' ? 'queue.holdReason' : 'postings.rejectReason')}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
                <button type="submit" className={asking === 'reject' ? 'danger' : ''} disabled={!reason.trim() || busy}>
                  {t(asking === 'hold' ? 'postings.hold' : 'postings.reject')}
                </button>
                <button type="button" className="secondary" onClick={() => setAsking(null)}>
                  {t('common.cancel')}
                </button>
              </form>
            )}
          </td>
        </tr>
      )}
      {open && (
        <tr className="queue-details">
          <td />
          <td colSpan={columns - 1}>
            <QueueDetails posting={p} pending={busy} onDecide={onDecide} />
          </td>
        </tr>
      )}
    </tbody>
  );
});

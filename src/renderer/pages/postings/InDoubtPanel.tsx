import { useState } from 'react';
import type { InDoubtEvidence, Posting, PostingKind } from '../../../shared/domain/postings';
import { fill, type MessageKey } from '../../../shared/i18n';
import { formatTime } from '../../hooks';
import { useAppStore, useT } from '../../store';
import { ackLines, rowVerdict, rowVerdictText } from './posting-text';

export type InDoubtDecision = 'mark_done' | 'send_again';

interface KindText {
  explain: MessageKey;
  this: MessageKey;
  others: MessageKey;
  new: MessageKey;
  noNew: MessageKey;
  matched: MessageKey;
  notMatched: MessageKey;
  markDone: MessageKey;
  sendAgain: MessageKey;
}

/** Deliveries speak of deliveries and orders, receipts of receipts and purchase orders. */
const TEXT: Record<PostingKind, KindText> = {
  delivery: {
    explain: 'postings.inDoubt.explain.delivery',
    this: 'postings.evidence.this.delivery',
    others: 'postings.evidence.others.delivery',
    new: 'postings.evidence.new.delivery',
    noNew: 'postings.evidence.noNew.delivery',
    matched: 'postings.evidence.matched.delivery',
    notMatched: 'postings.evidence.notMatched.delivery',
    markDone: 'postings.markDone.explain.delivery',
    sendAgain: 'postings.sendAgain.explain.delivery',
  },
  receipt: {
    explain: 'postings.inDoubt.explain.receipt',
    this: 'postings.evidence.this.receipt',
    others: 'postings.evidence.others.receipt',
    new: 'postings.evidence.new.receipt',
    noNew: 'postings.evidence.noNew.receipt',
    matched: 'postings.evidence.matched.receipt',
    notMatched: 'postings.evidence.notMatched.receipt',
    markDone: 'postings.markDone.explain.receipt',
    sendAgain: 'postings.sendAgain.explain.receipt',
  },
};

const OUTCOME: Record<InDoubtEvidence['outcome'], MessageKey> = {
  applied: 'postings.evidence.outcome.applied',
  not_applied: 'postings.evidence.outcome.not_applied',
  unknown: 'postings.evidence.outcome.unknown',
};

function text(kind: PostingKind, what: keyof KindText): MessageKey {
  return TEXT[kind][what];
}

/** What Specter showed at the last check: per row before → now against this posting and the others. */
export function Evidence({
  posting,
  evidence,
  heading = true,
}: {
  posting: Posting;
  evidence: InDoubtEvidence;
  /** False where the surrounding element already names it. */
  heading?: boolean;
}) {
  const t = useT();
  const lang = useAppStore((s) => s.settings?.language ?? 'sv');
  const articles = new Map(posting.rows.map((r) => [r.rowRef, r]));
  const rowLabel = posting.kind === 'delivery' ? t('postings.rowNo') : t('postings.rowId');
  return (
    <div className="evidence" data-testid="evidence">
      {heading && (
        <h4>
          {t('postings.evidence.heading')} <span className="muted">({formatTime(evidence.checkedAt, lang)})</span>
        </h4>
      )}
      <p className={`evidence-outcome outcome-${evidence.outcome}`}>{t(OUTCOME[evidence.outcome])}</p>
      <table className="grid wide" aria-label="evidence">
        <thead>
          <tr>
            <th>{rowLabel}</th>
            <th>{t('records.key')}</th>
            <th>{t('postings.evidence.before')}</th>
            <th>{t('postings.evidence.now')}</th>
            <th>{t(text(posting.kind, 'this'))}</th>
            <th>{t(text(posting.kind, 'others'))}</th>
            <th>{t('postings.evidence.row')}</th>
          </tr>
        </thead>
        <tbody>
          {evidence.rows.map((row) => (
            <tr key={row.rowRef} className={`verdict-${rowVerdict(row).kind}`}>
              <td>{row.rowRef}</td>
              <td>{articles.get(row.rowRef)?.articleNo ?? '–'}</td>
              <td>{row.before ?? '–'}</td>
              <td>{row.now}</td>
              <td>{row.posting}</td>
              <td>{row.others}</td>
              <td>{rowVerdictText(t, row)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {evidence.newDeliveries.length === 0 ? (
        <p className="muted">{t(text(posting.kind, 'noNew'))}</p>
      ) : (
        <>
          <h4>{t(text(posting.kind, 'new'))}</h4>
          <table className="grid wide" aria-label="new deliveries">
            <thead>
              <tr>
                <th>{t('postings.evidence.specterId')}</th>
                <th>{t('postings.evidence.reference')}</th>
                {posting.kind === 'delivery' && <th>{t('postings.tracking')}</th>}
                <th>{t('postings.deliveryDate')}</th>
                <th>{t('postings.evidence.ours')}</th>
              </tr>
            </thead>
            <tbody>
              {evidence.newDeliveries.map((d) => (
                <tr key={d.deliveryId} className={d.deliveryId === evidence.matchedDeliveryId ? 'ours' : ''}>
                  <td>{d.deliveryId}</td>
                  <td className="mono">{d.reference || '–'}</td>
                  {posting.kind === 'delivery' && <td>{d.trackingNo || '–'}</td>}
                  <td>{d.deliveryDate}</td>
                  <td>{d.deliveryId === evidence.matchedDeliveryId ? t('common.yes') : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p className={evidence.matchedDeliveryId ? 'ok' : 'muted'}>
        {evidence.matchedDeliveryId
          ? fill(t(text(posting.kind, 'matched')), { id: evidence.matchedDeliveryId })
          : t(text(posting.kind, 'notMatched'))}
      </p>
    </div>
  );
}

/** The acknowledgement "mark done" makes in Ongoing, line by line. */
function AckTable({ posting }: { posting: Posting }) {
  const t = useT();
  const lines = ackLines(posting);
  return (
    <table className="grid wide" aria-label="acknowledgement">
      <thead>
        <tr>
          <th>{posting.kind === 'delivery' ? t('postings.rowNo') : t('postings.rowId')}</th>
          <th>{t('records.key')}</th>
          <th>{t('records.name')}</th>
          <th>{t('postings.ackLine')}</th>
          <th>{t('postings.ackItems')}</th>
          <th>{t('postings.ackAfter')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={`${line.rowRef}-${line.lineId ?? ''}`}>
            <td>{line.rowRef}</td>
            <td>{line.articleNo}</td>
            <td>{line.articleName}</td>
            <td>{line.lineId ?? '–'}</td>
            <td>
              <strong>{line.items}</strong>
            </td>
            <td>{line.reportedAfter ?? '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A posting whose send got no clear answer: what that means, what Specter showed, and the operator's two
 * decisions, each behind a confirmation step that says what will happen.
 */
export function InDoubtPanel({
  posting,
  pending,
  onDecide,
}: {
  posting: Posting;
  pending: boolean;
  onDecide: (decision: InDoubtDecision) => Promise<boolean>;
}) {
  const t = useT();
  const [asking, setAsking] = useState<InDoubtDecision | null>(null);
  const decide = (decision: InDoubtDecision) => void onDecide(decision).then(() => setAsking(null));
  return (
    <section className="in-doubt" data-testid="in-doubt">
      <h3>{t('postings.inDoubt.title')}</h3>
      <p>{t(text(posting.kind, 'explain'))}</p>
      {posting.evidence ? (
        <Evidence posting={posting} evidence={posting.evidence} />
      ) : (
        <p className="muted">{t('postings.evidence.none')}</p>
      )}
      <div className="actions">
        <button
          type="button"
          aria-pressed={asking === 'mark_done'}
          disabled={pending}
          onClick={() => setAsking('mark_done')}
        >
          {t('postings.markDone')}
        </button>
        <button
          type="button"
          className="secondary"
          aria-pressed={asking === 'send_again'}
          disabled={pending}
          onClick={() => setAsking('send_again')}
        >
          {t('postings.sendAgain')}
        </button>
      </div>
      {asking && (
        <fieldset className="confirm-step">
          <legend>{t(asking === 'mark_done' ? 'postings.markDone' : 'postings.sendAgain')}</legend>
          <p>{t(text(posting.kind, asking === 'mark_done' ? 'markDone' : 'sendAgain'))}</p>
          {asking === 'mark_done' && <AckTable posting={posting} />}
          <div className="actions">
            <button type="button" disabled={pending} onClick={() => decide(asking)}>
              {t(asking === 'mark_done' ? 'postings.markDone.yes' : 'postings.sendAgain.yes')}
            </button>
            <button type="button" className="secondary" disabled={pending} onClick={() => setAsking(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </fieldset>
      )}
    </section>
  );
}

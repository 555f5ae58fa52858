import type { Posting } from '../../../shared/domain/postings';
import { fill } from '../../../shared/i18n';
import type { MessageKey } from '../../../shared/i18n';
import type { TimelineStep } from '../../../shared/tracker';
import { getApi } from '../../api';
import { useApiData } from '../../hooks';
import { LocalTime } from '../../LocalTime';
import { useAppStore, useLabel, useMessage, useT } from '../../store';
import { DifferenceTable, ExceptionActions } from '../ConflictList';
import './tracker.css';

type Flow = 'orders' | 'purchaseOrders';

/** The detail panel of one order or purchase order: its journey, its open problems with actions, its postings. */
export function RecordDetail({ flow, recordKey, onClose }: { flow: Flow; recordKey: string; onClose: () => void }) {
  const t = useT();
  const say = useMessage();
  const label = useLabel();
  const openWithSearch = useAppStore((s) => s.openWithSearch);
  const timeline = useApiData(() => getApi().getRecordTimeline({ flow, key: recordKey }), [flow, recordKey]);
  const data = timeline.data;
  const postingPage = flow === 'orders' ? 'deliveries' : 'receipts';
  return (
    <aside className="card tracker-detail" aria-label={recordKey} data-testid="record-detail">
      <header className="toolbar">
        <h2>
          {fill(t(flow === 'orders' ? 'tracker.detailTitle' : 'tracker.detailTitlePurchase'), { key: recordKey })}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('common.close')}
        </button>
      </header>
      {timeline.error && <p className="banner error">{timeline.error}</p>}
      {data && (
        <>
          {data.exceptions.map((e) => (
            <section key={e.id} className="banner warning" data-testid="record-problem">
              <strong>{label('class', e.class)}: </strong>
              {e.ref ? say(e.ref) : e.message}
              <DifferenceTable differences={e.differences} />
              <ExceptionActions id={e.id} />
            </section>
          ))}
          <h3>{t('tracker.timeline')}</h3>
          <ol className="timeline" data-testid="timeline">
            {data.steps.map((s) => (
              <TimelineItem key={s.step} step={s} flow={flow} />
            ))}
          </ol>
          <h3>{t('tracker.postings')}</h3>
          {data.postings.length === 0 && <p className="muted">{t('tracker.noPostings')}</p>}
          <ul className="plain">
            {data.postings.map((p: Posting) => (
              <li key={p.id}>
                <button type="button" className="link" onClick={() => openWithSearch(postingPage, p.number)}>
                  {fill(t('tracker.postingLink'), { id: p.id, page: t(`nav.${postingPage}` as MessageKey) })}
                </button>{' '}
                <span className="muted">{label('state', p.state)}</span>
              </li>
            ))}
          </ul>
          <button type="button" className="link" onClick={() => openWithSearch('activity', recordKey)}>
            {t('tracker.activityLink')}
          </button>
        </>
      )}
    </aside>
  );
}

function TimelineItem({ step, flow }: { step: TimelineStep; flow: Flow }) {
  const t = useT();
  const label = useLabel();
  const name =
    step.step === 'shipped' && flow === 'purchaseOrders'
      ? t('tracker.step.shippedPurchase')
      : t(`tracker.step.${step.step}` as MessageKey);
  return (
    <li className={step.done ? 'done' : ''} data-step={step.step} data-done={step.done}>
      <span className="dot" aria-hidden="true" />
      <span className="step-name">{name}</span>
      <span className="muted">
        {step.done ? step.at ? <LocalTime iso={step.at} /> : '' : t('tracker.step.notYet')}
        {step.by ? ` · ${fill(t('tracker.step.by'), { by: label('tracker.actor', step.by) })}` : ''}
        {step.detail ? ` · ${step.detail}` : ''}
      </span>
    </li>
  );
}

import type { FieldDifference } from '../../shared/domain/sync';
import { getApi } from '../api';
import { useApiData } from '../hooks';
import { LocalTime } from '../LocalTime';
import { useAppStore, useMessage, useT } from '../store';

/** Open conflicts of a flow: what Specter says vs what Ongoing has, field by field. */
export function ConflictList({ flow, onOpen }: { flow: 'orders' | 'purchaseOrders'; onOpen?: (key: string) => void }) {
  const t = useT();
  const say = useMessage();
  const conflicts = useApiData(
    async () => (await getApi().listExceptions({ state: 'open', flow })).filter((e) => e.class === 'conflict'),
    [flow],
  );
  if (!conflicts.data?.length) return <p className="muted">{t('orders.noConflicts')}</p>;
  return (
    <div className="conflicts">
      {conflicts.data.map((c) => (
        <article key={c.id} className="card" data-testid={`conflict-${c.recordKey}`}>
          <header>
            {onOpen ? (
              <button type="button" className="link" onClick={() => onOpen(c.recordKey)}>
                <strong>{c.recordKey}</strong>
              </button>
            ) : (
              <strong>{c.recordKey}</strong>
            )}{' '}
            <span className="muted">
              <LocalTime iso={c.lastSeen} />
            </span>
          </header>
          <p>{c.ref ? say(c.ref) : c.message}</p>
          <DifferenceTable differences={c.differences} />
          <ExceptionActions id={c.id} />
        </article>
      ))}
    </div>
  );
}

/** Specter's value against Ongoing's, field by field (nothing when there is no difference). */
export function DifferenceTable({ differences }: { differences: readonly FieldDifference[] }) {
  const t = useT();
  if (differences.length === 0) return null;
  return (
    <table className="grid diff">
      <thead>
        <tr>
          <th>{t('orders.field')}</th>
          <th>Specter</th>
          <th>Ongoing</th>
        </tr>
      </thead>
      <tbody>
        {differences.map((d) => (
          <tr key={d.field}>
            <td>{d.field}</td>
            <td className="diff-specter">{d.specter}</td>
            <td className="diff-ongoing">{d.ongoing}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The actions of an open problem: send again, or mark it resolved. */
export function ExceptionActions({ id }: { id: number }) {
  const t = useT();
  const act = useAppStore((s) => s.act);
  return (
    <div className="actions">
      <button type="button" onClick={() => void act(() => getApi().decideException({ id, action: 'retry' }))}>
        {t('tracker.retry')}
      </button>
      <button
        type="button"
        className="secondary"
        onClick={() => void act(() => getApi().decideException({ id, action: 'resolve' }))}
      >
        {t('activity.resolve')}
      </button>
    </div>
  );
}

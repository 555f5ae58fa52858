import type { HealthValue } from '../../shared/health';
import type { MessageKey } from '../../shared/i18n';
import { useAppStore, useMessage, useT } from '../store';

/** One health value: its level as a badge and its reason in words; the exact time (UTC) on hover. */
function HealthRow({ label, value, testId }: { label: string; value: HealthValue; testId: string }) {
  const t = useT();
  const say = useMessage();
  return (
    <tr data-testid={testId} data-level={value.level}>
      <th scope="row">{label}</th>
      <td>
        <span className={`badge badge-health-${value.level}`}>{t(`health.level.${value.level}` as MessageKey)}</span>
      </td>
      <td title={value.since ? `${value.since.replace('T', ' ').slice(0, 19)} UTC` : undefined}>{say(value.reason)}</td>
    </tr>
  );
}

/** The health of the whole app, of each system and of each flow, from real calls and runs. */
export function HealthPanel() {
  const t = useT();
  const say = useMessage();
  const health = useAppStore((s) => s.health);
  if (!health) return <p className="muted">{t('common.loading')}</p>;
  return (
    <>
      <p
        className={`banner health-${health.overall.level}`}
        data-testid="health-overall"
        data-level={health.overall.level}
      >
        {say(health.overall.reason)}
      </p>
      <h2>{t('overview.connections')}</h2>
      <table className="grid">
        <tbody>
          <HealthRow label="Specter" value={health.systems.specter} testId="health-specter" />
          <HealthRow label="Ongoing WMS" value={health.systems.ongoing} testId="health-ongoing" />
        </tbody>
      </table>
      <h2>{t('health.flows')}</h2>
      <table className="grid">
        <tbody>
          {Object.entries(health.flows).map(([job, value]) => (
            <HealthRow key={job} label={t(`job.${job}` as MessageKey)} value={value} testId={`health-flow-${job}`} />
          ))}
        </tbody>
      </table>
    </>
  );
}

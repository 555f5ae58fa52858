import { useState } from 'react';
import type { PlannedChange, SyncRunSummary } from '../../../shared/domain/sync';
import type { MessageKey } from '../../../shared/i18n';
import { getApi } from '../../api';
import { useAppStore, useMessage, useT } from '../../store';

type Result = { run: SyncRunSummary; plan?: PlannedChange[] }[];

const ACTIONS = ['create', 'update', 'cancel', 'conflict', 'invalid', 'unchanged'] as const;

/** Count a dry run's plan per action. Pure. */
export function planCounts(plan: readonly PlannedChange[] | undefined): Record<(typeof ACTIONS)[number], number> {
  const counts = { create: 0, update: 0, cancel: 0, conflict: 0, invalid: 0, unchanged: 0 };
  for (const change of plan ?? []) counts[change.action] += 1;
  return counts;
}

/** The dry run, said in words first; then what each flow would do, nothing written. */
export function DryRunStep() {
  const t = useT();
  const say = useMessage();
  const act = useAppStore((s) => s.act);
  const busy = useAppStore((s) => s.busy);
  const [result, setResult] = useState<Result | null>(null);

  return (
    <div className="setup-step">
      <p>{t('setup.dryRun.what')}</p>
      <ul>
        <li>{t('setup.dryRun.reads')}</li>
        <li>{t('setup.dryRun.writesNothing')}</li>
        <li>{t('setup.dryRun.after')}</li>
      </ul>
      <button
        type="button"
        disabled={busy}
        onClick={() => void act(async () => setResult(await getApi().syncNow({ dryRun: true })))}
      >
        {t('setup.dryRun.run')}
      </button>
      {result && (
        <ul className="dry-run-result" data-testid="dry-run-result">
          {result.map(({ run, plan }) => {
            const counts = planCounts(plan);
            const parts = ACTIONS.filter((a) => counts[a] > 0).map(
              (a) => `${counts[a]} ${t(`setup.dryRun.action.${a}` as MessageKey)}`,
            );
            return (
              <li key={run.job}>
                <strong>{t(`job.${run.job}` as MessageKey)}:</strong>{' '}
                {run.status === 'failed'
                  ? `${t('setup.dryRun.failed')} ${run.errorRefs.map(say).join(' ')}`
                  : parts.length > 0
                    ? parts.join(', ')
                    : t('setup.dryRun.nothing')}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

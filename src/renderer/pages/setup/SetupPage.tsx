import { useState } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import { useAppStore, useT } from '../../store';
import { SyncSettings } from '../SyncSettings';
import { OngoingFields, SpecterFields } from './ConnectionFields';
import { DryRunStep } from './DryRunStep';
import { useConnectionForm } from './useConnectionForm';
import './setup.css';

const STEPS = ['start', 'specter', 'ongoing', 'rules', 'dryRun'] as const;
type Step = (typeof STEPS)[number] | 'demo';

/** Finish (or skip) the setup: it does not open again, and the Overview opens. */
export function finishSetup() {
  const { saveSettings, setPage } = useAppStore.getState();
  void saveSettings({ setupDone: true }).then(() => setPage('overview'));
}

/** What "Prova med demodata" does, said honestly for this process. */
export function DemoExplanation() {
  const t = useT();
  const demo = useAppStore((s) => s.status?.demo ?? false);
  return demo ? (
    <div className="setup-step" data-testid="demo-explanation">
      <p>{t('setup.demo.running')}</p>
      <p className="muted">{t('setup.demo.runningSafe')}</p>
    </div>
  ) : (
    <div className="setup-step" data-testid="demo-explanation">
      <p>{t('setup.demo.separate')}</p>
      <pre className="command">npx ongoing-specter-sync serve --demo</pre>
      <p className="muted">{t('setup.demo.separateSafe')}</p>
    </div>
  );
}

/** First start in steps: demo or connect (Specter, Ongoing, sync rules, a dry run before the first run). */
export function SetupPage() {
  const t = useT();
  const demo = useAppStore((s) => s.status?.demo ?? false);
  const busy = useAppStore((s) => s.busy);
  const [step, setStep] = useState<Step>('start');
  const form = useConnectionForm();
  if (!form.fieldProps) return <p>{t('common.loading')}</p>;

  const index = STEPS.indexOf(step === 'demo' ? 'start' : step);
  const next = async () => {
    // Connection steps save their fields first; an invalid field keeps the step open.
    if ((step === 'specter' || step === 'ongoing') && !(await form.save())) return;
    setStep(STEPS[index + 1] ?? 'dryRun');
  };

  return (
    <section className="setup" aria-labelledby="setup-heading">
      <h1 id="setup-heading">{t('setup.heading')}</h1>
      {demo && step !== 'start' && step !== 'demo' && <p className="banner notice">{t('setup.demo.connectNote')}</p>}
      {step !== 'start' && step !== 'demo' && (
        <ol className="setup-steps" aria-label={t('setup.stepsLabel')}>
          {STEPS.slice(1).map((s, i) => (
            <li key={s} aria-current={s === step ? 'step' : undefined} className={i + 1 < index ? 'done' : ''}>
              {t(`setup.step.${s}` as MessageKey)}
            </li>
          ))}
        </ol>
      )}

      {step === 'start' && (
        <div className="setup-paths">
          <div className="panel">
            <h2>{t('setup.path.demo')}</h2>
            <p>{t(demo ? 'setup.path.demo.textDemo' : 'setup.path.demo.text')}</p>
            <button type="button" onClick={() => setStep('demo')}>
              {t('setup.path.demo')}
            </button>
          </div>
          <div className="panel">
            <h2>{t('setup.path.connect')}</h2>
            <p>{t('setup.path.connect.text')}</p>
            <button type="button" onClick={() => setStep('specter')}>
              {t('setup.path.connect')}
            </button>
          </div>
        </div>
      )}

      {step === 'demo' && (
        <>
          <DemoExplanation />
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setStep('start')}>
              {t('setup.back')}
            </button>
            <button type="button" disabled={busy} onClick={finishSetup}>
              {t(demo ? 'setup.demo.open' : 'setup.skip')}
            </button>
          </div>
        </>
      )}

      {step === 'specter' && (
        <>
          <p className="muted">{t('setup.specter.intro')}</p>
          <SpecterFields {...form.fieldProps} />
        </>
      )}
      {step === 'ongoing' && (
        <>
          <p className="muted">{t('setup.ongoing.intro')}</p>
          <OngoingFields {...form.fieldProps} />
        </>
      )}
      {step === 'rules' && (
        <>
          <p className="muted">{t('setup.rules.intro')}</p>
          <SyncSettings />
        </>
      )}
      {step === 'dryRun' && <DryRunStep />}

      {step !== 'start' && step !== 'demo' && (
        <div className="actions setup-nav">
          <button type="button" className="secondary" onClick={() => setStep(STEPS[index - 1] ?? 'start')}>
            {t('setup.back')}
          </button>
          {step === 'dryRun' ? (
            <button type="button" disabled={busy} onClick={finishSetup}>
              {t('setup.finish')}
            </button>
          ) : (
            <button type="button" disabled={busy || !form.valid} onClick={() => void next()}>
              {t('setup.next')}
            </button>
          )}
        </div>
      )}
      {!form.valid && (
        <p className="field-error" role="alert">
          {t('setup.fixFields')}
        </p>
      )}
    </section>
  );
}

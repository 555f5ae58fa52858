import { useAppStore, useT } from '../../store';
import { finishSetup } from './SetupPage';

/** A demo's first start: the two paths on the Overview (the demo is already connected to its simulators). */
export function WelcomeCard() {
  const t = useT();
  const busy = useAppStore((s) => s.busy);
  const setPage = useAppStore((s) => s.setPage);
  return (
    <section className="panel welcome" aria-labelledby="welcome-heading" data-testid="welcome">
      <h2 id="welcome-heading">{t('setup.welcome')}</h2>
      <p>{t('setup.path.demo.textDemo')}</p>
      <p className="muted">{t('setup.demo.runningSafe')}</p>
      <div className="actions">
        <button type="button" disabled={busy} onClick={finishSetup}>
          {t('setup.path.demo')}
        </button>
        <button type="button" className="secondary" onClick={() => setPage('setup')}>
          {t('setup.path.connect')}
        </button>
      </div>
    </section>
  );
}

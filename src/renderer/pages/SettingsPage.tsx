import { type FormEvent, useEffect, useState } from 'react';
import { connectionPatch } from '../../shared/setup';
import { useAppStore, useT } from '../store';
import { DiagnosticsSection } from './DiagnosticsSection';
import { OngoingFields, SpecterFields } from './setup/ConnectionFields';
import { useConnectionForm } from './setup/useConnectionForm';
import { SupportSection } from './SupportSection';
import { SyncSettings } from './SyncSettings';

/** Language, the connections (fields and keys together, each checked on the field) and the sync rules. */
export function SettingsPage() {
  const t = useT();
  const settings = useAppStore((s) => s.settings);
  const status = useAppStore((s) => s.status);
  const busy = useAppStore((s) => s.busy);
  const { saveSettings, setPage } = useAppStore.getState();
  const form = useConnectionForm();
  const [language, setLanguage] = useState(settings?.language ?? 'sv');
  const [startAtLogin, setStartAtLogin] = useState(settings?.startAtLogin ?? true);
  useEffect(() => {
    if (!settings) return;
    setLanguage(settings.language);
    setStartAtLogin(settings.startAtLogin);
  }, [settings]);
  if (!settings || !status || !form.fieldProps) return <p>{t('common.loading')}</p>;

  const onSaveSettings = (e: FormEvent) => {
    e.preventDefault();
    // Nothing is saved while a field is invalid; the error stays on the field.
    if (!form.valid || !form.draft) return;
    const patch = connectionPatch(form.draft);
    if (!patch) return;
    void saveSettings({ language, startAtLogin, ...patch });
  };

  return (
    <section>
      <h1>{t('settings.heading')}</h1>
      {!status.keychain.available && (
        <p className="banner error">
          {t('settings.keychainMissing')} {status.keychain.message}
        </p>
      )}
      <p className="muted">
        {t('setup.settingsIntro')}{' '}
        <button type="button" className="link" onClick={() => setPage('setup')}>
          {t('setup.openSetup')}
        </button>
      </p>
      <form onSubmit={onSaveSettings} className="settings-form" aria-label={t('setup.connectionForm')} noValidate>
        <div className="field">
          <label htmlFor="settings-language">{t('common.language')}</label>
          <div className="field-body">
            <select
              id="settings-language"
              value={language}
              aria-label="language"
              onChange={(e) => setLanguage(e.target.value as typeof language)}
            >
              <option value="sv">Svenska</option>
              <option value="en">English</option>
            </select>
          </div>
        </div>
        {status.mode === 'electron' && (
          <label className="field">
            <span>{t('settings.startAtLogin')}</span>
            <input type="checkbox" checked={startAtLogin} onChange={(e) => setStartAtLogin(e.target.checked)} />
          </label>
        )}
        <p className="muted">{t('settings.secretHint')}</p>
        <SpecterFields {...form.fieldProps} />
        <OngoingFields {...form.fieldProps} />
        {!form.valid && (
          <p className="field-error" data-testid="settings-invalid">
            {t('setup.fixFields')}
          </p>
        )}
        <button type="submit" disabled={busy || !form.valid}>
          {t('settings.saveSettings')}
        </button>
      </form>

      <SyncSettings />
      <SupportSection />
      <DiagnosticsSection />
    </section>
  );
}

import { type FormEvent, useEffect, useState } from 'react';
import { type SecretName, SPECTER_KEY_PAIRS } from '../../shared/credentials';
import type { MessageKey } from '../../shared/i18n';
import type { Settings } from '../../shared/settings';
import type { ConnectionState } from '../../shared/api';
import { useAppStore, useMessage, useT } from '../store';
import { ConnectionBadge } from './ConnectionBadge';
import { DiagnosticsSection } from './DiagnosticsSection';
import { SupportSection } from './SupportSection';
import { SyncSettings } from './SyncSettings';

type Draft = Settings;

function SecretField({
  name,
  stored,
  value,
  onChange,
}: {
  name: SecretName;
  stored: boolean;
  value: string;
  onChange: (v: string) => void;
}) {
  const t = useT();
  return (
    <label className="field">
      <span>
        {t(`secret.${name}` as MessageKey)}{' '}
        <small className={stored ? 'ok' : 'muted'} data-testid={`secret-state-${name}`}>
          {stored ? t('common.stored') : t('common.notStored')}
        </small>
      </span>
      <input
        type="password"
        autoComplete="off"
        name={name}
        aria-label={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

export function SettingsPage() {
  const t = useT();
  const say = useMessage();
  const connectionText = (c: ConnectionState) => (c.ref ? say(c.ref) : '');
  const settings = useAppStore((s) => s.settings);
  const status = useAppStore((s) => s.status);
  const credentials = useAppStore((s) => s.credentials);
  const busy = useAppStore((s) => s.busy);
  const { saveSettings, saveSecrets, testConnection } = useAppStore.getState();
  const [draft, setDraft] = useState<Draft | null>(settings);
  const [secrets, setSecrets] = useState<Partial<Record<SecretName, string>>>({});

  useEffect(() => setDraft(settings), [settings]);
  if (!draft || !status) return <p>{t('common.loading')}</p>;

  const specterSecrets = SPECTER_KEY_PAIRS[draft.specter.keyScheme];
  const setSpecter = (patch: Partial<Draft['specter']>) =>
    setDraft({ ...draft, specter: { ...draft.specter, ...patch } });
  const setOngoing = (patch: Partial<Draft['ongoing']>) =>
    setDraft({ ...draft, ongoing: { ...draft.ongoing, ...patch } });

  const onSaveSettings = (e: FormEvent) => {
    e.preventDefault();
    void saveSettings({
      language: draft.language,
      startAtLogin: draft.startAtLogin,
      specter: draft.specter,
      ongoing: draft.ongoing,
    });
  };
  const onSaveSecrets = (names: readonly SecretName[]) => {
    const values = Object.fromEntries(names.filter((n) => secrets[n]).map((n) => [n, secrets[n] as string]));
    if (Object.keys(values).length === 0) return;
    void saveSecrets(values).then(() => setSecrets({}));
  };
  const secretField = (name: SecretName) => (
    <SecretField
      key={name}
      name={name}
      stored={credentials?.[name] ?? false}
      value={secrets[name] ?? ''}
      onChange={(v) => setSecrets({ ...secrets, [name]: v })}
    />
  );

  return (
    <section>
      <h1>{t('settings.heading')}</h1>
      {!status.keychain.available && (
        <p className="banner error">
          {t('settings.keychainMissing')} {status.keychain.message}
        </p>
      )}
      <form onSubmit={onSaveSettings} className="settings-form">
        <label className="field">
          <span>{t('common.language')}</span>
          <select
            value={draft.language}
            aria-label="language"
            onChange={(e) => setDraft({ ...draft, language: e.target.value as Draft['language'] })}
          >
            <option value="sv">Svenska</option>
            <option value="en">English</option>
          </select>
        </label>

        {status.mode === 'electron' && (
          <label className="field">
            <span>{t('settings.startAtLogin')}</span>
            <input
              type="checkbox"
              checked={draft.startAtLogin}
              onChange={(e) => setDraft({ ...draft, startAtLogin: e.target.checked })}
            />
          </label>
        )}
        <fieldset>
          <legend>
            {t('settings.specter')} <ConnectionBadge connection={status.connections.specter} />
          </legend>
          <label className="field">
            <span>{t('settings.specter.baseUrl')}</span>
            <input value={draft.specter.baseUrl} onChange={(e) => setSpecter({ baseUrl: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('settings.specter.sbmId')}</span>
            <input
              aria-label="sbmId"
              value={draft.specter.sbmId}
              onChange={(e) => setSpecter({ sbmId: e.target.value })}
            />
          </label>
          <label className="field">
            <span>{t('settings.specter.apiUserId')}</span>
            <input value={draft.specter.apiUserId} onChange={(e) => setSpecter({ apiUserId: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('settings.specter.stockSiteId')}</span>
            <input value={draft.specter.stockSiteId} onChange={(e) => setSpecter({ stockSiteId: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('settings.specter.keyScheme')}</span>
            <select
              value={draft.specter.keyScheme}
              onChange={(e) => setSpecter({ keyScheme: e.target.value as Draft['specter']['keyScheme'] })}
            >
              <option value="v2">{t('settings.specter.keyScheme.v2')}</option>
              <option value="v1">{t('settings.specter.keyScheme.v1')}</option>
            </select>
          </label>
        </fieldset>

        <fieldset>
          <legend>
            {t('settings.ongoing')} <ConnectionBadge connection={status.connections.ongoing} />
          </legend>
          <label className="field">
            <span>{t('settings.ongoing.warehouse')}</span>
            <input value={draft.ongoing.warehouse} onChange={(e) => setOngoing({ warehouse: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('settings.ongoing.user')}</span>
            <input value={draft.ongoing.user} onChange={(e) => setOngoing({ user: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('settings.ongoing.goodsOwnerId')}</span>
            <input
              inputMode="numeric"
              value={draft.ongoing.goodsOwnerId ?? ''}
              onChange={(e) => setOngoing({ goodsOwnerId: e.target.value ? Number(e.target.value) : null })}
            />
          </label>
        </fieldset>
        <button type="submit" disabled={busy}>
          {t('settings.saveSettings')}
        </button>
      </form>

      <SyncSettings />

      <h2>{t('settings.saveSecrets')}</h2>
      <p className="muted">{t('settings.secretHint')}</p>
      <div className="secrets">
        <fieldset>
          <legend>{t('settings.specter')}</legend>
          {specterSecrets.map(secretField)}
          <div className="actions">
            <button
              type="button"
              disabled={busy || !status.keychain.available}
              onClick={() => onSaveSecrets(specterSecrets)}
            >
              {t('settings.saveSecrets')}
            </button>
            <button type="button" disabled={busy} onClick={() => void testConnection('specter')}>
              {t('settings.testConnection')}
            </button>
          </div>
          <p className="muted" data-testid="connection-message-specter">
            {connectionText(status.connections.specter)}
          </p>
        </fieldset>
        <fieldset>
          <legend>{t('settings.ongoing')}</legend>
          {secretField('ongoing.password')}
          <div className="actions">
            <button
              type="button"
              disabled={busy || !status.keychain.available}
              onClick={() => onSaveSecrets(['ongoing.password'])}
            >
              {t('settings.saveSecrets')}
            </button>
            <button type="button" disabled={busy} onClick={() => void testConnection('ongoing')}>
              {t('settings.testConnection')}
            </button>
          </div>
          <p className="muted" data-testid="connection-message-ongoing">
            {connectionText(status.connections.ongoing)}
          </p>
        </fieldset>
      </div>
      <SupportSection />
      <DiagnosticsSection />
    </section>
  );
}

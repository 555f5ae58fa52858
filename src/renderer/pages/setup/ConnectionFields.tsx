import { SPECTER_KEY_PAIRS, type SecretName } from '../../../shared/credentials';
import type { MessageKey } from '../../../shared/i18n';
import { ongoingAddress } from '../../../shared/ongoing/base-url';
import { type ConnectionDraft, type ConnectionField, connectionProblems } from '../../../shared/setup';
import { useAppStore, useMessage, useT } from '../../store';
import { ConnectionBadge } from '../ConnectionBadge';
import { Field } from './Field';

type Secrets = Partial<Record<SecretName, string>>;

interface Props {
  draft: ConnectionDraft;
  onDraft: (draft: ConnectionDraft) => void;
  secrets: Secrets;
  onSecrets: (secrets: Secrets) => void;
  /** Save the typed secrets of these names to the keychain. */
  onSaveSecrets: (names: readonly SecretName[]) => void;
  /** Test the connection (after saving what was typed, when the caller wants that). */
  onTest: (system: 'specter' | 'ongoing') => void;
}

function SecretField({ name, value, onChange }: { name: SecretName; value: string; onChange: (v: string) => void }) {
  const t = useT();
  const stored = useAppStore((s) => s.credentials?.[name] ?? false);
  return (
    <div className="field">
      <label htmlFor={`secret-${name}`}>
        {t(`secret.${name}` as MessageKey)}{' '}
        <small className={stored ? 'ok' : 'muted'} data-testid={`secret-state-${name}`}>
          {stored ? t('common.stored') : t('common.notStored')}
        </small>
      </label>
      <div className="field-body">
        <input
          id={`secret-${name}`}
          type="password"
          autoComplete="off"
          name={name}
          aria-label={name}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
        <small className="muted field-hint">{t(`setup.hint.${name}` as MessageKey)}</small>
      </div>
    </div>
  );
}

function ConnectionResult({ system }: { system: 'specter' | 'ongoing' }) {
  const say = useMessage();
  const connection = useAppStore((s) => s.status?.connections[system]);
  if (!connection) return null;
  return (
    <p className="muted" data-testid={`connection-message-${system}`}>
      {connection.ref ? say(connection.ref) : ''}
    </p>
  );
}

/** Specter: fields and keys together, each with where to find it. */
export function SpecterFields(props: Props) {
  const t = useT();
  const status = useAppStore((s) => s.status);
  const busy = useAppStore((s) => s.busy);
  const { draft, onDraft } = props;
  const problems = connectionProblems(draft);
  const set = (patch: Partial<ConnectionDraft['specter']>) =>
    onDraft({ ...draft, specter: { ...draft.specter, ...patch } });
  const names = SPECTER_KEY_PAIRS[draft.specter.keyScheme];
  const text = (name: 'baseUrl' | 'sbmId' | 'apiUserId' | 'stockSiteId', numeric = false) => (
    <Field
      key={name}
      id={`specter.${name}`}
      ariaLabel={name === 'sbmId' ? 'sbmId' : undefined}
      label={t(`settings.specter.${name}` as MessageKey)}
      hint={`setup.hint.specter.${name}` as MessageKey}
      value={draft.specter[name]}
      numeric={numeric}
      problem={problems[`specter.${name}` as ConnectionField]}
      onChange={(v) => set({ [name]: v })}
    />
  );
  return (
    <fieldset>
      <legend>
        {t('settings.specter')} <ConnectionBadge connection={status?.connections.specter} />
      </legend>
      {text('sbmId', true)}
      {text('apiUserId')}
      {text('stockSiteId', true)}
      <div className="field">
        <label htmlFor="specter.keyScheme">{t('settings.specter.keyScheme')}</label>
        <div className="field-body">
          <select
            id="specter.keyScheme"
            value={draft.specter.keyScheme}
            onChange={(e) => set({ keyScheme: e.target.value as ConnectionDraft['specter']['keyScheme'] })}
          >
            <option value="v2">{t('settings.specter.keyScheme.v2')}</option>
            <option value="v1">{t('settings.specter.keyScheme.v1')}</option>
          </select>
        </div>
      </div>
      {names.map((name) => (
        <SecretField
          key={name}
          name={name}
          value={props.secrets[name] ?? ''}
          onChange={(v) => props.onSecrets({ ...props.secrets, [name]: v })}
        />
      ))}
      {text('baseUrl')}
      <div className="actions">
        <button type="button" disabled={busy || !status?.keychain.available} onClick={() => props.onSaveSecrets(names)}>
          {t('settings.saveSecrets')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => props.onTest('specter')}>
          {t('settings.testConnection')}
        </button>
      </div>
      <ConnectionResult system="specter" />
    </fieldset>
  );
}

/** Ongoing: warehouse with the address it stands for, user, password and goods owner. */
export function OngoingFields(props: Props) {
  const t = useT();
  const status = useAppStore((s) => s.status);
  const busy = useAppStore((s) => s.busy);
  const { draft, onDraft } = props;
  const problems = connectionProblems(draft);
  const set = (patch: Partial<ConnectionDraft['ongoing']>) =>
    onDraft({ ...draft, ongoing: { ...draft.ongoing, ...patch } });
  const address = ongoingAddress(draft.ongoing.warehouse);
  return (
    <fieldset>
      <legend>
        {t('settings.ongoing')} <ConnectionBadge connection={status?.connections.ongoing} />
      </legend>
      <Field
        id="ongoing.warehouse"
        label={t('settings.ongoing.warehouse')}
        hint="setup.hint.ongoing.warehouse"
        value={draft.ongoing.warehouse}
        problem={problems['ongoing.warehouse']}
        onChange={(v) => set({ warehouse: v })}
      >
        <small className="address-preview" data-testid="ongoing-address">
          {address.ok
            ? `${t('setup.addressPreview')} ${address.url}`
            : t(`setup.address.${address.problem}` as MessageKey)}
        </small>
      </Field>
      <Field
        id="ongoing.user"
        label={t('settings.ongoing.user')}
        hint="setup.hint.ongoing.user"
        value={draft.ongoing.user}
        problem={problems['ongoing.user']}
        onChange={(v) => set({ user: v })}
      />
      <SecretField
        name="ongoing.password"
        value={props.secrets['ongoing.password'] ?? ''}
        onChange={(v) => props.onSecrets({ ...props.secrets, 'ongoing.password': v })}
      />
      <Field
        id="ongoing.goodsOwnerId"
        ariaLabel="goodsOwnerId"
        label={t('settings.ongoing.goodsOwnerId')}
        hint="setup.hint.ongoing.goodsOwnerId"
        numeric
        value={draft.ongoing.goodsOwnerId}
        problem={problems['ongoing.goodsOwnerId']}
        onChange={(v) => set({ goodsOwnerId: v })}
      />
      <div className="actions">
        <button
          type="button"
          disabled={busy || !status?.keychain.available}
          onClick={() => props.onSaveSecrets(['ongoing.password'])}
        >
          {t('settings.saveSecrets')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => props.onTest('ongoing')}>
          {t('settings.testConnection')}
        </button>
      </div>
      <ConnectionResult system="ongoing" />
    </fieldset>
  );
}

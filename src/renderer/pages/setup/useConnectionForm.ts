import { useEffect, useState } from 'react';
import type { SecretName } from '../../../shared/credentials';
import { type ConnectionDraft, connectionDraft, connectionPatch, connectionProblems } from '../../../shared/setup';
import { useAppStore } from '../../store';

/**
 * The connection fields as typed (text, checked per field) and the typed secrets. Saving is refused
 * while a field is invalid: the error stays on the field and nothing is sent.
 */
export function useConnectionForm() {
  const settings = useAppStore((s) => s.settings);
  const { saveSettings, saveSecrets, testConnection } = useAppStore.getState();
  const [draft, setDraft] = useState<ConnectionDraft | null>(settings ? connectionDraft(settings) : null);
  const [secrets, setSecrets] = useState<Partial<Record<SecretName, string>>>({});
  useEffect(() => setDraft(settings ? connectionDraft(settings) : null), [settings]);

  const valid = draft !== null && Object.keys(connectionProblems(draft)).length === 0;
  /** Save the connection fields; false (and nothing saved) while a field is invalid. */
  const save = async (): Promise<boolean> => {
    const patch = draft ? connectionPatch(draft) : null;
    if (!patch) return false;
    await saveSettings(patch);
    return true;
  };
  const onSaveSecrets = (names: readonly SecretName[]) => {
    const values = Object.fromEntries(names.filter((n) => secrets[n]).map((n) => [n, secrets[n] as string]));
    if (Object.keys(values).length === 0) return;
    void saveSecrets(values).then(() => setSecrets({}));
  };
  /** Save what was typed (fields when valid, typed keys), then test, so the test uses it. */
  const onTest = async (system: 'specter' | 'ongoing') => {
    if (!(await save())) return;
    const typed = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v));
    if (Object.keys(typed).length > 0) {
      await saveSecrets(typed);
      setSecrets({});
    }
    await testConnection(system);
  };
  return {
    draft,
    setDraft,
    secrets,
    setSecrets,
    valid,
    save,
    fieldProps: draft
      ? {
          draft,
          onDraft: setDraft,
          secrets,
          onSecrets: setSecrets,
          onSaveSecrets,
          onTest: (system: 'specter' | 'ongoing') => void onTest(system),
        }
      : null,
  };
}

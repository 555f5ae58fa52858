/**
 * `doctor`: with the configured credentials, call every read the app makes on Specter and Ongoing
 * once (never a write), and write a redacted report of what each answered into the data folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SECRET_NAMES, SPECTER_KEY_PAIRS } from '../../../shared/credentials';
import type { DoctorReport } from '../../../shared/doctor';
import type { Settings } from '../../../shared/settings';
import { missingConfiguration } from '../remote-clients';
import type { SecretStore } from '../secrets/secret-store';
import { checkOngoing } from './ongoing-checks';
import { buildDoctorReport } from './report';
import { checkSpecter } from './specter-checks';
import { type CheckRun, emptyResult } from './types';

export { READ_ONLY_NOTICE } from './report';

export interface DoctorOptions {
  settings: () => Settings;
  secrets: SecretStore;
  dataDir: string;
  appVersion: string;
  /** Where the zip goes (default: the data folder's `support/` folder). */
  out?: string;
  timeoutMs?: number;
  /** Other values that must never appear in the report (e.g. the bridge token). */
  extraSecrets?: string[];
}

async function secret(secrets: SecretStore, name: (typeof SECRET_NAMES)[number]): Promise<string> {
  const value = await secrets.get(name);
  if (!value) throw new Error(`The secret ${name} is not stored. Enter it in Settings.`);
  return value;
}

function notConfigured(system: 'specter' | 'ongoing', why: string): CheckRun {
  const result = emptyResult(system, '(configuration)', '');
  result.notes.push(why);
  return { result, calls: [] };
}

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const settings = options.settings();
  const runs: CheckRun[] = [];
  const specterMissing = missingConfiguration('specter', settings);
  if (specterMissing) {
    runs.push(notConfigured('specter', specterMissing));
  } else {
    const [inner, outer] = SPECTER_KEY_PAIRS[settings.specter.keyScheme];
    runs.push(
      ...(await checkSpecter({
        settings,
        timeoutMs: options.timeoutMs,
        credentials: async () => ({
          sbmId: settings.specter.sbmId,
          apiUserId: settings.specter.apiUserId,
          apiUserKey: await secret(options.secrets, inner),
          integrationKey: await secret(options.secrets, outer),
        }),
      })),
    );
  }
  const ongoingMissing = missingConfiguration('ongoing', settings);
  if (ongoingMissing) {
    runs.push(notConfigured('ongoing', ongoingMissing));
  } else {
    runs.push(
      ...(await checkOngoing({
        warehouse: settings.ongoing.warehouse,
        goodsOwnerId: settings.ongoing.goodsOwnerId as number,
        timeoutMs: options.timeoutMs,
        credentials: async () => ({
          user: settings.ongoing.user,
          password: await secret(options.secrets, 'ongoing.password'),
        }),
      })),
    );
  }

  const secretValues = [...(options.extraSecrets ?? [])];
  for (const name of SECRET_NAMES) {
    try {
      const value = await options.secrets.get(name);
      if (value) secretValues.push(value);
    } catch {
      // A keychain that cannot be read holds nothing this report could leak.
    }
  }
  const createdAt = new Date().toISOString();
  const built = buildDoctorReport({ createdAt, appVersion: options.appVersion, runs, secretValues });
  const file = options.out ?? path.join(options.dataDir, 'support', `doctor-${createdAt.replace(/[:.]/g, '-')}.zip`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, built.bytes, { mode: 0o600 });
  const failed = built.actions.filter((a) => a.called && !a.ok).length;
  return { file, bytes: built.bytes.length, createdAt, actions: built.actions, failed, line: built.line };
}

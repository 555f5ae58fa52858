import { z } from 'zod';

/**
 * The secrets the app needs. Each is stored in the OS keychain under the app's service name with the
 * name below as the account. None of them is ever written to SQLite, logs, or sent to the renderer.
 */
export const SECRET_NAMES = [
  'specter.apiUserKey',
  'specter.integrationKey',
  'specter.md5key1',
  'specter.md5key2',
  'ongoing.password',
] as const;

export type SecretName = (typeof SECRET_NAMES)[number];

export const secretNameSchema = z.enum(SECRET_NAMES);

export function isSecretName(value: string): value is SecretName {
  return (SECRET_NAMES as readonly string[]).includes(value);
}

/** Which secrets a Specter key scheme needs: [inner key, outer key]. */
export const SPECTER_KEY_PAIRS = {
  v2: ['specter.apiUserKey', 'specter.integrationKey'],
  v1: ['specter.md5key1', 'specter.md5key2'],
} as const satisfies Record<'v1' | 'v2', readonly [SecretName, SecretName]>;

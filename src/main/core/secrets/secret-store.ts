import type { SecretName } from '../../../shared/credentials';

/** Where secrets live. Implementations: the OS keychain (keytar) and an in-memory fake for tests and the demo. */
export interface SecretStore {
  /** Whether the store can be used; when not, `message` tells the operator what to do. */
  availability(): Promise<{ available: boolean; message: string }>;
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<boolean>;
}

export class SecretStoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretStoreUnavailableError';
  }
}

/** Service name under which every secret is stored in the OS keychain. */
export const KEYCHAIN_SERVICE = 'se.ongoing-specter-sync';

/**
 * For tests only: another keychain service name, so a test run on a developer's or operator's machine
 * never reads, overwrites or deletes the installation's real secrets. The test helpers set it.
 */
export const KEYCHAIN_SERVICE_ENV = 'OSS_KEYCHAIN_SERVICE';

/** The keychain service to use: `OSS_KEYCHAIN_SERVICE` when set (tests), else the app's own. */
export function keychainService(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[KEYCHAIN_SERVICE_ENV]?.trim();
  if (!override) return KEYCHAIN_SERVICE;
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(override)) {
    throw new Error(
      `${KEYCHAIN_SERVICE_ENV} "${override}" is not a usable keychain service name: use letters, digits, '.', '_' and '-' (at most 200).`,
    );
  }
  return override;
}

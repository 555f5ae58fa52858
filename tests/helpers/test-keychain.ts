/**
 * The keychain service every test uses instead of the app's own (`se.ongoing-specter-sync`), so a test
 * run never reads, overwrites or deletes a real installation's secrets. Vitest sets it for every test
 * file (setup file below); the e2e helper passes it to the server process it starts.
 */
import { KEYCHAIN_SERVICE_ENV } from '../../src/main/core/secrets/secret-store';

export const TEST_KEYCHAIN_SERVICE = 'se.ongoing-specter-sync.test';

/** The environment for a child process of a test: the parent's, with the test keychain service. */
export function testProcessEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, [KEYCHAIN_SERVICE_ENV]: TEST_KEYCHAIN_SERVICE };
}

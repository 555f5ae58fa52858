/** Runs before every test file: secrets go to the test keychain service, never to the app's own. */
import { KEYCHAIN_SERVICE_ENV } from '../../src/main/core/secrets/secret-store';
import { TEST_KEYCHAIN_SERVICE } from './test-keychain';

process.env[KEYCHAIN_SERVICE_ENV] = TEST_KEYCHAIN_SERVICE;

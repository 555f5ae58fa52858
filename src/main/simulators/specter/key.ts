import { createHash } from 'node:crypto';

const md5Hex = (value: string) => createHash('md5').update(Buffer.from(value, 'latin1')).digest('hex');

/**
 * The `key` the simulator expects on a call: md5hex(integrationKey + md5hex(userKey + sbmId + primary)),
 * every hash over Latin-1 bytes, lower-case hex (docs/specter-api.md, "The key"). Written here on its
 * own, not taken from the client, so a change to the client's key is caught by the tests.
 */
export function expectedKey(userKey: string, integrationKey: string, sbmId: string, primary: string): string {
  return md5Hex(integrationKey + md5Hex(userKey + sbmId + primary));
}

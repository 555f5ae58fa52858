import { createHash } from 'node:crypto';

/** md5 in lower-case hex over the Latin-1 bytes of `value`. */
export function md5Latin1Hex(value: string): string {
  return createHash('md5').update(Buffer.from(value, 'latin1')).digest('hex');
}

/**
 * The `key` parameter of a Specter call:
 * md5hex(integrationKey + md5hex(userKey + sbmId + primaryValue)), all over Latin-1 bytes.
 * For v1 set-ups pass md5key1 as `userKey` and md5key2 as `integrationKey`.
 * The primary value depends on the action (see PRIMARY_VALUE in wire.ts).
 */
export function specterKey(
  userKey: string,
  integrationKey: string,
  sbmId: string | number,
  primaryValue: string,
): string {
  return md5Latin1Hex(integrationKey + md5Latin1Hex(userKey + String(sbmId) + primaryValue));
}

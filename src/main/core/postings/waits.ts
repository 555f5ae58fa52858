/**
 * One posting in flight per record. Pure rules over the postings of one order or purchase order.
 *
 * - While a posting of the record is `sending` or `in_doubt`, no other posting of it is sent: until
 *   Specter's answer for the first is known, nobody can tell what the second should carry.
 * - A posting built on top of earlier ones (its quantities start where theirs end) waits until those
 *   are done; if one of them fails or is rejected, it is superseded and proposed anew.
 */
import type { Posting, PostingState, PostingWait } from '../../../shared/domain/postings';

const IN_FLIGHT: readonly PostingState[] = ['sending', 'in_doubt'];

/** Why `p` may not be sent now, or null when it may. */
export function waitFor(
  p: Pick<Posting, 'id'>,
  sameRecord: readonly Pick<Posting, 'id' | 'state'>[],
  dependsOn: readonly number[],
): PostingWait | null {
  for (const q of sameRecord) {
    if (q.id !== p.id && IN_FLIGHT.includes(q.state)) return { postingId: q.id, state: q.state, reason: 'in_flight' };
  }
  for (const id of [...dependsOn].sort((a, b) => a - b)) {
    const q = sameRecord.find((x) => x.id === id);
    if (q && q.state === 'confirmed') return { postingId: q.id, state: q.state, reason: 'earlier' };
  }
  return null;
}

/** Postings that were built on top of `failedId` and are not sent yet: they must be proposed anew. */
export function dependentsToSupersede(
  failedId: number,
  sameRecord: readonly Pick<Posting, 'id' | 'state'>[],
  dependsOn: (id: number) => readonly number[],
): number[] {
  const undecided: readonly PostingState[] = ['proposed', 'held', 'confirmed', 'failed'];
  return sameRecord.filter((q) => undecided.includes(q.state) && dependsOn(q.id).includes(failedId)).map((q) => q.id);
}

/** English text for logs and the audit trail (the pages render PostingWait themselves). */
export function waitText(wait: PostingWait, noun: string): string {
  const what = wait.reason === 'in_flight' ? `${wait.state === 'sending' ? 'being sent' : 'in doubt'}` : 'not sent yet';
  return `Waits for ${noun} #${wait.postingId} of the same record (${what}).`;
}

/** The `wait.*` message code of a wait: being sent, in doubt, or not sent yet. */
export function waitCode(wait: PostingWait): 'sending' | 'in_doubt' | 'earlier' {
  if (wait.reason === 'earlier') return 'earlier';
  return wait.state === 'sending' ? 'sending' : 'in_doubt';
}

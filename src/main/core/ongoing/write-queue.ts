/**
 * Ongoing processes create/update calls one at a time per goods owner; parallel writes only queue
 * up on its side and time out. Every write in this process therefore goes through one FIFO queue per
 * goods owner, shared by all OngoingClient instances. Reads do not use the queue.
 */

interface QueueState {
  tail: Promise<void>;
  pending: number;
}

const queues = new Map<number, QueueState>();

/**
 * Run `task` after every write queued earlier for the same goods owner has settled (FIFO).
 * A failing task does not block the ones behind it.
 */
export function runOngoingWrite<T>(goodsOwnerId: number, task: () => Promise<T>): Promise<T> {
  let state = queues.get(goodsOwnerId);
  if (!state) {
    state = { tail: Promise.resolve(), pending: 0 };
    queues.set(goodsOwnerId, state);
  }
  const queue = state;
  queue.pending += 1;
  const result = queue.tail.then(() => task());
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  queue.tail = settled;
  void settled.then(() => {
    queue.pending -= 1;
    if (queue.pending === 0 && queues.get(goodsOwnerId) === queue) queues.delete(goodsOwnerId);
  });
  return result;
}

/** Writes queued or running for a goods owner (for status displays and tests). */
export function pendingOngoingWrites(goodsOwnerId: number): number {
  return queues.get(goodsOwnerId)?.pending ?? 0;
}

/**
 * Writing without waiting: a serial writer that keeps Ongoing's one-write-at-a-time queue busy, and
 * local SQLite writes grouped into transactions.
 */
import { stopsTheRun } from './failure';

export type WriteOutcome<T> = { status: 'ok'; value: T } | { status: 'error'; error: unknown } | { status: 'skipped' };

/**
 * Runs remote tasks one at a time in submission order. The caller submits tasks ahead, so the next
 * request starts the moment the previous one is answered; the caller's handling of an outcome
 * (recording it in SQLite) runs after the next request is on its way, while the remote side works.
 * After a failure that stops the run, the tasks still waiting are skipped, not sent.
 */
export class SerialWriter {
  private readonly queue: { task: () => Promise<unknown>; resolve: (outcome: WriteOutcome<unknown>) => void }[] = [];
  private running = false;
  private halted = false;

  constructor(private readonly isFatal: (error: unknown) => boolean = stopsTheRun) {}

  get stopped(): boolean {
    return this.halted;
  }

  halt(): void {
    this.halted = true;
  }

  submit<T>(task: () => Promise<T>): Promise<WriteOutcome<T>> {
    return new Promise<WriteOutcome<T>>((resolve) => {
      this.queue.push({ task, resolve: resolve as (outcome: WriteOutcome<unknown>) => void });
      if (!this.running) this.pump();
    });
  }

  private pump(): void {
    const next = this.queue.shift();
    if (!next) {
      this.running = false;
      return;
    }
    this.running = true;
    if (this.halted) {
      next.resolve({ status: 'skipped' });
      this.pump();
      return;
    }
    let started: Promise<unknown>;
    try {
      started = next.task();
    } catch (error) {
      started = Promise.reject(error);
    }
    started.then(
      (value) => this.settle(next.resolve, { status: 'ok', value }),
      (error: unknown) => {
        if (this.isFatal(error)) this.halted = true;
        this.settle(next.resolve, { status: 'error', error });
      },
    );
  }

  private settle(resolve: (outcome: WriteOutcome<unknown>) => void, outcome: WriteOutcome<unknown>): void {
    this.pump();
    // Hand the outcome over only after the next request has been dispatched.
    setImmediate(() => setImmediate(() => resolve(outcome)));
  }
}

/** Let pending I/O (answers of requests in flight) run between chunks of CPU work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * SQLite writes that need no remote call (invalid records, records that became valid again),
 * grouped into transactions; `flush` can add a last write (the watermark) to the same transaction.
 */
export class LocalWrites {
  private pending: (() => void)[] = [];

  constructor(
    private readonly transaction: (writes: () => void) => void,
    private readonly batchSize = 200,
  ) {}

  add(write: () => void): void {
    this.pending.push(write);
    if (this.pending.length >= this.batchSize) this.flush();
  }

  flush(last?: () => void): void {
    const writes = this.pending;
    this.pending = [];
    if (writes.length === 0 && !last) return;
    this.transaction(() => {
      for (const write of writes) write();
      last?.();
    });
  }
}

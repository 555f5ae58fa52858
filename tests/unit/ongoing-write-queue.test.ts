import { describe, expect, it } from 'vitest';
import { pendingOngoingWrites, runOngoingWrite } from '../../src/main/core/ongoing/write-queue';

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('runOngoingWrite', () => {
  it('runs writes for one goods owner one at a time, in order', async () => {
    const log: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const task = (name: string, ms: number) => async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      log.push(`start ${name}`);
      await wait(ms);
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all([
      runOngoingWrite(101, task('a', 15)),
      runOngoingWrite(101, task('b', 1)),
      runOngoingWrite(101, task('c', 5)),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(maxRunning).toBe(1);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('a failure is passed to its caller and does not block the next write', async () => {
    const first = runOngoingWrite(102, async () => {
      throw new Error('boom');
    });
    const second = runOngoingWrite(102, async () => 'ok');
    await expect(first).rejects.toThrow('boom');
    await expect(second).resolves.toBe('ok');
  });

  it('different goods owners do not wait for each other, and pending counts drain to zero', async () => {
    let release: () => void = () => {};
    const blocker = runOngoingWrite(103, () => new Promise<void>((r) => (release = r)));
    const other = runOngoingWrite(104, async () => 'other done');
    const queued = runOngoingWrite(103, async () => 'queued done');
    expect(pendingOngoingWrites(103)).toBe(2);
    await expect(other).resolves.toBe('other done');
    expect(pendingOngoingWrites(103)).toBe(2);
    release();
    await blocker;
    await expect(queued).resolves.toBe('queued done');
    await wait(0);
    expect(pendingOngoingWrites(103)).toBe(0);
    expect(pendingOngoingWrites(104)).toBe(0);
  });
});

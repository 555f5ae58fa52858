/**
 * One process owns a data folder's jobs and outbox: a second owner is refused while the first lives,
 * a reader never marks postings in doubt, and a lock left by a killed process is taken over.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/main/core/app-context';
import { MemorySecretStore } from '../../src/main/core/secrets/memory-secret-store';
import { acquireDataLock, LOCK_FILE, lockHolder } from '../../src/main/core/store/data-lock';
import { tempDir } from '../helpers/temp-dir';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
const folder = () => {
  const t = tempDir('oss-lock-');
  cleanups.push(t.cleanup);
  return t.dir;
};
const open = (dataDir: string, owns: boolean) =>
  createAppContext({
    dataDir,
    secrets: new MemorySecretStore(),
    mode: 'headless',
    ownsJobs: owns ? { command: 'serve' } : undefined,
  });

function sendingPosting(ctx: ReturnType<typeof open>): number {
  const { posting } = ctx.postings.propose({
    kind: 'delivery',
    idempotencyKey: 'delivery:1:abc',
    ongoingId: 1,
    specterId: '5521',
    number: '1001',
    counterpart: '',
    deliveryDate: '2026-12-01',
    packetNo: '',
    trackingUrl: '',
    sendEmail: false,
    createInvoice: false,
    rows: [],
  });
  ctx.postings.transition(posting.id, ['proposed'], 'confirmed');
  ctx.postings.transition(posting.id, ['confirmed'], 'sending');
  return posting.id;
}

describe('the data folder lock', () => {
  it('refuses a second owner while the first runs, and lets readers in without touching the outbox', () => {
    const dir = folder();
    const owner = open(dir, true);
    const id = sendingPosting(owner);
    expect(() => open(dir, true)).toThrow(/Not started: the app is running on this data folder \(serve, pid \d+/);
    // A reader (status, config) opens the same folder but does not conclude the send was interrupted.
    // (The holder is this very process here, so the reader sees no *other* running app.)
    const reader = open(dir, false);
    expect(reader.postings.get(id)?.state).toBe('sending');
    reader.close();
    owner.close();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    // The next owner concludes it: the previous one stopped while sending.
    const next = open(dir, true);
    expect(next.postings.get(id)?.state).toBe('in_doubt');
    next.close();
  });

  it('names a live holder in another process and takes over the lock of a killed one', async () => {
    const dir = folder();
    const child = spawn(
      process.execPath,
      [
        '-e',
        `require('node:fs').writeFileSync(${JSON.stringify(path.join(dir, LOCK_FILE))}, JSON.stringify({ pid: process.pid, since: 'now', command: 'serve' })); console.log('locked'); setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
    expect(lockHolder(dir)).toMatchObject({ pid: child.pid, command: 'serve' });
    const refused = acquireDataLock(dir, 'sync');
    expect(refused).toEqual({ heldBy: { pid: child.pid, since: 'now', command: 'serve' } });
    const reader = open(dir, false);
    expect(reader.lockHeldBy?.pid).toBe(child.pid);
    reader.close();

    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(lockHolder(dir)).toBeNull();
    const taken = acquireDataLock(dir, 'sync');
    expect('lock' in taken).toBe(true);
    if ('lock' in taken) taken.lock.release();
  });
});

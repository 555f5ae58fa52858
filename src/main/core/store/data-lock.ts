/**
 * One process owns a data folder's jobs and outbox. `serve`, the desktop app and `sync` take an
 * exclusive lock (a file created with O_EXCL holding the owner's pid and start time); a second process
 * on the same folder (`status`, `config`, or a second `serve`) does not run jobs, never marks postings
 * in doubt and never sends anything: it reads, and says which process is running.
 *
 * A lock left by a process that no longer runs (a crash, a SIGKILL) is taken over: the pid in it is
 * checked with signal 0.
 */
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'app.lock';

export interface LockHolder {
  pid: number;
  since: string;
  command: string;
}

export interface DataLock {
  readonly file: string;
  release(): void;
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function read(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number'
      ? { pid: parsed.pid, since: String(parsed.since ?? ''), command: String(parsed.command ?? '') }
      : null;
  } catch {
    return null;
  }
}

/** The live process holding the folder's lock, or null when none does. */
export function lockHolder(dataDir: string): LockHolder | null {
  const holder = read(path.join(dataDir, LOCK_FILE));
  return holder && holder.pid !== process.pid && alive(holder.pid) ? holder : null;
}

/**
 * Take the folder's lock for this process, or return the live holder. A stale lock (its process is
 * gone, or the file cannot be read) is replaced.
 */
export function acquireDataLock(dataDir: string, command: string): { lock: DataLock } | { heldBy: LockHolder } {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const content = JSON.stringify({ pid: process.pid, since: new Date().toISOString(), command });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, content);
      fs.closeSync(fd);
      let released = false;
      return {
        lock: {
          file,
          release() {
            if (released) return;
            released = true;
            if (read(file)?.pid === process.pid) fs.rmSync(file, { force: true });
          },
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = read(file);
      // This process itself counts as alive: a second owner within one process is refused too.
      if (holder && (holder.pid === process.pid || alive(holder.pid))) return { heldBy: holder };
      // Stale: the process that wrote it is gone (or wrote nothing readable).
      fs.rmSync(file, { force: true });
    }
  }
  const holder = read(file);
  if (holder) return { heldBy: holder };
  throw new Error(`The data folder lock ${file} could not be taken.`);
}

/** "The app is running (serve, pid 1234, since …)" for messages. */
export function describeHolder(holder: LockHolder): string {
  return `the app is running on this data folder (${holder.command || 'app'}, pid ${holder.pid}, since ${holder.since})`;
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const DATA_DIR_ENV = 'OSS_DATA_DIR';
const APP_FOLDER = 'OngoingSpecterSync';

/** The platform's per-user app-data folder, unless overridden by --data-dir or OSS_DATA_DIR. */
export function resolveDataDir(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home = os.homedir(),
): string {
  if (explicit) return path.resolve(explicit);
  if (env[DATA_DIR_ENV]) return path.resolve(env[DATA_DIR_ENV] as string);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER);
}

/** The data folder and its subfolders: only the user who runs the app may list or enter them. */
export const PRIVATE_DIR_MODE = 0o700;
/** The database, its WAL files and the logs: only the user who runs the app may read or write them. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Create a folder (and missing parents) readable by the current user only, whatever the umask.
 * An existing folder keeps its permissions unless `tighten` is set: the user may have pointed
 * --data-dir at a folder of their own, and the files inside are private either way.
 */
export function ensurePrivateDir(dir: string, options: { tighten?: boolean } = {}): void {
  const existed = fs.existsSync(dir);
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!existed || options.tighten) fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Create the file empty when missing, and make it readable and writable by the current user only. */
export function ensurePrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  fs.chmodSync(file, PRIVATE_FILE_MODE);
}

/** Tighten a file that may exist (e.g. SQLite's -wal and -shm) to the current user only. */
export function makePrivateIfPresent(file: string): void {
  if (fs.existsSync(file)) fs.chmodSync(file, PRIVATE_FILE_MODE);
}

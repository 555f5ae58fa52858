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

/**
 * Gathers what goes into a support bundle from the running core, and writes the bundle into the data
 * folder's `support/` folder (or a given file).
 */
import fs from 'node:fs';
import path from 'node:path';
import { SECRET_NAMES } from '../../../shared/credentials';
import type { ExceptionRepository } from '../repositories/exception-repository';
import type { PostingRepository } from '../repositories/posting-repository';
import type { SettingsRepository } from '../repositories/settings-repository';
import type { SyncRunRepository } from '../repositories/sync-run-repository';
import type { SecretStore } from '../secrets/secret-store';
import { type Db, schemaVersion } from '../store/database';
import { buildSupportBundle, type RecordedCall } from './support-bundle';

const LOG_TAIL_BYTES = 512 * 1024;

export interface SupportSources {
  db: Db;
  dataDir: string;
  settings: SettingsRepository;
  runs: SyncRunRepository;
  exceptions: ExceptionRepository;
  postings: PostingRepository;
  secrets: SecretStore;
  calls: () => RecordedCall[];
  appVersion: string;
  /** Other values that must never appear (e.g. the bridge token). */
  extraSecrets?: () => string[];
}

function logTail(dataDir: string): string {
  const file = path.join(dataDir, 'logs', 'app.log');
  if (!fs.existsSync(file)) return '';
  const size = fs.statSync(file).size;
  const start = Math.max(0, size - LOG_TAIL_BYTES);
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(size - start);
    fs.readSync(fd, buffer, 0, buffer.length, start);
    const text = buffer.toString('utf8');
    // Start at a whole line.
    return start > 0 ? text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    fs.closeSync(fd);
  }
}

/** Build the bundle and write it; returns where it went and how big it is. */
export async function collectSupportBundle(
  sources: SupportSources,
  out?: string,
): Promise<{ file: string; bytes: number }> {
  const secretValues: string[] = [...(sources.extraSecrets?.() ?? [])];
  for (const name of SECRET_NAMES) {
    try {
      const value = await sources.secrets.get(name);
      if (value) secretValues.push(value);
    } catch {
      // A keychain that cannot be read holds nothing this bundle could leak.
    }
  }
  const createdAt = new Date().toISOString();
  const bytes = buildSupportBundle({
    createdAt,
    appVersion: sources.appVersion,
    schemaVersion: schemaVersion(sources.db),
    settings: sources.settings.get(),
    logTail: logTail(sources.dataDir),
    runs: sources.runs.recent(200),
    openProblems: sources.exceptions.list({ state: 'open', limit: 1000 }),
    postingsNotDone: sources.postings.list({
      states: ['proposed', 'held', 'confirmed', 'sending', 'in_doubt', 'failed'],
      limit: 1000,
    }),
    calls: sources.calls(),
    secretValues,
  });
  const file = out ?? path.join(sources.dataDir, 'support', `support-bundle-${createdAt.replace(/[:.]/g, '-')}.zip`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes, { mode: 0o600 });
  return { file, bytes: bytes.length };
}

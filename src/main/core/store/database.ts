import path from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateDir, ensurePrivateFile, makePrivateIfPresent } from '../data-dir';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export const DB_FILE_NAME = 'sync.sqlite';

export interface OpenDatabaseOptions {
  /** Folder holding the database file; created when missing (private to the current user). */
  dataDir: string;
  migrations?: readonly Migration[];
}

/**
 * Open (or create) the app's SQLite file with WAL and a busy timeout, then apply pending migrations.
 * Safe to call on every start: applied migrations are recorded and never run twice.
 */
export function openDatabase(options: OpenDatabaseOptions): Db {
  ensurePrivateDir(options.dataDir);
  const file = path.join(options.dataDir, DB_FILE_NAME);
  // Created 0600 before SQLite opens it; SQLite gives its -wal and -shm files the same mode.
  ensurePrivateFile(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  for (const suffix of ['-wal', '-shm']) makePrivateIfPresent(`${file}${suffix}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  migrate(db, options.migrations ?? MIGRATIONS);
  return db;
}

/**
 * Apply, in version order, every migration not yet recorded; returns the versions applied now. Versions are
 * numbered in blocks per area of the product, so a lower number can arrive after a higher one was applied.
 */
export function migrate(db: Db, migrations: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_version').all() as { version: number }[]).map((r) => r.version),
  );
  const pending = [...migrations].sort((a, b) => a.version - b.version).filter((m) => !applied.has(m.version));
  const insert = db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql);
      insert.run(migration.version, migration.name, new Date().toISOString());
    })();
  }
  return pending.map((m) => m.version);
}

export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, migrate, openDatabase, schemaVersion } from '../../src/main/core/store/database';
import { MIGRATIONS } from '../../src/main/core/store/migrations';
import { AuditLogRepository } from '../../src/main/core/repositories/audit-log-repository';
import { SettingsRepository } from '../../src/main/core/repositories/settings-repository';
import { SyncRunRepository } from '../../src/main/core/repositories/sync-run-repository';
import { WatermarkRepository } from '../../src/main/core/repositories/watermark-repository';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { tempDir } from '../helpers/temp-dir';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function fresh() {
  const t = tempDir('oss-store-');
  cleanup = t.cleanup;
  return t.dir;
}

describe('SQLite store', () => {
  it('creates the file with WAL and a busy timeout, and applies every migration once', () => {
    const dir = fresh();
    const db = openDatabase({ dataDir: dir });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    const rows = db.prepare('SELECT version FROM schema_version').all();
    expect(rows).toHaveLength(MIGRATIONS.length);
    db.close();
  });

  it('is idempotent on restart: no migration runs twice and data survives', () => {
    const dir = fresh();
    const first = openDatabase({ dataDir: dir });
    new WatermarkRepository(first).set('orders', '2026-11-01 10:00:00');
    first.close();
    const second = openDatabase({ dataDir: dir });
    expect(migrate(second, MIGRATIONS)).toEqual([]);
    expect(second.prepare('SELECT COUNT(*) AS n FROM schema_version').get()).toEqual({ n: MIGRATIONS.length });
    expect(new WatermarkRepository(second).get('orders')).toBe('2026-11-01 10:00:00');
    second.close();
  });

  it('applies a migration with a lower number that arrives after a higher one was applied', () => {
    const dir = fresh();
    const db = new Database(path.join(dir, DB_FILE_NAME));
    const a = { version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER);' };
    const c = { version: 30, name: 'c', sql: 'CREATE TABLE c (x INTEGER);' };
    expect(migrate(db, [a, c])).toEqual([1, 30]);
    const b = { version: 20, name: 'b', sql: 'ALTER TABLE a ADD COLUMN y TEXT;' };
    expect(migrate(db, [a, b, c])).toEqual([20]);
    expect(migrate(db, [a, b, c])).toEqual([]);
    expect(db.prepare('SELECT version FROM schema_version ORDER BY version').all()).toEqual([
      { version: 1 },
      { version: 20 },
      { version: 30 },
    ]);
    db.close();
  });

  it('applies only newer migrations, in order, each in its own transaction', () => {
    const dir = fresh();
    const db = new Database(path.join(dir, DB_FILE_NAME));
    expect(migrate(db, [{ version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER);' }])).toEqual([1]);
    const broken = [
      { version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 3, name: 'c', sql: 'CREATE TABLE c (x INTEGER); THIS IS NOT SQL;' },
      { version: 2, name: 'b', sql: 'CREATE TABLE b (x INTEGER);' },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(2);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    expect(tables.map((t) => (t as { name: string }).name)).not.toContain('c');
    db.close();
  });

  it('settings round-trip and fall back to defaults', () => {
    const db = openDatabase({ dataDir: fresh() });
    const repo = new SettingsRepository(db);
    expect(repo.get()).toEqual(DEFAULT_SETTINGS);
    repo.save({ ...DEFAULT_SETTINGS, ongoing: { warehouse: 'lager1', user: 'WSI1', goodsOwnerId: 7 } });
    expect(repo.get().ongoing).toEqual({ warehouse: 'lager1', user: 'WSI1', goodsOwnerId: 7 });
    db.prepare('UPDATE settings SET value = \'{"language":"fr"}\'').run();
    expect(repo.get()).toEqual(DEFAULT_SETTINGS);
    db.close();
  });

  it('records sync runs and marks crashed ones interrupted', () => {
    const db = openDatabase({ dataDir: fresh() });
    const runs = new SyncRunRepository(db);
    const done = runs.start('articles');
    runs.finish(done, 'ok', { fetched: 3, created: 2, unchanged: 1 });
    runs.start('orders');
    expect(runs.markInterrupted()).toBe(1);
    const recent = runs.recent();
    expect(recent.map((r) => [r.job, r.status])).toEqual([
      ['orders', 'interrupted'],
      ['articles', 'ok'],
    ]);
    expect(recent[1]?.counts).toEqual({ fetched: 3, created: 2, unchanged: 1 });
    db.close();
  });

  it('audit log redacts secret-named fields before writing', () => {
    const db = openDatabase({ dataDir: fresh() });
    const audit = new AuditLogRepository(db);
    audit.append({ actor: 'operator', action: 'x', details: { key: 'abc123', nested: { password: 'p4ss', ok: 1 } } });
    const [entry] = audit.recent();
    expect(entry?.details).toEqual({ key: '[redacted]', nested: { password: '[redacted]', ok: 1 } });
    db.close();
  });
});

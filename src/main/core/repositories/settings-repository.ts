import { DEFAULT_SETTINGS, mergeSettings, type Settings, settingsPatchSchema } from '../../../shared/settings';
import type { Db } from '../store/database';

const KEY = 'app';

/** Settings as one JSON document; unknown or invalid stored fields fall back to defaults. */
export class SettingsRepository {
  constructor(private readonly db: Db) {}

  get(): Settings {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    if (!row) return DEFAULT_SETTINGS;
    const parsed = settingsPatchSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? mergeSettings(DEFAULT_SETTINGS, parsed.data) : DEFAULT_SETTINGS;
  }

  save(settings: Settings): void {
    this.db
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(KEY, JSON.stringify(settings), new Date().toISOString());
  }

  /** Small internal values kept beside the settings (e.g. paused jobs); never secrets. */
  getValue<T>(key: string, fallback: T): T {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(`internal:${key}`) as
      | { value: string }
      | undefined;
    return row ? (JSON.parse(row.value) as T) : fallback;
  }

  setValue(key: string, value: unknown): void {
    this.db
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(`internal:${key}`, JSON.stringify(value), new Date().toISOString());
  }
}

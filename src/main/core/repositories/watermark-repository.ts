import type { Db } from '../store/database';

/**
 * Per-job watermarks ("changed since"). Callers move a watermark inside the same transaction that
 * records what was fetched, so a crash can never skip records.
 */
export class WatermarkRepository {
  constructor(private readonly db: Db) {}

  get(job: string): string | null {
    const row = this.db.prepare('SELECT value FROM watermarks WHERE job = ?').get(job) as { value: string } | undefined;
    return row?.value ?? null;
  }

  set(job: string, value: string): void {
    this.db
      .prepare(
        `INSERT INTO watermarks (job, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(job) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(job, value, new Date().toISOString());
  }

  all(): Record<string, string> {
    const rows = this.db.prepare('SELECT job, value FROM watermarks').all() as { job: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.job, r.value]));
  }
}

import type { StockReport } from '../../../shared/domain/postings';
import type { Db } from '../store/database';

/** Stored stock comparisons (stock_snapshots); the latest one is what the Stock page shows. */
export class StockSnapshotRepository {
  constructor(private readonly db: Db) {}

  save(report: StockReport): number {
    const result = this.db
      .prepare('INSERT INTO stock_snapshots (taken_at, stock_site_id, rows) VALUES (?, ?, ?)')
      .run(report.generatedAt ?? new Date().toISOString(), report.stockSiteId, JSON.stringify(report.rows));
    // Keep the history bounded: the last 50 comparisons are plenty to look back on.
    this.db
      .prepare('DELETE FROM stock_snapshots WHERE id NOT IN (SELECT id FROM stock_snapshots ORDER BY id DESC LIMIT 50)')
      .run();
    return Number(result.lastInsertRowid);
  }

  latest(): StockReport | null {
    const row = this.db.prepare('SELECT * FROM stock_snapshots ORDER BY id DESC LIMIT 1').get() as
      | { taken_at: string; stock_site_id: string; rows: string }
      | undefined;
    if (!row) return null;
    return { generatedAt: row.taken_at, stockSiteId: row.stock_site_id, rows: JSON.parse(row.rows) };
  }
}

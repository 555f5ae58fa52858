import type { Db } from '../store/database';
import type { SendSnapshot } from './in-doubt';

/**
 * What Specter showed right before a posting was sent (postings.send_snapshot), kept so that a send
 * without a clear answer can be judged by comparing before and after.
 */
export class SendSnapshotStore {
  constructor(private readonly db: Db) {}

  save(postingId: number, snapshot: SendSnapshot): void {
    this.db.prepare('UPDATE postings SET send_snapshot = ? WHERE id = ?').run(JSON.stringify(snapshot), postingId);
  }

  get(postingId: number): SendSnapshot | null {
    const row = this.db.prepare('SELECT send_snapshot AS s FROM postings WHERE id = ?').get(postingId) as
      | { s: string | null }
      | undefined;
    if (!row?.s) return null;
    try {
      const parsed = JSON.parse(row.s) as SendSnapshot;
      return parsed && typeof parsed.rows === 'object' && Array.isArray(parsed.deliveries) ? parsed : null;
    } catch {
      return null;
    }
  }
}

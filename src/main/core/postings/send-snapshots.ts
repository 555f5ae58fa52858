import type { Db } from '../store/database';
import type { SendSnapshot } from './in-doubt';

/**
 * What Specter showed right before a posting was sent (postings.send_snapshot), kept so that a send
 * without a clear answer can be judged by comparing before and after; and what the outbox has learned
 * about Specter's answers.
 */
export class SendSnapshotStore {
  constructor(private readonly db: Db) {}

  save(postingId: number, snapshot: SendSnapshot): void {
    this.db.prepare('UPDATE postings SET send_snapshot = ? WHERE id = ?').run(JSON.stringify(snapshot), postingId);
  }

  /**
   * Whether Specter has been seen to keep the reference text sent with a submit (a delivery read back
   * carried one of the app's idempotency keys). Until then, a delivery without the app's reference is
   * not taken as someone else's.
   */
  referencesKept(): boolean {
    return this.db.prepare("SELECT 1 FROM remote_facts WHERE name = 'specter.referencesKept'").get() !== undefined;
  }

  learnReferencesKept(at: string): void {
    this.db
      .prepare(
        "INSERT INTO remote_facts (name, value, learned_at) VALUES ('specter.referencesKept', 'true', ?) ON CONFLICT (name) DO NOTHING",
      )
      .run(at);
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

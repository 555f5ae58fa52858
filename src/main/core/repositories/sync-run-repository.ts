import { isMessageCode, type MessageRef } from '../../../shared/messages';
import type { Db } from '../store/database';

export type SyncRunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'interrupted';

export interface SyncRun {
  id: number;
  job: string;
  startedAt: string;
  finishedAt: string | null;
  status: SyncRunStatus;
  dryRun: boolean;
  counts: Record<string, number>;
  error: string | null;
  errorRefs: MessageRef[];
}

interface SyncRunRow {
  id: number;
  job: string;
  started_at: string;
  finished_at: string | null;
  status: SyncRunStatus;
  dry_run: number;
  counts: string;
  error: string | null;
  error_refs: string;
}

const toRun = (r: SyncRunRow): SyncRun => ({
  id: r.id,
  job: r.job,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  status: r.status,
  dryRun: r.dry_run === 1,
  counts: JSON.parse(r.counts) as Record<string, number>,
  error: r.error,
  // A code this version does not know (a newer version wrote it) is left out rather than shown raw.
  errorRefs: (JSON.parse(r.error_refs) as MessageRef[]).filter((ref) => isMessageCode(ref.code)),
});

export class SyncRunRepository {
  constructor(private readonly db: Db) {}

  start(job: string, dryRun = false, at = new Date()): number {
    const result = this.db
      .prepare('INSERT INTO sync_runs (job, started_at, status, dry_run) VALUES (?, ?, ?, ?)')
      .run(job, at.toISOString(), 'running', dryRun ? 1 : 0);
    return Number(result.lastInsertRowid);
  }

  finish(
    id: number,
    status: Exclude<SyncRunStatus, 'running'>,
    counts: Record<string, number>,
    error?: string,
    errorRefs: MessageRef[] = [],
  ): void {
    this.db
      .prepare('UPDATE sync_runs SET finished_at = ?, status = ?, counts = ?, error = ?, error_refs = ? WHERE id = ?')
      .run(new Date().toISOString(), status, JSON.stringify(counts), error ?? null, JSON.stringify(errorRefs), id);
  }

  /** Runs left 'running' by a crash are marked interrupted at start-up. */
  markInterrupted(): number {
    return this.db
      .prepare(`UPDATE sync_runs SET status = 'interrupted', finished_at = ? WHERE status = 'running'`)
      .run(new Date().toISOString()).changes;
  }

  recent(limit = 50, job?: string): SyncRun[] {
    const rows = (
      job
        ? this.db.prepare('SELECT * FROM sync_runs WHERE job = ? ORDER BY id DESC LIMIT ?').all(job, limit)
        : this.db.prepare('SELECT * FROM sync_runs ORDER BY id DESC LIMIT ?').all(limit)
    ) as SyncRunRow[];
    return rows.map(toRun);
  }
}

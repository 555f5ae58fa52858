import type { AuditRecord } from '../../../shared/api';
import { redact } from '../logging/redact';
import type { Db } from '../store/database';

/** An audit entry as the API returns it. */
export type AuditEntry = AuditRecord;

/** Append-only record of who did what. Details are redacted before they are written. */
export class AuditLogRepository {
  constructor(private readonly db: Db) {}

  append(entry: { actor: string; action: string; subject?: string; details?: Record<string, unknown> }): number {
    const result = this.db
      .prepare('INSERT INTO audit_log (at, actor, action, subject, details) VALUES (?, ?, ?, ?, ?)')
      .run(
        new Date().toISOString(),
        entry.actor,
        entry.action,
        entry.subject ?? null,
        JSON.stringify(redact(entry.details ?? {})),
      );
    return Number(result.lastInsertRowid);
  }

  recent(limit = 100): AuditEntry[] {
    const rows = this.db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as {
      id: number;
      at: string;
      actor: string;
      action: string;
      subject: string | null;
      details: string;
    }[];
    return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
  }
}

import type { AuditRecord } from '../../../shared/api';
import { AUDIT_ERROR_STEPS, AUDIT_FLOWS, type AuditFlow, type AuditPage } from '../../../shared/tracker';
import { redact } from '../logging/redact';
import type { Db } from '../store/database';

/** An audit entry as the API returns it. */
export type AuditEntry = AuditRecord;

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: string;
}

const toEntry = (r: AuditRow): AuditEntry => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> });

export interface AuditQuery {
  /** Matches the subject (order/purchase number) and the details (article numbers, ids). */
  search?: string;
  errorsOnly?: boolean;
  flow?: AuditFlow;
  /** ISO times (inclusive from, exclusive to). */
  from?: string;
  to?: string;
  /** Keyset paging: only entries older than this id. */
  before?: number;
  limit?: number;
}

const likeEscape = (text: string) => text.replace(/[!%_]/g, (c) => `!${c}`);

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
    const rows = this.db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as AuditRow[];
    return rows.map(toEntry);
  }

  /** One page, newest first, walked by id (keyset) so a page deep in a large log costs the same as the first. */
  page(query: AuditQuery): AuditPage {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: (query.limit ?? 100) + 1 };
    if (query.before !== undefined) {
      where.push('id < @before');
      params.before = query.before;
    }
    if (query.from) {
      where.push('at >= @from');
      params.from = query.from;
    }
    if (query.to) {
      where.push('at < @to');
      params.to = query.to;
    }
    if (query.flow) {
      const prefixes = AUDIT_FLOWS[query.flow].map((p, i) => {
        params[`flow${i}`] = `${likeEscape(p)}%`;
        return `action LIKE @flow${i} ESCAPE '!'`;
      });
      where.push(`(${prefixes.join(' OR ')})`);
    }
    if (query.errorsOnly) {
      const steps = AUDIT_ERROR_STEPS.map((s, i) => {
        params[`err${i}`] = `%.${likeEscape(s)}`;
        return `action LIKE @err${i} ESCAPE '!'`;
      });
      where.push(`(${steps.join(' OR ')})`);
    }
    if (query.search?.trim()) {
      params.search = `%${likeEscape(query.search.trim())}%`;
      where.push("(subject LIKE @search ESCAPE '!' OR details LIKE @search ESCAPE '!')");
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = this.db
      .prepare(`SELECT * FROM audit_log ${clause} ORDER BY id DESC LIMIT @limit`)
      .all(params) as AuditRow[];
    const more = rows.length > (query.limit ?? 100);
    const page = more ? rows.slice(0, -1) : rows;
    return { rows: page.map(toEntry), nextBefore: more ? (page[page.length - 1]?.id ?? null) : null };
  }

  get(id: number): AuditEntry | null {
    const row = this.db.prepare('SELECT * FROM audit_log WHERE id = ?').get(id) as AuditRow | undefined;
    return row ? toEntry(row) : null;
  }

  /** Entries whose subject is one of these, newest first (the postings of one order). */
  bySubjects(subjects: readonly string[], limit = 500): AuditEntry[] {
    if (subjects.length === 0) return [];
    const marks = subjects.map(() => '?').join(', ');
    const rows = this.db
      .prepare(`SELECT * FROM audit_log WHERE subject IN (${marks}) ORDER BY id DESC LIMIT ?`)
      .all(...subjects, limit) as AuditRow[];
    return rows.map(toEntry);
  }

  /**
   * The latest entry before `id` about the same document (subject "<kind> #<posting> <number>", any
   * posting of that number) that carried a payload.
   */
  previousWithPayload(id: number, kind: string, number: string): AuditEntry | null {
    const rows = this.db
      .prepare(
        `SELECT * FROM audit_log WHERE id < ? AND subject LIKE ? ESCAPE '!' AND details LIKE '%"payload"%'
         ORDER BY id DESC LIMIT 50`,
      )
      .all(id, `${likeEscape(kind)} #% ${likeEscape(number)}`) as AuditRow[];
    const suffix = ` ${number}`;
    const match = rows.find((r) => r.subject?.endsWith(suffix) && /^\S+ #\d+ /.test(r.subject));
    return match ? toEntry(match) : null;
  }
}

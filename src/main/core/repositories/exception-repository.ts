import type { ExceptionClass, FieldDifference, JobName, SyncException } from '../../../shared/domain/sync';
import { isMessageCode, type MessageCode, type MessageParams } from '../../../shared/messages';
import type { Db } from '../store/database';

interface ExceptionRow {
  id: number;
  flow: JobName;
  record_key: string;
  class: ExceptionClass;
  message: string;
  differences: string;
  state: SyncException['state'];
  reason: string | null;
  first_seen: string;
  last_seen: string;
  occurrences: number;
  code: string;
  params: string;
}

const toException = (r: ExceptionRow): SyncException => ({
  id: r.id,
  flow: r.flow,
  recordKey: r.record_key,
  class: r.class,
  message: r.message,
  differences: JSON.parse(r.differences) as FieldDifference[],
  state: r.state,
  reason: r.reason,
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
  occurrences: r.occurrences,
  // Entries stored before messages had codes (or with a code this version does not know) have none.
  ref: isMessageCode(r.code) ? { code: r.code, params: JSON.parse(r.params) as MessageParams } : null,
});

/**
 * The exception inbox: one open entry per (flow, record, class). A repeat of the same problem bumps
 * its counter; a later successful run for the record clears it automatically.
 */
export class ExceptionRepository {
  private readonly clearRecordStatement;

  constructor(private readonly db: Db) {
    // Prepared once: every successful record clears its exceptions.
    this.clearRecordStatement = db.prepare(
      `UPDATE exceptions SET state = 'resolved', reason = 'cleared by a successful run', last_seen = ?
       WHERE flow = ? AND record_key = ? AND state = 'open'`,
    );
  }

  raise(e: {
    flow: JobName;
    recordKey: string;
    class: ExceptionClass;
    message: string;
    differences?: FieldDifference[];
    /** A message code and its parameters (record, field, raw value, …) beside the English text. */
    code?: MessageCode;
    params?: MessageParams;
  }) {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO exceptions (flow, record_key, class, message, differences, code, params, first_seen, last_seen)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (flow, record_key, class) WHERE state = 'open' DO UPDATE SET
           message = excluded.message, differences = excluded.differences, code = excluded.code,
           params = excluded.params, last_seen = excluded.last_seen, occurrences = occurrences + 1`,
      )
      .run(
        e.flow,
        e.recordKey,
        e.class,
        e.message,
        JSON.stringify(e.differences ?? []),
        e.code ?? '',
        JSON.stringify(e.params ?? {}),
        now,
        now,
      );
  }

  /** A record went through: its open exceptions (all classes, or the given ones) are resolved. */
  clear(flow: JobName, recordKey: string, classes?: ExceptionClass[]): number {
    if (!classes?.length) return this.clearRecordStatement.run(new Date().toISOString(), flow, recordKey).changes;
    const filter = classes?.length ? `AND class IN (${classes.map(() => '?').join(', ')})` : '';
    return this.db
      .prepare(
        `UPDATE exceptions SET state = 'resolved', reason = 'cleared by a successful run', last_seen = ?
         WHERE flow = ? AND record_key = ? AND state = 'open' ${filter}`,
      )
      .run(new Date().toISOString(), flow, recordKey, ...(classes ?? [])).changes;
  }

  /** Connection/auth problems are per job, not per record: clear them when the job reaches the system again. */
  clearClass(flow: JobName, cls: ExceptionClass): number {
    return this.db
      .prepare(
        `UPDATE exceptions SET state = 'resolved', reason = 'cleared by a successful run', last_seen = ?
         WHERE flow = ? AND class = ? AND state = 'open'`,
      )
      .run(new Date().toISOString(), flow, cls).changes;
  }

  decide(id: number, state: 'resolved' | 'ignored' | 'open', reason: string | null): SyncException | null {
    this.db
      .prepare('UPDATE exceptions SET state = ?, reason = ?, last_seen = ? WHERE id = ?')
      .run(state, reason, new Date().toISOString(), id);
    return this.get(id);
  }

  get(id: number): SyncException | null {
    const row = this.db.prepare('SELECT * FROM exceptions WHERE id = ?').get(id) as ExceptionRow | undefined;
    return row ? toException(row) : null;
  }

  /** Open exceptions per flow. */
  openCounts(): Record<string, number> {
    const rows = this.db
      .prepare("SELECT flow, COUNT(*) AS n FROM exceptions WHERE state = 'open' GROUP BY flow")
      .all() as { flow: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.flow, r.n]));
  }

  list(options: { state?: SyncException['state']; flow?: JobName; limit?: number } = {}): SyncException[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.state) {
      where.push('state = ?');
      params.push(options.state);
    }
    if (options.flow) {
      where.push('flow = ?');
      params.push(options.flow);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = this.db
      .prepare(`SELECT * FROM exceptions ${clause} ORDER BY last_seen DESC LIMIT ?`)
      .all(...params, options.limit ?? 500) as ExceptionRow[];
    return rows.map(toException);
  }

  /** The code and parameters stored with an exception's message. */
  codeOf(id: number): { code: string; params: Record<string, string | number> } | null {
    const row = this.db.prepare('SELECT code, params FROM exceptions WHERE id = ?').get(id) as
      | { code: string; params: string }
      | undefined;
    return row ? { code: row.code, params: JSON.parse(row.params) as Record<string, string | number> } : null;
  }

  /** Records of a job with an open validation or refusal exception: re-read and retried on every run. */
  openRetryKeys(flow: JobName): Set<string> {
    const rows = this.db
      .prepare(
        `SELECT DISTINCT record_key AS key FROM exceptions
         WHERE flow = ? AND state = 'open' AND class IN ('validation', 'remote_refusal') AND record_key <> '*'`,
      )
      .all(flow) as { key: string }[];
    return new Set(rows.map((r) => r.key));
  }

  openFor(flow: JobName, recordKey: string): SyncException[] {
    const rows = this.db
      .prepare(`SELECT * FROM exceptions WHERE flow = ? AND record_key = ? AND state = 'open'`)
      .all(flow, recordKey) as ExceptionRow[];
    return rows.map(toException);
  }
}

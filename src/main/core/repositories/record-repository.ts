import type { RecordPage, RecordState, SyncedRecord } from '../../../shared/domain/sync';
import { isMessageCode, type MessageRef } from '../../../shared/messages';
import type { Db } from '../store/database';

type Flow = SyncedRecord['flow'];

interface RecordRow {
  flow: Flow;
  key: string;
  specter_id: string;
  ongoing_id: number | null;
  state: RecordState;
  ongoing_status: number | null;
  ongoing_status_text: string;
  ongoing_status_at?: string | null;
  payload_hash: string | null;
  specter_changed: string;
  summary: string;
  message: string;
  message_ref: string | null;
  last_sent_at: string | null;
  updated_at: string;
}

function readRef(json: string | null): MessageRef | null {
  if (!json) return null;
  const ref = JSON.parse(json) as MessageRef;
  return isMessageCode(ref.code) ? ref : null;
}

export interface StoredRecord extends SyncedRecord {
  /** Hash of the last payload Ongoing accepted; an unchanged record sends nothing. */
  payloadHash: string | null;
  specterChanged: string;
}

const toRecord = (r: RecordRow): StoredRecord => ({
  flow: r.flow,
  key: r.key,
  specterId: r.specter_id,
  ongoingId: r.ongoing_id,
  state: r.state,
  ongoingStatus: r.ongoing_status,
  ongoingStatusText: r.ongoing_status_text,
  ongoingStatusAt: r.ongoing_status_at ?? null,
  summary: JSON.parse(r.summary) as Record<string, string | number>,
  message: r.message,
  messageRef: readRef(r.message_ref),
  lastSentAt: r.last_sent_at,
  updatedAt: r.updated_at,
  payloadHash: r.payload_hash,
  specterChanged: r.specter_changed,
});

export interface RecordUpsert {
  flow: Flow;
  key: string;
  specterId?: string;
  ongoingId?: number | null;
  state: RecordState;
  ongoingStatus?: number | null;
  ongoingStatusText?: string;
  payloadHash?: string | null;
  specterChanged?: string;
  summary?: Record<string, string | number>;
  message?: string;
  messageRef?: MessageRef | null;
  sent?: boolean;
}

/** The parts of a stored record a job decides on (read with one prepared statement per call). */
export interface RecordView {
  key: string;
  specterId: string;
  ongoingId: number | null;
  state: RecordState;
  ongoingStatus: number | null;
  payloadHash: string | null;
  specterChanged: string;
  message: string;
}

/** The link between a Specter record and its Ongoing twin, with the hash of what was last sent. */
export class RecordRepository {
  private readonly getStatement;
  private readonly upsertStatement;
  private readonly viewStatement;

  constructor(private readonly db: Db) {
    // Prepared once: the sync jobs call get/upsert once per record.
    this.getStatement = db.prepare('SELECT * FROM records WHERE flow = ? AND key = ?');
    this.viewStatement = db.prepare(
      `SELECT key, specter_id, ongoing_id, state, ongoing_status, payload_hash, specter_changed, message
       FROM records WHERE flow = ? AND key = ?`,
    );
    this.upsertStatement = db.prepare(
      `INSERT INTO records (flow, key, specter_id, ongoing_id, state, ongoing_status, ongoing_status_text,
         payload_hash, specter_changed, summary, message, message_ref, last_sent_at, updated_at)
       VALUES (@flow, @key, @specter_id, @ongoing_id, @state, @ongoing_status, @ongoing_status_text,
         @payload_hash, @specter_changed, @summary, @message, @message_ref, @last_sent_at, @updated_at)
       ON CONFLICT(flow, key) DO UPDATE SET specter_id = excluded.specter_id, ongoing_id = excluded.ongoing_id,
         state = excluded.state, ongoing_status = excluded.ongoing_status,
         ongoing_status_text = excluded.ongoing_status_text, payload_hash = excluded.payload_hash,
         specter_changed = excluded.specter_changed, summary = excluded.summary, message = excluded.message,
         message_ref = excluded.message_ref,
         last_sent_at = excluded.last_sent_at, updated_at = excluded.updated_at`,
    );
  }

  /** The decision fields of one record; cheaper than get() in a job's hot loop. */
  view(flow: Flow, key: string): RecordView | null {
    const row = this.viewStatement.get(flow, key) as RecordRow | undefined;
    if (!row) return null;
    return {
      key: row.key,
      specterId: row.specter_id,
      ongoingId: row.ongoing_id,
      state: row.state,
      ongoingStatus: row.ongoing_status,
      payloadHash: row.payload_hash,
      specterChanged: row.specter_changed,
      message: row.message,
    };
  }

  /** Article numbers Ongoing has (articles this app created or updated there). */
  knownArticleNumbers(): Set<string> {
    const rows = this.db
      .prepare(`SELECT key FROM records WHERE flow = 'articles' AND ongoing_id IS NOT NULL`)
      .all() as { key: string }[];
    return new Set(rows.map((r) => r.key));
  }

  /** Run writes in one transaction (the engine's record step groups record writes with the watermark). */
  transaction(writes: () => void): void {
    this.db.transaction(writes)();
  }

  get(flow: Flow, key: string): StoredRecord | null {
    const row = this.getStatement.get(flow, key) as RecordRow | undefined;
    return row ? toRecord(row) : null;
  }

  byOngoingId(flow: Flow, ongoingId: number): StoredRecord | null {
    const row = this.db.prepare('SELECT * FROM records WHERE flow = ? AND ongoing_id = ?').get(flow, ongoingId) as
      | RecordRow
      | undefined;
    return row ? toRecord(row) : null;
  }

  /** Insert or update; fields left undefined keep their stored value. */
  upsert(u: RecordUpsert): StoredRecord {
    const current = this.get(u.flow, u.key);
    const now = new Date().toISOString();
    const next: RecordRow = {
      flow: u.flow,
      key: u.key,
      specter_id: u.specterId ?? current?.specterId ?? '',
      ongoing_id: u.ongoingId !== undefined ? u.ongoingId : (current?.ongoingId ?? null),
      state: u.state,
      ongoing_status: u.ongoingStatus !== undefined ? u.ongoingStatus : (current?.ongoingStatus ?? null),
      ongoing_status_text: u.ongoingStatusText ?? current?.ongoingStatusText ?? '',
      payload_hash: u.payloadHash !== undefined ? u.payloadHash : (current?.payloadHash ?? null),
      specter_changed: u.specterChanged ?? current?.specterChanged ?? '',
      summary: JSON.stringify(u.summary ?? current?.summary ?? {}),
      message: u.message ?? '',
      message_ref: u.messageRef ? JSON.stringify(u.messageRef) : null,
      last_sent_at: u.sent ? now : (current?.lastSentAt ?? null),
      updated_at: now,
    };
    this.upsertStatement.run(next);
    return toRecord(next);
  }

  /**
   * The warehouse status just read from Ongoing for a record this app knows (by Ongoing id, else by key).
   * Only a changed status is written, so reading the same status on every run costs one SELECT.
   * Returns false when no record matches.
   */
  setOngoingStatus(
    flow: Flow,
    ref: { ongoingId: number; key: string },
    status: { number: number; text: string },
  ): boolean {
    const row = this.db
      .prepare(
        `SELECT key, ongoing_status, ongoing_status_text FROM records
         WHERE flow = @flow AND (ongoing_id = @ongoingId OR key = @key) ORDER BY ongoing_id = @ongoingId DESC LIMIT 1`,
      )
      .get({ flow, ongoingId: ref.ongoingId, key: ref.key }) as
      | Pick<RecordRow, 'key' | 'ongoing_status' | 'ongoing_status_text'>
      | undefined;
    if (!row) return false;
    if (row.ongoing_status === status.number && row.ongoing_status_text === status.text) return true;
    this.db
      .prepare(
        `UPDATE records SET ongoing_status = ?, ongoing_status_text = ?, ongoing_status_at = ?
         WHERE flow = ? AND key = ?`,
      )
      .run(status.number, status.text, new Date().toISOString(), flow, row.key);
    return true;
  }

  /** A page of records for the UI; `search` matches the key and the summary text. */
  page(options: { flow: Flow; search?: string; state?: RecordState; offset?: number; limit?: number }): RecordPage {
    const where = ['flow = @flow'];
    const params: Record<string, unknown> = { flow: options.flow };
    if (options.state) {
      where.push('state = @state');
      params.state = options.state;
    }
    if (options.search) {
      where.push("(key LIKE @search ESCAPE '!' OR summary LIKE @search ESCAPE '!')");
      params.search = `%${options.search.replace(/[!%_]/g, (c) => `!${c}`)}%`;
    }
    const clause = where.join(' AND ');
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM records WHERE ${clause}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT * FROM records WHERE ${clause} ORDER BY updated_at DESC, key LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: options.limit ?? 200, offset: options.offset ?? 0 }) as RecordRow[];
    return { total, rows: rows.map(toRecord) };
  }

  countByState(flow: Flow): Partial<Record<RecordState, number>> {
    const rows = this.db
      .prepare('SELECT state, COUNT(*) AS n FROM records WHERE flow = ? GROUP BY state')
      .all(flow) as {
      state: RecordState;
      n: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  }
}

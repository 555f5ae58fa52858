/**
 * Numbered, append-only schema migrations. Never edit or reorder a released entry: add a new one.
 * Each runs in its own transaction together with the schema_version row that records it.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'settings, watermarks, sync runs, audit log',
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE watermarks (
        job TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE sync_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        job TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'partial', 'failed', 'interrupted')),
        dry_run INTEGER NOT NULL DEFAULT 0,
        counts TEXT NOT NULL DEFAULT '{}',
        error TEXT
      );
      CREATE INDEX sync_runs_job_started ON sync_runs (job, started_at DESC);
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT,
        details TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_log_at ON audit_log (at DESC);
    `,
  },
  {
    version: 2,
    name: 'synced records, exception inbox, postings outbox, stock snapshots, pending batches',
    sql: `
      CREATE TABLE records (
        flow TEXT NOT NULL CHECK (flow IN ('articles', 'orders', 'purchaseOrders')),
        key TEXT NOT NULL,
        specter_id TEXT NOT NULL DEFAULT '',
        ongoing_id INTEGER,
        state TEXT NOT NULL,
        ongoing_status INTEGER,
        ongoing_status_text TEXT NOT NULL DEFAULT '',
        payload_hash TEXT,
        specter_changed TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '{}',
        message TEXT NOT NULL DEFAULT '',
        last_sent_at TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (flow, key)
      );
      CREATE INDEX records_flow_state ON records (flow, state);
      CREATE INDEX records_ongoing_id ON records (flow, ongoing_id);

      CREATE TABLE exceptions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        flow TEXT NOT NULL,
        record_key TEXT NOT NULL,
        class TEXT NOT NULL CHECK (class IN ('connection', 'auth', 'validation', 'conflict', 'remote_refusal')),
        message TEXT NOT NULL,
        differences TEXT NOT NULL DEFAULT '[]',
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved', 'ignored')),
        reason TEXT,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        occurrences INTEGER NOT NULL DEFAULT 1
      );
      CREATE UNIQUE INDEX exceptions_open_unique ON exceptions (flow, record_key, class) WHERE state = 'open';

      CREATE TABLE postings (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('delivery', 'receipt')),
        idempotency_key TEXT NOT NULL UNIQUE,
        ongoing_id INTEGER NOT NULL,
        specter_id TEXT NOT NULL,
        number TEXT NOT NULL,
        counterpart TEXT NOT NULL DEFAULT '',
        delivery_date TEXT NOT NULL,
        packet_no TEXT NOT NULL DEFAULT '',
        tracking_url TEXT NOT NULL DEFAULT '',
        send_email INTEGER NOT NULL DEFAULT 0,
        create_invoice INTEGER NOT NULL DEFAULT 0,
        rows TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('proposed', 'held', 'rejected', 'confirmed', 'sending', 'done', 'failed', 'in_doubt')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        ack_state TEXT NOT NULL DEFAULT 'pending' CHECK (ack_state IN ('pending', 'done', 'failed')),
        decided_by TEXT,
        decided_at TEXT,
        reason TEXT,
        specter_result_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX postings_kind_state ON postings (kind, state);
      CREATE INDEX postings_ongoing ON postings (kind, ongoing_id);

      CREATE TABLE stock_snapshots (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        taken_at TEXT NOT NULL,
        stock_site_id TEXT NOT NULL,
        rows TEXT NOT NULL
      );

      CREATE TABLE pending_batches (
        feed TEXT PRIMARY KEY,
        batch_no TEXT NOT NULL,
        received_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'postings: Specter state read just before each send',
    sql: `
      ALTER TABLE postings ADD COLUMN send_snapshot TEXT;
    `,
  },
  {
    version: 4,
    name: 'postings: evidence of the last in-doubt check, the earlier postings a proposal was built on; facts learned about the remote systems',
    sql: `
      ALTER TABLE postings ADD COLUMN evidence TEXT;
      ALTER TABLE postings ADD COLUMN depends_on TEXT NOT NULL DEFAULT '[]';
      CREATE TABLE remote_facts (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        learned_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'exceptions: a message code and its parameters beside the text',
    sql: `
      ALTER TABLE exceptions ADD COLUMN code TEXT NOT NULL DEFAULT '';
      ALTER TABLE exceptions ADD COLUMN params TEXT NOT NULL DEFAULT '{}';
    `,
  },
  {
    version: 6,
    name: 'runs and postings: their problem as message codes with parameters beside the text',
    sql: `
      ALTER TABLE sync_runs ADD COLUMN error_refs TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE postings ADD COLUMN last_error_ref TEXT;
      ALTER TABLE records ADD COLUMN message_ref TEXT;
    `,
  },
  {
    version: 30,
    name: 'records: when the warehouse status was read; audit log looked up by subject and action',
    sql: `
      ALTER TABLE records ADD COLUMN ongoing_status_at TEXT;
      CREATE INDEX audit_log_subject ON audit_log (subject, id);
      CREATE INDEX audit_log_action ON audit_log (action, id);
    `,
  },
];

import type { InDoubtEvidence, Posting, PostingKind, PostingRow, PostingState } from '../../../shared/domain/postings';
import { isMessageCode, type MessageRef, type Notice, notice } from '../../../shared/messages';
import type { Db } from '../store/database';

/** A stored message reference, or null when there is none or this version does not know its code. */
function readRef(json: string | null): MessageRef | null {
  if (!json) return null;
  const ref = JSON.parse(json) as MessageRef;
  return isMessageCode(ref.code) ? ref : null;
}

const refJson = (n: Notice | null): string | null => (n ? JSON.stringify({ code: n.code, params: n.params }) : null);

interface PostingDbRow {
  id: number;
  kind: PostingKind;
  idempotency_key: string;
  ongoing_id: number;
  specter_id: string;
  number: string;
  counterpart: string;
  delivery_date: string;
  packet_no: string;
  tracking_url: string;
  send_email: number;
  create_invoice: number;
  rows: string;
  state: PostingState;
  attempts: number;
  last_error: string | null;
  last_error_ref: string | null;
  ack_state: Posting['ackState'];
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
  specter_result_id: string | null;
  evidence: string | null;
  created_at: string;
  updated_at: string;
}

const toPosting = (r: PostingDbRow): Posting => ({
  id: r.id,
  kind: r.kind,
  idempotencyKey: r.idempotency_key,
  ongoingId: r.ongoing_id,
  specterId: r.specter_id,
  number: r.number,
  counterpart: r.counterpart,
  deliveryDate: r.delivery_date,
  packetNo: r.packet_no,
  trackingUrl: r.tracking_url,
  sendEmail: r.send_email === 1,
  createInvoice: r.create_invoice === 1,
  rows: JSON.parse(r.rows) as PostingRow[],
  state: r.state,
  attempts: r.attempts,
  lastError: r.last_error,
  lastErrorRef: readRef(r.last_error_ref),
  ackState: r.ack_state,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  reason: r.reason,
  specterResultId: r.specter_result_id,
  waitingFor: null,
  evidence: r.evidence ? (JSON.parse(r.evidence) as InDoubtEvidence) : null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** What changed, as told to PostingRepository.onChange listeners. */
export interface PostingChange {
  id: number;
  kind: PostingKind;
  state: PostingState;
  ackState: Posting['ackState'];
}

export type NewPosting = Omit<
  Posting,
  | 'id'
  | 'state'
  | 'attempts'
  | 'lastError'
  | 'lastErrorRef'
  | 'ackState'
  | 'decidedBy'
  | 'decidedAt'
  | 'reason'
  | 'specterResultId'
  | 'waitingFor'
  | 'evidence'
  | 'createdAt'
  | 'updatedAt'
>;

/**
 * The outbox of Specter postings. Every state change is a compare-and-set on the current state, so two
 * callers (a scheduled run and an operator click, or a run restarted after a crash) can never both send.
 */
export class PostingRepository {
  private readonly listeners = new Set<(change: PostingChange) => void>();

  constructor(private readonly db: Db) {}

  /** Hear about every change of a posting (state, acknowledgement, options, evidence, a new proposal). */
  onChange(listener: (change: PostingChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(id: number): void {
    if (this.listeners.size === 0) return;
    const p = this.get(id);
    if (!p) return;
    const change: PostingChange = { id, kind: p.kind, state: p.state, ackState: p.ackState };
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A listener's failure must not change the outbox.
      }
    }
  }

  /**
   * Insert a proposal unless one with the same idempotency key exists; returns the stored posting.
   * `dependsOn`: the postings of the same record, not yet done, that this one was built on top of.
   */
  propose(p: NewPosting, dependsOn: readonly number[] = []): { posting: Posting; created: boolean } {
    const now = new Date().toISOString();
    const result = this.db
      .prepare(
        `INSERT INTO postings (kind, idempotency_key, ongoing_id, specter_id, number, counterpart, delivery_date,
           packet_no, tracking_url, send_email, create_invoice, rows, depends_on, state, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'proposed', ?, ?)
         ON CONFLICT (idempotency_key) DO NOTHING`,
      )
      .run(
        p.kind,
        p.idempotencyKey,
        p.ongoingId,
        p.specterId,
        p.number,
        p.counterpart,
        p.deliveryDate,
        p.packetNo,
        p.trackingUrl,
        p.sendEmail ? 1 : 0,
        p.createInvoice ? 1 : 0,
        JSON.stringify(p.rows),
        JSON.stringify(dependsOn),
        now,
        now,
      );
    const posting = this.byKey(p.idempotencyKey) as Posting;
    if (result.changes === 1) this.changed(posting.id);
    return { posting, created: result.changes === 1 };
  }

  get(id: number): Posting | null {
    const row = this.db.prepare('SELECT * FROM postings WHERE id = ?').get(id) as PostingDbRow | undefined;
    return row ? toPosting(row) : null;
  }

  byKey(idempotencyKey: string): Posting | null {
    const row = this.db.prepare('SELECT * FROM postings WHERE idempotency_key = ?').get(idempotencyKey) as
      | PostingDbRow
      | undefined;
    return row ? toPosting(row) : null;
  }

  list(options: { kind?: PostingKind; states?: PostingState[]; ongoingId?: number; limit?: number } = {}): Posting[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.kind) {
      where.push('kind = ?');
      params.push(options.kind);
    }
    if (options.states?.length) {
      where.push(`state IN (${options.states.map(() => '?').join(', ')})`);
      params.push(...options.states);
    }
    if (options.ongoingId !== undefined) {
      where.push('ongoing_id = ?');
      params.push(options.ongoingId);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = this.db
      .prepare(`SELECT * FROM postings ${clause} ORDER BY id DESC LIMIT ?`)
      .all(...params, options.limit ?? 1000) as PostingDbRow[];
    return rows.map(toPosting);
  }

  /**
   * Move from one of `from` to `to` atomically. Returns the updated posting, or null when the posting was
   * not in an allowed state (someone else moved it first).
   */
  transition(
    id: number,
    from: PostingState[],
    to: PostingState,
    extra: {
      lastError?: Notice | null;
      decidedBy?: string;
      reason?: string | null;
      specterResultId?: string;
      countAttempt?: boolean;
      ackState?: Posting['ackState'];
    } = {},
  ): Posting | null {
    const sets = ['state = ?', 'updated_at = ?'];
    const params: unknown[] = [to, new Date().toISOString()];
    if (extra.lastError !== undefined) {
      sets.push('last_error = ?', 'last_error_ref = ?');
      params.push(extra.lastError?.text ?? null, refJson(extra.lastError));
    }
    if (extra.decidedBy !== undefined) {
      sets.push('decided_by = ?', 'decided_at = ?');
      params.push(extra.decidedBy, new Date().toISOString());
    }
    if (extra.reason !== undefined) {
      sets.push('reason = ?');
      params.push(extra.reason);
    }
    if (extra.specterResultId !== undefined) {
      sets.push('specter_result_id = ?');
      params.push(extra.specterResultId);
    }
    if (extra.ackState !== undefined) {
      sets.push('ack_state = ?');
      params.push(extra.ackState);
    }
    if (extra.countAttempt) sets.push('attempts = attempts + 1');
    const changed = this.db
      .prepare(`UPDATE postings SET ${sets.join(', ')} WHERE id = ? AND state IN (${from.map(() => '?').join(', ')})`)
      .run(...params, id, ...from).changes;
    if (changed !== 1) return null;
    this.changed(id);
    return this.get(id);
  }

  /** How many postings are in each (kind, state). */
  counts(): { kind: PostingKind; state: PostingState; n: number }[] {
    return this.db.prepare('SELECT kind, state, COUNT(*) AS n FROM postings GROUP BY kind, state').all() as {
      kind: PostingKind;
      state: PostingState;
      n: number;
    }[];
  }

  /** The postings this one was built on top of (see propose). */
  dependsOn(id: number): number[] {
    const row = this.db.prepare('SELECT depends_on AS d FROM postings WHERE id = ?').get(id) as
      | { d: string }
      | undefined;
    if (!row) return [];
    const parsed = JSON.parse(row.d) as unknown;
    return Array.isArray(parsed) ? parsed.filter((x): x is number => typeof x === 'number') : [];
  }

  /** What the last check of Specter showed for a posting in doubt. */
  setEvidence(id: number, evidence: InDoubtEvidence): void {
    this.db.prepare('UPDATE postings SET evidence = ? WHERE id = ?').run(JSON.stringify(evidence), id);
    this.changed(id);
  }

  setAckState(id: number, ackState: Posting['ackState'], lastError: Notice | null = null): void {
    this.db
      .prepare('UPDATE postings SET ack_state = ?, last_error = ?, last_error_ref = ?, updated_at = ? WHERE id = ?')
      .run(ackState, lastError?.text ?? null, refJson(lastError), new Date().toISOString(), id);
    this.changed(id);
  }

  /** Options an operator may change while the posting is still undecided. */
  setOptions(id: number, options: { sendEmail?: boolean; createInvoice?: boolean }): Posting | null {
    const current = this.get(id);
    if (!current || !['proposed', 'held'].includes(current.state)) return null;
    this.db
      .prepare(
        `UPDATE postings SET send_email = ?, create_invoice = ?, updated_at = ? WHERE id = ? AND state IN ('proposed', 'held')`,
      )
      .run(
        (options.sendEmail ?? current.sendEmail) ? 1 : 0,
        (options.createInvoice ?? current.createInvoice) ? 1 : 0,
        new Date().toISOString(),
        id,
      );
    this.changed(id);
    return this.get(id);
  }

  /** Postings left in 'sending' by a crash: their outcome is unknown. */
  markSendingInDoubt(): number {
    const stopped = notice('posting.stoppedWhileSending');
    return this.db
      .prepare(
        `UPDATE postings SET state = 'in_doubt', last_error = ?, last_error_ref = ?, updated_at = ? WHERE state = 'sending'`,
      )
      .run(stopped.text, refJson(stopped), new Date().toISOString()).changes;
  }
}

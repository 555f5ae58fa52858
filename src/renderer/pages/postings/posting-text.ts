/**
 * What the posting cards say, as pure functions of a posting: why it waits, how each row of Specter's
 * evidence compares with the posting, and exactly what "mark done" acknowledges in Ongoing.
 */
import type {
  InDoubtRowEvidence,
  Posting,
  PostingKind,
  PostingState,
  PostingWait,
} from '../../../shared/domain/postings';
import { fill, type MessageKey } from '../../../shared/i18n';

export type Translate = (key: MessageKey) => string;

const WAIT_STATE: Record<PostingState, MessageKey> = {
  proposed: 'postings.waitState.proposed',
  held: 'postings.waitState.held',
  confirmed: 'postings.waitState.confirmed',
  sending: 'postings.waitState.sending',
  in_doubt: 'postings.waitState.in_doubt',
  failed: 'postings.waitState.failed',
  done: 'postings.waitState.done',
  rejected: 'postings.waitState.rejected',
};

const WAIT_REASON: Record<PostingWait['reason'], Record<PostingKind, MessageKey>> = {
  in_flight: { delivery: 'postings.wait.in_flight.delivery', receipt: 'postings.wait.in_flight.receipt' },
  earlier: { delivery: 'postings.wait.earlier.delivery', receipt: 'postings.wait.earlier.receipt' },
};

/** "Waits for delivery #12 (being sent) of the same order…", or null when the posting does not wait. */
export function waitText(t: Translate, posting: Pick<Posting, 'kind' | 'waitingFor'>): string | null {
  const wait = posting.waitingFor;
  if (!wait) return null;
  return fill(t(WAIT_REASON[wait.reason][posting.kind]), { id: wait.postingId, state: t(WAIT_STATE[wait.state]) });
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

export interface RowVerdict {
  /**
   * matches: Specter's change on the row, less what the app's other postings account for, is exactly this
   * posting's quantity; nothing: no unexplained change; differs: some other change; unknown: no figure
   * from before the send.
   */
  kind: 'matches' | 'nothing' | 'differs' | 'unknown';
  /** The change on the row that the other postings do not explain (null when unknown). */
  change: number | null;
}

export function rowVerdict(row: InDoubtRowEvidence): RowVerdict {
  if (row.before === null) return { kind: 'unknown', change: null };
  const change = round(row.now - row.before - row.others);
  if (change === round(row.posting)) return { kind: 'matches', change };
  if (change === 0) return { kind: 'nothing', change };
  return { kind: 'differs', change };
}

export function rowVerdictText(t: Translate, row: InDoubtRowEvidence): string {
  const verdict = rowVerdict(row);
  const key: Record<RowVerdict['kind'], MessageKey> = {
    matches: 'postings.evidence.row.matches',
    nothing: 'postings.evidence.row.nothing',
    differs: 'postings.evidence.row.differs',
    unknown: 'postings.evidence.row.unknown',
  };
  const change = verdict.change ?? 0;
  return fill(t(key[verdict.kind]), { change: change > 0 ? `+${change}` : String(change) });
}

export interface AckLine {
  rowRef: string;
  articleNo: string;
  articleName: string;
  /** Ongoing's line id, when the posting names the line. */
  lineId: number | null;
  /** Items Ongoing is acknowledged with (in Ongoing's unit). */
  items: number;
  /** Ongoing's reported number of items on the line afterwards (absolute), when known. */
  reportedAfter: number | null;
}

/**
 * The acknowledgement in Ongoing that marking the posting done makes: per Ongoing line the posting names,
 * otherwise per row (quantity × the row's unit factor).
 */
export function ackLines(posting: Pick<Posting, 'rows'>): AckLine[] {
  const out: AckLine[] = [];
  for (const row of posting.rows) {
    const base = { rowRef: row.rowRef, articleNo: row.articleNo, articleName: row.articleName };
    if (row.ongoingLines && row.ongoingLines.length > 0) {
      for (const line of row.ongoingLines) {
        out.push({ ...base, lineId: line.lineId, items: line.quantity, reportedAfter: line.reportedAfter });
      }
    } else {
      out.push({ ...base, lineId: null, items: round(row.quantity * (row.unitFactor ?? 1)), reportedAfter: null });
    }
  }
  return out.filter((line) => line.items !== 0);
}

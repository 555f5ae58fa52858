import { describe, expect, it } from 'vitest';
import { ackLines, rowVerdict, rowVerdictText, waitText } from '../../src/renderer/pages/postings/posting-text';
import type { InDoubtRowEvidence, PostingRow } from '../../src/shared/domain/postings';
import { fill, MESSAGES, type MessageKey, translate } from '../../src/shared/i18n';

const sv = (key: MessageKey) => translate('sv', key);
const en = (key: MessageKey) => translate('en', key);

describe('why a posting waits', () => {
  it('names the other delivery, its state and the order, in the UI language', () => {
    const posting = {
      kind: 'delivery' as const,
      waitingFor: { postingId: 12, state: 'sending' as const, reason: 'in_flight' as const },
    };
    expect(waitText(sv, posting)).toMatch(/^Väntar på leverans #12 \(skickas just nu\) för samma order\./);
    expect(waitText(en, posting)).toMatch(/^Waits for delivery #12 \(being sent\) of the same order\./);
  });

  it('speaks of receipts and purchase orders for a receipt, and of an earlier one it builds on', () => {
    const inDoubt = {
      kind: 'receipt' as const,
      waitingFor: { postingId: 7, state: 'in_doubt' as const, reason: 'in_flight' as const },
    };
    expect(waitText(sv, inDoubt)).toMatch(/^Väntar på inleverans #7 \(osäker\) för samma inköpsorder\./);
    const earlier = {
      kind: 'receipt' as const,
      waitingFor: { postingId: 5, state: 'confirmed' as const, reason: 'earlier' as const },
    };
    expect(waitText(en, earlier)).toMatch(
      /^Waits for the earlier receipt #5 \(confirmed, not sent yet\) of the same purchase order\./,
    );
  });

  it('says nothing for a posting that does not wait', () => {
    expect(waitText(sv, { kind: 'delivery', waitingFor: null })).toBeNull();
  });
});

describe("Specter's evidence per row", () => {
  const row = (over: Partial<InDoubtRowEvidence>): InDoubtRowEvidence => ({
    rowRef: '1',
    before: 2,
    now: 2,
    posting: 3,
    others: 0,
    ...over,
  });

  it('matches when the change less the other postings is exactly this posting', () => {
    expect(rowVerdict(row({ now: 9, others: 4 }))).toEqual({ kind: 'matches', change: 3 });
    expect(rowVerdict(row({ before: 0.1, now: 0.4, posting: 0.3 }))).toEqual({ kind: 'matches', change: 0.3 });
  });

  it('shows nothing new when the other postings explain the whole change', () => {
    expect(rowVerdict(row({ now: 6, others: 4 }))).toEqual({ kind: 'nothing', change: 0 });
  });

  it('differs when some other change happened, and says by how much', () => {
    expect(rowVerdict(row({ now: 7 }))).toEqual({ kind: 'differs', change: 5 });
    expect(rowVerdictText(sv, row({ now: 7 }))).toBe('nej, ändringen är +5');
    expect(rowVerdictText(en, row({ now: 1 }))).toBe('no, the change is -1');
  });

  it('cannot tell without a figure from before the send', () => {
    expect(rowVerdict(row({ before: null, now: 5 }))).toEqual({ kind: 'unknown', change: null });
  });
});

describe('what "mark done" acknowledges in Ongoing', () => {
  const row = (over: Partial<PostingRow>): PostingRow => ({
    rowRef: '1',
    articleNo: 'A-1',
    articleName: 'Ullsocka',
    ordered: 5,
    previouslyReported: 0,
    quantity: 3,
    ...over,
  });

  it('lists the Ongoing lines with the exact items and the absolute reported value afterwards', () => {
    const lines = ackLines({
      rows: [
        row({ unitFactor: 2, ongoingLines: [{ lineId: 41, quantity: 6, reportedAfter: 8 }] }),
        row({ rowRef: '2', articleNo: 'B-2', ongoingLines: [{ lineId: 42, quantity: 0, reportedAfter: 1 }] }),
      ],
    });
    expect(lines).toEqual([
      { rowRef: '1', articleNo: 'A-1', articleName: 'Ullsocka', lineId: 41, items: 6, reportedAfter: 8 },
    ]);
  });

  it('falls back to quantity × unit factor per row when the posting names no lines', () => {
    expect(ackLines({ rows: [row({ quantity: 3, unitFactor: 2 })] })).toEqual([
      { rowRef: '1', articleNo: 'A-1', articleName: 'Ullsocka', lineId: null, items: 6, reportedAfter: null },
    ]);
  });
});

describe('messages', () => {
  it('fill puts values into placeholders and leaves unknown ones', () => {
    expect(fill('#{id} ({state}) {x}', { id: 12, state: 'osäker' })).toBe('#12 (osäker) {x}');
  });

  it('every message has the same placeholders in Swedish and English', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(MESSAGES.sv) as MessageKey[]) {
      expect(names(MESSAGES.en[key]), key).toEqual(names(MESSAGES.sv[key]));
    }
  });
});

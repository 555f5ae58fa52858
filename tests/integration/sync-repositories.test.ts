import { afterEach, describe, expect, it } from 'vitest';
import { ExceptionRepository } from '../../src/main/core/repositories/exception-repository';
import { type NewPosting, PostingRepository } from '../../src/main/core/repositories/posting-repository';
import { RecordRepository } from '../../src/main/core/repositories/record-repository';
import { openDatabase } from '../../src/main/core/store/database';
import { tempDir } from '../helpers/temp-dir';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function db() {
  const t = tempDir('oss-repos-');
  cleanup = t.cleanup;
  return openDatabase({ dataDir: t.dir });
}

const proposal = (key: string): NewPosting => ({
  kind: 'delivery',
  idempotencyKey: key,
  ongoingId: 17,
  specterId: '5521',
  number: '1001',
  counterpart: 'Åsa Öberg',
  deliveryDate: '2026-11-26',
  packetNo: '00370712345678901234',
  trackingUrl: '',
  sendEmail: true,
  createInvoice: false,
  rows: [{ rowRef: '1', articleNo: 'A-1', articleName: 'Ullsocka', ordered: 2, previouslyReported: 0, quantity: 2 }],
});

describe('RecordRepository', () => {
  it('keeps stored fields that an update leaves out, and pages with search', () => {
    const records = new RecordRepository(db());
    records.upsert({
      flow: 'orders',
      key: '1001',
      specterId: '5521',
      ongoingId: 9,
      state: 'synced',
      payloadHash: 'h1',
      summary: { customer: 'Åsa Öberg' },
    });
    const updated = records.upsert({ flow: 'orders', key: '1001', state: 'conflict', message: 'started' });
    expect(updated).toMatchObject({ specterId: '5521', ongoingId: 9, payloadHash: 'h1', state: 'conflict' });
    records.upsert({ flow: 'orders', key: '1002', state: 'synced', summary: { customer: 'Kalle 100%' } });
    expect(records.page({ flow: 'orders', search: 'Öberg' }).rows.map((r) => r.key)).toEqual(['1001']);
    expect(records.page({ flow: 'orders', search: '100%' }).rows.map((r) => r.key)).toEqual(['1002']);
    expect(records.page({ flow: 'orders', search: '%' }).total).toBe(1);
    expect(records.page({ flow: 'orders', state: 'conflict' }).total).toBe(1);
    expect(records.byOngoingId('orders', 9)?.key).toBe('1001');
  });
});

describe('ExceptionRepository', () => {
  it('keeps one open entry per record and class, counts repeats, and clears on success', () => {
    const exceptions = new ExceptionRepository(db());
    exceptions.raise({ flow: 'orders', recordKey: '1001', class: 'validation', message: 'missing city' });
    exceptions.raise({ flow: 'orders', recordKey: '1001', class: 'validation', message: 'missing city and zip' });
    const [open] = exceptions.list({ state: 'open' });
    expect(open).toMatchObject({ occurrences: 2, message: 'missing city and zip' });
    expect(exceptions.clear('orders', '1001')).toBe(1);
    expect(exceptions.list({ state: 'open' })).toHaveLength(0);
    exceptions.raise({ flow: 'orders', recordKey: '1001', class: 'validation', message: 'again' });
    expect(exceptions.list({ state: 'open' })[0]?.occurrences).toBe(1);
  });
});

describe('PostingRepository', () => {
  it('creates a proposal once per idempotency key', () => {
    const postings = new PostingRepository(db());
    expect(postings.propose(proposal('delivery:17:abc')).created).toBe(true);
    const again = postings.propose(proposal('delivery:17:abc'));
    expect(again.created).toBe(false);
    expect(postings.list()).toHaveLength(1);
  });

  it('moves state only from the expected states (compare-and-set)', () => {
    const postings = new PostingRepository(db());
    const { posting } = postings.propose(proposal('delivery:17:x'));
    expect(postings.transition(posting.id, ['proposed'], 'confirmed', { decidedBy: 'operator' })?.state).toBe(
      'confirmed',
    );
    expect(postings.transition(posting.id, ['confirmed'], 'sending', { countAttempt: true })?.attempts).toBe(1);
    expect(postings.transition(posting.id, ['confirmed'], 'sending')).toBeNull();
    expect(postings.markSendingInDoubt()).toBe(1);
    expect(postings.get(posting.id)?.state).toBe('in_doubt');
  });

  it('lets options change only while undecided', () => {
    const postings = new PostingRepository(db());
    const { posting } = postings.propose(proposal('delivery:17:y'));
    expect(postings.setOptions(posting.id, { createInvoice: true })?.createInvoice).toBe(true);
    postings.transition(posting.id, ['proposed'], 'confirmed');
    expect(postings.setOptions(posting.id, { createInvoice: false })).toBeNull();
  });
});

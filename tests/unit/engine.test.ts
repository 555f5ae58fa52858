/**
 * Pure parts of the engine: the failure model, watermarks with overlap and a future limit, field
 * differences derived from the mapping tables, problem texts and the serial writer.
 */
import { describe, expect, it } from 'vitest';
import { RemoteError, type RemoteErrorKind } from '../../src/main/core/net/remote-error';
import { compareFields, compareLines, normalizeValue, readReturned } from '../../src/main/core/engine/compare';
import { classify, describeStop, MAX_RETRY_AFTER_MS, stopsTheRun } from '../../src/main/core/engine/failure';
import { warningsText } from '../../src/main/core/engine/plan';
import { describeProblems } from '../../src/main/core/engine/record';
import { SerialWriter } from '../../src/main/core/engine/serial-writer';
import {
  changedFromFor,
  inAutumnClockChange,
  isValidTimestamp,
  latestTrusted,
  nextWatermark,
  shiftTimestamp,
} from '../../src/main/core/engine/watermark';
import { diffOrder } from '../../src/main/core/flows/orders';
import type { GetOrderModel, PostOrderModel } from '../../src/shared/ongoing/models';

const remote = (kind: RemoteErrorKind) => new RemoteError({ system: 'ongoing', kind, operation: 'x', message: 'm' });

describe('failure classes', () => {
  it.each([
    ['auth', 'auth'],
    ['network', 'connection'],
    ['timeout', 'connection'],
    ['rate', 'rate'],
    ['server', 'protocol'],
    ['protocol', 'protocol'],
    ['batch_open', 'protocol'],
    ['validation', 'refused'],
    ['not_found', 'refused'],
    ['locked', 'refused'],
  ] as const)('RemoteError %s → %s', (kind, expected) => {
    expect(classify(remote(kind)).class).toBe(expected);
  });

  it('only a refused change of an order may mean "work has started" (to be confirmed by reading it back)', () => {
    expect(classify(remote('locked')).mayBeLocked).toBe(true);
    expect(classify(remote('validation')).mayBeLocked).toBe(false);
  });

  it('says "could not be reached" only for connection failures', () => {
    const text = (kind: RemoteErrorKind) =>
      describeStop('orders', classify(remote(kind)), { doing: 'readChanged', params: { kind: 'order' } }, remote(kind))
        .text;
    expect(text('network')).toMatch(/could not be reached/);
    expect(text('timeout')).toMatch(/could not be reached/);
    for (const kind of ['protocol', 'server', 'rate', 'auth'] as const)
      expect(text(kind)).not.toMatch(/could not be reached/);
    expect(text('protocol')).toMatch(/cannot use/);
  });

  it('a wait beyond the limit ends the run saying how long and when the next try is', () => {
    const error = new RemoteError({
      system: 'ongoing',
      kind: 'rate',
      operation: 'x',
      message: 'busy',
      retryAfterMs: 3_600_000,
    });
    const notice = describeStop(
      'orders',
      classify(error),
      { doing: 'sendPostings' },
      error,
      new Date(2026, 0, 1, 10, 15),
    );
    expect(notice.text).toContain('Ongoing asked to wait 3,600 s; next try at 11:15');
    expect(notice).toMatchObject({
      code: 'run.wait_requested',
      params: { seconds: 3600, nextAt: new Date(2026, 0, 1, 11, 15).toISOString(), system: 'ongoing' },
    });
    expect(MAX_RETRY_AFTER_MS).toBe(120_000);
  });

  it('missing settings count as auth, anything else as unexpected; both stop the run', () => {
    const notConfigured = new Error('Set API user for Ongoing in Settings.');
    notConfigured.name = 'NotConfiguredError';
    expect(classify(notConfigured).class).toBe('auth');
    expect(classify(new TypeError('boom')).unexpected).toBe(true);
    expect(stopsTheRun(notConfigured)).toBe(true);
    expect(stopsTheRun(new TypeError('boom'))).toBe(true);
    expect(stopsTheRun(remote('validation'))).toBe(false);
    expect(stopsTheRun(remote('locked'))).toBe(false);
    expect(stopsTheRun(remote('timeout'))).toBe(true);
  });
});

describe('watermarks', () => {
  it('shifts Specter wall-clock times across day and year boundaries', () => {
    expect(shiftTimestamp('2026-01-01 00:01:00', -2)).toBe('2025-12-31 23:59:00');
    expect(shiftTimestamp('2026-02-28 23:59:30', 1)).toBe('2026-03-01 00:00:30');
    expect(() => shiftTimestamp('2026-01-01', -2)).toThrow(/not a Specter time/);
  });

  it('reaches back the overlap (10 minutes by default), an extra hour in the night the clock goes back, and starts from the beginning', () => {
    expect(changedFromFor(null)).toBe('2000-01-01 00:00:00');
    expect(changedFromFor('rubbish')).toBe('2000-01-01 00:00:00');
    expect(changedFromFor('2026-05-04 12:00:00')).toBe('2026-05-04 11:50:00');
    expect(changedFromFor('2026-05-04 12:00:00', 2)).toBe('2026-05-04 11:58:00');
    // Last Sunday of October 2026 is the 25th.
    expect(inAutumnClockChange('2026-10-25 02:30:00')).toBe(true);
    expect(inAutumnClockChange('2026-10-25 04:30:00')).toBe(false);
    expect(inAutumnClockChange('2026-10-18 02:30:00')).toBe(false);
    expect(changedFromFor('2026-10-25 02:30:00', 2)).toBe('2026-10-25 01:28:00');
  });

  it('moves to the latest change when all is done, stops at the first record not done, never moves back', () => {
    const items = [
      { changed: '2026-02-01 10:00:00', done: true },
      { changed: '2026-02-01 10:05:00', done: true },
      { changed: '2026-02-01 10:03:00', done: true },
    ];
    expect(nextWatermark(null, items)).toBe('2026-02-01 10:05:00');
    expect(nextWatermark(null, [...items, { changed: '2026-02-01 10:01:00', done: false }])).toBe(
      '2026-02-01 10:01:00',
    );
    expect(nextWatermark('2026-02-01 10:02:00', [{ changed: '2026-02-01 10:01:00', done: false }])).toBe(
      '2026-02-01 10:02:00',
    );
    expect(nextWatermark('2026-02-01 10:02:00', [])).toBe('2026-02-01 10:02:00');
    expect(nextWatermark(null, [{ changed: '', done: true }])).toBeNull();
  });

  it('never trusts a malformed time or one later than now + 5 minutes', () => {
    expect(isValidTimestamp('2026-12-99 99:99:99')).toBe(false);
    expect(isValidTimestamp('2026-02-29 10:00:00')).toBe(false);
    expect(isValidTimestamp('2028-02-29 23:59:59')).toBe(true);
    const limit = latestTrusted('2026-03-01 12:00:00');
    expect(limit).toBe('2026-03-01 12:05:00');
    const items = [
      { changed: '2026-03-01 11:00:00', done: true },
      { changed: '2031-01-01 00:00:00', done: true },
      { changed: '2026-12-99 99:99:99', done: true },
    ];
    expect(nextWatermark(null, items, limit)).toBe('2026-03-01 11:00:00');
    expect(nextWatermark('2026-03-01 11:30:00', items, limit)).toBe('2026-03-01 11:30:00');
  });
});

describe('differences', () => {
  it('tells fields Ongoing does not return (skipped) from fields it returns empty', () => {
    expect(readReturned({ a: { b: null } }, 'a.b.c')).toBeNull();
    expect(readReturned({ a: null }, 'a.b')).toBeNull();
    expect(readReturned({ a: {} }, 'a.b')).toBeUndefined();
    expect(readReturned({ a: { b: 'x' } }, 'a.b')).toBe('x');
  });

  it('normalises values so equal data compares equal', () => {
    expect(normalizeValue('2026-03-01T00:00:00.000Z', 'date')).toBe('2026-03-01');
    expect(normalizeValue('2026-03-01T00:00:00Z', 'date')).toBe('2026-03-01');
    expect(normalizeValue(0.1 + 0.2, 'number')).toBe('0.3');
    expect(normalizeValue('2', 'number')).toBe('2');
    expect(normalizeValue(true, 'flag')).toBe('yes');
    expect(normalizeValue(null)).toBe('');
    expect(normalizeValue('  x ')).toBe('x');
  });

  it('compares fields and lines by key', () => {
    const diff = compareFields({ a: 'same', b: 'new', c: 'not returned' }, { a: 'same', b: 'old' }, [
      { field: 'a', sent: 'a', stored: 'a' },
      { field: 'b', sent: 'b', stored: 'b' },
      { field: 'c', sent: 'c', stored: 'c' },
    ]);
    expect(diff).toEqual([{ field: 'b', specter: 'new', ongoing: 'old' }]);
    const lines = compareLines({
      list: 'lines',
      sent: [
        { key: '1', n: 2 },
        { key: '2', n: 1 },
      ],
      stored: [
        { id: '1', n: 3 },
        { id: '3', n: 1 },
      ],
      sentKey: (l) => l.key,
      storedKey: (l) => l.id,
      pairs: [{ field: 'n', sent: 'n', stored: 'n', kind: 'number' }],
      describeSent: (l) => `× ${l.n}`,
      describeStored: (l) => `× ${l.n}`,
    });
    expect(lines).toEqual([
      { field: 'lines[1].n', specter: '2', ongoing: '3' },
      { field: 'lines[2]', specter: '× 1', ongoing: '' },
      { field: 'lines[3]', specter: '', ongoing: '× 1' },
    ]);
  });

  it('diffs an order body against the Ongoing order it became (no difference) and a changed one', () => {
    const body = {
      goodsOwnerId: 1,
      orderNumber: '1',
      deliveryDate: '2026-03-01T00:00:00Z',
      orderRemark: 'Ring',
      consignee: { name: 'Kund AB', city: 'Lund' },
      orderLines: [{ rowNumber: '9', articleNumber: 'A', numberOfItems: 2 }],
    } as PostOrderModel;
    const model = {
      orderInfo: {
        orderId: 5,
        orderNumber: '1',
        deliveryDate: '2026-03-01T00:00:00.000Z',
        orderRemark: 'Ring',
        freeText1: null,
      },
      consignee: { name: 'Kund AB', city: 'Lund', address1: null },
      orderLines: [{ rowNumber: '9', article: { articleNumber: 'A' }, orderedNumberOfItems: 2, comment: null }],
    } as GetOrderModel;
    expect(diffOrder(body, model)).toEqual([]);
    const changed = { ...body, deliveryDate: '2026-03-04T00:00:00Z', consignee: { name: 'Kund AB', city: 'Malmö' } };
    expect(diffOrder(changed as PostOrderModel, model)).toEqual([
      { field: 'deliveryDate', specter: '2026-03-04', ongoing: '2026-03-01' },
      { field: 'consignee.city', specter: 'Malmö', ongoing: 'Lund' },
    ]);
  });
});

describe('problem texts', () => {
  it('names the record, each field in error and what to do; warnings are kept apart', () => {
    const problems = [
      {
        record: 'order 7',
        field: 'rows[0].articleNo',
        message: 'Add the article in Specter.',
        severity: 'error' as const,
      },
      { record: 'order 7', field: 'customer.city', message: 'No city.', severity: 'warning' as const },
    ];
    expect(describeProblems('order 7', problems)).toBe(
      'Order 7 was not sent to Ongoing. [rows[0].articleNo] Add the article in Specter.',
    );
    expect(warningsText(problems)).toBe('[customer.city] No city.');
  });
});

describe('SerialWriter', () => {
  it('runs tasks one at a time in order and skips the rest after a failure that stops the run', async () => {
    const writer = new SerialWriter();
    let running = 0;
    let maxRunning = 0;
    const order: number[] = [];
    const task = (n: number, fail?: Error) => async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      running--;
      order.push(n);
      if (fail) throw fail;
      return n;
    };
    const outcomes = await Promise.all([
      writer.submit(task(1)),
      writer.submit(task(2, remote('validation'))),
      writer.submit(task(3)),
      writer.submit(task(4, remote('network'))),
      writer.submit(task(5)),
    ]);
    expect(maxRunning).toBe(1);
    expect(order).toEqual([1, 2, 3, 4]);
    expect(outcomes.map((o) => o.status)).toEqual(['ok', 'error', 'ok', 'error', 'skipped']);
    expect(writer.stopped).toBe(true);
  });
});

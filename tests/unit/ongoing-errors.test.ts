import { describe, expect, it } from 'vitest';
import {
  classifyOngoingAnswer,
  classifyOngoingTransportError,
  extractOngoingMessage,
  looksLocked,
  type OngoingCallContext,
  parseRetryAfter,
} from '../../src/main/core/ongoing/errors';

const read: OngoingCallContext = { operation: 'getOrder', callKind: 'read', subject: 'order id 5' };
const upsertOrder: OngoingCallContext = {
  operation: 'upsertOrder',
  callKind: 'upsert',
  subject: 'order O-1',
  lockable: true,
};
const upsertArticle: OngoingCallContext = { operation: 'upsertArticle', callKind: 'upsert', subject: 'article A-1' };
const json = (status: number, body: unknown, extra: Record<string, string> = {}) => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify(body),
  ...extra,
});

describe('classifyOngoingAnswer', () => {
  it.each([
    [401, read, 'auth'],
    [403, read, 'auth'],
    [404, read, 'not_found'],
    [429, read, 'rate'],
    [503, read, 'rate'],
    [408, read, 'timeout'],
    [400, read, 'validation'],
    [409, read, 'validation'],
    [400, upsertOrder, 'validation'],
    [409, upsertOrder, 'locked'],
    [423, upsertOrder, 'locked'],
    [409, upsertArticle, 'validation'],
    [500, read, 'server'],
    [502, read, 'server'],
  ] as const)('HTTP %i on %s → %s', (status, ctx, kind) => {
    const error = classifyOngoingAnswer(json(status, { message: 'Something' }), ctx);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.system).toBe('ongoing');
    expect(error.operation).toBe(ctx.operation);
    expect(error.message).toContain(ctx.subject);
  });

  it('a 400 whose message says the order cannot be updated is locked, with the message kept', () => {
    const text = "Order with order number 'O-1' can not be updated since the warehouse has started working on it.";
    const error = classifyOngoingAnswer(json(400, { Message: text }), upsertOrder);
    expect(error.kind).toBe('locked');
    expect(error.message).toContain(text);
    expect(classifyOngoingAnswer(json(400, { message: text }), upsertArticle).kind).toBe('validation');
  });

  it('HTML and unparsable bodies are protocol errors; 503 HTML stays rate', () => {
    const html = { status: 502, contentType: 'text/html', body: '<html><body>Bad Gateway</body></html>' };
    expect(classifyOngoingAnswer(html, read).kind).toBe('protocol');
    expect(classifyOngoingAnswer({ status: 500, body: '{"Message":"An err' }, read).kind).toBe('protocol');
    expect(classifyOngoingAnswer({ ...html, status: 503, retryAfter: '7' }, read)).toMatchObject({
      kind: 'rate',
      retryAfterMs: 7000,
    });
    expect(classifyOngoingAnswer({ ...html, status: 404 }, read).message).toContain('warehouse name or base URL');
  });

  it('marks failed writes as in doubt only when they may have been applied', () => {
    const write: OngoingCallContext = { ...upsertOrder };
    expect(classifyOngoingAnswer(json(500, { Message: 'An error has occurred.' }), write).inDoubt).toBe(true);
    expect(classifyOngoingAnswer(json(500, { Message: 'An error has occurred.' }), read).inDoubt).toBe(false);
    expect(classifyOngoingAnswer(json(429, {}), write).inDoubt).toBe(false);
    expect(classifyOngoingAnswer(json(400, { message: 'bad' }), write).inDoubt).toBe(false);
  });

  it('redacts secrets from the final message', () => {
    const ctx: OngoingCallContext = { ...read, redact: (s) => s.replaceAll('hunter2', '***') };
    const error = classifyOngoingAnswer(json(400, { message: 'password hunter2 is wrong' }), ctx);
    expect(error.message).not.toContain('hunter2');
    expect(error.message).toContain('***');
  });
});

describe('classifyOngoingTransportError', () => {
  it('timeouts, refused and reset connections', () => {
    expect(
      classifyOngoingTransportError({ code: 'ETIMEDOUT', message: 'timeout of 10ms exceeded' }, upsertOrder, 10),
    ).toMatchObject({
      kind: 'timeout',
      inDoubt: true,
    });
    expect(classifyOngoingTransportError({ code: 'ECONNABORTED', message: 'x' }, read)).toMatchObject({
      kind: 'timeout',
      inDoubt: false,
    });
    expect(classifyOngoingTransportError({ code: 'ECONNREFUSED', message: 'x' }, upsertOrder)).toMatchObject({
      kind: 'network',
      inDoubt: false,
    });
    expect(classifyOngoingTransportError({ code: 'ECONNRESET', message: 'socket hang up' }, upsertOrder)).toMatchObject(
      {
        kind: 'network',
        inDoubt: true,
      },
    );
    expect(
      classifyOngoingTransportError({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'x' }, read).message,
    ).toContain('TLS');
  });
});

describe('helpers', () => {
  it('parseRetryAfter reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('0.25')).toBe(250);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('extractOngoingMessage reads message in any casing and strips HTML breaks', () => {
    expect(extractOngoingMessage({ message: 'Customer created. <br/> <br/>Order number O1 created' })).toBe(
      'Customer created. Order number O1 created',
    );
    expect(extractOngoingMessage({ Message: 'An error has occurred.', ExceptionMessage: 'Boom' })).toBe(
      'An error has occurred. Boom',
    );
    expect(
      extractOngoingMessage({ message: 'The request is invalid.', modelState: { 'order.orderNumber': ['Required'] } }),
    ).toBe('The request is invalid. order.orderNumber: Required');
    expect(extractOngoingMessage({})).toBeUndefined();
  });

  it('looksLocked recognises Ongoing wording and ignores plain validation', () => {
    expect(looksLocked('You are not allowed to update an order after the warehouse has started working on it')).toBe(
      true,
    );
    expect(looksLocked('Cannot cancel order, it has already been picked')).toBe(true);
    expect(looksLocked('Order is locked')).toBe(true);
    expect(looksLocked('consignee is required')).toBe(false);
    expect(looksLocked(undefined)).toBe(false);
  });
});

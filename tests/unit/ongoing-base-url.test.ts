import { describe, expect, it } from 'vitest';
import { formatOngoingDateTime, OngoingClient, ongoingBaseUrl } from '../../src/main/core/ongoing/client';

describe('ongoingBaseUrl', () => {
  it('turns a warehouse name into the production URL', () => {
    expect(ongoingBaseUrl('mywarehouse')).toBe('https://api.ongoingsystems.se/mywarehouse/api/v1/');
    expect(ongoingBaseUrl('  lager_2 ')).toBe('https://api.ongoingsystems.se/lager_2/api/v1/');
  });

  it('keeps a full URL, adding the trailing slash', () => {
    expect(ongoingBaseUrl('https://wms1.ongoingsystems.se/demo/api/v1')).toBe(
      'https://wms1.ongoingsystems.se/demo/api/v1/',
    );
    expect(ongoingBaseUrl('http://127.0.0.1:5000/demo/api/v1/')).toBe('http://127.0.0.1:5000/demo/api/v1/');
  });

  it('explains what is wrong with bad input', () => {
    expect(() => ongoingBaseUrl('')).toThrow(/warehouse is empty/);
    expect(() => ongoingBaseUrl('my warehouse/x')).toThrow(/is not a warehouse name/);
    expect(() => ongoingBaseUrl('https://')).toThrow(/not a valid URL/);
  });
});

describe('formatOngoingDateTime', () => {
  it('writes UTC with an explicit offset', () => {
    expect(formatOngoingDateTime(new Date('2019-04-09T08:00:00Z'))).toBe('2019-04-09T08:00:00.000+00:00');
    expect(() => formatOngoingDateTime(new Date('nope'))).toThrow(/Invalid date/);
  });
});

describe('OngoingClient options', () => {
  it('refuses a goods owner id that is not a positive whole number', () => {
    const credentials = async () => ({ user: 'u', password: 'p' });
    expect(() => new OngoingClient({ baseUrl: 'demo', credentials, goodsOwnerId: 0 })).toThrow(/goods owner id/);
    expect(new OngoingClient({ baseUrl: 'demo', credentials, goodsOwnerId: 3 }).baseUrl).toBe(
      'https://api.ongoingsystems.se/demo/api/v1/',
    );
  });

  it('refuses a body whose goodsOwnerId differs from the configured one, before any request', async () => {
    const client = new OngoingClient({
      baseUrl: 'http://127.0.0.1:9/demo/api/v1/',
      credentials: async () => ({ user: 'u', password: 'p' }),
      goodsOwnerId: 3,
    });
    await expect(client.upsertArticle({ goodsOwnerId: 4, articleNumber: 'A' })).rejects.toMatchObject({
      kind: 'validation',
      message: expect.stringContaining('goodsOwnerId 4 does not match the configured goods owner 3'),
    });
  });
});

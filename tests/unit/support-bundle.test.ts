import { describe, expect, it } from 'vitest';
import { buildSupportBundle, scrubText } from '../../src/main/core/support/support-bundle';
import { crc32, unzip, zip } from '../../src/main/core/support/zip';

describe('zip', () => {
  it('writes entries that read back byte for byte, with the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    const archive = zip([
      { name: 'a.txt', data: 'hej på dig' },
      { name: 'dir/b.bin', data: Buffer.from([0, 1, 2, 255]) },
    ]);
    expect(archive.readUInt32LE(0)).toBe(0x04034b50);
    const entries = unzip(archive);
    expect(entries.map((e) => e.name)).toEqual(['a.txt', 'dir/b.bin']);
    expect(String(entries[0]?.data)).toBe('hej på dig');
    expect([...((entries[1]?.data as Buffer | undefined) ?? [])]).toEqual([0, 1, 2, 255]);
  });
});

describe('support bundle redaction', () => {
  const secrets = ['Hemligt-lösen-77', 'apiuserkey-0123456789', 'bridge-token-abcdef'];

  it('removes secret values, key= parameters, Authorization headers and base64 forms from every file', () => {
    const bundle = buildSupportBundle({
      createdAt: '2026-12-02T10:00:00.000Z',
      appVersion: '0.1.0',
      schemaVersion: 4,
      settings: { ongoing: { user: 'demo-api', password: 'Hemligt-lösen-77' } },
      logTail: '{"msg":"call failed","detail":"GET /api?key=abcdef0123 failed: Hemligt-lösen-77"}\n',
      runs: [{ error: 'token bridge-token-abcdef rejected' }],
      openProblems: [{ message: 'Specter said: Invalid key apiuserkey-0123456789' }],
      postingsNotDone: [],
      calls: [
        {
          at: '2026-12-02T09:59:00.000Z',
          system: 'ongoing',
          method: 'GET',
          url: 'https://api.example/ongoing/api/v1/orders?goodsOwnerId=1',
          requestHeaders: { Authorization: `Basic ${Buffer.from('demo-api:Hemligt-lösen-77').toString('base64')}` },
          status: 200,
          replyBody: '{"ok":true}',
          durationMs: 12,
        },
        {
          at: '2026-12-02T09:59:01.000Z',
          system: 'specter',
          method: 'POST',
          url: 'https://api.specter.se/putInfo.asp?action=deliverySubmit&sbmId=1&apiUserId=2',
          requestBody: 'orderId=1001&key=9f86d081884c7d659a2feaa0c55ad015&packetNo=X',
          status: 200,
          replyBody: `1;7001;OK ${Buffer.from('Hemligt-lösen-77').toString('base64')}`,
          durationMs: 40,
        },
      ],
      secretValues: secrets,
    });
    const all = Buffer.concat(unzip(bundle).map((e) => e.data as Buffer));
    for (const s of [
      ...secrets,
      Buffer.from('Hemligt-lösen-77').toString('base64'),
      '9f86d081884c7d659a2feaa0c55ad015',
      'abcdef0123',
      Buffer.from('demo-api:Hemligt-lösen-77').toString('base64'),
    ]) {
      expect(all.includes(Buffer.from(s, 'utf8')), s).toBe(false);
    }
    // Everything else stays readable.
    expect(all.toString('utf8')).toContain('deliverySubmit');
    expect(all.toString('utf8')).toContain('orderId=1001&key=[redacted]&packetNo=X');
  });

  it('scrubs free text', () => {
    expect(scrubText('Authorization: Bearer abc.def', [])).toBe('Authorization: [redacted]');
    expect(scrubText('x?token=abc123&y=1', [])).toBe('x?token=[redacted]&y=1');
  });
});

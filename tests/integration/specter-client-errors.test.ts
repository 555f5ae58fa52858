import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RemoteError } from '../../src/main/core/net/remote-error';
import { SpecterClient, type SpecterClientOptions } from '../../src/main/core/specter/client';
import { specterKey } from '../../src/main/core/specter/key';
import type { SpecterFixture } from '../../src/main/simulators/specter/fixture';
import { type SpecterSimulator, startSpecterSimulator } from '../../src/main/simulators/specter/server';
import type { SpecterCredentials, SpecterDeliverySubmit } from '../../src/shared/domain/specter';

const CREDS: SpecterCredentials = {
  sbmId: '1234',
  apiUserId: 'api1',
  apiUserKey: 'testUserKey123',
  integrationKey: 'testIntegrationKey456',
};

const FIXTURE: SpecterFixture = {
  articles: [
    { articleNo: 'A-001', name: 'Ullsocka grå 39-42' },
    { articleNo: 'A-002', name: 'Kökshandduk randig' },
  ],
  customers: [{ customerId: '109', firstName: 'Åsa', surName: 'Öberg' }],
  orders: [
    {
      orderId: '5521',
      customerId: '109',
      rows: [
        { articleNo: 'A-001', noOfItems: 2 },
        { articleNo: 'A-002', noOfItems: 2 },
      ],
    },
  ],
};

const DELIVERY: SpecterDeliverySubmit = {
  orderId: '5521',
  orderNo: '1001',
  reference: '',
  deliveryDate: '2026-02-02',
  rows: [{ rowNo: '1', noOfItems: 1 }],
  packetNo: 'PKT-1',
  sendDeliveryEmail: false,
  createInvoice: false,
};

const cleanup: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

async function startSim(): Promise<SpecterSimulator> {
  const sim = await startSpecterSimulator({ fixture: FIXTURE, credentials: CREDS });
  cleanup.push(() => sim.close());
  return sim;
}

function clientFor(url: string, options: Partial<SpecterClientOptions> = {}): SpecterClient {
  return new SpecterClient({
    baseUrl: url,
    credentials: async () => CREDS,
    timeoutMs: 400,
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, jitter: 0 },
    ...options,
  });
}

async function remoteError(promise: Promise<unknown>): Promise<RemoteError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RemoteError);
    return error as RemoteError;
  }
  throw new Error('expected a RemoteError');
}

/** A plain HTTP server that always answers the same thing (for replies the simulator does not make). */
async function fixedServer(status: number, body: string, contentType = 'text/html'): Promise<string> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(status, { 'Content-Type': contentType });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closedPortUrl(): Promise<{ url: string; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { url: `http://127.0.0.1:${port}`, port };
}

describe('error classification', () => {
  it('429 with Retry-After: a read waits as told, then succeeds', async () => {
    const sim = await startSim();
    sim.faults.enqueue({ kind: 'rate429', phase: 'before', match: 'getOrders', retryAfterSeconds: 1 });
    const client = clientFor(sim.url);
    const started = Date.now();
    const orders = await client.listOrders({ changedFrom: '2000-01-01' });
    expect(orders).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sim.callsFor('getOrders').map((c) => c.fault?.kind ?? 'ok')).toEqual(['rate429', 'ok']);
  });

  it('503 is kind rate with retryAfterMs when retries are exhausted', async () => {
    const sim = await startSim();
    sim.faults.enqueue({ kind: 'unavailable503', phase: 'before', retryAfterSeconds: 0, count: 5 });
    const error = await remoteError(clientFor(sim.url, { retry: { maxAttempts: 2, baseDelayMs: 5 } }).testConnection());
    expect(error.kind).toBe('rate');
    expect(error.status).toBe(503);
    expect(error.retryAfterMs).toBe(0);
  });

  it('a Retry-After longer than the client will wait is handed to the caller at once', async () => {
    const sim = await startSim();
    sim.faults.enqueue({ kind: 'rate429', phase: 'before', retryAfterSeconds: 120 });
    const client = clientFor(sim.url, { maxRetryAfterMs: 5000 });
    const error = await remoteError(client.listOrders({ changedFrom: '2000-01-01' }));
    expect(error.kind).toBe('rate');
    expect(error.retryAfterMs).toBe(120_000);
    expect(sim.calls).toHaveLength(1);
  });

  it('500 → server; reads retry up to the cap and then stop', async () => {
    const sim = await startSim();
    sim.faults.setRates({ error: 1 });
    const error = await remoteError(clientFor(sim.url).listOrders({ changedFrom: '2000-01-01' }));
    expect(error.kind).toBe('server');
    expect(error.status).toBe(500);
    expect(sim.callsFor('getOrders')).toHaveLength(3);
  });

  it('an HTML error page from a proxy (502) → server', async () => {
    const sim = await startSim();
    sim.faults.enqueue({ kind: 'html', phase: 'before' });
    const error = await remoteError(clientFor(sim.url, { retry: { maxAttempts: 1 } }).testConnection());
    expect(error.kind).toBe('server');
    expect(error.status).toBe(502);
  });

  it('an HTML page with status 200 → protocol', async () => {
    const url = await fixedServer(
      200,
      '<!DOCTYPE html><html><head><title>Login</title></head><body>Logga in</body></html>',
    );
    const error = await remoteError(clientFor(url, { retry: { maxAttempts: 1 } }).testConnection());
    expect(error.kind).toBe('protocol');
  });

  it('a body cut in half → protocol; a read retries and then gets the full answer', async () => {
    const sim = await startSim();
    sim.faults.enqueue({ kind: 'malformed', phase: 'before', match: 'getOrder' });
    const single = await remoteError(clientFor(sim.url, { retry: { maxAttempts: 1 } }).getOrder('5521'));
    expect(single.kind).toBe('protocol');
    expect(single.message).toMatch(/malformed|not a Specter reply|neither/);
    sim.faults.enqueue({ kind: 'malformed', phase: 'before', match: 'getOrder' });
    const order = await clientFor(sim.url).getOrder('5521');
    expect(order?.orderId).toBe('5521');
  });

  it('a connection reset → network; a read is retried', async () => {
    const sim = await startSim();
    sim.faults.enqueue({ kind: 'reset', phase: 'before' });
    const single = await remoteError(clientFor(sim.url, { retry: { maxAttempts: 1 } }).testConnection());
    expect(single.kind).toBe('network');
    sim.faults.enqueue({ kind: 'reset', phase: 'before' });
    const order = await clientFor(sim.url).getOrder('5521');
    expect(order?.orderId).toBe('5521');
    expect(sim.callsFor('getOrder').map((c) => c.fault?.kind ?? 'ok')).toEqual(['reset', 'ok']);
  });

  it('no answer in time → timeout', async () => {
    const sim = await startSim();
    sim.faults.enqueue({ kind: 'timeout', phase: 'before' });
    const started = Date.now();
    const error = await remoteError(clientFor(sim.url, { timeoutMs: 200, retry: { maxAttempts: 1 } }).testConnection());
    expect(error.kind).toBe('timeout');
    expect(error.inDoubt).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a closed port → network, retried up to the cap', async () => {
    const { url } = await closedPortUrl();
    const attempts: boolean[] = [];
    const client = clientFor(url, { onCall: (info) => attempts.push(info.ok) });
    const error = await remoteError(client.getStock('1'));
    expect(error.kind).toBe('network');
    expect(error.code).toBe('ECONNREFUSED');
    expect(attempts).toEqual([false, false, false]);
    // testConnection answers at once, without retries.
    attempts.length = 0;
    await remoteError(client.testConnection());
    expect(attempts).toEqual([false]);
  });

  it('a 404 (wrong address) is not retried', async () => {
    const url = await fixedServer(404, 'Not Found');
    const attempts: boolean[] = [];
    const error = await remoteError(clientFor(url, { onCall: (i) => attempts.push(i.ok) }).getOrder('1'));
    expect(error.kind).toBe('not_found');
    expect(error.message).toMatch(/Check the Specter address/);
    expect(attempts).toHaveLength(1);
  });
});

describe('writes are never silently repeated', () => {
  it('a delivery submit that times out AFTER being applied → inDoubt, exactly one delivery recorded', async () => {
    const sim = await startSim();
    sim.faults.enqueue({ kind: 'timeout', phase: 'after', match: 'deliverySubmit' });
    const client = clientFor(sim.url, { timeoutMs: 250, retry: { maxAttempts: 4, baseDelayMs: 5 } });
    const error = await remoteError(client.submitDelivery(DELIVERY));
    expect(error.kind).toBe('timeout');
    expect(error.inDoubt).toBe(true);
    expect(error.message).toMatch(/may have been applied/);
    expect(sim.state.deliveries).toHaveLength(1);
    expect(sim.callsFor('deliverySubmit')).toHaveLength(1);
    // The caller can resolve the doubt by reading the order back.
    const order = await client.getOrder('5521');
    expect(order?.deliveries?.map((d) => d.trackingNo)).toEqual(['PKT-1']);
    expect(order?.rows[0]?.deliveredNoOfItems).toBe(1);
  });

  it('a reset after the write was applied → network, inDoubt, not retried', async () => {
    const sim = await startSim();
    sim.faults.enqueue({ kind: 'reset', phase: 'after', match: 'deliverySubmit' });
    const error = await remoteError(clientFor(sim.url).submitDelivery(DELIVERY));
    expect(error.kind).toBe('network');
    expect(error.inDoubt).toBe(true);
    expect(sim.state.deliveries).toHaveLength(1);
    expect(sim.callsFor('deliverySubmit')).toHaveLength(1);
  });

  it('a 500 on a write → server, inDoubt, not retried', async () => {
    const sim = await startSim();
    sim.faults.enqueue({ kind: 'error', phase: 'before', match: 'deliverySubmit' });
    const error = await remoteError(clientFor(sim.url).submitDelivery(DELIVERY));
    expect(error.kind).toBe('server');
    expect(error.inDoubt).toBe(true);
    expect(sim.callsFor('deliverySubmit')).toHaveLength(1);
  });

  it('an unreadable reply to an applied write → protocol, inDoubt, not retried', async () => {
    const sim = await startSim();
    sim.faults.enqueue({ kind: 'malformed', phase: 'after', match: 'stockUpdateSubmit' });
    const error = await remoteError(clientFor(sim.url).updateStock('1', [{ articleNo: 'A-001', noItemsInStock: 7 }]));
    expect(error.kind).toBe('protocol');
    expect(error.inDoubt).toBe(true);
    expect(sim.state.getStock('1', 'A-001')).toBe(7);
    expect(sim.callsFor('stockUpdateSubmit')).toHaveLength(1);
  });

  it('429/503 answered before processing: the write is retried and applied once', async () => {
    const sim = await startSim();
    sim.faults.enqueue({ kind: 'unavailable503', phase: 'before', match: 'deliverySubmit', retryAfterSeconds: 0 });
    const result = await clientFor(sim.url).submitDelivery(DELIVERY);
    expect(result.id).not.toBe('');
    expect(sim.callsFor('deliverySubmit').map((c) => c.fault?.kind ?? 'ok')).toEqual(['unavailable503', 'ok']);
    expect(sim.state.deliveries).toHaveLength(1);
  });

  it('a write refused before sending (closed port) is retried and goes through once Specter is back', async () => {
    const { url, port } = await closedPortUrl();
    let sim: SpecterSimulator | undefined;
    let starting: Promise<void> | undefined;
    const attempts: boolean[] = [];
    const client = clientFor(url, {
      retry: { maxAttempts: 5, baseDelayMs: 150, maxDelayMs: 300, jitter: 0 },
      onCall: (info) => {
        attempts.push(info.ok);
        if (!starting) {
          starting = startSpecterSimulator({ fixture: FIXTURE, credentials: CREDS, port }).then((s) => {
            sim = s;
            cleanup.push(() => s.close());
          });
        }
      },
    });
    const result = await client.submitDelivery(DELIVERY);
    await starting;
    expect(result.id).not.toBe('');
    expect(attempts[0]).toBe(false);
    expect(attempts[attempts.length - 1]).toBe(true);
    expect(sim?.state.deliveries).toHaveLength(1);
  });

  it('a write to a closed port fails as network, not in doubt, after the capped retries', async () => {
    const { url } = await closedPortUrl();
    const attempts: boolean[] = [];
    const error = await remoteError(clientFor(url, { onCall: (i) => attempts.push(i.ok) }).submitDelivery(DELIVERY));
    expect(error.kind).toBe('network');
    expect(error.inDoubt).toBe(false);
    expect(attempts).toHaveLength(3);
  });
});

describe('secrets stay out of errors, logs and call reports', () => {
  it('no key or credential appears in error messages, the simulator call log or onCall reports', async () => {
    const sim = await startSim();
    const reports: unknown[] = [];
    const client = clientFor(sim.url, { onCall: (info) => reports.push(info) });
    await client.getOrder('5521');
    sim.faults.enqueue({ kind: 'timeout', phase: 'after', match: 'deliverySubmit' });
    const timeout = await remoteError(client.submitDelivery(DELIVERY));
    const badClient = clientFor(sim.url, { credentials: async () => ({ ...CREDS, integrationKey: 'sekret-xyz' }) });
    const auth = await remoteError(badClient.getOrder('5521'));

    const keys = [
      specterKey(CREDS.apiUserKey, CREDS.integrationKey, CREDS.sbmId, '5521'),
      specterKey(CREDS.apiUserKey, 'sekret-xyz', CREDS.sbmId, '5521'),
    ];
    const everything = JSON.stringify({
      calls: sim.calls,
      reports,
      errors: [timeout.message, auth.message, String(timeout.stack), String(auth.stack)],
    });
    for (const secret of [...keys, CREDS.apiUserKey, CREDS.integrationKey, 'sekret-xyz']) {
      expect(everything).not.toContain(secret);
    }
    expect(sim.calls.every((c) => c.params.key === '[redacted]')).toBe(true);
    // Reports carry the request (for the support log) with its signature removed.
    const sent = reports as { url: string; requestBody?: string }[];
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const r of sent) expect(`${r.url} ${r.requestBody ?? ''}`).toMatch(/key=\[redacted\]/);
  });
});

/**
 * Honest health: with every Ongoing call failing, the Overview and the tray model turn to failing for
 * Ongoing within one job interval plus 10 s, naming the reason; when Ongoing answers again, back to ok
 * within one interval. Health comes from the app's real calls, not from a connection test.
 */
import { expect, test } from '@playwright/test';
import type { Health } from '../../src/shared/health';
import { trayModel } from '../../src/shared/tray-model';
import { callApi, type ServeProcess, startServeProcess } from './serve-process';

let serve: ServeProcess;
const INTERVAL_S = 10;

test.beforeAll(async () => {
  serve = await startServeProcess(['--demo', '--warehouse-clock', '0']);
});
test.afterAll(async () => {
  await serve?.stop();
});

const api = <T>(method: string, input: unknown = {}) => callApi<T>(serve, method, input);

async function ongoingFaults(body: unknown, method = 'POST'): Promise<void> {
  const res = await fetch(`${serve.ongoingControl}faults`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: method === 'DELETE' ? undefined : JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
}

test('Ongoing failing every call turns Overview and tray to failing, and recovery turns them back to ok', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const intervals = Object.fromEntries(
    ['articles', 'orders', 'purchaseOrders', 'deliveries', 'receipts'].map((j) => [j, INTERVAL_S]),
  );
  await api('updateSettings', { patch: { sync: { intervals } } });
  await page.goto(serve.openUrl);
  const ongoing = page.getByTestId('health-ongoing');
  await expect(ongoing).toHaveAttribute('data-level', 'ok', { timeout: 60_000 });

  // Every Ongoing call now fails (the connection is reset).
  const failedAt = Date.now();
  await ongoingFaults({ rates: 'reset=1' });
  await expect(ongoing).toHaveAttribute('data-level', 'failing', { timeout: (INTERVAL_S + 10) * 1000 });
  const toFailing = (Date.now() - failedAt) / 1000;
  await expect(ongoing).toContainText('Ongoing svarar inte sedan');
  await expect(page.getByTestId('health-overall')).toHaveAttribute('data-level', 'failing');
  await expect(page.getByTestId('health-overall')).toContainText('Ongoing svarar inte sedan');

  // The tray shows the same value, computed by the code the tray uses.
  const failing = await api<Health>('getHealth');
  const tray = trayModel(failing, 'sv', false);
  expect(tray.icon).toBe('failing');
  expect(tray.tooltip).toMatch(/Ongoing svarar inte sedan \d\d:\d\d/);
  expect(tray.menu.map((m) => m.kind)).toEqual(['open', 'separator', 'syncNow', 'pause', 'separator', 'quit']);

  // Ongoing answers again.
  const recoveredAt = Date.now();
  await ongoingFaults(undefined, 'DELETE');
  await expect(ongoing).toHaveAttribute('data-level', 'ok', { timeout: INTERVAL_S * 1000 + 5_000 });
  await expect(page.getByTestId('health-overall')).not.toHaveAttribute('data-level', 'failing', {
    timeout: INTERVAL_S * 1000 + 5_000,
  });
  const toOk = (Date.now() - recoveredAt) / 1000;
  expect(trayModel(await api<Health>('getHealth'), 'sv', false).icon).not.toBe('failing');
  console.info(
    `[figures] health: failing after ${toFailing.toFixed(1)} s, ok again after ${toOk.toFixed(1)} s (interval ${INTERVAL_S} s)`,
  );
});

import { expect, type Page, test } from '@playwright/test';
import { callApi, control, type ServeProcess, startServeProcess } from './serve-process';

let serve: ServeProcess;
const SHOTS = 'test-results/screenshots';

test.beforeAll(async () => {
  // The warehouse clock is off so the test decides what the warehouse does.
  serve = await startServeProcess(['--demo', '--warehouse-clock', '0']);
});

test.afterAll(async () => {
  await serve?.stop();
});

const api = <T>(method: string, input: unknown = {}) => callApi<T>(serve, method, input);

async function open(page: Page, nav: string) {
  await page.goto(serve.openUrl);
  await page.getByRole('navigation').getByRole('button', { name: nav, exact: true }).click();
}

/** Create orders in Specter until order 1031 exists (the demo starts with 1001–1030). */
async function order1031(): Promise<{ orderId: string; orderNo: string }> {
  const customers = await control<{ customerId: string }[]>(serve.specterControl, 'customers');
  const articles = await control<{ articleNo: string }[]>(serve.specterControl, 'articles');
  for (let i = 0; i < 5; i++) {
    const created = await control<{ orderId: string; orderNo: string }>(serve.specterControl, 'orders', {
      customerId: customers[0]?.customerId,
      deliveryDate: '2026-12-01',
      rows: [{ articleNo: articles[0]?.articleNo, noOfItems: 2 }],
    });
    if (created.orderNo === '1031') return created;
  }
  throw new Error('order 1031 was not created');
}

test('order 1031 is found by number in Orders with its journey, and in Activity with its diff', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await order1031();
  await api('syncNow', { job: 'articles' });
  await api('syncNow', { job: 'orders' });
  await control(serve.ongoingControl, 'orders/by-number/1031/release', {});
  await control(serve.ongoingControl, 'orders/by-number/1031/pick', {});
  await control(serve.ongoingControl, 'orders/by-number/1031/ship', { status: 450, waybill: '00370712345678901031' });
  await api('syncNow', { job: 'deliveries' });
  const proposals = await api<{ id: number; number: string }[]>('listPostings', {
    kind: 'delivery',
    states: ['proposed'],
  });
  const posting = proposals.find((p) => p.number === '1031');
  expect(posting).toBeDefined();
  await api('decidePostings', { ids: [posting?.id], decision: 'confirm' });
  await expect
    .poll(async () => {
      const done = await api<{ number: string }[]>('listPostings', { kind: 'delivery', states: ['done'] });
      return done.some((p) => p.number === '1031');
    })
    .toBe(true);

  // Orders: find 1031 by number, its warehouse status read during the deliveries run, its journey.
  await open(page, 'Order');
  await page.getByRole('searchbox').fill('1031');
  const table = page.getByRole('table', { name: 'orders' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('450 Sent');
  await expect(table).toContainText('rapporterad');
  await page.getByTestId('open-1031').click();
  const timeline = page.getByTestId('timeline');
  for (const step of ['received', 'sent', 'picked', 'shipped', 'proposed', 'confirmed', 'reported']) {
    await expect(timeline.locator(`li[data-step="${step}"]`)).toHaveAttribute('data-done', 'true');
  }
  await expect(timeline.locator('li[data-step="confirmed"]')).toContainText('operatören');
  await page.screenshot({ path: `${SHOTS}/tracker-orders-sv.png`, fullPage: true });

  // Activity: reached from the order, searched by its number; the diff sits behind "Detaljer".
  await page.getByRole('button', { name: 'Visa i Aktivitet' }).click();
  await expect(page.getByRole('searchbox', { name: 'Sök order, artikel eller inköpsnummer' })).toHaveValue('1031');
  const events = page.getByTestId('audit-events');
  await expect(events.getByText(/bekräftade leverans #\d+ 1031/i)).toBeVisible();
  const confirm = events.locator('li', { hasText: /bekräftade leverans/i }).first();
  await confirm.getByRole('button', { name: 'Detaljer' }).click();
  const detail = confirm.getByTestId('audit-detail');
  await expect(detail).toContainText('Ändringar mot föregående version');
  await expect(detail).toContainText('00370712345678901031');
  const proposed = events.locator('li', { hasText: /föreslog leverans/i }).first();
  await proposed.getByRole('button', { name: 'Detaljer' }).click();
  await expect(proposed.getByTestId('audit-diff')).toContainText('packetNo');
  await page.screenshot({ path: `${SHOTS}/tracker-activity-sv.png`, fullPage: true });

  // Errors only leaves none of 1031's events (it went through).
  await page.getByLabel('Bara fel').check();
  await expect(page.getByText('Inga händelser matchar.')).toBeVisible();
});

test('Orders and Activity in English', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await api('updateSettings', { patch: { language: 'en' } });
  try {
    await open(page, 'Orders');
    await page.getByRole('searchbox').fill('1031');
    await page.getByTestId('open-1031').click();
    await expect(page.getByTestId('timeline')).toContainText('Reported to Specter');
    await page.screenshot({ path: `${SHOTS}/tracker-orders-en.png`, fullPage: true });
    await open(page, 'Activity');
    await page.getByRole('searchbox', { name: 'Search order, article or purchase number' }).fill('1031');
    await expect(page.getByTestId('audit-events').getByText(/confirmed delivery #\d+ 1031/i)).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/tracker-activity-en.png`, fullPage: true });
  } finally {
    await api('updateSettings', { patch: { language: 'sv' } });
  }
});

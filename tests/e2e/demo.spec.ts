import { expect, type Page, test } from '@playwright/test';
import { callApi, control, type ServeProcess, startServeProcess } from './serve-process';

let serve: ServeProcess;

test.beforeAll(async () => {
  // The warehouse clock is off so the test decides what the warehouse does.
  serve = await startServeProcess(['--demo', '--warehouse-clock', '0']);
  expect(serve.specterControl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_control\/$/);
  expect(serve.ongoingControl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_control\/$/);
});

test.afterAll(async () => {
  await serve?.stop();
});

const api = <T>(method: string, input: unknown = {}) => callApi<T>(serve, method, input);

async function open(page: Page, nav: string) {
  await page.goto(serve.openUrl);
  await page.getByRole('navigation').getByRole('button', { name: nav, exact: true }).click();
}

interface CreatedOrder {
  orderId: string;
  orderNo: string;
  rows: { rowNo: string; rowId: string }[];
}

async function firstArticles(n: number): Promise<string[]> {
  const articles = await control<{ articleNo: string }[]>(serve.specterControl, 'articles');
  return articles.slice(0, n).map((a) => a.articleNo);
}

async function createOrder(customerId: string, articleNos: string[], quantity = 2): Promise<CreatedOrder> {
  return control<CreatedOrder>(serve.specterControl, 'orders', {
    customerId,
    deliveryDate: '2026-12-01',
    rows: articleNos.map((articleNo) => ({ articleNo, noOfItems: quantity })),
  });
}

test('serve --demo shows both connections OK on the Settings page', async ({ page }) => {
  await open(page, 'Inställningar');
  await expect(page.getByTestId('connection-specter').first()).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId('connection-ongoing').first()).toHaveAttribute('data-state', 'ok');
});

test('an order created in Specter reaches Ongoing and the Orders page after "sync now"', async ({ page }) => {
  const customers = await control<{ customerId: string }[]>(serve.specterControl, 'customers');
  const order = await createOrder(customers[0]!.customerId, await firstArticles(2));
  await open(page, 'Översikt');
  await page.getByRole('button', { name: 'Synka allt nu' }).click();
  await expect(page.getByTestId('job-orders')).toContainText('ok', { timeout: 60_000 });
  const state = await control<{ orders: { orderInfo: { orderNumber: string } }[] }>(serve.ongoingControl, 'state');
  expect(state.orders.map((o) => o.orderInfo.orderNumber)).toContain(order.orderNo);
  await page.getByRole('navigation').getByRole('button', { name: 'Order', exact: true }).click();
  await page.getByRole('searchbox').fill(order.orderNo);
  await expect(page.getByRole('table', { name: 'orders' })).toContainText(order.orderNo);
});

test('a conflict on a started order shows its Specter-vs-Ongoing difference', async ({ page }) => {
  const customers = await control<{ customerId: string }[]>(serve.specterControl, 'customers');
  const order = await createOrder(customers[1]!.customerId, await firstArticles(1));
  await api('syncNow', { job: 'orders' });
  await control(serve.ongoingControl, `orders/by-number/${order.orderNo}/release`, {});
  await control(serve.specterControl, `orders/${order.orderId}`, { customerOrderReference: 'ÄNDRAD-REF-77' });
  await api('syncNow', { job: 'orders' });
  await open(page, 'Order');
  const conflict = page.getByTestId(`conflict-${order.orderNo}`);
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText('ÄNDRAD-REF-77');
});

test('a shipped order becomes a delivery proposal; confirming it posts the delivery to Specter once', async ({
  page,
}) => {
  const customers = await control<{ customerId: string }[]>(serve.specterControl, 'customers');
  const order = await createOrder(customers[2]!.customerId, await firstArticles(2), 1);
  await api('syncNow', { job: 'articles' });
  await api('syncNow', { job: 'orders' });
  await control(serve.ongoingControl, `orders/by-number/${order.orderNo}/release`, {});
  await control(serve.ongoingControl, `orders/by-number/${order.orderNo}/pick`, {});
  await control(serve.ongoingControl, `orders/by-number/${order.orderNo}/ship`, {
    status: 450,
    waybill: '00370712345678900042',
  });
  await api('syncNow', { job: 'deliveries' });
  await open(page, 'Leveranser');
  const card = page.getByTestId(`posting-${order.orderNo}`);
  await expect(card).toBeVisible();
  await expect(card.getByTestId('tracking')).toHaveText('00370712345678900042');
  await card.getByRole('button', { name: 'Bekräfta' }).click();
  // The row stays in view and follows the outbox to done.
  await expect(card).toHaveAttribute('data-state', 'done');
  await expect(card.getByTestId('posting-state')).toContainText('Klar · Specter leverans');
  const deliveries = await control<{ orderId: string; packetNo: string }[]>(serve.specterControl, 'deliveries');
  const mine = deliveries.filter((d) => d.orderId === order.orderId);
  expect(mine).toHaveLength(1);
  expect(mine[0]?.packetNo).toBe('00370712345678900042');
});

test('a received purchase order becomes a receipt; confirming it posts the purchase delivery to Specter', async ({
  page,
}) => {
  await api('syncNow', { job: 'purchaseOrders' });
  const purchases = await control<{ purchaseId: string; purchaseNo: string }[]>(serve.specterControl, 'purchases');
  const purchase = purchases[0]!;
  await control(serve.ongoingControl, `purchaseOrders/by-number/${purchase.purchaseNo}/receive`, {});
  await api('syncNow', { job: 'receipts' });
  await open(page, 'Inleveranser');
  const card = page.getByTestId(`posting-${purchase.purchaseNo}`);
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Bekräfta' }).click();
  await expect(card).toHaveAttribute('data-state', 'done');
  await expect(card.getByTestId('posting-state')).toContainText('Klar · Specter inleverans');
  const received = await control<{ purchaseId: string }[]>(serve.specterControl, 'purchase-deliveries');
  expect(received.filter((d) => d.purchaseId === purchase.purchaseId)).toHaveLength(1);
});

test('the Stock page shows a difference with its explanation', async ({ page }) => {
  const [articleNo] = await firstArticles(1);
  await control(serve.ongoingControl, `articles/${articleNo}/stock`, { numberOfItems: 999 });
  await open(page, 'Lager');
  await page.getByRole('button', { name: 'Uppdatera' }).click();
  await page.getByRole('searchbox').fill(articleNo!);
  const table = page.getByRole('table', { name: 'stock' });
  await expect(table).toContainText(articleNo!);
  await expect(table.getByRole('row').filter({ hasText: articleNo! })).toContainText('999');
});

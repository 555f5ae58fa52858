/**
 * First start, the settings form's checks, the sync rules taking effect, the Stock page's explanations
 * and push, and every page at 1024 px without horizontal scrolling. Screenshots of the setup, Settings
 * and Stock in both languages go to test-results/screenshots/ (names starting with "setup-").
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import type { Settings } from '../../src/shared/settings';
import { callApi, control, type ServeProcess, startServeProcess } from './serve-process';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');
const NAV = ['Översikt', 'Order', 'Leveranser', 'Inleveranser', 'Lager', 'Artiklar', 'Aktivitet', 'Inställningar'];

interface CreatedOrder {
  orderId: string;
  orderNo: string;
}

test.describe('a new install without the demo', () => {
  let serve: ServeProcess;
  test.beforeAll(async () => {
    serve = await startServeProcess();
  });
  test.afterAll(async () => {
    await serve?.stop();
  });

  test('opens the setup; the demo path says the demo runs as its own program', async ({ page }) => {
    await page.goto(serve.openUrl);
    await expect(page.getByRole('heading', { name: 'Kom igång' })).toBeVisible();
    await page.getByRole('button', { name: 'Prova med demodata' }).click();
    const explanation = page.getByTestId('demo-explanation');
    await expect(explanation).toContainText('serve --demo');
    await expect(explanation).toContainText('rör varken inställningarna eller nycklarna');
    await page.getByRole('button', { name: 'Hoppa över installationen' }).click();
    await expect(page.getByRole('heading', { name: 'Kom igång' })).toHaveCount(0);
    expect((await callApi<Settings>(serve, 'getSettings')).setupDone).toBe(true);
    // Done is remembered: the next start opens the Overview.
    await page.reload();
    await expect(page.getByTestId('health-overall')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Kom igång' })).toHaveCount(0);
  });

  test('the connect path checks each field: a goods owner id of "12a" is refused there and nothing is saved', async ({
    page,
  }) => {
    await callApi(serve, 'updateSettings', { patch: { ongoing: { goodsOwnerId: 7 } } });
    await page.goto(serve.openUrl);
    await page.getByRole('navigation').getByRole('button', { name: 'Inställningar', exact: true }).click();
    await page.getByRole('button', { name: 'Öppna Kom igång' }).click();
    await page.getByRole('button', { name: 'Anslut' }).click();
    await expect(page.getByRole('list', { name: 'Steg i installationen' })).toContainText('1. Specter');
    await page.getByLabel('sbmId').fill('1234');
    await page.getByRole('button', { name: 'Spara och fortsätt' }).click();
    await expect(page.getByLabel('goodsOwnerId')).toBeVisible();
    await page.getByLabel('Lagernamn eller API-adress').fill('mywarehouse');
    await expect(page.getByTestId('ongoing-address')).toHaveText(
      'Appen anropar: https://api.ongoingsystems.se/mywarehouse/api/v1/',
    );
    await page.getByLabel('goodsOwnerId').fill('12a');
    await expect(page.getByLabel('goodsOwnerId')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('error-ongoing.goodsOwnerId')).toHaveText('Bara siffror, t.ex. 12.');
    await expect(page.getByRole('button', { name: 'Spara och fortsätt' })).toBeDisabled();
    const saved = await callApi<Settings>(serve, 'getSettings');
    expect(saved.specter.sbmId).toBe('1234');
    expect(saved.ongoing).toMatchObject({ goodsOwnerId: 7, warehouse: '' });
  });
});

test.describe('the demo', () => {
  let serve: ServeProcess;
  const api = <T>(method: string, input: unknown = {}) => callApi<T>(serve, method, input);

  test.beforeAll(async () => {
    // The warehouse clock is off so the test decides what the warehouse does.
    serve = await startServeProcess(['--demo', '--warehouse-clock', '0']);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  test.afterAll(async () => {
    await serve?.stop();
  });

  async function open(page: Page, nav: string) {
    await page.goto(serve.openUrl);
    await page.getByRole('navigation').getByRole('button', { name: nav, exact: true }).click();
  }

  async function createOrder(customer: number, articleNos: string[]): Promise<CreatedOrder> {
    const customers = await control<{ customerId: string }[]>(serve.specterControl, 'customers');
    return control<CreatedOrder>(serve.specterControl, 'orders', {
      customerId: customers[customer]?.customerId,
      deliveryDate: '2026-12-01',
      rows: articleNos.map((articleNo) => ({ articleNo, noOfItems: 1 })),
    });
  }

  /** Run jobs until Ongoing has the order. */
  async function syncOrder(orderNo: string): Promise<void> {
    await expect
      .poll(async () => {
        for (const job of ['articles', 'orders']) await api('syncNow', { job });
        const state = await control<{ orders: { orderInfo: { orderNumber: string } }[] }>(
          serve.ongoingControl,
          'state',
        );
        return state.orders.some((o) => o.orderInfo.orderNumber === orderNo);
      })
      .toBe(true);
  }

  async function articles(): Promise<string[]> {
    return (await control<{ articleNo: string }[]>(serve.specterControl, 'articles')).map((a) => a.articleNo);
  }

  test('first start shows the two paths on the Overview; the demo path says what runs and is remembered', async ({
    page,
  }) => {
    await page.goto(serve.openUrl);
    const welcome = page.getByTestId('welcome');
    await expect(welcome).toContainText('Det här fönstret kör demon');
    await expect(welcome.getByRole('button', { name: 'Anslut' })).toBeVisible();
    await welcome.getByRole('button', { name: 'Prova med demodata' }).click();
    await expect(welcome).toHaveCount(0);
    await expect.poll(async () => (await api<Settings>('getSettings')).setupDone).toBe(true);
    await page.reload();
    await expect(page.getByTestId('health-overall')).toBeVisible();
    await expect(page.getByTestId('welcome')).toHaveCount(0);
  });

  test('Stock: equal at start, then grouped and explained, a link to the order, push from → to and its result', async ({
    page,
  }) => {
    await api('setPaused', { jobs: 'all', paused: true });
    const [a1, , a3] = await articles();
    // The demo starts with the warehouse's stock equal to Specter's, once the articles are in the warehouse.
    await expect
      .poll(async () => {
        await api('syncNow', { job: 'articles' });
        const report = await api<{ rows: { difference: number }[] }>('refreshStock');
        return report.rows.length > 0 && report.rows.every((r) => r.difference === 0);
      })
      .toBe(true);
    await open(page, 'Lager');
    await page.getByRole('button', { name: 'Uppdatera' }).click();
    await expect(page.getByTestId('stock-summary')).toHaveText(
      'Ongoing och Specter visar samma saldo för alla artiklar.',
    );

    // One unexplained difference and one explained by a delivery not yet reported.
    const before = (await api<{ rows: { articleNo: string; specterStock: number }[] }>('refreshStock')).rows.find(
      (r) => r.articleNo === a3,
    )?.specterStock;
    await control(serve.ongoingControl, `articles/${a3}/stock`, { numberOfItems: 999 });
    const order = await createOrder(0, [a1 as string]);
    await syncOrder(order.orderNo);
    for (const step of ['release', 'pick'])
      await control(serve.ongoingControl, `orders/by-number/${order.orderNo}/${step}`, {});
    await control(serve.ongoingControl, `orders/by-number/${order.orderNo}/ship`, { status: 450, waybill: 'W-9' });
    await page.getByRole('button', { name: 'Uppdatera' }).click();
    await expect(page.getByTestId('stock-summary')).toHaveText(
      '2 differenser: 1 förklaras av leveranser och inleveranser som inte rapporterats ännu, 1 oförklarade.',
    );
    await expect(page.getByTestId('stock-group-unexplained')).toHaveText('Oförklarade – kontrollera artikeln (1)');
    await expect(page.getByTestId('stock-group-pending')).toContainText('(1)');

    await page.getByRole('button', { name: `Visa förklaringen för ${a1}` }).click();
    const detail = page.getByTestId(`stock-detail-${a1}`);
    await expect(detail).toContainText('skickade i Ongoing');
    await detail.getByRole('button', { name: order.orderNo }).click();
    await expect(page.getByRole('heading', { name: 'Order', exact: true })).toBeVisible();
    await expect(page.getByRole('searchbox')).toHaveValue(order.orderNo);

    await page.getByRole('navigation').getByRole('button', { name: 'Lager', exact: true }).click();
    await page.getByLabel(`select ${a3}`).check();
    await page.getByRole('button', { name: /Skicka markerade till Specter/ }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('push-list')).toContainText(`${a3}`);
    await expect(dialog.getByTestId('push-list')).toContainText(`${before} → 999`);
    await dialog.getByRole('button', { name: 'Skriv till Specter' }).click();
    await expect(page.getByTestId('push-result')).toContainText(
      `Specter uppdaterades för 1 artiklar: ${a3} ${before} → 999.`,
    );

    // Pushing all holds the article with the unreported delivery back, and says why; Esc closes the dialog.
    await page.getByRole('button', { name: 'Skicka alla till Specter' }).click();
    await expect(page.getByRole('dialog')).toContainText(`${a1}`);
    await expect(page.getByRole('dialog')).toContainText('hålls tillbaka');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await api('setPaused', { jobs: 'all', paused: false });
  });

  test('shipped statuses and auto-confirm set in Settings take effect: only Collected counts, and it posts itself', async ({
    page,
  }) => {
    await api('updateSettings', { patch: { language: 'sv' } });
    await open(page, 'Inställningar');
    const rules = page.getByRole('form', { name: 'Synkronisering' });
    const sent = rules.getByRole('checkbox', { name: /^450/ });
    await expect(sent).toBeChecked();
    await sent.uncheck();
    await rules.getByLabel('Bekräfta leveranser automatiskt').check();
    await rules.getByRole('button', { name: 'Spara inställningar' }).click();
    await expect(page.getByRole('status')).toHaveText('Sparat');
    const saved = await api<Settings>('getSettings');
    expect(saved.sync.shippedStatuses).toEqual([500]);
    expect(saved.sync.autoConfirm.deliveries).toBe(true);

    const [, a2] = await articles();
    const order = await createOrder(1, [a2 as string]);
    await syncOrder(order.orderNo);
    for (const step of ['release', 'pick'])
      await control(serve.ongoingControl, `orders/by-number/${order.orderNo}/${step}`, {});
    await control(serve.ongoingControl, `orders/by-number/${order.orderNo}/ship`, { status: 450, waybill: 'W-10' });
    await api('syncNow', { job: 'deliveries' });
    const posted = async () =>
      (await control<{ orderId: string }[]>(serve.specterControl, 'deliveries')).filter(
        (d) => d.orderId === order.orderId,
      ).length;
    // Sent (450) no longer counts as shipped: no proposal, nothing posted.
    const postings = await api<{ number: string }[]>('listPostings', { kind: 'delivery' });
    expect(postings.some((p) => p.number === order.orderNo)).toBe(false);
    expect(await posted()).toBe(0);

    await control(serve.ongoingControl, `orders/by-number/${order.orderNo}/ship`, { status: 500 });
    await expect
      .poll(async () => {
        await api('syncNow', { job: 'deliveries' });
        return posted();
      })
      .toBe(1);
    const mine = (await api<{ number: string; state: string }[]>('listPostings', { kind: 'delivery' })).find(
      (p) => p.number === order.orderNo,
    );
    expect(mine?.state).toBe('done');
    // Specter took the delivered items off its stock as the warehouse did: no difference is left.
    const row = (await api<{ rows: { articleNo: string; difference: number }[] }>('refreshStock')).rows.find(
      (r) => r.articleNo === a2,
    );
    expect(row?.difference).toBe(0);
  });

  test('an invalid goods owner id is refused on the field in Settings, and nothing is saved', async ({ page }) => {
    const before = await api<Settings>('getSettings');
    await open(page, 'Inställningar');
    const field = page.getByLabel('goodsOwnerId');
    await field.fill('12a');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('error-ongoing.goodsOwnerId')).toHaveText('Bara siffror, t.ex. 12.');
    const save = page.getByRole('form', { name: 'Anslutningar' }).getByRole('button', { name: 'Spara inställningar' });
    await expect(save).toBeDisabled();
    // Enter in the field does not save either.
    await field.press('Enter');
    await expect(page.getByRole('status')).toHaveCount(0);
    const after = await api<Settings>('getSettings');
    expect(after.ongoing.goodsOwnerId).toBe(before.ongoing.goodsOwnerId);
    expect(after.ongoing.goodsOwnerId).not.toBeNull();
  });

  test('no page scrolls horizontally at 1024 px; a skip link and badges for what waits', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.goto(serve.openUrl);
    await expect(page.getByTestId('health-overall')).toBeVisible();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Hoppa till innehållet' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#main-content')).toBeFocused();

    const widths: Record<string, number> = {};
    for (const nav of NAV) {
      await page.getByRole('navigation').getByRole('button', { name: nav, exact: true }).click();
      await expect(page.locator('h1').first()).toBeVisible();
      widths[nav] = await page.evaluate(() => document.documentElement.scrollWidth);
    }
    await page.getByRole('navigation').getByRole('button', { name: 'Inställningar', exact: true }).click();
    await page.getByRole('button', { name: 'Öppna Kom igång' }).click();
    await page.getByRole('button', { name: 'Anslut' }).click();
    widths.setup = await page.evaluate(() => document.documentElement.scrollWidth);
    await page.getByRole('navigation').getByRole('button', { name: 'Lager', exact: true }).click();
    await page.getByRole('button', { name: 'Skicka alla till Specter' }).click();
    widths.stockDialog = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(Object.entries(widths).filter(([, w]) => w > 1024)).toEqual([]);

    // A proposal waiting: the Deliveries badge counts it, the button's name stays the page's name.
    await api('updateSettings', {
      patch: { sync: { autoConfirm: { deliveries: false }, shippedStatuses: [450, 500] } },
    });
    const [, , , a4] = await articles();
    const order = await createOrder(2, [a4 as string]);
    await syncOrder(order.orderNo);
    for (const step of ['release', 'pick'])
      await control(serve.ongoingControl, `orders/by-number/${order.orderNo}/${step}`, {});
    await control(serve.ongoingControl, `orders/by-number/${order.orderNo}/ship`, { status: 450, waybill: 'W-11' });
    await api('syncNow', { job: 'deliveries' });
    const waiting = (await api<{ state: string }[]>('listPostings', { kind: 'delivery' })).filter(
      (p) => p.state === 'proposed' || p.state === 'held',
    ).length;
    expect(waiting).toBeGreaterThan(0);
    const deliveries = page.getByRole('navigation').getByRole('button', { name: 'Leveranser', exact: true });
    await expect(deliveries.getByTestId('nav-badge-deliveries')).toHaveText(String(waiting));
    await expect(deliveries).toHaveAccessibleDescription(`${waiting} att bekräfta`);
  });

  test('screenshots of the setup, Settings and Stock in both languages', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    for (const language of ['sv', 'en'] as const) {
      await api('updateSettings', { patch: { language } });
      const label = (sv: string, en: string) => (language === 'sv' ? sv : en);
      await open(page, label('Inställningar', 'Settings'));
      await expect(page.getByRole('form', { name: label('Synkronisering', 'Synchronisation') })).toBeVisible();
      await page.screenshot({ path: path.join(SCREENSHOTS, `setup-${language}-settings.png`), fullPage: true });
      await page.getByRole('button', { name: label('Öppna Kom igång', 'Open Get started') }).click();
      await page.screenshot({ path: path.join(SCREENSHOTS, `setup-${language}-start.png`), fullPage: true });
      await page.getByRole('button', { name: label('Anslut', 'Connect') }).click();
      await page.getByRole('button', { name: label('Spara och fortsätt', 'Save and continue') }).click();
      await expect(page.getByTestId('ongoing-address')).toBeVisible();
      await page.screenshot({ path: path.join(SCREENSHOTS, `setup-${language}-ongoing.png`), fullPage: true });
      await page
        .getByRole('navigation')
        .getByRole('button', { name: label('Lager', 'Stock'), exact: true })
        .click();
      await page.getByRole('button', { name: label('Uppdatera', 'Refresh') }).click();
      await expect(page.getByTestId('stock-summary')).toBeVisible();
      await page.screenshot({ path: path.join(SCREENSHOTS, `setup-${language}-stock.png`), fullPage: true });
    }
    for (const name of ['settings', 'start', 'ongoing', 'stock']) {
      for (const language of ['sv', 'en']) {
        expect(fs.statSync(path.join(SCREENSHOTS, `setup-${language}-${name}.png`)).size).toBeGreaterThan(1000);
      }
    }
    await api('updateSettings', { patch: { language: 'sv' } });
  });
});

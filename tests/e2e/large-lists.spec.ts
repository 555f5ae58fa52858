import { expect, test } from '@playwright/test';
import { RecordRepository } from '../../src/main/core/repositories/record-repository';
import { openDatabase } from '../../src/main/core/store/database';
import { type ServeProcess, startServeProcess } from './serve-process';

let serve: ServeProcess;
const COUNT = 10_000;

test.beforeAll(async () => {
  serve = await startServeProcess();
  // Seed the app's own SQLite file (WAL allows a second connection while it runs).
  const db = openDatabase({ dataDir: serve.dataDir });
  const records = new RecordRepository(db);
  db.transaction(() => {
    for (let i = 1; i <= COUNT; i++) {
      records.upsert({
        flow: 'articles',
        key: `ART-${String(i).padStart(5, '0')}`,
        specterId: String(i),
        ongoingId: i,
        state: 'synced',
        summary: { name: `Kökshandduk randig ${i}`, barcode: String(7_350_000_000_000 + i) },
      });
    }
  })();
  db.close();
});

test.afterAll(async () => {
  await serve?.stop();
});

test('the Articles page lists 10,000 articles with only the visible rows in the page', async ({ page }) => {
  await page.goto(serve.openUrl);
  await page.getByRole('navigation').getByRole('button', { name: 'Artiklar', exact: true }).click();
  await expect(page.getByTestId('record-count')).toHaveText(`${COUNT} av ${COUNT}`);
  const table = page.getByRole('table', { name: 'articles' });
  await expect(table).toHaveAttribute('aria-rowcount', String(COUNT));
  const rendered = await table.getByRole('row').count();
  expect(rendered).toBeLessThan(80);

  const frames = await page.getByTestId('vtable-scroll').evaluate(async (el) => {
    // Scroll through the whole list in steps and count animation frames, as a smoothness check.
    let count = 0;
    const started = performance.now();
    for (let y = 0; y <= el.scrollHeight; y += 2_000) {
      el.scrollTop = y;
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      count++;
    }
    return { count, ms: performance.now() - started };
  });
  console.log(`scrolled ${COUNT} rows in ${frames.count} steps, ${frames.ms.toFixed(0)} ms`);
  await expect(table.locator(`[aria-rowindex="${COUNT + 1}"]`)).toBeVisible();
  expect(await table.getByRole('row').count()).toBeLessThan(80);
});

test('search narrows the 10,000 rows', async ({ page }) => {
  await page.goto(serve.openUrl);
  await page.getByRole('navigation').getByRole('button', { name: 'Artiklar', exact: true }).click();
  await page.getByRole('searchbox').fill('ART-0999');
  await expect(page.getByTestId('record-count')).toHaveText('10 av 10');
});

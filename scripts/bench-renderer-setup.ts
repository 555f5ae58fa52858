/**
 * Renderer benchmark of the Stock page: the first render of Stock with 10,000 differences, in headless
 * Chromium, on the built renderer (dist/renderer; run `npm run build:renderer` first). The app's API
 * is the in-page bridge the desktop app uses, answering with a generated stock report, so the figure
 * is the renderer's own work: from the click on "Lager" until the summary and the first rows are
 * painted. Prints one line per run and the median; a measurement, not a test (goal: 300 ms).
 *
 *   npm run bench:renderer:setup            (ROWS=10000 RUNS=7 by default)
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from '@playwright/test';

const ROWS = Number(process.env.ROWS ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 7);
const root = path.resolve(import.meta.dirname, '../dist/renderer');

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
};

/** Runs in the page before the app: the bridge answers every call; Stock gets ROWS differences. */
function installBridge(rows: number): void {
  const now = new Date().toISOString();
  const settings = {
    language: 'sv',
    startAtLogin: false,
    setupDone: true,
    specter: { baseUrl: 'https://api.specter.se/', sbmId: '1', apiUserId: '1', stockSiteId: '1', keyScheme: 'v2' },
    ongoing: { warehouse: 'bench', user: 'bench', goodsOwnerId: 1 },
    sync: {
      intervals: { articles: 300, orders: 60, purchaseOrders: 300, deliveries: 60, receipts: 60, stock: 900 },
      orderDeliveryStatuses: ['N'],
      shippedStatuses: [450, 500],
      autoConfirm: { deliveries: false, receipts: false },
      createInvoice: false,
      sendDeliveryEmail: true,
      sendReceiptEmail: false,
      watermarkOverlapMinutes: 10,
      stock: { enabled: true, mode: 'after_review' },
    },
  };
  const connection = (system: string) => ({ system, state: 'ok', message: '', ref: null, checkedAt: now });
  const status = {
    version: 'bench',
    mode: 'electron',
    demo: false,
    dataDir: '/tmp',
    keychain: { available: true, message: '' },
    schemaVersion: 1,
    connections: { specter: connection('specter'), ongoing: connection('ongoing') },
    startedAt: now,
  };
  const ok = { level: 'ok', reason: { code: 'health.ok', params: {} }, since: null };
  const health = {
    computedAt: now,
    overall: ok,
    systems: { specter: ok, ongoing: ok },
    flows: {},
    waiting: { deliveries: 0, receipts: 0, inDoubt: 0, problems: 0 },
  };
  const stockRows = Array.from({ length: rows }, (_, i) => {
    const articleNo = `ART-${String(i + 1).padStart(5, '0')}`;
    const kind = i % 4;
    const specter = 100 + (i % 50);
    if (kind === 0 || kind === 1) {
      const order = String(10_000 + i);
      return {
        articleNo,
        articleName: `Artikel ${i + 1}`,
        ongoingPhysical: specter - 2,
        specterStock: specter,
        difference: -2,
        explanations: [
          {
            kind: 'shipped_not_reported',
            quantity: -2,
            text: '',
            ref: { code: 'stock.shipped', params: { count: 2, refs: order } },
            records: [order],
          },
        ],
        heldBack: true,
        heldBackReason: '',
      };
    }
    if (kind === 2) {
      return {
        articleNo,
        articleName: `Artikel ${i + 1}`,
        ongoingPhysical: specter + 3,
        specterStock: specter,
        difference: 3,
        explanations: [
          { kind: 'unexplained', quantity: 3, text: '', ref: { code: 'stock.moreInOngoing', params: { count: 3 } } },
        ],
        heldBack: false,
        heldBackReason: '',
      };
    }
    return {
      articleNo,
      articleName: `Artikel ${i + 1}`,
      ongoingPhysical: 5,
      specterStock: null,
      difference: 5,
      explanations: [
        {
          kind: 'missing_in_specter',
          quantity: 5,
          text: '',
          ref: { code: 'stock.noStockRecord', params: { articleNo, count: 5 } },
        },
      ],
      heldBack: false,
      heldBackReason: '',
    };
  });
  const answers: Record<string, unknown> = {
    getStatus: status,
    getSettings: settings,
    getHealth: health,
    hasCredentials: {},
    listJobs: [],
    listRuns: [],
    listExceptions: [],
    listPostings: [],
    listAudit: [],
    getStockReport: { generatedAt: now, stockSiteId: '1', rows: stockRows },
  };
  const api = new Proxy(
    {},
    {
      get: (_target, method: string) =>
        method === 'onEvent' ? () => () => undefined : () => Promise.resolve(structuredClone(answers[method] ?? null)),
    },
  );
  (window as unknown as Record<string, unknown>).ossApi = api;
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build:renderer` first.');
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const file = path.join(root, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname));
    if (!file.startsWith(root) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu'],
  });
  const times: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      // tsx keeps function names with a helper (__name) that the page does not have.
      await page.addInitScript({ content: 'window.__name = (f) => f;' });
      await page.addInitScript(installBridge, ROWS);
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.getByRole('navigation').getByRole('button', { name: 'Lager', exact: true }).waitFor();
      const ms = await page.evaluate(async () => {
        const button = [...document.querySelectorAll<HTMLButtonElement>('nav button')].find(
          (b) => b.textContent?.trim() === 'Lager',
        );
        if (!button) throw new Error('no Lager button');
        const start = performance.now();
        button.click();
        // Until the summary and the first rows are in the page, then the frame that paints them.
        await new Promise<void>((resolve) => {
          const check = () => {
            if (document.querySelector('[data-testid="stock-summary"]') && document.querySelector('.stock-row')) {
              requestAnimationFrame(() => setTimeout(resolve, 0));
            } else {
              requestAnimationFrame(check);
            }
          };
          check();
        });
        return performance.now() - start;
      });
      const summary = await page.getByTestId('stock-summary').textContent();
      if (!summary?.startsWith(`${ROWS} differenser`)) throw new Error(`unexpected summary: ${summary}`);
      times.push(ms);
      console.log(`run ${run + 1}: Stock with ${ROWS} differences, first render ${ms.toFixed(0)} ms`);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.log(
    `Stock, ${ROWS} differences, first render in headless Chromium: median ${median.toFixed(0)} ms ` +
      `(min ${sorted[0]?.toFixed(0)}, max ${sorted.at(-1)?.toFixed(0)}, ${RUNS} runs; goal 300 ms)`,
  );
}

await main();

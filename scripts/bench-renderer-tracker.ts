/**
 * Renderer benchmark of the activity log: Activity search over 50,000 audit entries in headless Chromium.
 *
 *   npm run bench:renderer:tracker [-- --entries 50000]
 *
 * Fills the audit log of a temporary data folder through the repository, starts `serve --demo` on that
 * folder, opens Activity and prints, per search, the time from typing an order number until its event is
 * on screen (the goal is 100 ms), plus the first render of the page. Prints figures; asserts nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { AuditLogRepository } from '../src/main/core/repositories/audit-log-repository';
import { openDatabase } from '../src/main/core/store/database';
import { testProcessEnv } from '../tests/helpers/test-keychain';

const root = path.resolve(import.meta.dirname, '..');
const index = process.argv.indexOf('--entries');
const ENTRIES = index > 0 ? Number(process.argv[index + 1]) : 50_000;
const STEPS = ['proposed', 'confirm', 'send', 'sent', 'acknowledged'];

function fill(dataDir: string): void {
  const db = openDatabase({ dataDir });
  const audit = new AuditLogRepository(db);
  db.transaction(() => {
    for (let i = 0; i < ENTRIES; i++) {
      const order = 20_000 + Math.floor(i / STEPS.length);
      const posting = Math.floor(i / STEPS.length) + 1;
      audit.append({
        actor: i % 7 === 0 ? 'auto' : 'operator',
        action: `delivery.${STEPS[i % STEPS.length]}`,
        subject: `delivery #${posting} ${order}`,
        details: {
          payload: {
            orderId: String(90_000 + posting),
            packetNo: `0037${String(order).padStart(16, '0')}`,
            rows: [
              { rowNo: '1', noOfItems: 1 + (i % 4), articleNo: `ART-${(i * 7) % 3000}` },
              { rowNo: '2', noOfItems: 2, articleNo: `ART-${(i * 13) % 3000}` },
            ],
          },
        },
      });
    }
  })();
  db.close();
}

async function serve(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'bin', 'ongoing-specter-sync.mjs'),
      'serve',
      '--demo',
      '--warehouse-clock',
      '0',
      '--data-dir',
      dataDir,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: testProcessEnv() },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += String(d);
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  return { url, child };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oss-bench-tracker-'));
  const filled = performance.now();
  fill(dataDir);
  console.log(`audit log: ${ENTRIES} entries written in ${(performance.now() - filled).toFixed(0)} ms`);
  const { url, child } = await serve(dataDir);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(url);
    const start = performance.now();
    await page.getByRole('navigation').getByRole('button', { name: 'Aktivitet', exact: true }).click();
    await page.getByTestId('audit-events').locator('li').first().waitFor();
    console.log(`Activity first render with ${ENTRIES} entries: ${(performance.now() - start).toFixed(0)} ms`);
    const box = page.getByRole('searchbox', { name: 'Sök order, artikel eller inköpsnummer' });
    const orders = ENTRIES / STEPS.length;
    const times: number[] = [];
    for (let run = 0; run < 9; run++) {
      // Spread over the log: new, middle and the oldest entries.
      const order = 20_000 + Math.floor(((run + 0.5) / 9) * orders);
      const t0 = performance.now();
      await box.fill(String(order));
      await page
        .getByTestId('audit-events')
        .getByText(new RegExp(`#\\d+ ${order}\\b`))
        .first()
        .waitFor();
      times.push(performance.now() - t0);
    }
    console.log(
      `Activity search over ${ENTRIES} entries (type an order number → its events on screen): ` +
        `median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (goal 100 ms)`,
    );
    const t0 = performance.now();
    await box.fill('ART-2999');
    await page.getByTestId('audit-events').locator('li').first().waitFor();
    console.log(`Activity search by article number: ${(performance.now() - t0).toFixed(0)} ms`);
  } finally {
    await browser.close();
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

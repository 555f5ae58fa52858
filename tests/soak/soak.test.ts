/**
 * A fixed-seed soak of about two minutes as part of the test run: the app, Specter and Ongoing as three
 * processes, a warehouse day with faults and SIGKILLs aimed at sends, then the invariants. It runs the
 * soak's own command in a private keyring session of its own, so other tests' keychain use cannot
 * interfere.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SoakReport } from '../../scripts/soak/run';
import { formatReport } from '../../scripts/soak/report';

const root = path.resolve(import.meta.dirname, '../..');
const KILLS = 4;

function runSoakCommand(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    'bash',
    [path.join(root, 'scripts/with-keyring.sh'), process.execPath, '--import', 'tsx', 'scripts/soak/main.ts', ...args],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d) => {
    output += String(d);
  });
  child.stderr.on('data', (d) => {
    output += String(d);
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('soak', () => {
  it(
    'keeps every posting exactly once through faults and SIGKILLs (seed 7, 2 minutes)',
    async () => {
      const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oss-soak-test-'));
      const reportFile = path.join(reportDir, 'report.json');
      const { code, output } = await runSoakCommand([
        '--seed',
        '7',
        '--minutes',
        '2',
        '--kills',
        String(KILLS),
        '--settle-minutes',
        '8',
        '--json',
        reportFile,
      ]);
      if (!fs.existsSync(reportFile))
        throw new Error(`The soak wrote no report (exit ${code}):\n${output.slice(-6000)}`);
      const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as SoakReport;
      fs.rmSync(reportDir, { recursive: true, force: true });
      console.log(formatReport(report));

      // It can fail: kills and faults really happened, and the day really reported something.
      expect(report.kills).toHaveLength(KILLS);
      expect(report.kills.filter((k) => k.send !== null).length).toBeGreaterThan(0);
      expect(report.faultTotal).toBeGreaterThan(0);
      expect(report.faults.some((f) => f.phase === 'after' && f.system === 'specter')).toBe(true);
      expect(report.specter.deliveries).toBeGreaterThan(0);
      expect(report.specter.purchaseDeliveries).toBeGreaterThan(0);
      expect(report.figures.quickPairsMade).toBeGreaterThan(0);
      // Every invariant held (each violation names the record, the row and the three numbers).
      expect(report.violations.map((v) => `${v.invariant}: ${v.record} ${v.row}: ${v.message}`)).toEqual([]);
      expect(report.settled).toBe(true);
      expect(code).toBe(0);
    },
    30 * 60_000,
  );
});

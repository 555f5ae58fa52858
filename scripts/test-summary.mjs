// Adds up vitest's and Playwright's JSON reports and prints one closing line: "tests: N passed, N failed".
// A skipped or missing suite counts as a failure: nothing may be silently left out.
import fs from 'node:fs';

const read = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null);
const vitest = read('test-results/vitest.json');
const e2e = read('test-results/e2e.json');

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
  if (vitest.numTotalTests === 0) problems.push('vitest ran no test');
} else problems.push('no vitest report (test-results/vitest.json)');
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
  if (e2e.stats.expected + e2e.stats.unexpected + e2e.stats.flaky === 0) problems.push('playwright ran no test');
} else problems.push('no playwright report (test-results/e2e.json)');
if (skipped > 0) problems.push(`${skipped} test(s) skipped: no test may be skipped`);

for (const p of problems) console.log(`summary: ${p}`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);

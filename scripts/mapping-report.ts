/**
 * Writes docs/mapping-report.md from the mapping tables in src/shared/mapping, then lays it out
 * with the project's formatter (Biome) so `biome check` accepts the file as written.
 * Run: npx tsx scripts/mapping-report.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderMappingReport } from '../src/shared/mapping/report';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = resolve(root, 'docs', 'mapping-report.md');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, renderMappingReport(), 'utf8');

const biome = resolve(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
const formatted = spawnSync(process.execPath, [biome, 'format', '--write', target], { cwd: root, encoding: 'utf8' });
if (formatted.status !== 0) {
  console.warn(`Wrote ${target}, but could not format it with Biome:\n${formatted.stderr || formatted.error}`);
} else {
  console.log(`Wrote ${target}`);
}

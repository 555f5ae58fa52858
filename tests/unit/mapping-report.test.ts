import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAPPING_TABLES, normalizeMarkdownTables, renderMappingReport, reportRows } from '../../src/shared/mapping';

const reportPath = fileURLToPath(new URL('../../docs/mapping-report.md', import.meta.url));

describe('mapping report', () => {
  it('docs/mapping-report.md is up to date with the tables (run npx tsx scripts/mapping-report.ts)', () => {
    // The file is laid out by the formatter (padded table columns); compare cell by cell.
    expect(normalizeMarkdownTables(readFileSync(reportPath, 'utf8'))).toBe(
      normalizeMarkdownTables(renderMappingReport()),
    );
  });

  it('the comparison still sees a changed cell after normalising the layout', () => {
    const report = renderMappingReport();
    const changed = report.replace('| `articleName` |', '| `articleTitle` |');
    expect(changed).not.toBe(report);
    expect(normalizeMarkdownTables(changed)).not.toBe(normalizeMarkdownTables(report));
    expect(normalizeMarkdownTables('|  a  |  b |\n| --- | :--: |')).toBe('|a|b|\n|---|---|');
  });

  it('has one section per flow, with the spec row counts', () => {
    const report = renderMappingReport();
    expect(MAPPING_TABLES.map((t) => t.flow)).toEqual([
      'articles',
      'orders',
      'purchase-orders',
      'delivery-submit',
      'receipt-submit',
    ]);
    for (const table of MAPPING_TABLES) expect(report).toContain(`## ${table.title}`);
    expect(report).toContain('15 spec rows, 4 added rows.');
    expect(report).toContain('39 spec rows');
    expect(report).toContain('6 spec rows, 1 added row.');
    expect(report).toContain('| Order line ⇒ Waybill → Packet no |');
    expect(report).toContain('| Article ⇒ Name ⇐ Article ⇒ Name |');
    expect(report).toContain('5 spec rows, 0 added rows.');
  });

  it('lists every table row with its full target path and rule', () => {
    const report = renderMappingReport();
    for (const table of MAPPING_TABLES) {
      for (const row of reportRows(table)) {
        const target = row.target === null ? '_not sent_' : `\`${row.target}\``;
        expect(report).toContain(`| ${target} | ${row.rule.replace(/\|/g, '\\|')} |`);
      }
    }
    expect(report).toContain('`orderLines[].rowNumber`');
    expect(report).toContain('`purchaseOrderLines[].externalOrderLineId`');
    expect(report).toContain('`rows[].rowNo`');
  });
});

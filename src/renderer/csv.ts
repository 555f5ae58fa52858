import type { StockDifference } from '../shared/domain/postings';

const quote = (value: string | number | null): string => {
  const text = value === null ? '' : String(value);
  return /[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * Stock differences as CSV for Excel in Swedish locales: semicolon separated, with a byte order mark so
 * å, ä, ö survive, and one line per article.
 */
export function stockCsv(rows: StockDifference[]): string {
  const header = ['Artikelnr', 'Benämning', 'Ongoing fysiskt', 'Specter', 'Differens', 'Förklaring', 'Hålls tillbaka'];
  const lines = rows.map((r) =>
    [
      r.articleNo,
      r.articleName,
      r.ongoingPhysical,
      r.specterStock,
      r.difference,
      r.explanations.map((e) => e.text).join(' | '),
      r.heldBack ? r.heldBackReason || 'ja' : '',
    ]
      .map(quote)
      .join(';'),
  );
  return `\uFEFF${[header.join(';'), ...lines].join('\r\n')}\r\n`;
}

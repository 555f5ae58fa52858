import { describe, expect, it } from 'vitest';
import type { SpecterArticle } from '../../src/shared/domain/specter';
import { ARTICLE_ROWS, getPath, mainSupplier, mapArticle, sampleSpecterArticle } from '../../src/shared/mapping';

const GOODS_OWNER = 17;

interface RowCase {
  /** Target path of the table row under test (null: not sent). */
  target: string | null;
  change: (a: SpecterArticle) => void;
  goodsOwnerId?: number;
  expected: unknown;
}

/** One case per table row, each with its own distinct input value. */
const ROW_CASES: [string, RowCase][] = [
  ['goods owner id', { target: 'goodsOwnerId', change: () => {}, goodsOwnerId: 4242, expected: 4242 }],
  ['Name', { target: 'articleName', change: (a) => (a.name = ' Hoodie grey L '), expected: 'Hoodie grey L' }],
  [
    'Article description ⇐ Article comment',
    { target: 'description', change: (a) => (a.articleComment = 'Wash at 30°'), expected: 'Wash at 30°' },
  ],
  [
    'Article number ⇐ Article no.',
    { target: 'articleNumber', change: (a) => (a.articleNo = 'ART-XYZ-9'), expected: 'ART-XYZ-9' },
  ],
  ['Product code ⇐ Article id', { target: 'productCode', change: (a) => (a.articleId = '9001'), expected: '9001' }],
  [
    'Article group → code',
    { target: 'articleGroup.code', change: (a) => (a.articleGroup = 'HOODIES'), expected: 'HOODIES' },
  ],
  [
    'Article group → name',
    { target: 'articleGroup.name', change: (a) => (a.articleGroup = 'JACKETS'), expected: 'JACKETS' },
  ],
  [
    'Barcode',
    { target: 'barCodeInfo.barCode', change: (a) => (a.barCode = '0001112223334'), expected: '0001112223334' },
  ],
  [
    'Main supplier ⇐ Supplier name',
    {
      target: 'supplierInfo.supplierName',
      change: (a) => (a.suppliers[1]!.supplierName = 'Main Supplier Oy'),
      expected: 'Main Supplier Oy',
    },
  ],
  [
    'main supplier number',
    { target: 'supplierInfo.supplierNumber', change: (a) => (a.suppliers[1]!.supplierNo = 'S-77'), expected: 'S-77' },
  ],
  [
    'main supplier article number',
    {
      target: 'supplierInfo.supplierArticleNumber',
      change: (a) => (a.suppliers[1]!.supplierArticleNo = 'SUP-ART-3'),
      expected: 'SUP-ART-3',
    },
  ],
  [
    'Country of origin code ⇐ Manufacturing country code',
    { target: 'countryOfOriginCode', change: (a) => (a.manufacturingCountryCode = 'cn'), expected: 'CN' },
  ],
  [
    'Statistics number ⇐ Commodity code',
    { target: 'statisticsNumber', change: (a) => (a.commodityCode = '62034231'), expected: '62034231' },
  ],
  ['Purchase price ⇐ Buy price', { target: 'purchasePrice', change: (a) => (a.buyPrice = 12.34), expected: 12.34 }],
  [
    'Customer price ⇐ Price excluding VAT',
    { target: 'customerPrice', change: (a) => (a.priceExclVat = 299.5), expected: 299.5 },
  ],
  ['Price ⇐ Stock price', { target: 'stockValuationPrice', change: (a) => (a.stockPrice = 55.55), expected: 55.55 }],
  ['VAT code ⇐ VAT percent (not sent)', { target: null, change: (a) => (a.vatPercent = 17.75), expected: 17.75 }],
  ['Volume', { target: 'volume', change: (a) => (a.productVolume = 0.0333), expected: 0.0333 }],
  ['Weight', { target: 'weight', change: (a) => (a.productWeight = 1.234), expected: 1.234 }],
];

describe('article mapping: one test per table row', () => {
  it('has exactly one case per table row', () => {
    expect(ROW_CASES.map(([, c]) => c.target).sort()).toEqual(ARTICLE_ROWS.map((r) => r.target).sort());
  });

  it.each(ROW_CASES)('%s', (_name, c) => {
    const article = sampleSpecterArticle();
    c.change(article);
    const body = mapArticle(article, c.goodsOwnerId ?? GOODS_OWNER);
    if (c.target === null) {
      // Deliberately not sent: the value appears nowhere in the body, and no VAT-like field exists.
      expect(JSON.stringify(body)).not.toContain(String(c.expected));
      expect(JSON.stringify(body)).not.toMatch(/vat/i);
      expect(body.freeValues).toBeUndefined();
    } else {
      expect(getPath(body, c.target)).toEqual(c.expected);
    }
  });
});

describe('article mapping: rules', () => {
  it('maps the whole sample to the expected body', () => {
    expect(mapArticle(sampleSpecterArticle(), GOODS_OWNER)).toEqual({
      goodsOwnerId: 17,
      articleNumber: 'ART-001',
      articleName: 'T-shirt blue M',
      description: 'Organic cotton, 180 g/m²',
      productCode: '4711',
      articleGroup: { code: 'TSHIRTS', name: 'TSHIRTS' },
      barCodeInfo: { barCode: '7312345678901' },
      supplierInfo: { supplierName: 'Leverantör AB', supplierNumber: 'S-12', supplierArticleNumber: 'LEV-77' },
      countryOfOriginCode: 'PT',
      statisticsNumber: '61091000',
      purchasePrice: 42.5,
      customerPrice: 199,
      stockValuationPrice: 44.25,
      volume: 0.0021,
      weight: 0.185,
    });
  });

  it('main supplier is the default supplier, else the first one, else none', () => {
    const article = sampleSpecterArticle();
    expect(mainSupplier(article)?.supplierNo).toBe('S-12');
    for (const s of article.suppliers) s.isDefault = false;
    expect(mainSupplier(article)?.supplierNo).toBe('S-9');
    expect(mapArticle(article, GOODS_OWNER).supplierInfo?.supplierName).toBe('Other Supplier AB');
    article.suppliers = [];
    expect(mapArticle(article, GOODS_OWNER).supplierInfo).toBeUndefined();
  });

  it('leaves empty texts and missing numbers out of the body', () => {
    const article = sampleSpecterArticle();
    article.articleComment = '   ';
    article.barCode = '';
    article.buyPrice = null;
    article.productWeight = Number.NaN;
    const body = mapArticle(article, GOODS_OWNER);
    expect('description' in body).toBe(false);
    expect('barCodeInfo' in body).toBe(false);
    expect('purchasePrice' in body).toBe(false);
    expect('weight' in body).toBe(false);
  });

  it('keeps a price of 0 (0 is a value, not an empty field)', () => {
    const article = sampleSpecterArticle();
    article.stockPrice = 0;
    expect(mapArticle(article, GOODS_OWNER).stockValuationPrice).toBe(0);
  });

  it('never throws on a record missing its article number; the body has an empty key', () => {
    const article = sampleSpecterArticle();
    article.articleNo = '';
    expect(mapArticle(article, GOODS_OWNER).articleNumber).toBe('');
  });
});

describe('article table covers the integration spec', () => {
  // The spec's article table, verbatim (Ongoing WMS field name | Specter field name).
  const SPEC_ROWS: [string, string][] = [
    ['Article ⇒ Name', 'Article ⇒ Name'],
    ['Article ⇒ Article description', 'Article ⇒ Article comment'],
    ['Article ⇒ Article number', 'Article ⇒ Article no.'],
    ['Article ⇒ Product code', 'Article ⇒ Article id'],
    ['Article ⇒ Article group', 'Article ⇒ Article group'],
    ['Article ⇒ Barcode', 'Article ⇒ Barcode'],
    ['Article ⇒ Main supplier', 'Article ⇒ Suppliers ⇒ Supplier name'],
    ['Article ⇒ Country of origin code', 'Article ⇒ Manufacturing country code'],
    ['Article ⇒ Statistics number', 'Article ⇒ Commodity code'],
    ['Article ⇒ Purchase price', 'Article ⇒ Buy price'],
    ['Article ⇒ Customer price', 'Article ⇒ Price excluding VAT'],
    ['Article ⇒ Price', 'Article ⇒ Stock price'],
    ['Article ⇒ VAT code', 'Article ⇒ VAT parcent'],
    ['Article ⇒ Volume', 'Article ⇒ Article volume'],
    ['Article ⇒ Weight', 'Article ⇒ Article weight'],
  ];

  it('has every one of the 15 spec rows exactly once', () => {
    const table = ARTICLE_ROWS.filter((r) => r.spec !== null).map((r) => [r.spec, r.specter]);
    expect(SPEC_ROWS).toHaveLength(15);
    expect(table).toHaveLength(15);
    expect(new Set(table.map((p) => p.join(' | ')))).toEqual(new Set(SPEC_ROWS.map((p) => p.join(' | '))));
  });
});

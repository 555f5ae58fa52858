/**
 * Specter article → Ongoing `PUT /articles` (PostArticleModel).
 *
 * Decisions:
 * - The upsert key is articleNumber (Specter "Article no.") together with goodsOwnerId.
 * - "Price ⇐ Stock price": Ongoing's article has no generic price; the stock price goes to
 *   stockValuationPrice, the value Ongoing uses to value stock. "Customer price ⇐ Price excluding
 *   VAT" goes to customerPrice.
 * - "VAT code ⇐ VAT percent": Ongoing's REST article has no VAT field (VAT exists only per order
 *   line). The article's VAT percent is not sent with the article (its free fields belong to the
 *   warehouse's own set-up); each order line carries its row's VAT percent as vat { code, percent }
 *   instead (orders.ts).
 * - Main supplier: the supplier Specter marks as default, else the first supplier listed.
 * - Units are passed unchanged: volume in m³, weight in kg, as both systems use them.
 * - Empty Specter fields are left out of the body (see core.ts).
 */
import type { SpecterArticle, SpecterSupplierRef } from '../domain/specter';
import type { PostArticleModel } from '../ongoing/models';
import { buildFromRows, finite, type MappingRow, type MappingTable, text } from './core';

/** What one article body is made from. */
export interface ArticleSource {
  article: SpecterArticle;
  goodsOwnerId: number;
}

/** The supplier used as Ongoing's main supplier: Specter's default supplier, else the first one. */
export function mainSupplier(article: SpecterArticle): SpecterSupplierRef | undefined {
  const suppliers = Array.isArray(article.suppliers) ? article.suppliers : [];
  return suppliers.find((s) => s.isDefault) ?? suppliers[0];
}

/** The record name used in problems, e.g. 'article ART-001'. */
export function articleRecordName(article: Pick<SpecterArticle, 'articleNo' | 'articleId'>): string {
  const no = text(article.articleNo);
  if (no !== undefined) return `article ${no}`;
  const id = text(article.articleId);
  return id !== undefined ? `article with id ${id} (no article number)` : 'article without number or id';
}

export const ARTICLE_ROWS: MappingRow<ArticleSource>[] = [
  {
    spec: null,
    specter: '(settings) Ongoing goods owner id',
    source: 'settings.ongoing.goodsOwnerId',
    target: 'goodsOwnerId',
    readBack: null,
    rule: 'Required by Ongoing: the goods owner the API user belongs to; the upsert key together with articleNumber.',
    apply: (s) => s.goodsOwnerId,
  },
  {
    spec: 'Article ⇒ Name',
    specter: 'Article ⇒ Name',
    source: 'name',
    target: 'articleName',
    readBack: { path: 'articleName' },
    rule: 'Copied (trimmed).',
    apply: (s) => text(s.article.name),
  },
  {
    spec: 'Article ⇒ Article description',
    specter: 'Article ⇒ Article comment',
    source: 'articleComment',
    target: 'description',
    readBack: { path: 'description' },
    rule: 'Copied (trimmed).',
    apply: (s) => text(s.article.articleComment),
  },
  {
    spec: 'Article ⇒ Article number',
    specter: 'Article ⇒ Article no.',
    source: 'articleNo',
    target: 'articleNumber',
    readBack: null,
    rule: 'Copied (trimmed). Required (minLength 1): the upsert key with goodsOwnerId; an article without it is not sent.',
    apply: (s) => text(s.article.articleNo),
  },
  {
    spec: 'Article ⇒ Product code',
    specter: 'Article ⇒ Article id',
    source: 'articleId',
    target: 'productCode',
    readBack: { path: 'productCode' },
    rule: "Specter's internal article id, copied.",
    apply: (s) => text(s.article.articleId),
  },
  {
    spec: 'Article ⇒ Article group',
    specter: 'Article ⇒ Article group',
    source: 'articleGroup',
    target: 'articleGroup.code',
    readBack: { path: 'articleGroup.code' },
    rule: 'Specter has one text for the group; it becomes the group code (Ongoing finds or creates the group by code).',
    apply: (s) => text(s.article.articleGroup),
  },
  {
    spec: null,
    specter: 'Article ⇒ Article group',
    source: 'articleGroup',
    target: 'articleGroup.name',
    readBack: { path: 'articleGroup.name' },
    rule: 'The same group text is also the group name, so the group reads the same in both systems.',
    apply: (s) => text(s.article.articleGroup),
  },
  {
    spec: 'Article ⇒ Barcode',
    specter: 'Article ⇒ Barcode',
    source: 'barCode',
    target: 'barCodeInfo.barCode',
    readBack: { path: 'barCodeInfo.barCode' },
    rule: "Copied to the article's main barcode.",
    apply: (s) => text(s.article.barCode),
  },
  {
    spec: 'Article ⇒ Main supplier',
    specter: 'Article ⇒ Suppliers ⇒ Supplier name',
    source: 'suppliers[default or first].supplierName',
    target: 'supplierInfo.supplierName',
    readBack: { path: 'supplierInfo.supplierName' },
    rule: 'Name of the main supplier: the supplier marked default in Specter, else the first one.',
    apply: (s) => text(mainSupplier(s.article)?.supplierName),
  },
  {
    spec: null,
    specter: 'Article ⇒ Suppliers ⇒ Supplier no',
    source: 'suppliers[default or first].supplierNo',
    target: 'supplierInfo.supplierNumber',
    readBack: { path: 'supplierInfo.supplierNumber' },
    rule: "The same main supplier's number, so Ongoing can tell suppliers with equal names apart.",
    apply: (s) => text(mainSupplier(s.article)?.supplierNo),
  },
  {
    spec: null,
    specter: "Article ⇒ Suppliers ⇒ Supplier's article no",
    source: 'suppliers[default or first].supplierArticleNo',
    target: 'supplierInfo.supplierArticleNumber',
    readBack: { path: 'supplierInfo.supplierArticleNumber' },
    rule: "The main supplier's own article number (used on inbound paperwork).",
    apply: (s) => text(mainSupplier(s.article)?.supplierArticleNo),
  },
  {
    spec: 'Article ⇒ Country of origin code',
    specter: 'Article ⇒ Manufacturing country code',
    source: 'manufacturingCountryCode',
    target: 'countryOfOriginCode',
    readBack: { path: 'countryOfOriginCode' },
    rule: 'ISO country code, copied in upper case.',
    apply: (s) => text(s.article.manufacturingCountryCode)?.toUpperCase(),
  },
  {
    spec: 'Article ⇒ Statistics number',
    specter: 'Article ⇒ Commodity code',
    source: 'commodityCode',
    target: 'statisticsNumber',
    readBack: { path: 'statisticsNumber' },
    rule: 'Customs commodity code, copied.',
    apply: (s) => text(s.article.commodityCode),
  },
  {
    spec: 'Article ⇒ Purchase price',
    specter: 'Article ⇒ Buy price',
    source: 'buyPrice',
    target: 'purchasePrice',
    readBack: { path: 'purchasePrice', kind: 'number' },
    rule: 'Copied as a number; left out when Specter has none.',
    apply: (s) => finite(s.article.buyPrice),
  },
  {
    spec: 'Article ⇒ Customer price',
    specter: 'Article ⇒ Price excluding VAT',
    source: 'priceExclVat',
    target: 'customerPrice',
    readBack: { path: 'customerPrice', kind: 'number' },
    rule: 'Sales price excluding VAT, copied as a number; left out when Specter has none.',
    apply: (s) => finite(s.article.priceExclVat),
  },
  {
    spec: 'Article ⇒ Price',
    specter: 'Article ⇒ Stock price',
    source: 'stockPrice',
    target: 'stockValuationPrice',
    readBack: { path: 'stockValuationPrice', kind: 'number' },
    rule: "Ongoing's REST article has no generic price field; the stock price is the stock valuation price, the closest faithful field.",
    apply: (s) => finite(s.article.stockPrice),
  },
  {
    spec: 'Article ⇒ VAT code',
    specter: 'Article ⇒ VAT parcent',
    source: 'vatPercent',
    target: null,
    rule:
      "Not sent with the article ('parcent' is the spec's spelling): Ongoing's REST article has no VAT field, and the " +
      "article's free fields belong to the warehouse's set-up. VAT reaches Ongoing per order line instead: every sales " +
      "order line carries its row's VAT percent as vat { code, percent } (see Sales orders).",
    apply: (s) => finite(s.article.vatPercent),
  },
  {
    spec: 'Article ⇒ Volume',
    specter: 'Article ⇒ Article volume',
    source: 'productVolume',
    target: 'volume',
    readBack: { path: 'volume', kind: 'number' },
    rule: 'Copied as a number (m³).',
    apply: (s) => finite(s.article.productVolume),
  },
  {
    spec: 'Article ⇒ Weight',
    specter: 'Article ⇒ Article weight',
    source: 'productWeight',
    target: 'weight',
    readBack: { path: 'weight', kind: 'number' },
    rule: 'Copied as a number (kg).',
    apply: (s) => finite(s.article.productWeight),
  },
];

export const ARTICLE_TABLE: MappingTable<ArticleSource, never> = {
  flow: 'articles',
  title: 'Articles',
  direction: 'Specter article → Ongoing PUT /articles (PostArticleModel)',
  arrow: '⇐',
  notes: [
    'Upsert key: articleNumber + goodsOwnerId.',
    'Empty Specter fields are left out of the body.',
    "VAT percent is not sent: Ongoing's REST article has no VAT field.",
  ],
  header: ARTICLE_ROWS,
  lines: null,
};

/**
 * Maps a Specter article to Ongoing's article body. Never throws; a missing article number gives
 * an empty articleNumber, which validateArticle reports as an error before anything is sent.
 */
export function mapArticle(article: SpecterArticle, goodsOwnerId: number): PostArticleModel {
  const body = buildFromRows(ARTICLE_ROWS, { article, goodsOwnerId });
  return { articleNumber: '', ...body, goodsOwnerId } as PostArticleModel;
}

import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * The Specter simulator's starting data. The same shape is accepted from a JSON file
 * (see docs/specter-simulator.md); omitted optional fields get the defaults below.
 * Ids may be strings or numbers in JSON; they are kept as strings.
 */

const id = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);
const text = z.string().default('');
const optionalNumber = z.number().nullable().default(null);
const quantity = z.number().nonnegative();
const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'use yyyy-MM-dd HH:mm:ss (Stockholm time)');
const date = z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'use yyyy-MM-dd');
const status = z.enum(['N', 'P', 'D']);

export const addressSchema = z.object({
  attention: text,
  companyName: text,
  address: text,
  address2: text,
  address3: text,
  zipCode: text,
  city: text,
  countryCode: z.string().default('SE'),
});

export const customerSchema = z.object({
  customerId: id,
  firstName: text,
  surName: text,
  name: text,
  orgNo: text,
  vatNo: text,
  phoneNo: text,
  mobileNo: text,
  emailAddress: text,
  invoiceAddress: addressSchema.prefault({}),
  deliveryAddress: addressSchema.prefault({}),
});

export const supplierSchema = z.object({
  supplierNo: id,
  name: z.string().min(1),
  address: text,
  address2: text,
  address3: text,
  zipCode: text,
  city: text,
  countryCode: z.string().default('SE'),
  phoneNo: text,
  emailAddress: text,
});

export const articleSchema = z.object({
  articleId: id.optional(),
  articleNo: z.string().min(1),
  name: z.string().min(1),
  articleComment: text,
  articleGroup: text,
  barCode: text,
  suppliers: z
    .array(
      z.object({
        supplierNo: id,
        supplierName: text,
        supplierArticleNo: text,
        supplierBuyPrice: optionalNumber,
        isDefault: z.boolean().default(false),
      }),
    )
    .default([]),
  manufacturingCountryCode: text,
  commodityCode: text,
  buyPrice: optionalNumber,
  priceExclVat: optionalNumber,
  stockPrice: optionalNumber,
  vatPercent: z.number().nullable().default(25),
  productVolume: optionalNumber,
  productWeight: optionalNumber,
  lastChanged: timestamp.optional(),
});

export const orderRowSchema = z.object({
  rowId: id.optional(),
  rowNo: id.optional(),
  articleNo: z.string().min(1),
  /** Defaults to the article's name. */
  articleName: z.string().optional(),
  noOfItems: quantity,
  noOfItems2: optionalNumber,
  deliveredNoOfItems: quantity.default(0),
  /** Defaults to the article's price excluding VAT. */
  priceExclVat: z.number().nullable().optional(),
  /** Defaults to the article's VAT percent. */
  vatPercent: z.number().nullable().optional(),
});

export const orderSchema = z.object({
  orderId: id.optional(),
  orderNo: id.optional(),
  externalOrderNo: text,
  customerId: id,
  /** Overrides the customer taken from `customers` (fields given here win). */
  customer: customerSchema.partial().optional(),
  currency: z.string().default('SEK'),
  deliveryDate: date.default(''),
  lastChanged: timestamp.optional(),
  stockSiteId: id.default('1'),
  /** Computed from the rows when omitted. */
  deliveryStatus: status.optional(),
  statusId: id.default('1'),
  customerReference: text,
  customerOrderReference: text,
  internalComment: text,
  publishedComment: text,
  notifyDeliveryByMobile: z.boolean().default(false),
  notifyDeliveryMobileNo: text,
  preparedShipmentId: text,
  agentNo: text,
  bulkId: text,
  rows: z.array(orderRowSchema).min(1, 'an order needs at least one row'),
});

export const purchaseRowSchema = z.object({
  rowId: id.optional(),
  rowNo: id.optional(),
  articleNo: z.string().min(1),
  noOfItems: quantity,
  receivedNoOfItems: quantity.default(0),
  /** Defaults to the article's buy price. */
  priceExclVat: z.number().nullable().optional(),
});

export const purchaseSchema = z.object({
  purchaseId: id.optional(),
  purchaseNo: z.string().optional(),
  orderDate: date.default(''),
  deliveryOutDate: date.default(''),
  lastChanged: timestamp.optional(),
  stockSiteId: id.default('1'),
  currency: z.string().default('SEK'),
  deliveryStatus: status.optional(),
  statusId: id.default('1'),
  supplierNo: id,
  rows: z.array(purchaseRowSchema).min(1, 'a purchase needs at least one row'),
});

export const stockSchema = z.object({
  stockSiteId: id.default('1'),
  articleNo: z.string().min(1),
  noItemsInStock: z.number().nullable(),
});

export const stockSiteSchema = z.object({ stockSiteId: id, name: text });

export const fixtureSchema = z.object({
  stockSites: z.array(stockSiteSchema).default([{ stockSiteId: '1', name: 'Huvudlager' }]),
  articles: z.array(articleSchema).default([]),
  customers: z.array(customerSchema).default([]),
  suppliers: z.array(supplierSchema).default([]),
  orders: z.array(orderSchema).default([]),
  purchases: z.array(purchaseSchema).default([]),
  stock: z.array(stockSchema).default([]),
});

/** Fixture as written (optional fields may be left out). */
export type SpecterFixture = z.input<typeof fixtureSchema>;
/** Fixture with every default filled in. */
export type NormalizedSpecterFixture = z.output<typeof fixtureSchema>;
export type SpecterFixtureOrder = z.input<typeof orderSchema>;
export type SpecterFixturePurchase = z.input<typeof purchaseSchema>;
export type SpecterFixtureArticle = z.input<typeof articleSchema>;
export type SpecterFixtureCustomer = z.input<typeof customerSchema>;
export type SpecterFixtureSupplier = z.input<typeof supplierSchema>;

/** Turn zod issues into one readable message naming each bad field. */
export function describeIssues(what: string, error: z.ZodError): string {
  const lines = error.issues.slice(0, 10).map((issue) => {
    const path =
      issue.path.length > 0 ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)) : [];
    const where = path.join('').replace(/^\./, '') || '(top level)';
    return `  ${where}: ${issue.message}`;
  });
  const more = error.issues.length > 10 ? `\n  … and ${error.issues.length - 10} more` : '';
  return `${what} is not valid:\n${lines.join('\n')}${more}`;
}

/** Validate a fixture and fill in defaults; throws an Error naming every bad field. */
export function normalizeFixture(input: unknown, what = 'The Specter fixture'): NormalizedSpecterFixture {
  const parsed = fixtureSchema.safeParse(input ?? {});
  if (!parsed.success) throw new Error(describeIssues(what, parsed.error));
  const fixture = parsed.data;
  const problems: string[] = [];
  const customers = new Set(fixture.customers.map((c) => c.customerId));
  const suppliers = new Set(fixture.suppliers.map((s) => s.supplierNo));
  const sites = new Set(fixture.stockSites.map((s) => s.stockSiteId));
  const seenArticles = new Set<string>();
  fixture.articles.forEach((a, i) => {
    if (seenArticles.has(a.articleNo)) problems.push(`articles[${i}].articleNo: "${a.articleNo}" appears twice`);
    seenArticles.add(a.articleNo);
  });
  fixture.orders.forEach((o, i) => {
    if (!customers.has(o.customerId) && !o.customer) {
      problems.push(
        `orders[${i}].customerId: customer ${o.customerId} is not in "customers" (add it or give "customer")`,
      );
    }
    if (!sites.has(o.stockSiteId))
      problems.push(`orders[${i}].stockSiteId: stock site ${o.stockSiteId} is not in "stockSites"`);
  });
  fixture.purchases.forEach((p, i) => {
    if (!suppliers.has(p.supplierNo)) {
      problems.push(`purchases[${i}].supplierNo: supplier ${p.supplierNo} is not in "suppliers"`);
    }
  });
  fixture.stock.forEach((s, i) => {
    if (!sites.has(s.stockSiteId))
      problems.push(`stock[${i}].stockSiteId: stock site ${s.stockSiteId} is not in "stockSites"`);
  });
  if (problems.length > 0) {
    throw new Error(`${what} is not valid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  return fixture;
}

/** Read and validate a fixture JSON file. */
export async function loadSpecterFixtureFile(path: string): Promise<NormalizedSpecterFixture> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the fixture file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new Error(`The fixture file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return normalizeFixture(json, `The fixture file ${path}`);
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  applyLengthLimits,
  fitPatchValue,
  mapArticle,
  mapOrder,
  mapPurchase,
  ONGOING_PATCH_LENGTH_LIMITS,
  prepareOrder,
  PUT_BODY_LENGTH_LIMITS,
  sampleSpecterArticle,
  sampleSpecterOrder,
  sampleSpecterPurchase,
} from '../../src/shared/mapping';

type Json = Record<string, unknown>;

const openapi = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../specs/ongoing-rest-openapi.json', import.meta.url)), 'utf8'),
) as { components: { schemas: Record<string, Json> } };
const schemas = openapi.components.schemas;

/**
 * OpenAPI 3.0 schema → JSON Schema for ajv: refs point into `definitions`, `nullable` becomes a
 * null type, and objects refuse unknown properties so a misspelled path in a mapped body fails.
 */
function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace('#/components/schemas/', 'ongoing#/definitions/');
    } else {
      out[key] = convert(value);
    }
  }
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  if ((node as Json).nullable === true) {
    if (typeof out.type === 'string') return { ...out, type: [out.type, 'null'] };
    return { anyOf: [{ type: 'null' }, out] };
  }
  return out;
}

let validators: Record<'PostArticleModel' | 'PostOrderModel' | 'PostPurchaseOrderModel', ValidateFunction>;

beforeAll(() => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat('decimal', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addSchema({ $id: 'ongoing', definitions: convert(schemas) });
  const compile = (name: string) => ajv.compile({ $ref: `ongoing#/definitions/${name}` });
  validators = {
    PostArticleModel: compile('PostArticleModel'),
    PostOrderModel: compile('PostOrderModel'),
    PostPurchaseOrderModel: compile('PostPurchaseOrderModel'),
  };
});

function expectValid(name: keyof typeof validators, body: unknown) {
  const validate = validators[name];
  const ok = validate(body);
  expect(validate.errors ?? [], `${name}: ${JSON.stringify(validate.errors)}`).toEqual([]);
  expect(ok).toBe(true);
}

describe('mapped bodies validate against the Ongoing OpenAPI schema', () => {
  it('article: full sample', () => {
    expectValid('PostArticleModel', mapArticle(sampleSpecterArticle(), 17));
  });

  it('article: only the article number set', () => {
    const article = sampleSpecterArticle();
    Object.assign(article, {
      articleId: '',
      name: '',
      articleComment: '',
      articleGroup: '',
      barCode: '',
      suppliers: [],
      manufacturingCountryCode: '',
      commodityCode: '',
      buyPrice: null,
      priceExclVat: null,
      stockPrice: null,
      vatPercent: null,
      productVolume: null,
      productWeight: null,
    });
    const body = mapArticle(article, 17);
    expect(body).toEqual({ goodsOwnerId: 17, articleNumber: 'ART-001' });
    expectValid('PostArticleModel', body);
  });

  it('order: full sample', () => {
    expectValid('PostOrderModel', mapOrder(sampleSpecterOrder(), 17));
  });

  it('order: delivery date from the fallback, sparse customer, line without price', () => {
    const order = sampleSpecterOrder();
    order.deliveryDate = '';
    order.notifyDeliveryByMobile = false;
    order.notifyDeliveryMobileNo = '';
    order.customer.mobileNo = '';
    order.customer.invoiceAddress = { ...order.customer.invoiceAddress, attention: '', companyName: '', address: '' };
    order.rows[0]!.rowSumVat = null;
    order.rows[0]!.rowSumExclVat = null;
    const prepared = prepareOrder(order, 17);
    expect(prepared.body).not.toBeNull();
    expectValid('PostOrderModel', prepared.body);
  });

  it('purchase order: full sample', () => {
    expectValid('PostPurchaseOrderModel', mapPurchase(sampleSpecterPurchase(), 17));
  });

  it('purchase order: no dates, no supplier details', () => {
    const purchase = sampleSpecterPurchase();
    purchase.orderDate = '';
    purchase.deliveryOutDate = '';
    purchase.supplier = { ...purchase.supplier, address: '', address2: '', address3: '', city: '', zipCode: '' };
    expectValid('PostPurchaseOrderModel', mapPurchase(purchase, 17));
  });

  it('the validator itself rejects wrong bodies (misspelled path, wrong type, missing required, date only)', () => {
    const good = mapOrder(sampleSpecterOrder(), 17);
    const misspelled = { ...good, consignee: { ...good.consignee, address: 'Storgatan 1' } };
    expect(validators.PostOrderModel(misspelled)).toBe(false);
    const wrongType = { ...good, orderLines: [{ ...good.orderLines![0]!, numberOfItems: '6' }] };
    expect(validators.PostOrderModel(wrongType)).toBe(false);
    const { deliveryDate: _dropped, ...missing } = good;
    expect(validators.PostOrderModel(missing)).toBe(false);
    expect(validators.PostOrderModel({ ...good, deliveryDate: '2024-05-03' })).toBe(false);
    expect(validators.PostOrderModel({ ...good, marketPlace: { marketPlaceOrderNo: 'WEB-1' } })).toBe(false);
    expect(validators.PostArticleModel({ goodsOwnerId: 17, articleNumber: '' })).toBe(false);
  });
});

describe('length limits follow the OpenAPI file', () => {
  /** Every (schema, property, maxLength) reachable from a schema through $ref. */
  function maxLengthsReachableFrom(root: string): string[] {
    const seen = new Set<string>();
    const found: string[] = [];
    const visit = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      const walk = (node: unknown, where: string) => {
        if (typeof node !== 'object' || node === null) return;
        const n = node as Json;
        if (typeof n.$ref === 'string') visit(n.$ref.split('/').pop()!);
        if (typeof n.maxLength === 'number') found.push(`${where}:${n.maxLength}`);
        for (const [key, value] of Object.entries(n)) walk(value, key === 'properties' ? where : `${where}.${key}`);
      };
      walk(schemas[name], name);
    };
    visit(root);
    return found;
  }

  it('the PUT bodies declare no maxLength, so nothing in them is ever shortened', () => {
    expect(maxLengthsReachableFrom('PostArticleModel')).toEqual([]);
    expect(maxLengthsReachableFrom('PostOrderModel')).toEqual([]);
    expect(maxLengthsReachableFrom('PostPurchaseOrderModel')).toEqual([]);
    expect(PUT_BODY_LENGTH_LIMITS).toEqual({ articles: [], orders: [], 'purchase-orders': [] });
  });

  it('the PATCH limits table equals the maxLength declarations in the file', () => {
    const declared: Record<string, Record<string, number>> = {};
    for (const [name, schema] of Object.entries(schemas)) {
      for (const [prop, def] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
        if (typeof def.maxLength !== 'number') continue;
        declared[name] = { ...declared[name], [prop]: def.maxLength };
      }
    }
    expect(declared).toEqual(ONGOING_PATCH_LENGTH_LIMITS);
  });

  it('the consignee declares no required fields (so address checks are this app’s own rules)', () => {
    expect(schemas.PostOrderConsignee?.required ?? []).toEqual([]);
    expect(schemas.PostOrderModel?.required).toEqual(['goodsOwnerId', 'orderNumber', 'deliveryDate', 'consignee']);
  });

  it('applyLengthLimits shortens only where a limit is given, warns, and leaves the input alone', () => {
    const body = mapOrder(sampleSpecterOrder(), 17);
    const { body: limited, problems } = applyLengthLimits(
      body,
      [
        { path: 'orderLines[].comment', maxLength: 5, declaredIn: 'TestModel', sourceField: 'rows[].articleName' },
        {
          path: 'consignee.city',
          maxLength: 50,
          declaredIn: 'TestModel',
          sourceField: 'customer.deliveryAddress.city',
        },
      ],
      'order 1001',
    );
    expect(limited.orderLines?.map((l) => l.comment)).toEqual(['T-shi', 'Socks']);
    expect(limited.consignee.city).toBe('Göteborg');
    expect(body.orderLines?.[0]?.comment).toBe('T-shirt blue M');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ record: 'order 1001', field: 'rows[].articleName', severity: 'warning' });
    expect(problems[0]!.message).toContain(
      'order 1001: rows[].articleName is 14 characters; Ongoing accepts at most 5',
    );
  });

  it('fitPatchValue shortens to the declared PATCH limit with a warning', () => {
    const fitted = fitPatchValue('order 1001', 'PatchOrderRemark', 'r'.repeat(520));
    expect(fitted.value).toHaveLength(500);
    expect(fitted.problem?.message).toContain('order 1001: orderRemark is 520 characters');
    expect(fitPatchValue('order 1001', 'PatchServicePointCode', 'SP-1')).toEqual({ value: 'SP-1', problem: null });
  });
});

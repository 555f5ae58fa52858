import { describe, expect, it } from 'vitest';
import type { SpecterArticle, SpecterOrder, SpecterPurchase } from '../../src/shared/domain/specter';
import {
  buildDeliverySubmit,
  buildReceiptSubmit,
  hasErrors,
  mapArticle,
  mapOrder,
  mapPurchase,
  type MappingProblem,
  prepareArticle,
  prepareOrder,
  preparePurchase,
  sampleSpecterArticle,
  sampleSpecterOrder,
  sampleSpecterPurchase,
  validateArticle,
  validateOrder,
  validatePurchase,
} from '../../src/shared/mapping';

const KNOWN = new Set(['ART-001', 'ART-002']);

function only(problems: MappingProblem[], field: string): MappingProblem {
  const matching = problems.filter((p) => p.field === field);
  expect(matching, `problems for ${field}: ${JSON.stringify(problems)}`).toHaveLength(1);
  return matching[0]!;
}

describe('clean samples', () => {
  it('the sample article, order and purchase have no problems', () => {
    expect(validateArticle(sampleSpecterArticle())).toEqual([]);
    expect(validateOrder(sampleSpecterOrder(), KNOWN)).toEqual([]);
    expect(validatePurchase(sampleSpecterPurchase(), KNOWN)).toEqual([]);
  });

  it('prepare* return the body for a clean record', () => {
    expect(prepareArticle(sampleSpecterArticle(), 17).body?.articleNumber).toBe('ART-001');
    expect(prepareOrder(sampleSpecterOrder(), 17, KNOWN).body?.orderNumber).toBe('1001');
    expect(preparePurchase(sampleSpecterPurchase(), 17, KNOWN).body?.purchaseOrderNumber).toBe('P-3001');
  });
});

describe('article validation', () => {
  it('error: missing article number names the record (by id) and the field', () => {
    const article = sampleSpecterArticle();
    article.articleNo = ' ';
    const problem = only(validateArticle(article), 'articleNo');
    expect(problem.severity).toBe('error');
    expect(problem.record).toBe('article with id 4711 (no article number)');
    expect(problem.message).toContain('Article with id 4711');
    expect(problem.message).toContain('article number');
    expect(prepareArticle(article, 17).body).toBeNull();
  });

  it('warnings: missing name, negative weight, amount that is not a number, bad country code', () => {
    const article: SpecterArticle = {
      ...sampleSpecterArticle(),
      name: '',
      productWeight: -1,
      buyPrice: Number.NaN,
      manufacturingCountryCode: 'Sweden',
    };
    const problems = validateArticle(article);
    expect(problems.every((p) => p.severity === 'warning' && p.record === 'article ART-001')).toBe(true);
    expect(only(problems, 'name').message).toContain('article ART-001 has no name');
    expect(only(problems, 'productWeight').message).toMatch(/Article weight is negative \(-1\).*article ART-001/);
    expect(only(problems, 'buyPrice').message).toMatch(/Buy price is not a number.*article ART-001/);
    expect(only(problems, 'manufacturingCountryCode').message).toContain('"Sweden" is not a two-letter');
    // Warnings do not stop the article.
    expect(prepareArticle(article, 17).body).not.toBeNull();
  });
});

describe('order validation', () => {
  const order = (change: (o: SpecterOrder) => void) => {
    const o = sampleSpecterOrder();
    change(o);
    return o;
  };

  it('error: missing order number (record named by id)', () => {
    const problem = only(validateOrder(order((o) => (o.orderNo = ''))), 'orderNo');
    expect(problem).toMatchObject({ severity: 'error', record: 'order with id 5521 (no order number)' });
    expect(problem.message).toContain('Order with id 5521 (no order number) has no order number');
  });

  it('error: unknown article on a row when the known set is given (and none without the set)', () => {
    const o = order((x) => (x.rows[1]!.articleNo = 'ART-404'));
    const problem = only(validateOrder(o, KNOWN), 'rows[1].articleNo');
    expect(problem.severity).toBe('error');
    expect(problem.message).toContain('order 1001, Row 2 (row id 88002): article ART-404 is not known in Ongoing');
    expect(validateOrder(o)).toEqual([]);
  });

  it('error: row without article number', () => {
    const problem = only(validateOrder(order((o) => (o.rows[0]!.articleNo = ''))), 'rows[0].articleNo');
    expect(problem.severity).toBe('error');
    expect(problem.message).toContain('order 1001, Row 1 (row id 88001) has no article number');
  });

  it('error: row without row id, and duplicate row ids', () => {
    const missing = only(validateOrder(order((o) => (o.rows[0]!.rowId = ''))), 'rows[0].rowId');
    expect(missing.severity).toBe('error');
    expect(missing.message).toContain('order 1001, Row 1 has no row id');
    const dup = only(validateOrder(order((o) => (o.rows[1]!.rowId = '88001'))), 'rows[1].rowId');
    expect(dup.severity).toBe('error');
    expect(dup.message).toContain('same row id as row #1');
  });

  it('error: row without row no, and duplicate row nos', () => {
    expect(only(validateOrder(order((o) => (o.rows[1]!.rowNo = ''))), 'rows[1].rowNo').severity).toBe('error');
    const dup = only(validateOrder(order((o) => (o.rows[1]!.rowNo = '1'))), 'rows[1].rowNo');
    expect(dup.message).toContain('same row no as row #1');
  });

  it.each([
    ['zero', 0, 'the number of items is 0'],
    ['negative', -2, 'the number of items is -6'],
    ['not a number', Number.NaN, 'the number of items is not a number'],
  ])('error: %s quantity', (_name, value, text) => {
    const problem = only(validateOrder(order((o) => (o.rows[0]!.noOfItems = value))), 'rows[0].noOfItems');
    expect(problem.severity).toBe('error');
    expect(problem.message).toContain(`order 1001, Row 1 (row id 88001): ${text}`);
  });

  it('error: negative second quantity (no items2)', () => {
    const problem = only(validateOrder(order((o) => (o.rows[0]!.noOfItems2 = -1))), 'rows[0].noOfItems2');
    expect(problem.severity).toBe('error');
    expect(problem.message).toContain('no items2');
  });

  it('no items2 of 0 or null is fine (no items alone counts)', () => {
    expect(validateOrder(order((o) => (o.rows[0]!.noOfItems2 = 0)))).toEqual([]);
    expect(validateOrder(order((o) => (o.rows[0]!.noOfItems2 = null)))).toEqual([]);
  });

  it('delivery date: warning with the fallback date when missing, error when not a date or no fallback', () => {
    const fallback = only(validateOrder(order((o) => (o.deliveryDate = ''))), 'deliveryDate');
    expect(fallback.severity).toBe('warning');
    expect(fallback.message).toContain('order 1001 has no delivery date; Ongoing requires one, so 2024-05-02');
    const invalid = only(validateOrder(order((o) => (o.deliveryDate = '3/5/2024'))), 'deliveryDate');
    expect(invalid.severity).toBe('error');
    expect(invalid.message).toContain('"3/5/2024" of order 1001 is not a date');
    const none = only(
      validateOrder(
        order((o) => {
          o.deliveryDate = '';
          o.lastChanged = '';
        }),
      ),
      'deliveryDate',
    );
    expect(none.severity).toBe('error');
    expect(
      prepareOrder(
        order((o) => (o.deliveryDate = 'soon')),
        17,
      ).body,
    ).toBeNull();
  });

  it('error: no consignee name; warnings: missing delivery address parts', () => {
    const problems = validateOrder(
      order((o) => {
        o.customer.firstName = '';
        o.customer.surName = '';
        o.customer.name = '';
        o.customer.deliveryAddress.address = '';
        o.customer.deliveryAddress.zipCode = '';
        o.customer.deliveryAddress.city = '';
        o.customer.deliveryAddress.countryCode = '';
      }),
    );
    expect(only(problems, 'customer.name')).toMatchObject({ severity: 'error' });
    expect(only(problems, 'customer.name').message).toContain('order 1001 has no customer name');
    for (const field of ['address', 'zipCode', 'city', 'countryCode']) {
      const p = only(problems, `customer.deliveryAddress.${field}`);
      expect(p.severity).toBe('warning');
      expect(p.message).toContain('order 1001: the delivery address has no');
    }
  });

  it('error: an order without rows', () => {
    const problem = only(validateOrder(order((o) => (o.rows = []))), 'rows');
    expect(problem.severity).toBe('error');
    expect(problem.message).toContain('order 1001 has no rows');
  });

  it('warning: missing Specter order id (delivery cannot be reported back)', () => {
    const problem = only(validateOrder(order((o) => (o.orderId = ''))), 'orderId');
    expect(problem.severity).toBe('warning');
  });

  it('long texts: warned, never shortened (the PUT body declares no maxLength)', () => {
    const remark = 'x'.repeat(501);
    const agent = 'A'.repeat(51);
    const long = order((o) => {
      o.publishedComment = remark;
      o.agentNo = agent;
    });
    const problems = validateOrder(long);
    const remarkProblem = only(problems, 'publishedComment');
    expect(remarkProblem.severity).toBe('warning');
    expect(remarkProblem.message).toContain('order 1001: publishedComment is 501 characters');
    expect(remarkProblem.message).toContain('PatchOrderRemark.orderRemark');
    expect(only(problems, 'agentNo').message).toContain('PatchServicePointCode.servicePointCode');
    const prepared = prepareOrder(long, 17);
    expect(prepared.body?.orderRemark).toBe(remark);
    expect(prepared.body?.servicePointCode).toBe(agent);
  });

  it('problems always carry record, field, message and severity, and hasErrors sees errors', () => {
    const problems = validateOrder(
      order((o) => {
        o.rows[0]!.noOfItems = 0;
        o.customer.deliveryAddress.city = '';
      }),
    );
    for (const p of problems) {
      expect(p.record).toBe('order 1001');
      expect(p.field).not.toBe('');
      expect(p.message).toContain('order 1001');
      expect(['error', 'warning']).toContain(p.severity);
    }
    expect(hasErrors(problems)).toBe(true);
    expect(hasErrors(problems.filter((p) => p.severity === 'warning'))).toBe(false);
  });
});

describe('purchase validation', () => {
  const purchase = (change: (p: SpecterPurchase) => void) => {
    const p = sampleSpecterPurchase();
    change(p);
    return p;
  };

  it('error: missing purchase number', () => {
    const problem = only(validatePurchase(purchase((p) => (p.purchaseNo = ''))), 'purchaseNo');
    expect(problem).toMatchObject({ severity: 'error', record: 'purchase with id 3001 (no purchase number)' });
    expect(problem.message).toContain('Purchase with id 3001 (no purchase number) has no purchase number');
  });

  it('error: row without row id, without article, unknown article, bad quantity', () => {
    const problems = validatePurchase(
      purchase((p) => {
        p.rows[0]!.rowId = '';
        p.rows[0]!.articleNo = '';
        p.rows[1]!.articleNo = 'ART-999';
        p.rows[1]!.noOfItems = -3;
      }),
      KNOWN,
    );
    expect(only(problems, 'rows[0].rowId').message).toContain('purchase P-3001, Row 1 has no row id');
    expect(only(problems, 'rows[0].articleNo').message).toContain('purchase P-3001, Row 1 has no article number');
    expect(only(problems, 'rows[1].articleNo').message).toContain('article ART-999 is not known in Ongoing');
    expect(only(problems, 'rows[1].noOfItems').message).toContain(
      'purchase P-3001, Row 2 (row id 91002): the quantity is -3',
    );
    expect(problems.every((p) => p.severity === 'error')).toBe(true);
    expect(preparePurchase(sampleSpecterPurchase(), 17, new Set(['ART-001'])).body).toBeNull();
  });

  it('dates: missing delivery date warns, a non-date errors', () => {
    expect(only(validatePurchase(purchase((p) => (p.deliveryOutDate = ''))), 'deliveryOutDate').severity).toBe(
      'warning',
    );
    const bad = only(validatePurchase(purchase((p) => (p.orderDate = '2024-13-01'))), 'orderDate');
    expect(bad.severity).toBe('error');
    expect(bad.message).toContain('"2024-13-01" of purchase P-3001 is not a date');
  });

  it('warnings: supplier without name, long purchase number', () => {
    const problems = validatePurchase(
      purchase((p) => {
        p.supplier.name = '';
        p.purchaseNo = `P-${'9'.repeat(60)}`;
      }),
    );
    expect(only(problems, 'supplier.name').severity).toBe('warning');
    const long = only(problems, 'purchaseNo');
    expect(long.severity).toBe('warning');
    expect(long.message).toContain('PatchPurchaseOrderNumber.purchaseOrderNumber');
  });

  it('error: a purchase without rows', () => {
    expect(only(validatePurchase(purchase((p) => (p.rows = []))), 'rows').severity).toBe('error');
  });
});

describe('incomplete records never crash', () => {
  it('empty records give errors that name what is missing, and mapping still returns a body', () => {
    const emptyOrder = {} as SpecterOrder;
    const orderProblems = validateOrder(emptyOrder);
    expect(orderProblems.filter((p) => p.severity === 'error').map((p) => p.field)).toEqual([
      'orderNo',
      'deliveryDate',
      'customer.name',
      'rows',
    ]);
    expect(orderProblems.every((p) => p.record === 'order without number or id')).toBe(true);
    expect(mapOrder(emptyOrder, 17)).toMatchObject({
      goodsOwnerId: 17,
      orderNumber: '',
      consignee: {},
      orderLines: [],
    });

    const emptyPurchase = {} as SpecterPurchase;
    expect(
      validatePurchase(emptyPurchase)
        .filter((p) => p.severity === 'error')
        .map((p) => p.field),
    ).toEqual(['purchaseNo', 'rows']);
    expect(mapPurchase(emptyPurchase, 17)).toMatchObject({ goodsOwnerId: 17, purchaseOrderNumber: '' });

    const emptyArticle = {} as SpecterArticle;
    expect(validateArticle(emptyArticle).map((p) => [p.field, p.severity])).toEqual([
      ['articleNo', 'error'],
      ['name', 'warning'],
    ]);
    expect(mapArticle(emptyArticle, 17)).toEqual({ goodsOwnerId: 17, articleNumber: '' });

    const delivery = buildDeliverySubmit({}, '5521', { sendDeliveryEmail: false, createInvoice: false });
    expect(delivery.submit).toBeNull();
    expect(delivery.problems.map((p) => p.field)).toEqual(['orderInfo.deliveryDate']);
    const receipt = buildReceiptSubmit({}, '3001', { sendEmail: false });
    expect(receipt.submit).toBeNull();
    expect(receipt.problems[0]!.record).toBe('Ongoing purchase order (no number)');
  });
});

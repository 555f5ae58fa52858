import { describe, expect, it } from 'vitest';
import { findOngoingOperation, isOngoingDateTime, validateOngoingBody } from '../../src/main/simulators/ongoing/schema';

describe('validateOngoingBody', () => {
  it('accepts a full order with nullable fields set to null', () => {
    const order = {
      goodsOwnerId: 1,
      orderNumber: 'O-1',
      deliveryDate: '2026-10-10',
      consignee: { name: 'Kund', address1: 'Gatan 1', advanced: null, invoiceAddress: null },
      transporter: null,
      orderLines: [
        {
          rowNumber: '1',
          articleNumber: 'A',
          numberOfItems: 1.5,
          prices: { linePrice: 10, currencyCode: 'SEK' },
          vat: { code: '25', percent: 25 },
        },
      ],
    };
    expect(validateOngoingBody('PostOrderModel', order)).toEqual([]);
  });

  it('names every missing required field and wrong type', () => {
    expect(validateOngoingBody('PostOrderModel', { orderLines: [{ numberOfItems: '2' }] })).toEqual([
      'goodsOwnerId is required',
      'orderNumber is required',
      'deliveryDate is required',
      'consignee is required',
      'orderLines[0].rowNumber is required',
      'orderLines[0].articleNumber is required',
      'orderLines[0].numberOfItems must be a number',
    ]);
    expect(
      validateOngoingBody('PostOrderModel', {
        goodsOwnerId: 1,
        orderNumber: 'O',
        deliveryDate: 'x',
        consignee: {},
        orderLines: [{ rowNumber: '1', articleNumber: 'A', vat: {} }],
      }),
    ).toEqual([
      'deliveryDate must be a date or date-time such as 2024-05-01 or 2024-05-01T08:00:00Z',
      'orderLines[0].vat.code is required',
    ]);
    expect(validateOngoingBody('PostPurchaseOrderModel', { goodsOwnerId: 1 })).toEqual([
      'purchaseOrderNumber is required',
    ]);
    expect(validateOngoingBody('PostArticleModel', { goodsOwnerId: 1, articleNumber: '' })).toEqual([
      'articleNumber must not be empty',
    ]);
    expect(validateOngoingBody('PatchOrderRemark', { orderRemark: 'x'.repeat(501) })).toEqual([
      'orderRemark must be at most 500 characters',
    ]);
  });

  it('rejects an unknown schema name', () => {
    expect(() => validateOngoingBody('NoSuchModel', {})).toThrow(/Unknown Ongoing schema/);
  });
});

describe('isOngoingDateTime', () => {
  it.each([
    ['2019-10-10', true],
    ['2019-04-09T10:39:31.3Z', true],
    ['2019-04-09T08:00:00.000+00:00', true],
    ['2019-04-09T12:00:00.0000000', true],
    ['2019-04-09T08:00:00.000 00:00', false],
    ['2019-13-45', false],
    ['tomorrow', false],
  ])('%s → %s', (value, ok) => {
    expect(isOngoingDateTime(value)).toBe(ok);
  });
});

describe('findOngoingOperation', () => {
  it('maps requests to spec operations, literal segments first', () => {
    expect(findOngoingOperation('GET', '/api/v1/orders/statuses')?.operationId).toBe('Orders_GetOrderStatuses');
    expect(findOngoingOperation('GET', '/api/v1/orders/12')?.operationId).toBe('Orders_Get');
    expect(findOngoingOperation('PUT', '/api/v1/orders')).toMatchObject({ bodySchema: 'PostOrderModel' });
    expect(findOngoingOperation('PATCH', 'orders/3/servicePointCode')?.bodySchema).toBe('PatchServicePointCode');
    const list = findOngoingOperation('GET', '/api/v1/articles?goodsOwnerId=1');
    expect(list?.requiredQueryParams).toEqual(['goodsOwnerId']);
    expect(list?.queryParams).toContain('articleNumbers');
    expect(findOngoingOperation('GET', '/api/v1/nothing')).toBeUndefined();
  });
});

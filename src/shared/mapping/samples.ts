/**
 * Complete sample records with a distinct value in every field, for tests, demo data and trying
 * out the mappings. Each call returns a fresh copy that may be changed freely.
 */
import type { SpecterArticle, SpecterOrder, SpecterPurchase } from '../domain/specter';
import type { GetOrderModel, GetPurchaseOrderModel } from '../ongoing/models';

export function sampleSpecterArticle(): SpecterArticle {
  return {
    articleId: '4711',
    articleNo: 'ART-001',
    name: 'T-shirt blue M',
    articleComment: 'Organic cotton, 180 g/m²',
    articleGroup: 'TSHIRTS',
    barCode: '7312345678901',
    suppliers: [
      {
        supplierNo: 'S-9',
        supplierName: 'Other Supplier AB',
        supplierArticleNo: 'X-1',
        supplierBuyPrice: 30,
        isDefault: false,
      },
      {
        supplierNo: 'S-12',
        supplierName: 'Leverantör AB',
        supplierArticleNo: 'LEV-77',
        supplierBuyPrice: 41.5,
        isDefault: true,
      },
    ],
    manufacturingCountryCode: 'pt',
    commodityCode: '61091000',
    buyPrice: 42.5,
    priceExclVat: 199,
    stockPrice: 44.25,
    vatPercent: 25,
    productVolume: 0.0021,
    productWeight: 0.185,
    lastChanged: '2024-05-02 14:03:11',
  };
}

export function sampleSpecterOrder(): SpecterOrder {
  return {
    orderId: '5521',
    orderNo: '1001',
    externalOrderNo: 'WEB-778',
    customerId: '109',
    currency: 'sek',
    deliveryDate: '2024-05-03',
    lastChanged: '2024-05-02 14:03:11',
    stockSiteId: '1',
    deliveryStatus: 'N',
    statusId: '1',
    customerReference: 'Anna at reception',
    customerOrderReference: 'PO-55',
    internalComment: 'Pack with care',
    publishedComment: 'Thank you for your order',
    notifyDeliveryByMobile: true,
    notifyDeliveryMobileNo: '+46701111111',
    preparedShipmentId: 'SHIP-31',
    agentNo: 'AGENT-4401',
    bulkId: 'BULK-8',
    customer: {
      customerId: '109',
      firstName: 'Anna',
      surName: 'Berg',
      name: '',
      orgNo: '556677-8899',
      vatNo: 'SE556677889901',
      phoneNo: '+4687654321',
      mobileNo: '+46702222222',
      emailAddress: 'anna@example.se',
      invoiceAddress: {
        attention: 'Accounts payable',
        companyName: 'Berg Invoicing',
        address: 'Box 12',
        address2: 'Floor 3',
        address3: 'Att. ekonomi',
        zipCode: '11122',
        city: 'Stockholm',
        countryCode: 'se',
      },
      deliveryAddress: {
        attention: 'Goods reception',
        companyName: '',
        address: 'Storgatan 1',
        address2: 'Port B',
        address3: 'Loading dock 2',
        zipCode: '41101',
        city: 'Göteborg',
        countryCode: 'se',
      },
    },
    rows: [
      {
        rowId: '88001',
        rowNo: '1',
        articleNo: 'ART-001',
        articleName: 'T-shirt blue M',
        noOfItems: 2,
        noOfItems2: 3,
        deliveredNoOfItems: 0,
        priceExclVat: 99,
        vatPercent: 25,
        rowSumExclVat: 594,
        rowSumVat: 148.5,
      },
      {
        rowId: '88002',
        rowNo: '2',
        articleNo: 'ART-002',
        articleName: 'Socks',
        noOfItems: 1,
        noOfItems2: null,
        deliveredNoOfItems: 0,
        priceExclVat: 49,
        vatPercent: 25,
        rowSumExclVat: 49,
        rowSumVat: 12.25,
      },
    ],
  };
}

export function sampleSpecterPurchase(): SpecterPurchase {
  return {
    purchaseId: '3001',
    purchaseNo: 'P-3001',
    orderDate: '2024-04-28',
    deliveryOutDate: '2024-05-10',
    lastChanged: '2024-04-28 10:00:00',
    stockSiteId: '1',
    currency: 'eur',
    deliveryStatus: 'N',
    statusId: '1',
    supplier: {
      supplierNo: 'S-12',
      name: 'Leverantör AB',
      address: 'Industrivägen 5',
      address2: 'Building 2',
      address3: 'Gate 7',
      zipCode: '55303',
      city: 'Jönköping',
      countryCode: 'se',
      phoneNo: '+4636111111',
      emailAddress: 'order@leverantor.se',
    },
    rows: [
      {
        rowId: '91001',
        rowNo: '1',
        articleNo: 'ART-001',
        noOfItems: 100,
        receivedNoOfItems: 0,
        rowSumExclVat: 5500,
        rowSumVat: 1375,
      },
      {
        rowId: '91002',
        rowNo: '2',
        articleNo: 'ART-002',
        noOfItems: 40,
        receivedNoOfItems: 0,
        rowSumExclVat: 800,
        rowSumVat: 200,
      },
    ],
  };
}

/** An Ongoing order as GET /orders/{id} returns it after the sample Specter order was sent and shipped. */
export function sampleOngoingOrder(): GetOrderModel {
  return {
    goodsOwner: { id: 17, name: 'Demo goods owner' },
    orderInfo: {
      orderId: 77,
      orderNumber: '1001',
      goodsOwnerOrderId: '5521',
      deliveryDate: '2024-05-02T22:00:00Z',
      createdDate: '2024-05-02T12:05:00Z',
      shippedTime: '2024-05-03T09:30:00Z',
      wayBill: '00370712345678901234',
      orderStatus: { number: 450, text: 'Sent' },
      orderedNumberOfItems: 7,
      allocatedNumberOfItems: 7,
      pickedNumberOfItems: 5,
    },
    orderLines: [
      {
        id: 901,
        rowNumber: '88001',
        externalId: '1',
        article: { articleSystemId: 1, articleNumber: 'ART-001' },
        orderedNumberOfItems: 6,
        allocatedNumberOfItems: 6,
        pickedNumberOfItems: 4,
        packedNumberOfItems: 4,
        reportedNumberOfItems: 1,
        shouldBePicked: true,
        returnedNumberOfItems: 0,
      },
      {
        id: 902,
        rowNumber: '88002',
        externalId: '2',
        article: { articleSystemId: 2, articleNumber: 'ART-002' },
        orderedNumberOfItems: 1,
        allocatedNumberOfItems: 1,
        pickedNumberOfItems: 1,
        packedNumberOfItems: 1,
        reportedNumberOfItems: null,
        shouldBePicked: true,
        returnedNumberOfItems: 0,
      },
    ],
    tracking: [{ waybill: 'TRACK-2', trackingUrl: 'https://track.example/TRACK-2', created: '2024-05-03T09:00:00Z' }],
    parcels: [{ id: 5, parcelNumber: 'PARCEL-3', isReturnParcel: false }],
  };
}

/** An Ongoing purchase order as GET /purchaseOrders/{id} returns it after the sample purchase arrived. */
export function sampleOngoingPurchaseOrder(): GetPurchaseOrderModel {
  return {
    goodsOwner: { id: 17, name: 'Demo goods owner' },
    purchaseOrderInfo: {
      purchaseOrderId: 66,
      purchaseOrderNumber: 'P-3001',
      inDate: '2024-05-09T22:00:00Z',
      purchaseOrderStatus: { number: 500, text: 'Received' },
      advanced: { arrivalDate: '2024-05-11T06:15:00Z', purchaseOrderIsReturnType: false },
    },
    purchaseOrderLines: [
      {
        id: 601,
        rowNumber: '91001',
        externalOrderLineId: '91001',
        article: { articleSystemId: 1, articleNumber: 'ART-001' },
        advisedNumberOfItems: 100,
        receivedNumberOfItems: 60,
        reportedNumberOfItems: 20,
      },
      {
        id: 602,
        rowNumber: '91002',
        externalOrderLineId: '91002',
        article: { articleSystemId: 2, articleNumber: 'ART-002' },
        advisedNumberOfItems: 40,
        receivedNumberOfItems: 40,
        reportedNumberOfItems: null,
      },
    ],
  };
}

import type {
  SpecterAddress,
  SpecterArticle,
  SpecterCustomer,
  SpecterDeliveryRecord,
  SpecterOrderRow,
  SpecterPurchaseRow,
  SpecterSupplier,
} from '../../../shared/domain/specter';
import {
  NO_ITEMS_AVAILABLE,
  XML_ADDRESS,
  XML_ARTICLE,
  XML_CUSTOMER,
  XML_DELIVERY,
  XML_ORDER,
  XML_PURCHASE,
  XML_ROW,
  XML_STOCK,
} from './protocol';
import type { SimOrder, SimPurchase } from './state';
import { el, textEl, type XmlElement } from './xml';

/** How numbers are written: '.' (default) or Swedish ',' as decimal separator. */
export interface NumberStyle {
  decimalComma: boolean;
}

export function formatNumber(value: number | null, style: NumberStyle, decimals?: number): string {
  if (value === null || !Number.isFinite(value)) return '';
  const text = decimals === undefined ? String(value) : value.toFixed(decimals);
  return style.decimalComma ? text.replace('.', ',') : text;
}

export function renderArticle(a: SpecterArticle, style: NumberStyle): XmlElement {
  const n = (v: number | null, d?: number) => formatNumber(v, style, d);
  return el(
    XML_ARTICLE.item,
    {
      [XML_ARTICLE.articleId]: a.articleId,
      [XML_ARTICLE.buyPrice]: n(a.buyPrice, 2),
      [XML_ARTICLE.priceExclVat]: n(a.priceExclVat, 2),
      [XML_ARTICLE.stockPrice]: n(a.stockPrice, 2),
      [XML_ARTICLE.vatPercent]: n(a.vatPercent),
      [XML_ARTICLE.barCode]: a.barCode,
      [XML_ARTICLE.productWeight]: n(a.productWeight, 3),
      [XML_ARTICLE.productVolume]: n(a.productVolume, 4),
      [XML_ARTICLE.articleGroup]: a.articleGroup,
      [XML_ARTICLE.manufacturingCountryCode]: a.manufacturingCountryCode,
      [XML_ARTICLE.commodityCode]: a.commodityCode,
      [XML_ARTICLE.lastChanged]: a.lastChanged,
    },
    textEl(XML_ARTICLE.articleNo, a.articleNo),
    textEl(XML_ARTICLE.name, a.name),
    textEl(XML_ARTICLE.articleComment, a.articleComment),
    el(
      XML_ARTICLE.suppliers,
      {},
      ...a.suppliers.map((s) =>
        el(XML_ARTICLE.supplier, {
          [XML_ARTICLE.supplierNo]: s.supplierNo,
          [XML_ARTICLE.supplierName]: s.supplierName,
          [XML_ARTICLE.supplierArticleNo]: s.supplierArticleNo,
          [XML_ARTICLE.supplierBuyPrice]: n(s.supplierBuyPrice, 2),
          [XML_ARTICLE.isDefault]: s.isDefault ? '1' : '0',
        }),
      ),
    ),
  );
}

function addressAttrs(
  a: Pick<SpecterAddress, 'address' | 'address2' | 'address3' | 'zipCode' | 'city' | 'countryCode'>,
) {
  return {
    [XML_ADDRESS.address]: a.address,
    [XML_ADDRESS.address2]: a.address2,
    [XML_ADDRESS.address3]: a.address3,
    [XML_ADDRESS.zipCode]: a.zipCode,
    [XML_ADDRESS.city]: a.city,
    [XML_ADDRESS.countryCode]: a.countryCode,
  };
}

function renderAddress(name: string, a: SpecterAddress): XmlElement {
  return el(name, {
    [XML_ADDRESS.attention]: a.attention,
    [XML_ADDRESS.companyName]: a.companyName,
    ...addressAttrs(a),
  });
}

function renderCustomer(c: SpecterCustomer): XmlElement {
  return el(
    XML_CUSTOMER.item,
    {
      [XML_CUSTOMER.customerId]: c.customerId,
      [XML_CUSTOMER.firstName]: c.firstName,
      [XML_CUSTOMER.surName]: c.surName,
      [XML_CUSTOMER.name]: c.name,
      [XML_CUSTOMER.orgNo]: c.orgNo,
      [XML_CUSTOMER.vatNo]: c.vatNo,
      [XML_CUSTOMER.phoneNo]: c.phoneNo,
      [XML_CUSTOMER.mobileNo]: c.mobileNo,
      [XML_CUSTOMER.emailAddress]: c.emailAddress,
    },
    renderAddress(XML_CUSTOMER.invoiceAddress, c.invoiceAddress),
    renderAddress(XML_CUSTOMER.deliveryAddress, c.deliveryAddress),
  );
}

function renderDeliveries(list: SpecterDeliveryRecord[]): XmlElement {
  return el(
    XML_ORDER.deliveries,
    { [XML_DELIVERY.updated]: list.length > 0 ? '1' : '0' },
    ...list.map((d) =>
      el(XML_ORDER.delivery, {
        [XML_DELIVERY.deliveryId]: d.deliveryId,
        [XML_DELIVERY.deliveryDate]: d.deliveryDate,
        [XML_DELIVERY.trackingNo]: d.trackingNo,
        [XML_DELIVERY.invoiceId]: d.invoiceId,
        [XML_DELIVERY.reference]: d.reference ?? '',
      }),
    ),
  );
}

function renderOrderRow(r: SpecterOrderRow, style: NumberStyle): XmlElement {
  const n = (v: number | null, d?: number) => formatNumber(v, style, d);
  return el(
    XML_ORDER.row,
    {
      [XML_ROW.rowId]: r.rowId,
      [XML_ROW.rowNo]: r.rowNo,
      [XML_ROW.articleNo]: r.articleNo,
      [XML_ROW.noOfItems]: n(r.noOfItems),
      [XML_ROW.noOfItems2]: n(r.noOfItems2 ?? 0),
      [XML_ROW.deliveredNoOfItems]: n(r.deliveredNoOfItems),
      [XML_ROW.rowSumExclVat]: n(r.rowSumExclVat, 2),
      [XML_ROW.rowSumVat]: n(r.rowSumVat, 2),
      [XML_ROW.vatPercent]: n(r.vatPercent),
      [XML_ROW.priceExclVat]: n(r.priceExclVat, 2),
    },
    textEl(XML_ROW.articleName, r.articleName),
  );
}

export function renderOrder(o: SimOrder, style: NumberStyle): XmlElement {
  return el(
    XML_ORDER.item,
    {
      [XML_ORDER.orderId]: o.orderId,
      [XML_ORDER.orderNo]: o.orderNo,
      [XML_ORDER.externalOrderNo]: o.externalOrderNo,
      [XML_ORDER.customerId]: o.customerId,
      [XML_ORDER.currency]: o.currency,
      [XML_ORDER.deliveryDate]: o.deliveryDate,
      [XML_ORDER.lastChanged]: o.lastChanged,
      [XML_ORDER.stockSiteId]: o.stockSiteId,
      [XML_ORDER.bulkId]: o.bulkId,
      [XML_ORDER.agentNo]: o.agentNo,
    },
    el(XML_ORDER.status, { [XML_ORDER.deliveryStatus]: o.deliveryStatus, [XML_ORDER.statusId]: o.statusId }),
    textEl(XML_ORDER.customerReference, o.customerReference),
    textEl(XML_ORDER.customerOrderReference, o.customerOrderReference),
    textEl(XML_ORDER.internalComment, o.internalComment),
    textEl(XML_ORDER.publishedComment, o.publishedComment),
    textEl(XML_ORDER.notifyDeliveryByMobile, o.notifyDeliveryByMobile ? '1' : '0'),
    textEl(XML_ORDER.notifyDeliveryMobileNo, o.notifyDeliveryMobileNo),
    textEl(XML_ORDER.preparedShipmentId, o.preparedShipmentId),
    renderCustomer(o.customer),
    el(XML_ORDER.rows, {}, ...o.rows.map((r) => renderOrderRow(r, style))),
    renderDeliveries(o.deliveries),
  );
}

function renderSupplier(s: SpecterSupplier): XmlElement {
  return el(XML_PURCHASE.supplier, {
    [XML_PURCHASE.supplierNo]: s.supplierNo,
    [XML_PURCHASE.supplierName]: s.name,
    ...addressAttrs(s),
    [XML_PURCHASE.phoneNo]: s.phoneNo,
    [XML_PURCHASE.emailAddress]: s.emailAddress,
  });
}

function renderPurchaseRow(r: SpecterPurchaseRow, style: NumberStyle): XmlElement {
  const n = (v: number | null, d?: number) => formatNumber(v, style, d);
  return el(XML_ORDER.row, {
    [XML_ROW.rowId]: r.rowId,
    [XML_ROW.rowNo]: r.rowNo,
    [XML_ROW.articleNo]: r.articleNo,
    [XML_ROW.noOfItems]: n(r.noOfItems),
    [XML_ROW.deliveredNoOfItems]: n(r.receivedNoOfItems),
    [XML_ROW.rowSumExclVat]: n(r.rowSumExclVat, 2),
    [XML_ROW.rowSumVat]: n(r.rowSumVat, 2),
  });
}

export function renderPurchase(p: SimPurchase, style: NumberStyle): XmlElement {
  return el(
    XML_PURCHASE.item,
    {
      [XML_PURCHASE.purchaseId]: p.purchaseId,
      [XML_PURCHASE.purchaseNo]: p.purchaseNo,
      [XML_PURCHASE.orderDate]: p.orderDate,
      [XML_PURCHASE.deliveryOutDate]: p.deliveryOutDate,
      [XML_PURCHASE.lastChanged]: p.lastChanged,
      [XML_PURCHASE.stockSiteId]: p.stockSiteId,
      [XML_PURCHASE.currency]: p.currency,
    },
    el(XML_ORDER.status, { [XML_ORDER.deliveryStatus]: p.deliveryStatus, [XML_ORDER.statusId]: p.statusId }),
    renderSupplier(p.supplier),
    el(XML_ORDER.rows, {}, ...p.rows.map((r) => renderPurchaseRow(r, style))),
    renderDeliveries(p.deliveries),
  );
}

/** Stock grouped per site, in the stock-feed shape. */
export function renderStock(
  sites: { stockSiteId: string; name: string; levels: { articleNo: string; noItemsInStock: number | null }[] }[],
  style: NumberStyle,
): XmlElement {
  const qty = (v: number | null) => (v === null ? NO_ITEMS_AVAILABLE : formatNumber(v, style));
  return el(
    XML_STOCK.root,
    {},
    ...sites.map((site) =>
      el(
        XML_STOCK.site,
        { [XML_STOCK.siteId]: site.stockSiteId, [XML_STOCK.siteName]: site.name },
        el(
          XML_STOCK.list,
          {},
          ...site.levels.map((l) =>
            el(
              XML_STOCK.item,
              {},
              textEl(XML_STOCK.articleNo, l.articleNo),
              textEl(XML_STOCK.noItemsAv, qty(l.noItemsInStock)),
              textEl(XML_STOCK.noItemsInStock, qty(l.noItemsInStock)),
            ),
          ),
        ),
      ),
    ),
  );
}

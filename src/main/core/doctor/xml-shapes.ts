/**
 * What the app expects in each Specter reply, written with the wire constants themselves, so a finding
 * names the constant to correct (e.g. `XML_ORDER.orderNo`). The shapes follow what the record readers
 * (specter/records.ts) and the reply parser (specter/parse.ts) read: a field may come as an attribute
 * or as a child element.
 */
import {
  XML_ADDRESS,
  XML_ARTICLE,
  XML_CUSTOMER,
  XML_DELIVERY,
  XML_ENVELOPE,
  XML_ORDER,
  XML_PURCHASE,
  XML_REPEATING,
  XML_ROW,
  XML_STOCK,
} from '../specter/wire';

export interface WireName {
  name: string;
  /** e.g. 'XML_ORDER.orderNo' */
  constant: string;
}

export interface XmlShape extends WireName {
  /** Attributes or text children the readers take. */
  fields: WireName[];
  /** Elements the readers descend into. */
  children: XmlShape[];
  /** Names the wire module knows here that the readers do not need (never reported as missing). */
  known?: WireName[];
  /** A list item: absent when the list is empty. */
  repeated?: boolean;
}

/** The names of `keys` in one wire table, each with its constant's name. */
function names<T extends Record<string, string>>(table: T, tableName: string, keys: readonly (keyof T & string)[]) {
  return keys.map((key) => ({ name: table[key] as string, constant: `${tableName}.${key}` }));
}

function shape(ref: WireName | undefined, fields: WireName[], children: XmlShape[] = []): XmlShape {
  if (!ref) throw new Error('A reply shape needs its element name.');
  return { ...ref, fields, children, repeated: XML_REPEATING.has(ref.name) };
}

const one = <T extends Record<string, string>>(table: T, tableName: string, key: keyof T & string) =>
  names(table, tableName, [key])[0];

const ADDRESS_FIELDS = names(XML_ADDRESS, 'XML_ADDRESS', [
  'attention',
  'companyName',
  'address',
  'address2',
  'address3',
  'zipCode',
  'city',
  'countryCode',
]);

const status = shape(
  one(XML_ORDER, 'XML_ORDER', 'status'),
  names(XML_ORDER, 'XML_ORDER', ['deliveryStatus', 'statusId']),
);

const deliveries: XmlShape = {
  ...shape(one(XML_ORDER, 'XML_ORDER', 'deliveries'), []),
  known: names(XML_DELIVERY, 'XML_DELIVERY', ['updated']),
  children: [
    shape(
      one(XML_ORDER, 'XML_ORDER', 'delivery'),
      names(XML_DELIVERY, 'XML_DELIVERY', ['deliveryId', 'trackingNo', 'deliveryDate', 'invoiceId', 'reference']),
    ),
  ],
};

const ARTICLE = shape(
  one(XML_ARTICLE, 'XML_ARTICLE', 'item'),
  names(XML_ARTICLE, 'XML_ARTICLE', [
    'articleNo',
    'name',
    'articleComment',
    'articleId',
    'articleGroup',
    'barCode',
    'buyPrice',
    'priceExclVat',
    'stockPrice',
    'vatPercent',
    'productVolume',
    'productWeight',
    'manufacturingCountryCode',
    'commodityCode',
    'lastChanged',
  ]),
  [
    shape(
      one(XML_ARTICLE, 'XML_ARTICLE', 'suppliers'),
      [],
      [
        shape(
          one(XML_ARTICLE, 'XML_ARTICLE', 'supplier'),
          names(XML_ARTICLE, 'XML_ARTICLE', [
            'supplierNo',
            'supplierName',
            'supplierArticleNo',
            'supplierBuyPrice',
            'isDefault',
          ]),
        ),
      ],
    ),
  ],
);

const ORDER = shape(
  one(XML_ORDER, 'XML_ORDER', 'item'),
  names(XML_ORDER, 'XML_ORDER', [
    'orderId',
    'orderNo',
    'externalOrderNo',
    'customerId',
    'currency',
    'deliveryDate',
    'lastChanged',
    'stockSiteId',
    'bulkId',
    'agentNo',
    'customerReference',
    'customerOrderReference',
    'internalComment',
    'publishedComment',
    'notifyDeliveryByMobile',
    'notifyDeliveryMobileNo',
    'preparedShipmentId',
  ]),
  [
    status,
    shape(
      one(XML_CUSTOMER, 'XML_CUSTOMER', 'item'),
      names(XML_CUSTOMER, 'XML_CUSTOMER', [
        'customerId',
        'firstName',
        'surName',
        'name',
        'orgNo',
        'vatNo',
        'phoneNo',
        'mobileNo',
        'emailAddress',
      ]),
      [
        shape(one(XML_CUSTOMER, 'XML_CUSTOMER', 'invoiceAddress'), ADDRESS_FIELDS),
        shape(one(XML_CUSTOMER, 'XML_CUSTOMER', 'deliveryAddress'), ADDRESS_FIELDS),
      ],
    ),
    shape(
      one(XML_ORDER, 'XML_ORDER', 'rows'),
      [],
      [
        shape(
          one(XML_ORDER, 'XML_ORDER', 'row'),
          names(XML_ROW, 'XML_ROW', [
            'rowId',
            'rowNo',
            'articleNo',
            'articleName',
            'noOfItems',
            'noOfItems2',
            'deliveredNoOfItems',
            'priceExclVat',
            'vatPercent',
            'rowSumExclVat',
            'rowSumVat',
          ]),
        ),
      ],
    ),
    deliveries,
  ],
);

const PURCHASE = shape(
  one(XML_PURCHASE, 'XML_PURCHASE', 'item'),
  names(XML_PURCHASE, 'XML_PURCHASE', [
    'purchaseId',
    'purchaseNo',
    'orderDate',
    'deliveryOutDate',
    'lastChanged',
    'stockSiteId',
    'currency',
  ]),
  [
    status,
    shape(one(XML_PURCHASE, 'XML_PURCHASE', 'supplier'), [
      ...names(XML_PURCHASE, 'XML_PURCHASE', ['supplierNo', 'supplierName', 'phoneNo', 'emailAddress']),
      ...names(XML_ADDRESS, 'XML_ADDRESS', ['address', 'address2', 'address3', 'zipCode', 'city', 'countryCode']),
    ]),
    shape(
      one(XML_ORDER, 'XML_ORDER', 'rows'),
      [],
      [
        shape(
          one(XML_ORDER, 'XML_ORDER', 'row'),
          names(XML_ROW, 'XML_ROW', [
            'rowId',
            'rowNo',
            'articleNo',
            'noOfItems',
            'deliveredNoOfItems',
            'rowSumExclVat',
            'rowSumVat',
          ]),
        ),
      ],
    ),
    deliveries,
  ],
);

const STOCK = shape(
  one(XML_STOCK, 'XML_STOCK', 'root'),
  [],
  [
    shape(one(XML_STOCK, 'XML_STOCK', 'site'), names(XML_STOCK, 'XML_STOCK', ['siteId', 'siteName']), [
      shape(
        one(XML_STOCK, 'XML_STOCK', 'list'),
        [],
        [
          shape(
            one(XML_STOCK, 'XML_STOCK', 'item'),
            names(XML_STOCK, 'XML_STOCK', ['articleNo', 'noItemsAv', 'noItemsInStock']),
          ),
        ],
      ),
    ]),
  ],
);

const ENVELOPE: XmlShape = {
  ...shape(
    one(XML_ENVELOPE, 'XML_ENVELOPE', 'apiResponse'),
    names(XML_ENVELOPE, 'XML_ENVELOPE', ['result', 'code', 'message']),
  ),
  known: names(XML_ENVELOPE, 'XML_ENVELOPE', ['id', 'invoiceId']),
};

/** The reply body of a read: the envelope, the list element and (paged reads) the paging limit. */
function body(list: XmlShape, paged = true): XmlShape {
  const limit = names(XML_ENVELOPE, 'XML_ENVELOPE', ['responseMaxLimit']);
  return {
    name: XML_ENVELOPE.root,
    constant: 'XML_ENVELOPE.root',
    fields: paged ? limit : [],
    known: paged ? [] : limit,
    children: [ENVELOPE, list],
  };
}

const list = (ref: WireName | undefined, item: XmlShape) => shape(ref, [], [item]);

export const REPLY_SHAPES = {
  articles: body(list(one(XML_ARTICLE, 'XML_ARTICLE', 'list'), ARTICLE)),
  orders: body(list(one(XML_ORDER, 'XML_ORDER', 'list'), ORDER)),
  order: body(list(one(XML_ORDER, 'XML_ORDER', 'list'), ORDER), false),
  purchases: body(list(one(XML_PURCHASE, 'XML_PURCHASE', 'list'), PURCHASE)),
  purchase: body(list(one(XML_PURCHASE, 'XML_PURCHASE', 'list'), PURCHASE), false),
  stock: body(STOCK),
} as const;

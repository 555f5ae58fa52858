import { describe, expect, it } from 'vitest';
import {
  batchNoFromMessage,
  parseDecimal,
  parseSpecterReply,
  readArticles,
  readOrders,
  readStock,
  SpecterParseError,
} from '../../src/main/core/specter/parse';

const prolog = '<?xml version="1.0" encoding="ISO-8859-1"?>';

function xmlBody(text: string) {
  const reply = parseSpecterReply(text);
  if (reply.format !== 'xml') throw new Error('expected XML');
  return reply;
}

describe('parseDecimal', () => {
  it('reads decimal point and decimal comma', () => {
    expect(parseDecimal('12,50', 'x')).toBe(12.5);
    expect(parseDecimal('12.50', 'x')).toBe(12.5);
    expect(parseDecimal('1 234,5', 'x')).toBe(1234.5);
    expect(parseDecimal('-3', 'x')).toBe(-3);
  });

  it('treats empty and noItemsAvailable as null', () => {
    expect(parseDecimal('', 'x')).toBeNull();
    expect(parseDecimal('noItemsAvailable', 'x')).toBeNull();
  });

  it('names the field when a value is not a number', () => {
    expect(() => parseDecimal('12abc', 'article A1 buyPrice')).toThrow(/article A1 buyPrice: "12abc" is not a number/);
    expect(() => parseDecimal('1,2,3', 'x')).toThrow(SpecterParseError);
  });
});

describe('text envelope', () => {
  it('parses success with id and message', () => {
    expect(parseSpecterReply('1;7001;OK')).toEqual({ format: 'text', ok: true, code: 0, id: '7001', message: 'OK' });
  });

  it('parses failure with code; the message may contain ";"', () => {
    expect(parseSpecterReply("0;99;Batch 'abc123' is not finished; ack it")).toEqual({
      format: 'text',
      ok: false,
      code: 99,
      id: '',
      message: "Batch 'abc123' is not finished; ack it",
    });
  });

  it('rejects text that is not an envelope', () => {
    expect(() => parseSpecterReply('1;12')).toThrow(SpecterParseError);
    expect(() => parseSpecterReply('Service unavailable')).toThrow(/neither Specter XML/);
    expect(() => parseSpecterReply('')).toThrow(/empty/);
  });

  it('extracts the old batch number between single quotes', () => {
    expect(batchNoFromMessage("Batch 'a1b2c3' is not finished")).toBe('a1b2c3');
    expect(batchNoFromMessage('no quotes here')).toBeNull();
    expect(batchNoFromMessage("only 'one quote")).toBeNull();
  });
});

describe('XML replies', () => {
  it('reads the envelope, responseMaxLimit and articles with decimal comma and numeric references', () => {
    const reply = xmlBody(
      `${prolog}<response><APIresponse><result>1</result><code>0</code><message>OK</message><id/></APIresponse>` +
        `<articles><article articleId="7" buyPrice="55,25" priceExclVat="99,00" barCode="735" productWeight="0,250" vatPercent="25" lastChanged="2024-05-02 14:03:11">` +
        `<articleNo>ART-001</articleNo><name>Kökshandduk &#8364; &amp; mer</name><articleComment/>` +
        `<suppliers><supplier supplierNo="10" supplierName="Ull AB" supplierArticleNo="U1" supplierBuyPrice="50,5" isDefault="1"/></suppliers>` +
        `</article></articles><responseMaxLimit>500</responseMaxLimit></response>`,
    );
    expect(reply.ok).toBe(true);
    expect(reply.responseMaxLimit).toBe(500);
    const [article] = readArticles(reply.body);
    expect(article).toMatchObject({
      articleId: '7',
      articleNo: 'ART-001',
      name: 'Kökshandduk € & mer',
      buyPrice: 55.25,
      priceExclVat: 99,
      productWeight: 0.25,
      vatPercent: 25,
      stockPrice: null,
      lastChanged: '2024-05-02 14:03:11',
      suppliers: [
        { supplierNo: '10', supplierName: 'Ull AB', supplierArticleNo: 'U1', supplierBuyPrice: 50.5, isDefault: true },
      ],
    });
  });

  it('reads an error envelope with its code', () => {
    const reply = parseSpecterReply(
      `${prolog}<response><APIresponse><result>0</result><code>1</code><message>Invalid key</message></APIresponse></response>`,
    );
    expect(reply).toMatchObject({ ok: false, code: 1, message: 'Invalid key' });
  });

  it('rejects malformed XML, HTML pages and unknown documents', () => {
    const good = `${prolog}<response><APIresponse><result>1</result></APIresponse></response>`;
    expect(() => parseSpecterReply(good.slice(0, good.length / 2))).toThrow(/malformed/);
    expect(() => parseSpecterReply('<html><body><h1>Bad Gateway</h1></body></html>')).toThrow(/not a Specter reply/);
    expect(() => parseSpecterReply('<!DOCTYPE html><html><head><title>x</title></head><body>y</body></html>')).toThrow(
      SpecterParseError,
    );
  });

  it('reads stock with the noItemsAvailable literal as null', () => {
    const reply = xmlBody(
      `${prolog}<response><APIresponse><result>1</result></APIresponse><stockChanges><stock stockSiteId="1">` +
        '<articles><article><articleNo>A</articleNo><noItemsAv>12</noItemsAv></article>' +
        '<article><articleNo>B</articleNo><noItemsAv>noItemsAvailable</noItemsAv></article>' +
        '<article><articleNo>C</articleNo><noItemsAv>1</noItemsAv><noItemsInStock>3,0</noItemsInStock></article></articles>' +
        '</stock></stockChanges></response>',
    );
    expect(readStock(reply.body)).toEqual([
      { stockSiteId: '1', articleNo: 'A', noItemsInStock: 12 },
      { stockSiteId: '1', articleNo: 'B', noItemsInStock: null },
      { stockSiteId: '1', articleNo: 'C', noItemsInStock: 3 },
    ]);
  });

  it('reads an order in the §4.3 feed shape (orderNo only, status D, tracking number)', () => {
    const reply = xmlBody(
      `${prolog}<response><orders><order orderNo="1001"><orderstatus deliveryStatus="D" statusId="5"/>` +
        '<deliveries updated="1"><delivery trackingNo="00370712345678901234"/></deliveries></order></orders></response>',
    );
    const [order] = readOrders(reply.body);
    expect(order).toMatchObject({ orderId: '1001', orderNo: '1001', deliveryStatus: 'D', statusId: '5', rows: [] });
    expect(order?.deliveries?.[0]?.trackingNo).toBe('00370712345678901234');
  });

  it('an unreadable quantity stays on its order as a read issue naming row, field and raw value; the next order is read', () => {
    const reply = xmlBody(
      `${prolog}<response><orders><order orderId="55"><rows><row rowNo="2" noOfItems="two"/></rows></order>` +
        '<order orderId="57"><rows><row rowNo="1" noOfItems="3"/></rows></order></orders></response>',
    );
    const [bad, good] = readOrders(reply.body);
    expect(bad?.readIssues).toEqual([
      expect.objectContaining({ field: 'row 2 noOfItems', raw: 'two', severity: 'error' }),
    ]);
    expect(bad?.readIssues?.[0]?.message).toMatch(/row 2 noOfItems: "two" is not a number\. Correct it in Specter/);
    expect(good?.readIssues).toBeUndefined();
    expect(good?.rows[0]?.noOfItems).toBe(3);
  });

  it("reads the customer's type (company / person) where Specter sends it, and leaves it out otherwise", () => {
    const reply = xmlBody(
      `${prolog}<response><orders><order orderId="58"><customer customerId="7" name="Ek AB" firstName="Bo" customerOrganizationalForm="C"/></order>` +
        '<order orderId="59"><customer customerId="8" firstName="Bo"/></order></orders></response>',
    );
    const [company, unknown] = readOrders(reply.body);
    expect(company?.customer).toMatchObject({ customerId: '7', name: 'Ek AB', organizationalForm: 'C' });
    expect(unknown?.customer).not.toHaveProperty('organizationalForm');
  });

  it('an unknown delivery status is a read issue of that order', () => {
    const reply = xmlBody(
      `${prolog}<response><orders><order orderId="56"><orderstatus deliveryStatus="X"/></order></orders></response>`,
    );
    const [order] = readOrders(reply.body);
    expect(order?.readIssues?.[0]).toMatchObject({ field: 'deliveryStatus', raw: 'X', severity: 'error' });
    expect(order?.readIssues?.[0]?.message).toMatch(/unknown delivery status "X"/);
  });

  it('removes control characters (raw, or as character references) with a warning on the record', () => {
    const reply = parseSpecterReply(
      `${prolog}<response><articles><article articleNo="A1"><name>Kopp\u0000 bl\u0007å</name>` +
        '<articleComment>ok&#1;</articleComment></article><article articleNo="A2"><name>Ren</name></article></articles></response>',
    );
    if (reply.format !== 'xml') throw new Error('expected xml');
    const [a1, a2] = readArticles(reply.body);
    expect(a1?.name).toBe('Kopp blå');
    expect(a1?.articleComment).toBe('ok');
    expect(a1?.readIssues?.map((i) => [i.field, i.severity])).toEqual([
      ['name', 'warning'],
      ['articleComment', 'warning'],
    ]);
    expect(a2?.readIssues).toBeUndefined();
  });
});

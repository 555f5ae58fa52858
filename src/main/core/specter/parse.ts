import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  NO_ITEMS_AVAILABLE,
  TEXT_ENVELOPE,
  XML_ARTICLE,
  XML_ENVELOPE,
  XML_ORDER,
  XML_PURCHASE,
  XML_REPEATING,
  XML_STOCK,
} from './wire';

/** Thrown when a reply cannot be understood; the client turns it into a RemoteError of kind 'protocol'. */
export class SpecterParseError extends Error {
  override name = 'SpecterParseError';
}

/** A parsed XML element: attributes are prefixed with '@_', text is '#text'. */
export type XmlNode = { [name: string]: unknown };

export const ATTR = '@_';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTR,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  isArray: (name) => XML_REPEATING.has(name),
});

export interface SpecterEnvelope {
  ok: boolean;
  /** 0 on success; Specter's error code otherwise. */
  code: number;
  /** The id of a created object ('' when none). */
  id: string;
  message: string;
}

export type SpecterReply =
  | (SpecterEnvelope & { format: 'text' })
  | (SpecterEnvelope & {
      format: 'xml';
      /** The element holding the envelope and the payload. */
      body: XmlNode;
      responseMaxLimit: number | null;
      invoiceId: string;
      /** Set when the bytes did not match the declared encoding (see decodeSpecterBytes). */
      encodingNote?: string;
    });

const PAYLOAD_ROOTS = [XML_ARTICLE.list, XML_ORDER.list, XML_PURCHASE.list, XML_STOCK.root];

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of a child element or an attribute value ('' when absent). */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (isNode(value)) return textOf(value['#text']);
  return '';
}

/** A field that may come as an attribute or as a child element; the attribute wins. */
export function field(node: XmlNode, name: string): string {
  const attr = node[ATTR + name];
  if (attr !== undefined) return textOf(attr).trim();
  return textOf(node[name]).trim();
}

/** A child element (first one when repeated). */
export function child(node: XmlNode, name: string): XmlNode | undefined {
  const value = node[name];
  const first = Array.isArray(value) ? value[0] : value;
  return isNode(first) ? first : undefined;
}

/** All child elements of a name. */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  if (!node) return [];
  const value = node[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter(isNode);
}

/**
 * Parse a Specter decimal: '.' or ',' as decimal separator, spaces as thousands separators,
 * '' and the literal noItemsAvailable as null. Anything else that is not a number → SpecterParseError
 * naming `what`.
 */
export function parseDecimal(raw: string, what: string): number | null {
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed === NO_ITEMS_AVAILABLE) return null;
  const normalized = trimmed.replace(/[\s\u00a0]/g, '').replace(',', '.');
  const value = Number(normalized);
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(normalized) || !Number.isFinite(value)) {
    throw new SpecterParseError(`${what}: "${raw}" is not a number.`);
  }
  return value;
}

function parseText(text: string): SpecterReply {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  const first = trimmed.indexOf(TEXT_ENVELOPE.separator);
  const second = first < 0 ? -1 : trimmed.indexOf(TEXT_ENVELOPE.separator, first + 1);
  const result = first < 0 ? '' : trimmed.slice(0, first);
  if (second < 0 || (result !== TEXT_ENVELOPE.ok && result !== TEXT_ENVELOPE.failed)) {
    throw new SpecterParseError(`The reply is neither Specter XML nor "result;id;message" text: ${preview(trimmed)}`);
  }
  const middle = trimmed.slice(first + 1, second);
  // The message runs to the end of the first line; later lines are rows of a text list.
  const rest = trimmed.slice(second + 1);
  const message = rest.split(/[\r\n]/)[0] ?? '';
  if (result === TEXT_ENVELOPE.ok) return { format: 'text', ok: true, code: 0, id: middle, message };
  const code = Number(middle);
  if (!Number.isInteger(code)) {
    throw new SpecterParseError(`The error reply has no numeric code: ${preview(trimmed)}`);
  }
  return { format: 'text', ok: false, code, id: '', message };
}

function preview(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 80 ? `"${oneLine.slice(0, 80)}…"` : `"${oneLine}"`;
}

/** Parse an XML document; returns the parsed tree or throws SpecterParseError. */
export function parseXmlDocument(text: string): XmlNode {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new SpecterParseError(`The XML reply is malformed (${valid.err.msg}, line ${valid.err.line}).`);
  }
  const doc: unknown = parser.parse(text);
  if (!isNode(doc)) throw new SpecterParseError('The XML reply is empty.');
  return doc;
}

/** The encoding declared in an XML prolog ('' when none), read from the parsed tree. */
export function declaredXmlEncoding(doc: XmlNode): string {
  const decl = doc['?xml'];
  return isNode(decl) ? textOf(decl[`${ATTR}encoding`]).toLowerCase() : '';
}

function findBody(doc: XmlNode): XmlNode | undefined {
  const candidates: XmlNode[] = [doc];
  for (const [name, value] of Object.entries(doc)) {
    if (name.startsWith('?')) continue;
    if (isNode(value)) candidates.push(value);
  }
  return candidates.find(
    (node) => node[XML_ENVELOPE.apiResponse] !== undefined || PAYLOAD_ROOTS.some((p) => node[p] !== undefined),
  );
}

/** Read an XML reply from an already parsed tree. */
export function replyFromXml(doc: XmlNode): SpecterReply {
  const body = findBody(doc);
  if (!body) {
    const root = Object.keys(doc).find((k) => !k.startsWith('?')) ?? '(none)';
    throw new SpecterParseError(`The XML reply is not a Specter reply (root element <${root}>).`);
  }
  const env = child(body, XML_ENVELOPE.apiResponse);
  const limitRaw = field(body, XML_ENVELOPE.responseMaxLimit);
  const responseMaxLimit = limitRaw === '' ? null : parseDecimal(limitRaw, XML_ENVELOPE.responseMaxLimit);
  if (!env) {
    // A payload without an envelope: treat as success, as older clients do.
    return { format: 'xml', ok: true, code: 0, id: '', message: '', body, responseMaxLimit, invoiceId: '' };
  }
  const result = field(env, XML_ENVELOPE.result);
  if (result !== TEXT_ENVELOPE.ok && result !== TEXT_ENVELOPE.failed) {
    throw new SpecterParseError(`The reply's <${XML_ENVELOPE.result}> is "${result}", expected 1 or 0.`);
  }
  const codeRaw = field(env, XML_ENVELOPE.code);
  const code = codeRaw === '' ? 0 : Number(codeRaw);
  if (!Number.isInteger(code)) throw new SpecterParseError(`The reply's <${XML_ENVELOPE.code}> is "${codeRaw}".`);
  return {
    format: 'xml',
    ok: result === TEXT_ENVELOPE.ok,
    code,
    id: field(env, XML_ENVELOPE.id),
    message: field(env, XML_ENVELOPE.message),
    body,
    responseMaxLimit,
    invoiceId: field(env, XML_ENVELOPE.invoiceId),
  };
}

/**
 * Raw control characters are not allowed in XML, and a character reference to one (`&#0;`) is not
 * either: both become private-use placeholders (U+E000 + code) so the reply can be read, and the
 * record reader removes them with a warning on the record that carried them.
 */
export function isControlCode(code: number): boolean {
  return (code < 0x20 && code !== 9 && code !== 10 && code !== 13) || code === 0x7f;
}

export function shieldControlCharacters(text: string): string {
  let shielded = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    shielded += isControlCode(code) && code !== 0x7f ? String.fromCharCode(0xe000 + code) : text[i];
  }
  return shielded.replace(/&#(x[0-9a-f]+|[0-9]+);/gi, (ref, code: string) => {
    const n = code[0]?.toLowerCase() === 'x' ? Number.parseInt(code.slice(1), 16) : Number(code);
    return isControlCode(n) && n !== 0x7f ? String.fromCharCode(0xe000 + n) : ref;
  });
}

/** Parse a reply already decoded to a string (see decodeSpecterBytes): XML (starts with '<') or the text envelope. */
export function parseSpecterReply(text: string): SpecterReply {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed === '') throw new SpecterParseError('The reply is empty.');
  if (!trimmed.startsWith('<')) return parseText(trimmed);
  return replyFromXml(parseXmlDocument(shieldControlCharacters(trimmed)));
}

/** Extract the old batch number from a code-99 message: the text between the first pair of single quotes. */
export function batchNoFromMessage(message: string, quote = "'"): string | null {
  const start = message.indexOf(quote);
  if (start < 0) return null;
  const end = message.indexOf(quote, start + 1);
  if (end < 0) return null;
  const value = message.slice(start + 1, end).trim();
  return value === '' ? null : value;
}

export { readArticle, readArticles, readOrder, readOrders, readPurchase, readPurchases, readStock } from './records';

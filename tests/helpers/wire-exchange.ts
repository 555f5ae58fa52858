/**
 * Recorded Specter exchanges (tests/wire/specter/*.http): one request and the raw reply bytes per
 * file. The format is described in tests/wire/specter/README.md.
 */
import fs from 'node:fs';
import path from 'node:path';

export const SPECTER_WIRE_DIR = path.resolve(import.meta.dirname, '../wire/specter');

export interface WireRequest {
  method: 'GET' | 'POST';
  /** e.g. 'getInfo.asp' */
  script: string;
  /** Raw query string as sent (percent-encoded Latin-1). */
  query: string;
  /** Request headers given in the file (POST: Content-Type). */
  headers: Record<string, string>;
  /** Raw form body ('' for GET). */
  body: string;
}

export interface WireReply {
  status: number;
  headers: Record<string, string>;
  /** The reply bytes exactly as received. */
  body: Buffer;
}

export interface WireExchange {
  /** File name, e.g. 'get-order.http'. */
  name: string;
  /** Free text of the `#` lines that are not directives. */
  description: string;
  /** `simulator` (reproduced by the simulator tests) or where a real reply came from. */
  source: string;
  /** Exchanges to replay first, in order, on a fresh simulator. */
  after: string[];
  /** XML attribute / element names whose values are not compared when the simulator reproduces the reply. */
  varying: string[];
  request: WireRequest;
  reply: WireReply;
}

/** The action of a request (query first, then form), matched case-insensitively. */
export function actionOf(request: WireRequest): string {
  return paramValue(request, 'action') ?? '';
}

/** Raw `name=value` pairs of query then form. */
export function rawParams(request: WireRequest): [string, string][] {
  return [request.query, request.body]
    .flatMap((part) => part.split('&'))
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    });
}

/** A parameter's value decoded as Latin-1 ('+' = space), or undefined. */
export function paramValue(request: WireRequest, name: string): string | undefined {
  const raw = rawParams(request).find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
  if (raw === undefined) return undefined;
  return Buffer.from(
    raw
      .replace(/\+/g, ' ')
      .replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    'latin1',
  ).toString('latin1');
}

function parseHeaders(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) throw new Error(`"${line}" is not a header line (Name: value).`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Parse one exchange file. Throws with the file name and what is wrong. */
export function parseExchange(name: string, bytes: Buffer): WireExchange {
  const fail = (what: string): never => {
    throw new Error(`${name}: ${what} (see tests/wire/specter/README.md)`);
  };
  // Latin-1 maps every byte to one character, so offsets in the string are byte offsets.
  const text = bytes.toString('latin1');
  let pos = 0;
  const nextLine = (): string | undefined => {
    if (pos >= text.length) return undefined;
    const end = text.indexOf('\n', pos);
    const line = end < 0 ? text.slice(pos) : text.slice(pos, end);
    pos = end < 0 ? text.length : end + 1;
    return line.replace(/\r$/, '');
  };

  const comments: string[] = [];
  let line = nextLine();
  while (line?.startsWith('#')) {
    comments.push(line.replace(/^#\s?/, ''));
    line = nextLine();
  }
  const directive = (key: string) =>
    comments
      .filter((c) => c.toLowerCase().startsWith(`${key}:`))
      .flatMap((c) => c.slice(key.length + 1).split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
  const description = comments.filter((c) => !/^(source|after|varying):/i.test(c)).join('\n');

  const requestLine = /^(GET|POST) \/([^?\s]+)\??(\S*) HTTP\/1\.1$/.exec(line ?? '');
  if (!requestLine) return fail(`expected a request line "GET|POST /script?query HTTP/1.1", found "${line}"`);
  const requestHeaderLines: string[] = [];
  for (line = nextLine(); line !== undefined && line !== ''; line = nextLine()) requestHeaderLines.push(line);
  const method = requestLine[1] as 'GET' | 'POST';
  let body = '';
  if (method === 'POST') {
    body = nextLine() ?? fail('a POST needs its form body on the line after the blank line');
    if (nextLine() !== '') fail('the form body must be one line followed by a blank line');
  }

  const statusLine = /^HTTP\/1\.1 (\d{3})(?: .*)?$/.exec(nextLine() ?? '');
  if (!statusLine) return fail('expected the reply status line "HTTP/1.1 200 OK"');
  const replyHeaderLines: string[] = [];
  for (line = nextLine(); line !== undefined && line !== ''; line = nextLine()) replyHeaderLines.push(line);
  if (line === undefined) fail('the reply headers must end with a blank line before the body');

  return {
    name,
    description,
    source: directive('source')[0] ?? '',
    after: directive('after'),
    varying: directive('varying'),
    request: {
      method,
      script: requestLine[2] ?? '',
      query: requestLine[3] ?? '',
      headers: parseHeaders(requestHeaderLines),
      body,
    },
    reply: {
      status: Number(statusLine[1]),
      headers: parseHeaders(replyHeaderLines),
      body: bytes.subarray(pos),
    },
  };
}

export function readExchange(name: string, dir = SPECTER_WIRE_DIR): WireExchange {
  return parseExchange(name, fs.readFileSync(path.join(dir, name)));
}

/** Every `.http` file of the folder, sorted by name. */
export function listExchanges(dir = SPECTER_WIRE_DIR): WireExchange[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.http'))
    .sort()
    .map((f) => readExchange(f, dir));
}

/** Write an exchange in the file format (used when recording a new one). */
export function formatExchange(exchange: Omit<WireExchange, 'name'>): Buffer {
  const head: string[] = [];
  for (const line of exchange.description.split('\n')) if (line !== '') head.push(`# ${line}`);
  head.push(`# source: ${exchange.source}`);
  if (exchange.after.length > 0) head.push(`# after: ${exchange.after.join(', ')}`);
  if (exchange.varying.length > 0) head.push(`# varying: ${exchange.varying.join(', ')}`);
  const { request, reply } = exchange;
  head.push(`${request.method} /${request.script}${request.query ? `?${request.query}` : ''} HTTP/1.1`);
  for (const [name, value] of Object.entries(request.headers)) head.push(`${name}: ${value}`);
  head.push('');
  if (request.method === 'POST') head.push(request.body, '');
  head.push(`HTTP/1.1 ${reply.status} ${reply.status === 200 ? 'OK' : ''}`.trimEnd());
  for (const [name, value] of Object.entries(reply.headers)) head.push(`${name}: ${value}`);
  head.push('', '');
  return Buffer.concat([Buffer.from(head.join('\n'), 'latin1'), reply.body]);
}

/** Replace the values of the named XML attributes and elements with '*'. */
export function maskVarying(xml: string, names: readonly string[]): string {
  let out = xml;
  for (const name of names) {
    const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out
      .replace(new RegExp(`(\\s${n}=")[^"]*(")`, 'g'), '$1*$2')
      .replace(new RegExp(`(<${n}>)[^<]*(</${n}>)`, 'g'), '$1*$2');
  }
  return out;
}

/**
 * Change detection: a stable hash of a JSON payload. Object keys are sorted at every level before
 * hashing, so the same data gives the same hash whatever order its keys were built in; array order
 * counts. The hash is FNV-1a 64-bit over the UTF-8 bytes of the canonical JSON text, written as 16
 * lower-case hex digits. It detects changes; it is not a security hash.
 */

/**
 * The canonical JSON text of a value: keys sorted, no whitespace, and the same value rules as
 * JSON.stringify (undefined and functions left out of objects, null in arrays; NaN and Infinity
 * become null; -0 becomes 0; toJSON is honoured, so dates become their ISO text).
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set()) ?? 'null';
}

function write(value: unknown, stack: Set<object>): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return write((value as { toJSON: () => unknown }).toJSON(), stack);
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  const obj = value as object;
  if (stack.has(obj)) throw new TypeError('payloadHash: the payload refers to itself and cannot be hashed');
  stack.add(obj);
  try {
    if (Array.isArray(obj)) {
      return `[${obj.map((item) => write(item, stack) ?? 'null').join(',')}]`;
    }
    const record = obj as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const item = write(record[key], stack);
      if (item !== undefined) parts.push(`${JSON.stringify(key)}:${item}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    stack.delete(obj);
  }
}

// FNV-1a 64-bit in two unsigned 32-bit halves (no BigInt: this runs once per synced record).
// Offset basis 0xcbf29ce484222325; prime 0x100000001b3 = 2^40 + 0x1b3.
const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
const PRIME_LO = 0x1b3;
const TWO_32 = 0x1_0000_0000;

/** UTF-8 bytes of a string (lone surrogates become U+FFFD, as TextEncoder does). */
function utf8Bytes(textValue: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < textValue.length; i++) {
    let code = textValue.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = i + 1 < textValue.length ? textValue.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        code = 0xfffd;
      }
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      code = 0xfffd;
    }
    if (code < 0x80) {
      bytes.push(code);
    } else if (code < 0x800) {
      bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    } else {
      bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    }
  }
  return bytes;
}

/** FNV-1a 64-bit of a string's UTF-8 bytes, as 16 hex digits. */
export function fnv1a64(textValue: string): string {
  let hi = OFFSET_HI;
  let lo = OFFSET_LO;
  for (const byte of utf8Bytes(textValue)) {
    lo = (lo ^ byte) >>> 0;
    // (hi·2^32 + lo) × (2^40 + 0x1b3) mod 2^64
    const low = lo * PRIME_LO;
    const carry = Math.floor(low / TWO_32);
    hi = (Math.imul(hi, PRIME_LO) + carry + (lo << 8)) >>> 0;
    lo = low >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** Stable hash of a JSON payload (keys sorted): an unchanged record gives the same hash. */
export function payloadHash(payload: unknown): string {
  return fnv1a64(canonicalJson(payload));
}

/**
 * Latin-1 (ISO-8859-1) helpers for the Specter wire: Specter hashes and percent-encodes values as
 * Latin-1 bytes and answers in Latin-1. JavaScript's encodeURIComponent is UTF-8, so these are
 * written out byte by byte.
 */

/** Called when a value had characters that Latin-1 cannot carry; they were replaced by '?'. */
export type Latin1Warning = (info: { field: string; value: string; replaced: string[] }) => void;

/**
 * Return `value` with every character outside Latin-1 replaced by '?'. When something was replaced,
 * `onWarning` is told which field and which characters, so the operator can fix the source record.
 */
export function toLatin1(value: string, field = 'value', onWarning?: Latin1Warning): string {
  let out = '';
  const replaced: string[] = [];
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0xff) {
      out += '?';
      replaced.push(ch);
    } else {
      out += ch;
    }
  }
  if (replaced.length > 0) onWarning?.({ field, value: out, replaced });
  return out;
}

export function isLatin1(value: string): boolean {
  for (const ch of value) if ((ch.codePointAt(0) ?? 0) > 0xff) return false;
  return true;
}

const HEX = '0123456789ABCDEF';

function isUnreserved(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || // 0-9
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x61 && code <= 0x7a) || // a-z
    code === 0x2d || // -
    code === 0x2e || // .
    code === 0x5f || // _
    code === 0x7e // ~
  );
}

/**
 * Percent-encode one value as Latin-1 bytes ("Å" → "%C5"). Characters outside Latin-1 must have
 * been replaced before (see toLatin1); any left are encoded as '?'.
 */
export function encodeLatin1Component(value: string): string {
  let out = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0x3f;
    const byte = cp > 0xff ? 0x3f : cp;
    if (isUnreserved(byte)) out += ch;
    else out += `%${HEX[byte >> 4]}${HEX[byte & 0x0f]}`;
  }
  return out;
}

/** `name=value&name=value` with Latin-1 percent-encoding (query strings and form bodies). */
export function encodeLatin1Form(params: ReadonlyArray<readonly [string, string]>): string {
  return params.map(([name, value]) => `${encodeLatin1Component(name)}=${encodeLatin1Component(value)}`).join('&');
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/**
 * Decode a percent-encoded component into bytes ('+' is a space, as in forms). A '%' that is not
 * followed by two hex digits is kept as it is.
 */
export function percentDecodeToBytes(component: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < component.length; i++) {
    const code = component.charCodeAt(i);
    if (code === 0x2b) {
      bytes.push(0x20);
    } else if (code === 0x25 && i + 2 < component.length) {
      const hi = hexValue(component.charCodeAt(i + 1));
      const lo = hexValue(component.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        bytes.push(hi * 16 + lo);
        i += 2;
      } else {
        bytes.push(code);
      }
    } else if (code < 0x80) {
      bytes.push(code);
    } else {
      // A raw non-ASCII character in the component: keep its UTF-8 bytes.
      for (const b of Buffer.from(component[i] ?? '', 'utf8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes);
}

export type FormCharset = 'latin1' | 'utf8';

/** Parse `a=1&b=%C5sa` into name/value pairs, decoding bytes with the given character set. */
export function decodeForm(body: string, charset: FormCharset = 'latin1'): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([percentDecodeToBytes(rawName).toString(charset), percentDecodeToBytes(rawValue).toString(charset)]);
  }
  return pairs;
}

/** True when the bytes are well-formed UTF-8 and hold at least one multi-byte character. */
export function looksLikeUtf8(bytes: Buffer): boolean {
  let multibyte = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) continue;
    let extra: number;
    if (b >= 0xc2 && b <= 0xdf) extra = 1;
    else if (b >= 0xe0 && b <= 0xef) extra = 2;
    else if (b >= 0xf0 && b <= 0xf4) extra = 3;
    else return false;
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return false;
    }
    multibyte = true;
    i += extra;
  }
  return multibyte;
}

/**
 * Decode a Specter reply by its bytes, not only by what it declares: Latin-1 is Specter's encoding;
 * an XML prolog may declare UTF-8. When the bytes contradict the declaration (UTF-8 bytes under a
 * Latin-1 or missing declaration, or Latin-1 bytes under a UTF-8 one) they are decoded as what they
 * are, and `note` says so for the records read from it.
 */
export function decodeSpecterBytes(bytes: Buffer): { text: string; note: string | null } {
  const latin1 = bytes.toString('latin1');
  const prolog = /^\uFEFF?\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(latin1);
  const declared = (prolog?.[1] ?? '').toLowerCase().replace('_', '-');
  const declaredUtf8 = declared === 'utf-8' || declared === 'utf8';
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const utf8 = looksLikeUtf8(bytes);
  if (declaredUtf8 || bom) {
    if (utf8 || !/[\u0080-\u00ff]/.test(latin1)) return { text: bytes.toString('utf8'), note: null };
    return {
      text: latin1,
      note: 'Specter declared UTF-8 but sent Latin-1 bytes; the text was read as Latin-1. Check that it looks right in Ongoing.',
    };
  }
  if (utf8) {
    return {
      text: bytes.toString('utf8'),
      note: `Specter declared ${declared ? declared.toUpperCase() : 'no encoding (Latin-1)'} but sent UTF-8 bytes; the text was read as UTF-8. Check that it looks right in Ongoing.`,
    };
  }
  return { text: latin1, note: null };
}

/**
 * Reading Specter requests and writing text replies in Latin-1, as the simulator's own code (the
 * client's encoder is not used here, so the two sides check each other).
 */

export type FormCharset = 'latin1' | 'utf8';

function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/** Percent-decoding to bytes: '+' is a space; a '%' not followed by two hex digits stays as it is. */
function decodeComponent(component: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < component.length; i++) {
    const code = component.charCodeAt(i);
    if (code === 0x2b) {
      bytes.push(0x20);
      continue;
    }
    if (code === 0x25 && i + 2 < component.length) {
      const hi = hexDigit(component.charCodeAt(i + 1));
      const lo = hexDigit(component.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        bytes.push(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    if (code < 0x80) bytes.push(code);
    else for (const b of Buffer.from(component[i] ?? '', 'utf8')) bytes.push(b);
  }
  return Buffer.from(bytes);
}

/** `a=1&b=%C5sa` → name/value pairs, bytes read in the given character set (Latin-1 unless the form says UTF-8). */
export function decodeForm(body: string, charset: FormCharset = 'latin1'): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([decodeComponent(name).toString(charset), decodeComponent(value).toString(charset)]);
  }
  return pairs;
}

/** Characters Latin-1 cannot carry become '?' (text replies have no character references). */
export function latin1Text(value: string): string {
  let out = '';
  for (const ch of value) out += (ch.codePointAt(0) ?? 0) > 0xff ? '?' : ch;
  return out;
}

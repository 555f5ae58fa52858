/**
 * A small XML writer for the simulator's replies. Text and attribute values (always in double
 * quotes) are escaped; characters that ISO-8859-1 cannot carry are written as numeric character
 * references, so the body can be sent as Latin-1 bytes without loss.
 */

export interface XmlElement {
  name: string;
  attrs?: Record<string, string | undefined>;
  children?: XmlContent[];
}

export type XmlContent = XmlElement | string;

export function el(name: string, attrs?: Record<string, string | undefined>, ...children: XmlContent[]): XmlElement {
  return { name, attrs, children };
}

/** An element holding only text. */
export function textEl(name: string, value: string): XmlElement {
  return { name, children: value === '' ? [] : [value] };
}

export function escapeXml(value: string): string {
  let out = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (cp < 0x20 && ch !== '\t' && ch !== '\n' && ch !== '\r') continue;
    else if (cp > 0xff) out += `&#${cp};`;
    else out += ch;
  }
  return out;
}

export function renderXml(node: XmlContent): string {
  if (typeof node === 'string') return escapeXml(node);
  const attrs = Object.entries(node.attrs ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  const children = node.children ?? [];
  if (children.length === 0) return `<${node.name}${attrs}/>`;
  return `<${node.name}${attrs}>${children.map(renderXml).join('')}</${node.name}>`;
}

/**
 * Compares the records of a reply with what the app expects: fields it reads that never appeared
 * (missing) and fields it does not know (unknown). Pure.
 */
import type { DoctorField } from '../../../shared/doctor';
import { ATTR, isNode, type XmlNode } from '../specter/parse';
import type { XmlShape } from './xml-shapes';

export interface ShapeFindings {
  missing: DoctorField[];
  unknown: DoctorField[];
}

/** Attribute and child element names of an XML element (attributes without their prefix). */
function xmlNames(node: XmlNode): Set<string> {
  const found = new Set<string>();
  for (const key of Object.keys(node)) {
    if (key === '#text' || key.startsWith('?')) continue;
    found.add(key.startsWith(ATTR) ? key.slice(ATTR.length) : key);
  }
  return found;
}

function xmlChildren(nodes: readonly XmlNode[], name: string): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of nodes) {
    const value = node[name];
    for (const item of Array.isArray(value) ? value : [value]) {
      // An element with only text (or nothing) parses as a string: it has no fields of its own.
      if (isNode(item)) out.push(item);
      else if (item !== undefined) out.push({});
    }
  }
  return out;
}

/**
 * Check every instance of an element against its shape. A field counts as missing when none of the
 * instances has it; a name counts as unknown when any instance has it and the shape does not.
 */
export function checkXml(nodes: readonly XmlNode[], shape: XmlShape, where = shape.name): ShapeFindings {
  const findings: ShapeFindings = { missing: [], unknown: [] };
  if (nodes.length === 0) return findings;
  const present = new Set<string>();
  for (const node of nodes) for (const name of xmlNames(node)) present.add(name);
  // Only empty elements (e.g. <deliveries/> of an order without deliveries): nothing to compare.
  if (present.size === 0) return findings;
  const expected = new Set<string>();
  for (const field of shape.fields) {
    expected.add(field.name);
    if (!present.has(field.name)) findings.missing.push({ where, name: field.name, constant: field.constant });
  }
  for (const known of shape.known ?? []) expected.add(known.name);
  for (const child of shape.children) expected.add(child.name);
  const strangers = [...present].filter((name) => !expected.has(name));
  for (const child of shape.children) {
    if (!present.has(child.name)) {
      // An absent list item is an empty list, unless something unknown stands in its place.
      if (!child.repeated || strangers.length > 0) {
        findings.missing.push({ where, name: child.name, constant: child.constant });
      }
      continue;
    }
    const inner = checkXml(xmlChildren(nodes, child.name), child, `${where} > ${child.name}`);
    findings.missing.push(...inner.missing);
    findings.unknown.push(...inner.unknown);
  }
  for (const name of strangers) findings.unknown.push({ where, name, constant: '' });
  return findings;
}

/** A JSON record level: every key the API documents, the keys the app reads, and deeper levels it reads. */
export interface JsonShape {
  known: readonly string[];
  read: readonly string[];
  children?: Record<string, JsonShape>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Check JSON records: read keys absent from every record are missing; keys the API does not document are unknown. */
export function checkJson(records: readonly unknown[], shape: JsonShape, where: string): ShapeFindings {
  const findings: ShapeFindings = { missing: [], unknown: [] };
  const objects = records.filter(isObject);
  if (objects.length === 0) return findings;
  const present = new Set<string>();
  for (const record of objects) for (const key of Object.keys(record)) present.add(key);
  for (const key of shape.read) {
    if (!present.has(key)) findings.missing.push({ where, name: key, constant: '' });
  }
  const known = new Set(shape.known);
  for (const key of present) {
    if (!known.has(key)) findings.unknown.push({ where, name: key, constant: '' });
  }
  for (const [key, child] of Object.entries(shape.children ?? {})) {
    const inner: unknown[] = [];
    for (const record of objects) {
      const value = record[key];
      if (Array.isArray(value)) inner.push(...value);
      else if (value !== undefined && value !== null) inner.push(value);
    }
    const found = checkJson(inner, child, `${where}.${key}`);
    findings.missing.push(...found.missing);
    findings.unknown.push(...found.unknown);
  }
  return findings;
}

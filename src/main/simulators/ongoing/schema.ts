/**
 * Request validation against specs/ongoing-rest-openapi.json.
 *
 * The OpenAPI 3.0 schemas are converted for ajv once: `nullable: true` becomes "or null", and the
 * formats OpenAPI uses are registered. Two formats are lenient on purpose, as the real API is:
 * `date-time` also accepts a plain date (`2019-10-10`, used in Ongoing's own examples) and a time
 * without a zone; `decimal` accepts any finite number.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import spec from '../../../../specs/ongoing-rest-openapi.json';
import type { OngoingSchemaName } from '../../../shared/ongoing/models';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SPEC_ID = 'ongoing-openapi';
const API_PREFIX = '/api/v1';

/** Date, or date and time with optional fraction and optional zone (Z or ±hh:mm). */
const DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

export function isOngoingDateTime(value: string): boolean {
  if (!DATE_TIME_RE.test(value)) return false;
  return !Number.isNaN(Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value));
}

function toAjvSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toAjvSchema);
  if (!node || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'example' || key === 'examples') continue;
    out[key] = toAjvSchema(value);
  }
  if (node.nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [{ type: 'null' }, out] };
  }
  return out;
}

let ajvInstance: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function ajv(): Ajv {
  if (ajvInstance) return ajvInstance;
  const instance = new Ajv({ allErrors: true, strict: false, validateFormats: true });
  addFormats(instance);
  instance.addFormat('date-time', { type: 'string', validate: isOngoingDateTime });
  instance.addFormat('decimal', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  instance.addFormat('binary', true);
  const components = (spec as unknown as { components: { schemas: JsonObject } }).components;
  instance.addSchema({ $id: SPEC_ID, components: { schemas: toAjvSchema(components.schemas) } } as object);
  ajvInstance = instance;
  return instance;
}

function validatorFor(schemaName: string): ValidateFunction {
  let validate = validators.get(schemaName);
  if (!validate) {
    const components = (spec as unknown as { components: { schemas: Record<string, unknown> } }).components;
    if (!components.schemas[schemaName]) throw new Error(`Unknown Ongoing schema "${schemaName}".`);
    validate = ajv().compile({ $ref: `${SPEC_ID}#/components/schemas/${schemaName}` });
    validators.set(schemaName, validate);
  }
  return validate;
}

/** `/orderLines/0/rowNumber` → `orderLines[0].rowNumber`. */
function fieldPath(instancePath: string, extra?: string): string {
  const parts = instancePath
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra) parts.push(extra);
  let out = '';
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  return out || '(body)';
}

function describeError(error: ErrorObject): string | undefined {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${fieldPath(error.instancePath, String(params.missingProperty))} is required`;
    case 'type': {
      if (params.type === 'null') return undefined;
      const expected = String(params.type).replace(/,null$/, '');
      return `${fieldPath(error.instancePath)} must be a ${expected}`;
    }
    case 'minLength':
      return params.limit === 1
        ? `${fieldPath(error.instancePath)} must not be empty`
        : `${fieldPath(error.instancePath)} must be at least ${params.limit} characters`;
    case 'maxLength':
      return `${fieldPath(error.instancePath)} must be at most ${params.limit} characters`;
    case 'format':
      return params.format === 'date-time'
        ? `${fieldPath(error.instancePath)} must be a date or date-time such as 2024-05-01 or 2024-05-01T08:00:00Z`
        : `${fieldPath(error.instancePath)} must match format ${String(params.format)}`;
    case 'anyOf':
    case 'allOf':
      return undefined;
    default:
      return `${fieldPath(error.instancePath)} ${error.message ?? 'is invalid'}`;
  }
}

/**
 * Validate a request body against a named OpenAPI schema. Returns readable errors naming the field
 * (e.g. `orderLines[0].rowNumber is required`); an empty list means the body is valid.
 */
export function validateOngoingBody(schemaName: OngoingSchemaName | string, body: unknown): string[] {
  const validate = validatorFor(schemaName);
  if (validate(body)) return [];
  const messages: string[] = [];
  for (const error of validate.errors ?? []) {
    const text = describeError(error);
    if (text && !messages.includes(text)) messages.push(text);
  }
  return messages.length > 0 ? messages : ['the body does not match the expected shape'];
}

export interface OngoingOperationInfo {
  operationId: string;
  method: string;
  /** Spec path template, e.g. `/api/v1/orders/{orderId}`. */
  pathTemplate: string;
  /** Schema name of the JSON request body, when the operation takes one. */
  bodySchema?: string;
  queryParams: string[];
  requiredQueryParams: string[];
}

interface CompiledOperation extends OngoingOperationInfo {
  pattern: RegExp;
  literalSegments: number;
}

let operations: CompiledOperation[] | undefined;

function compiledOperations(): CompiledOperation[] {
  if (operations) return operations;
  const list: CompiledOperation[] = [];
  const paths = (spec as unknown as { paths: Record<string, Record<string, JsonObject>> }).paths;
  for (const [template, item] of Object.entries(paths)) {
    const segments = template.split('/').filter(Boolean);
    const pattern = new RegExp(
      `^/${segments.map((s) => (/^\{.+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}/?$`,
    );
    const literalSegments = segments.filter((s) => !/^\{.+\}$/.test(s)).length;
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'patch', 'delete'].includes(method)) continue;
      const params = (op.parameters as JsonObject[] | undefined) ?? [];
      const query = params.filter((p) => p.in === 'query');
      const content = (op.requestBody as JsonObject | undefined)?.content as JsonObject | undefined;
      const ref = ((content?.['application/json'] as JsonObject | undefined)?.schema as JsonObject | undefined)?.$ref;
      list.push({
        operationId: String(op.operationId),
        method: method.toUpperCase(),
        pathTemplate: template,
        bodySchema: typeof ref === 'string' ? ref.split('/').pop() : undefined,
        queryParams: query.map((p) => String(p.name)),
        requiredQueryParams: query.filter((p) => p.required === true).map((p) => String(p.name)),
        pattern,
        literalSegments,
      });
    }
  }
  operations = list;
  return list;
}

const operationCache = new Map<string, OngoingOperationInfo | undefined>();
const OPERATION_CACHE_LIMIT = 5_000;

/**
 * The spec operation for a request, from its method and its path relative to the warehouse
 * (`/api/v1/orders/17`, query string ignored). Literal segments win over parameters, so
 * `/api/v1/orders/statuses` is the status list, not order "statuses".
 */
export function findOngoingOperation(method: string, apiPath: string): OngoingOperationInfo | undefined {
  const path = apiPath.split('?')[0] ?? '';
  const full = path.startsWith(API_PREFIX) ? path : `${API_PREFIX}/${path.replace(/^\//, '')}`;
  const cacheKey = `${method.toUpperCase()} ${full}`;
  if (operationCache.has(cacheKey)) return operationCache.get(cacheKey);
  const found = matchOperation(method, full);
  if (operationCache.size >= OPERATION_CACHE_LIMIT) operationCache.clear();
  operationCache.set(cacheKey, found);
  return found;
}

function matchOperation(method: string, full: string): OngoingOperationInfo | undefined {
  let best: CompiledOperation | undefined;
  for (const op of compiledOperations()) {
    if (op.method !== method.toUpperCase() || !op.pattern.test(full)) continue;
    if (!best || op.literalSegments > best.literalSegments) best = op;
  }
  if (!best) return undefined;
  const { pattern: _pattern, literalSegments: _literal, ...info } = best;
  return info;
}

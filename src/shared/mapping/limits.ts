/**
 * String length limits. A value is shortened only where Ongoing's OpenAPI schema declares a
 * maxLength for that exact field of that exact request body; everywhere else it is sent as it is.
 *
 * The create/update bodies this app sends (PostArticleModel, PostOrderModel,
 * PostPurchaseOrderModel, and everything nested in them) declare no maxLength at all, so nothing
 * in them is ever shortened. The only maxLength declarations are on a few PATCH bodies. Where one
 * of those PATCH fields is the same field an order or purchase order carries (order number, order
 * remark, service point code, purchase order number), validation warns that the value is longer
 * than Ongoing accepts there, without changing it. `fitPatchValue` shortens a value for one of
 * those PATCH bodies, where the limit is declared.
 */
import { getPath, type MappingProblem, setPath } from './core';

/** A maxLength that a request body declares for one field. */
export interface LengthLimit {
  /** JSON path in the body, e.g. 'orderRemark' or 'consignee.name'. */
  path: string;
  maxLength: number;
  /** The OpenAPI schema that declares it. */
  declaredIn: string;
  /** The Specter field the value comes from, for the problem message. */
  sourceField: string;
}

/**
 * maxLength declarations of the PUT bodies, per flow. Empty: the OpenAPI file declares none for
 * PostArticleModel, PostOrderModel, PostPurchaseOrderModel or their nested schemas (a unit test
 * checks this against specs/ongoing-rest-openapi.json).
 */
export const PUT_BODY_LENGTH_LIMITS: Readonly<Record<'articles' | 'orders' | 'purchase-orders', LengthLimit[]>> = {
  articles: [],
  orders: [],
  'purchase-orders': [],
};

/** maxLength of the PATCH bodies, as declared in the OpenAPI file (schema → field → limit). */
export const ONGOING_PATCH_LENGTH_LIMITS = {
  PatchOrderNumberModel: { orderNumber: 50 },
  PatchOrderRemark: { orderRemark: 500 },
  PatchServicePointCode: { servicePointCode: 50 },
  PatchOrderWaybill: { waybill: 50 },
  PatchOrderReturnWaybill: { returnWaybill: 50 },
  PatchOrderWarehouseInstruction: { warehouseInstruction: 500 },
  PatchPurchaseOrderNumber: { purchaseOrderNumber: 50 },
  PatchArticleStorageClassModel: { storageClassName: 100 },
} as const;

type PatchSchema = keyof typeof ONGOING_PATCH_LENGTH_LIMITS;

/**
 * Applies declared limits to a body: values longer than a limit are shortened to it and each
 * shortening is reported as a warning naming the record and the field. Returns a new body; the
 * input is not changed.
 */
export function applyLengthLimits<T>(
  body: T,
  limits: readonly LengthLimit[],
  record: string,
): { body: T; problems: MappingProblem[] } {
  const problems: MappingProblem[] = [];
  if (limits.length === 0) return { body, problems };
  const copy = structuredCloneJson(body);
  for (const limit of limits) {
    for (const { path, value } of expandPath(copy, limit.path)) {
      if (typeof value !== 'string' || value.length <= limit.maxLength) continue;
      setPath(copy as Record<string, unknown>, path, value.slice(0, limit.maxLength));
      problems.push({
        record,
        field: limit.sourceField,
        message:
          `${record}: ${limit.sourceField} is ${value.length} characters; Ongoing accepts at most ${limit.maxLength} ` +
          `(${limit.declaredIn}.${lastSegment(limit.path)}), so it was shortened to "${value.slice(0, limit.maxLength)}". ` +
          'Shorten it in Specter to keep both systems equal.',
        severity: 'warning',
      });
    }
  }
  return { body: copy, problems };
}

/**
 * Warns (without changing anything) when a value is longer than the limit Ongoing declares for the
 * same field in a PATCH body. Used by validation for fields sent in PUT bodies, which declare no
 * limit themselves.
 */
export function patchLengthWarning(
  record: string,
  sourceField: string,
  value: string | undefined,
  schema: PatchSchema,
  what: string,
): MappingProblem | null {
  if (value === undefined) return null;
  const limits: Record<string, number> = ONGOING_PATCH_LENGTH_LIMITS[schema];
  const [field, max] = Object.entries(limits)[0]!;
  if (value.length <= max) return null;
  return {
    record,
    field: sourceField,
    message:
      `${record}: ${sourceField} is ${value.length} characters. Ongoing limits the ${what} to ${max} characters when it is ` +
      `changed later (${schema}.${field}); the create/update call declares no limit, so it is sent unchanged, but ` +
      `Ongoing may refuse or cut it. Shorten it in Specter to ${max} characters or fewer.`,
    severity: 'warning',
  };
}

/**
 * Shortens a value for one of the PATCH bodies that declare a maxLength, with a warning when it
 * had to be shortened.
 */
export function fitPatchValue(
  record: string,
  schema: Exclude<PatchSchema, 'PatchOrderNumberModel' | 'PatchPurchaseOrderNumber'>,
  value: string,
): { value: string; problem: MappingProblem | null } {
  const limits: Record<string, number> = ONGOING_PATCH_LENGTH_LIMITS[schema];
  const [field, max] = Object.entries(limits)[0]!;
  if (value.length <= max) return { value, problem: null };
  return {
    value: value.slice(0, max),
    problem: {
      record,
      field,
      message: `${record}: ${field} is ${value.length} characters; Ongoing accepts at most ${max} (${schema}.${field}), so it was shortened. Shorten it in Specter to keep both systems equal.`,
      severity: 'warning',
    },
  };
}

function lastSegment(path: string): string {
  const parts = path.split('.');
  return parts[parts.length - 1]!;
}

function structuredCloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Expands 'orderLines[].comment' into concrete paths ('orderLines[0].comment', ...) with values. */
function expandPath(body: unknown, path: string): { path: string; value: unknown }[] {
  const marker = path.indexOf('[]');
  if (marker < 0) return [{ path, value: getPath(body, path) }];
  const listPath = path.slice(0, marker);
  const rest = path.slice(marker + 3);
  const list = getPath(body, listPath);
  if (!Array.isArray(list)) return [];
  const out: { path: string; value: unknown }[] = [];
  list.forEach((item, index) => {
    for (const inner of expandPath(item, rest)) {
      out.push({ path: `${listPath}.${index}.${inner.path}`, value: inner.value });
    }
  });
  return out;
}

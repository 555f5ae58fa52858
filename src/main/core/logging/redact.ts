/** Field names whose values are never written anywhere (audit log, logs, errors, renderer). */
const SECRET_KEY_PATTERN = /^(authorization|key|password|passwd|secret|token|apiuserkey|integrationkey|md5key\d?)$/i;

export const REDACTED = '[redacted]';

/** Deep copy with every secret-named field replaced. Pure. */
export function redact<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => redact(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] =
        SECRET_KEY_PATTERN.test(k) || /\.(apiUserKey|integrationKey|md5key\d|password)$/i.test(k)
          ? REDACTED
          : redact(v);
    }
    return out as T;
  }
  return value;
}

/** Remove any of the given secret values from a text (e.g. an error message from a library). */
export function scrubSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join(REDACTED);
  }
  return out;
}

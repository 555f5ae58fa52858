import { ApiError, type ApiEnvelope, type ApiMethods, isApiMethod, parseApiInput } from '../../shared/api';
import type { Logger } from './logging/logger';
import { SecretStoreUnavailableError } from './secrets/secret-store';

/**
 * The single entry point both transports call: checks the method name, validates the input with the
 * contract's schema, runs the method, and wraps the outcome in an envelope. Never throws.
 */
export async function dispatchApiCall(
  service: ApiMethods,
  method: string,
  input: unknown,
  logger?: Logger,
): Promise<ApiEnvelope<unknown>> {
  if (!isApiMethod(method)) {
    return { ok: false, error: { code: 'unknown_method', message: `Unknown API method "${method}".` } };
  }
  try {
    const parsed = parseApiInput(method, input);
    const call = service[method] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await call.call(service, parsed) };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: { code: error.code, message: error.message } };
    if (error instanceof SecretStoreUnavailableError) {
      return { ok: false, error: { code: 'unavailable', message: error.message } };
    }
    const message = error instanceof Error ? error.message : String(error);
    logger?.error('API call failed', { method, message });
    return { ok: false, error: { code: 'failed', message: `${method} failed: ${message}` } };
  }
}

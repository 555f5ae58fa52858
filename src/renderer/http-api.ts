import type { AppEvent, Api, ApiEnvelope } from '../shared/api';
import { API_METHOD_NAMES, ApiCallError, unwrapEnvelope } from '../shared/api-methods';

/** The HTTP transport of the contract, for the renderer running in a plain browser. */
export function createHttpApi(token: string, baseUrl = ''): Api {
  const methods = Object.fromEntries(
    API_METHOD_NAMES.map((method) => [
      method,
      async (input: unknown) => {
        const response = await fetch(`${baseUrl}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
        });
        let envelope: ApiEnvelope<unknown>;
        try {
          envelope = (await response.json()) as ApiEnvelope<unknown>;
        } catch {
          throw new ApiCallError('failed', `${method}: the app answered HTTP ${response.status} without a result.`);
        }
        return unwrapEnvelope(envelope);
      },
    ]),
  );
  return {
    ...(methods as Omit<Api, 'onEvent'>),
    onEvent(listener: (event: AppEvent) => void) {
      const source = new EventSource(`${baseUrl}/api/events?token=${encodeURIComponent(token)}`);
      source.onmessage = (message) => listener(JSON.parse(message.data as string) as AppEvent);
      return () => source.close();
    },
  };
}

import type { AppEvent, Api, ApiEnvelope } from '../shared/api';
import { API_METHOD_NAMES, ApiCallError, unwrapEnvelope } from '../shared/api-methods';

const FIRST_RECONNECT_MS = 1_000;
const MAX_RECONNECT_MS = 30_000;

/** The HTTP transport of the contract, for the renderer running in a plain browser. */
export function createHttpApi(token: string, baseUrl = ''): Api {
  const authorization = `Bearer ${token}`;
  const methods = Object.fromEntries(
    API_METHOD_NAMES.map((method) => [
      method,
      async (input: unknown) => {
        const response = await fetch(`${baseUrl}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: authorization },
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
      // The event stream is read with fetch, not EventSource: EventSource cannot send the
      // Authorization header, and the token must never travel in a URL. A dropped stream is opened
      // again with a growing pause; a refused token (401) ends it.
      const controller = new AbortController();
      const { signal } = controller;
      const follow = async () => {
        let pause = FIRST_RECONNECT_MS;
        while (!signal.aborted) {
          try {
            const response = await fetch(`${baseUrl}/api/events`, {
              headers: { Authorization: authorization, Accept: 'text/event-stream' },
              cache: 'no-store',
              signal,
            });
            if (response.status === 401) return;
            if (response.ok && response.body) {
              pause = FIRST_RECONNECT_MS;
              await readEventStream(response.body, (data) => listener(JSON.parse(data) as AppEvent));
            }
          } catch {
            // Connection lost or aborted: the loop decides below.
          }
          if (signal.aborted) return;
          await waitOrAbort(pause, signal);
          pause = Math.min(pause * 2, MAX_RECONNECT_MS);
        }
      };
      void follow();
      return () => controller.abort();
    },
  };
}

/** Calls `onData` with the `data:` payload of every server-sent event until the stream ends. */
export async function readEventStream(body: ReadableStream<Uint8Array>, onData: (data: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = frame
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data) onData(data);
      end = buffer.indexOf('\n\n');
    }
  }
}

function waitOrAbort(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** The Ongoing API address a warehouse setting stands for; pure, shared by the client and the setup preview. */

export const ONGOING_PRODUCTION_HOST = 'https://api.ongoingsystems.se';

export type OngoingAddress =
  | { ok: true; url: string }
  | { ok: false; problem: 'empty' | 'invalid_url' | 'invalid_name'; value: string };

/**
 * A plain warehouse name becomes `https://api.ongoingsystems.se/{warehouse}/api/v1/`; a full http(s)
 * URL (demo systems such as `https://wms1.ongoingsystems.se/{warehouse}/api/v1/`, or a simulator) is
 * kept as it is, with a trailing slash added.
 */
export function ongoingAddress(warehouseOrUrl: string): OngoingAddress {
  const value = (warehouseOrUrl ?? '').trim();
  if (!value) return { ok: false, problem: 'empty', value };
  if (/^https?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return { ok: false, problem: 'invalid_url', value };
    }
    const text = url.toString();
    return { ok: true, url: text.endsWith('/') ? text : `${text}/` };
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(value)) return { ok: false, problem: 'invalid_name', value };
  return { ok: true, url: `${ONGOING_PRODUCTION_HOST}/${encodeURIComponent(value)}/api/v1/` };
}

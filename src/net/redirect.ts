/**
 * Redirects followed by hand. The door sends with `redirect: 'manual'` so that each hop's target
 * is checked against the policy (and recorded) before anything is sent there; the browser
 * following a redirect itself would reach the new origin first and let us look only afterwards.
 */

/** The statuses that carry a `Location` to follow. */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The fetch standard's limit on hops. */
export const MAX_REDIRECTS = 20;

/** Headers that carry a person's credentials: never sent on to another origin (as browsers do for `authorization`). */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/** Headers that describe a body: dropped when a redirect turns the request into a GET. */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

/** True when `response` is a redirect whose target we can read (Node, workers: not an opaque redirect). */
export function isReadableRedirect(response: Response): boolean {
  return REDIRECT_STATUSES.has(response.status) && response.headers.has('location');
}

/** The next request of a redirect chain. */
export interface RedirectHop {
  url: URL;
  method: string;
  headers: Headers;
  /** The body to send again (307/308 to the same origin only). */
  body: Uint8Array<ArrayBuffer> | undefined;
}

/**
 * The request to send after `status` pointed from `from` to `location`, by the fetch standard's
 * rules (303, and 301/302 after a POST, become a GET without a body), with two stricter ones:
 * a body is never re-sent to another origin (`undefined` is returned instead: the caller
 * refuses), and credential headers never leave the origin they were written for.
 */
export function nextHop(
  from: URL,
  status: number,
  location: string,
  request: { method: string; headers: Headers; body: Uint8Array<ArrayBuffer> | undefined },
): RedirectHop | { refused: string } {
  let url: URL;
  try {
    url = new URL(location, from);
  } catch {
    return { refused: `the redirect target "${location.slice(0, 200)}" is not a URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { refused: `the redirect goes to a ${url.protocol} address` };
  const headers = new Headers(request.headers);
  let method = request.method;
  let body = request.body;
  const becomesGet = (status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST');
  if (becomesGet) {
    method = 'GET';
    body = undefined;
    for (const name of BODY_HEADERS) headers.delete(name);
  }
  const crossOrigin = url.origin !== from.origin;
  if (crossOrigin && body && body.byteLength > 0) {
    return { refused: `a ${status} redirect would send the request body again, to another origin (${url.origin})` };
  }
  if (crossOrigin) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
  return { url, method, headers, body };
}

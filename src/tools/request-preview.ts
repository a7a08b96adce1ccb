import { TabagentError } from '../core/errors';
import { decodePlaceholders, replacePlaceholders } from '../core/secret-placeholder';
import type { RequestPreview } from '../core/tool-runner';

/** The label a secret is shown with (`‹secret: label›`); undefined: unknown secret. */
export type DescribeSecret = (id: string) => string | undefined;

/** Text with each secret placeholder shown as `‹secret: label›`, never as a value. */
export function showPlaceholders(text: string, describe: DescribeSecret | undefined): string {
  return replacePlaceholders(text, (id) => `‹secret: ${describe?.(id) ?? id}›`);
}

/** A preview as the person is shown it: placeholders named by their labels. */
export function displayPreview(preview: RequestPreview, describe: DescribeSecret | undefined): RequestPreview {
  const url = showPlaceholders(decodePlaceholders(preview.url), describe);
  const shown: RequestPreview = preview.urlPrefix
    ? { method: preview.method.toUpperCase(), url: `${url}…`, urlPrefix: true }
    : { method: preview.method.toUpperCase(), url };
  if (preview.headers) {
    shown.headers = Object.fromEntries(Object.entries(preview.headers).map(([name, value]) => [name, showPlaceholders(value, describe)]));
  }
  if (preview.body !== undefined) shown.body = showPlaceholders(preview.body, describe);
  return shown;
}

function requestUrl(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

function normalizedUrl(url: string): string {
  try {
    return new URL(url, (globalThis as { location?: { href?: string } }).location?.href).href;
  } catch {
    return url;
  }
}

function matches(preview: RequestPreview, input: RequestInfo | URL, init: RequestInit | undefined): boolean {
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  if (method !== preview.method.toUpperCase()) return false;
  if (preview.urlPrefix) {
    // A prefix ending in "/" (an origin's root at least): "https://api.example.com/" is no prefix of "https://api.example.com.evil.test/".
    const prefix = normalizedUrl(preview.url);
    return prefix.endsWith('/') && normalizedUrl(requestUrl(input)).startsWith(prefix) && (init?.body === undefined || init.body === null);
  }
  if (normalizedUrl(requestUrl(input)) !== normalizedUrl(preview.url)) return false;
  if (preview.body === undefined) return true;
  return typeof init?.body === 'string' && init.body === preview.body;
}

/**
 * Wraps `fetch` so an approved call sends only the requests the person was shown. Stops a tool
 * (or an argument the preview did not foresee) from sending something other than what was
 * approved: a different method, URL or body is refused before it leaves.
 */
export function guardPreview(fetchImpl: typeof fetch, toolName: string, approved: readonly RequestPreview[]): typeof fetch {
  // Each approved request may be sent once: a tool replaying an approval (sending the approved
  // request again) is refused like a request that was never shown.
  const unused = [...approved];
  return (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const index = unused.findIndex((preview) => matches(preview, input, init));
    if (index >= 0) {
      // A prefix entry stands for reads the tool could not name in advance (see `urlPrefix`).
      if (!unused[index]?.urlPrefix) unused.splice(index, 1);
      return fetchImpl(input, init);
    }
    return Promise.reject(
      new TabagentError('denied', `Tool ${toolName} tried to send a request that differs from the one you approved; it was not sent.`, {
        data: { tool: toolName },
      }),
    );
  };
}

import { TabagentError } from '../../core/errors';
import { originOf } from '../origins';
import { noSecrets, type ResolveSecret } from '../secrets';

/** Header name → secret id: the credentials an MCP server needs, by reference. */
export type HeaderSecrets = Readonly<Record<string, string>>;

export interface ServerFetchOptions {
  /** The MCP server's origin: the only one this fetch reaches. */
  origin: string;
  headerSecrets?: HeaderSecrets;
  resolveSecret?: ResolveSecret;
  /** Underlying fetch (default: the global one, looked up per request). */
  fetch?: typeof fetch;
}

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/**
 * The fetch an MCP transport uses. It stops a server (or an SSE `endpoint` event, or a redirect
 * the SDK follows) from making us send anything, credentials above all, to another origin, and
 * it adds the auth headers only now, from their secret ids, so no secret value is kept in the
 * transport's options. A missing secret is a 'config' error naming the header, never a request
 * sent without it.
 */
export function createServerFetch(options: ServerFetchOptions): typeof fetch {
  const { origin } = options;
  const headerSecrets = Object.entries(options.headerSecrets ?? {});
  const resolveSecret = options.resolveSecret ?? noSecrets;
  const baseFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const target = originOf(urlOf(input));
    if (target !== origin) {
      throw new TabagentError('denied', `The MCP connection to ${origin} tried to reach ${target ?? 'a non-http(s) address'}; it was stopped.`, {
        data: { origin, target: target ?? null },
      });
    }
    if (headerSecrets.length === 0) return baseFetch(input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    for (const [header, secretId] of headerSecrets) {
      const value = await resolveSecret(secretId, origin);
      if (value === undefined || value === '') {
        throw new TabagentError(
          'config',
          `The secret for the "${header}" header of the MCP server ${origin} is missing or not granted to that origin. Set it again on the Tools page.`,
          { data: { origin, header } },
        );
      }
      headers.set(header, value);
    }
    return baseFetch(input, { ...init, headers });
  };
}

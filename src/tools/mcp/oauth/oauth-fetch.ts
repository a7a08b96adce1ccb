import { originOf } from '../../origins';

/** Grants origins to a holder until the returned function is called (the network door's `grant`). */
export type GrantOrigins = (origins: readonly string[], holder: string) => () => void;

export interface OAuthFetchOptions {
  /** The MCP server's origin. */
  serverOrigin: string;
  /** The fetch restricted to the server's origin (`createServerFetch`). */
  serverFetch: typeof fetch;
  /** The fetch for authorization-server requests (default: the global one). */
  fetch?: typeof fetch;
  /** Authorization-server origins already known (saved from an earlier sign-in). */
  knownOrigins?: () => Promise<readonly string[]>;
  /** Grants an authorization-server origin for one request only. */
  grant?: GrantOrigins;
}

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/** Origins named by a discovery document: its authorization servers and its endpoints. */
function originsNamedBy(document: unknown): string[] {
  if (!document || typeof document !== 'object') return [];
  const record = document as Record<string, unknown>;
  const urls: unknown[] = [
    ...(Array.isArray(record.authorization_servers) ? record.authorization_servers : []),
    record.issuer,
    record.authorization_endpoint,
    record.token_endpoint,
    record.registration_endpoint,
    record.revocation_endpoint,
  ];
  return urls.flatMap((url) => (typeof url === 'string' && originOf(url) ? [originOf(url)!] : []));
}

/**
 * The fetch an MCP connection with OAuth uses. Requests to the server's origin go through the
 * server fetch as before. Another origin is reached only when the server's own discovery
 * documents (`/.well-known/oauth-protected-resource`, then the authorization server's metadata)
 * name it, and each such request holds a grant of that origin only while it runs: the
 * authorization server is reachable during sign-in and refresh, never otherwise. Anything else
 * goes to the server fetch, which refuses it.
 */
export function createOAuthFetch(options: OAuthFetchOptions): typeof fetch {
  const learned = new Set<string>();
  const baseFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function learnFrom(response: Response): Promise<void> {
    if (!response.ok) return;
    try {
      for (const origin of originsNamedBy(await response.clone().json())) learned.add(origin);
    } catch {
      // Not JSON: nothing to learn; the SDK reports the bad document itself.
    }
  }

  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = urlOf(input);
    const target = originOf(url);
    const isDiscovery = new URL(url).pathname.startsWith('/.well-known/');
    if (target === options.serverOrigin) {
      const response = await options.serverFetch(input, init);
      if (isDiscovery) await learnFrom(response);
      return response;
    }
    const known = target !== undefined && (learned.has(target) || (await options.knownOrigins?.())?.includes(target) === true);
    if (!known) return options.serverFetch(input, init);
    const release = options.grant?.([target], `MCP sign-in to ${options.serverOrigin}`);
    try {
      const response = await baseFetch(input, init);
      if (isDiscovery) await learnFrom(response);
      return response;
    } finally {
      release?.();
    }
  };
}

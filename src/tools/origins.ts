/**
 * True when `value` is exactly an http(s) origin in canonical form: scheme, lower-case host and
 * a port only when it is not the default (`https://api.example.com`, `http://localhost:8000`).
 * Canonical form matters because origins are compared as strings: `https://API.example.com/`
 * would otherwise never match, and a path would suggest a narrower grant than an origin gives.
 */
export function isHttpOrigin(value: string): boolean {
  const origin = originOf(value);
  return origin !== undefined && origin === value;
}

/**
 * The http(s) origin of a URL, or undefined when it is not an absolute http(s) URL.
 * Relative URLs resolve against the page (in a browser), as fetch itself would resolve them.
 */
export function originOf(url: string): string | undefined {
  let parsed: URL;
  try {
    const base = (globalThis as { location?: { href?: string } }).location?.href;
    parsed = base === undefined ? new URL(url) : new URL(url, base);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  return parsed.origin;
}

/** One origin the network policy grants an enabled tool (the shape of the door's `Grant`). */
export interface ToolGrant {
  origin: string;
  holder: string;
  privateNetwork?: boolean;
}

/**
 * What the network policy grants an enabled tool: each of its origins, held by `tool:<name>`;
 * private-network origins count only when the manifest says the person allowed them, or when the
 * person typed that address themselves (`typed`: e.g. model_api's endpoint in Settings).
 */
export function toolGrants(name: string, origins: readonly string[], manifest: { privateNetwork?: boolean }, typed: readonly string[] = []): ToolGrant[] {
  return origins.map((origin) => ({
    origin,
    holder: `tool:${name}`,
    ...(manifest.privateNetwork === true || typed.includes(origin) ? { privateNetwork: true } : {}),
  }));
}

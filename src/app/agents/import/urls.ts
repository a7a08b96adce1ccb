/** An http(s) address in its normal form (`new URL().href`); undefined for anything else. */
export function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A server's short label from its address (also its tools' name prefix; at most 24 characters, as the MCP manager keeps). */
export function serverLabel(url: string): string {
  return new URL(url).hostname.slice(0, 24).replace(/[.-]+$/, '');
}

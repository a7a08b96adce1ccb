/** The only URL schemes a rendered link may use. */
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * Returns the URL when it is an absolute http(s) or mailto URL, else undefined.
 * Stops `javascript:`, `data:`, `vbscript:`, `blob:` and relative URLs (which could reach this
 * app's own origin) from becoming clickable links in model output.
 */
export function safeLinkUrl(href: string | null | undefined): string | undefined {
  if (href === null || href === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return undefined;
  }
  return SAFE_PROTOCOLS.has(url.protocol) ? url.href : undefined;
}

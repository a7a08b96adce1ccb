/** The fixed part of a URL template: its origin, which no argument may change. */
export interface SplitUrlTemplate {
  /** `https://api.example.com` (canonical, as `URL.origin` gives it). */
  origin: string;
  /** Everything after the origin: path, query and fragment, placeholders included. */
  rest: string;
}

const PREFIX = /^(https?:\/\/[^/?#]*)(.*)$/is;

/**
 * Splits a URL template into its origin and the rest. Returns a reason instead when the origin
 * part is not a plain http(s) origin or contains a placeholder (the origin decides where data
 * goes, so it is never taken from arguments).
 */
export function splitUrlTemplate(template: string): SplitUrlTemplate | { problem: string } {
  const match = PREFIX.exec(template.trim());
  if (!match) return { problem: 'must start with http:// or https:// followed by the host' };
  const [, head = '', rest = ''] = match;
  if (/[{}]/.test(head)) return { problem: 'the scheme, host and port cannot contain placeholders; put {arguments} in the path or query' };
  let parsed: URL;
  try {
    parsed = new URL(head);
  } catch {
    return { problem: `"${head}" is not a valid address` };
  }
  if (parsed.username || parsed.password) return { problem: 'must not contain a user name or password; use a secret in a header instead' };
  return { origin: parsed.origin, rest };
}

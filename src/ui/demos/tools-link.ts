/**
 * The link from the MCP demo to the Tools page: `#/tools?mcp=<url>` opens the page with the
 * "MCP server URL" field filled in (the route reads only the page id before `?`).
 */

/** The hash that opens the Tools page with `url` in the MCP server URL field. */
export function mcpToolsHash(url: string): string {
  return `#/tools?${new URLSearchParams({ mcp: url }).toString()}`;
}

/** The MCP server URL a Tools-page hash carries, if any (only http and https addresses). */
export function mcpUrlFromHash(hash: string): string | undefined {
  const query = hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '';
  const url = new URLSearchParams(query).get('mcp')?.trim();
  return url && /^https?:\/\/[^\s]+$/i.test(url) ? url : undefined;
}

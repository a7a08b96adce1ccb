import { TabagentError } from '../../core/errors';
import { originOf } from '../origins';

/** One remote server read from a pasted `mcpServers` JSON. */
export interface ImportedMcpServer {
  /** The key it had in the file (becomes the server's label and tool-name prefix). */
  name: string;
  url: string;
  /** What the file said; connecting tries Streamable HTTP, then HTTP+SSE, either way. */
  transport: 'streamable-http' | 'sse';
  /** Header name → value as written (stored as secrets for the server's origin only, never kept in the config). */
  headers: Record<string, string>;
}

/** An entry that was not added, with why and what to do instead. */
export interface RefusedMcpServer {
  name: string;
  reason: string;
}

/** What a paste holds: the servers to add and the entries refused. */
export interface McpServersImport {
  servers: ImportedMcpServer[];
  refused: RefusedMcpServer[];
}

/** Most entries read from one paste (real configs hold a handful). */
const MAX_ENTRIES = 100;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const STDIO_REASON =
  'it starts a local program (command/args, "stdio"), which a browser tab cannot do. Run it behind an HTTP bridge (for example `npx supergateway --stdio "<command>"` or `npx mcp-proxy`) and paste the bridge\'s http:// address instead.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function readEntry(name: string, entry: unknown): ImportedMcpServer | RefusedMcpServer {
  if (!isRecord(entry)) return { name, reason: 'its entry is not an object.' };
  const type = typeof entry.type === 'string' ? entry.type.toLowerCase() : typeof entry.transport === 'string' ? entry.transport.toLowerCase() : undefined;
  if (type === 'stdio' || entry.command !== undefined) return { name, reason: STDIO_REASON };
  const url = typeof entry.url === 'string' ? entry.url.trim() : typeof entry.serverUrl === 'string' ? entry.serverUrl.trim() : '';
  if (!url) return { name, reason: 'it has neither a "url" nor a "command".' };
  if (!/^https?:\/\//i.test(url) || !originOf(url)) return { name, reason: `"${url}" is not an http(s) address.` };
  if (type !== undefined && !['http', 'streamable-http', 'streamablehttp', 'sse'].includes(type)) {
    return { name, reason: `its type "${type}" is not one Tabagent speaks (http, sse).` };
  }
  const headers: Record<string, string> = {};
  if (entry.headers !== undefined) {
    if (!isRecord(entry.headers)) return { name, reason: '"headers" is not an object of header names and values.' };
    for (const [header, value] of Object.entries(entry.headers)) {
      if (!HEADER_NAME.test(header)) return { name, reason: `"${header}" is not a valid header name.` };
      if (typeof value !== 'string') return { name, reason: `the value of header ${header} is not a string.` };
      // VS Code's `${input:…}` and `${env:…}` are filled in by the editor; a tab has no such values.
      if (/\$\{[^}]*\}/.test(value)) {
        return { name, reason: `header ${header} refers to a variable (${value}). Add the server with its URL on the form above and type the value there.` };
      }
      headers[header] = value;
    }
  }
  return { name, url: new URL(url).href, transport: type === 'sse' ? 'sse' : 'streamable-http', headers };
}

/**
 * Reads the JSON that Claude Desktop, Cursor and Windsurf keep under `mcpServers` and VS Code
 * under `servers` (a whole settings file or just that object). Remote entries (`url`,
 * `type: http|sse`) are returned to be added; `stdio` entries are refused with what to do
 * instead. Contacts nothing. Throws a TabagentError ('config') for text that is not such JSON.
 */
export function parseMcpServersJson(text: string): McpServersImport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new TabagentError('config', `The pasted text is not valid JSON (${error instanceof Error ? error.message : String(error)}). Paste the whole file or the { "mcpServers": { … } } object.`);
  }
  const container = isRecord(parsed) ? (isRecord(parsed.mcpServers) ? parsed.mcpServers : isRecord(parsed.servers) ? parsed.servers : undefined) : undefined;
  if (!container) {
    throw new TabagentError('config', 'The pasted JSON has no "mcpServers" (Claude Desktop, Cursor) or "servers" (VS Code) object. Paste it in the form { "mcpServers": { "name": { "url": "https://…" } } }.');
  }
  const entries = Object.entries(container);
  if (entries.length === 0) throw new TabagentError('config', 'The pasted JSON lists no servers.');
  if (entries.length > MAX_ENTRIES) throw new TabagentError('config', `The pasted JSON lists ${entries.length} servers; at most ${MAX_ENTRIES} are read at once.`);
  const result: McpServersImport = { servers: [], refused: [] };
  for (const [name, entry] of entries) {
    const read = readEntry(name, entry);
    if ('reason' in read) result.refused.push(read);
    else result.servers.push(read);
  }
  return result;
}

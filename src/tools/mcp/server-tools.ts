/**
 * A server's tools in the tool registry: each under `<label>__<tool>` (sanitised, unique), a tool
 * keeping its registry name while the server keeps offering it, the names no longer offered
 * unregistered, and the tools that cannot be added listed with why.
 */
import type { ToolRegistry } from '../registry';
import { sanitizeToolName, uniqueToolName } from '../tool-names';
import type { McpTool } from './mcp-connection';

/** The longest server label (and so tool-name prefix). */
export const MAX_PREFIX_CHARS = 24;

/** The short label of a server: the last part of its own name (`mcp-servers/everything` → `everything`), else its host. */
export function labelFor(url: string, serverName: string | undefined): string {
  const fromServer = serverName?.split('/').filter(Boolean).at(-1)?.trim();
  if (fromServer) return fromServer.slice(0, MAX_PREFIX_CHARS);
  return new URL(url).hostname.slice(0, MAX_PREFIX_CHARS);
}

/** A server's tools once synced: registry name → the server's tool name, and the tools skipped, with why. */
export interface SyncedTools {
  tools: Map<string, string>;
  skipped: string[];
}

/**
 * Gives each of `tools` its registry name and has `register` register it (a throw skips the
 * tool), then unregisters the names of `previous` (registry name → tool name) that are gone.
 */
export function syncServerTools(
  registry: ToolRegistry,
  previous: ReadonlyMap<string, string>,
  tools: readonly McpTool[],
  prefix: string,
  register: (tool: McpTool, name: string) => void,
): SyncedTools {
  const nameOf = new Map([...previous].map(([registryName, toolName]) => [toolName, registryName]));
  const taken = new Set(registry.list().map((manifest) => manifest.name).filter((name) => !previous.has(name)));
  const next = new Map<string, string>();
  const skipped: string[] = [];
  for (const tool of tools) {
    if (tool.execution?.taskSupport === 'required') {
      skipped.push(`${tool.name}: runs only as a background task, which Tabagent does not support yet`);
      continue;
    }
    const kept = nameOf.get(tool.name);
    const name = kept !== undefined && !taken.has(kept) ? kept : uniqueToolName(sanitizeToolName(tool.name, prefix), taken);
    taken.add(name);
    try {
      register(tool, name);
      next.set(name, tool.name);
    } catch (error) {
      skipped.push(`${tool.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const name of previous.keys()) if (!next.has(name)) registry.unregister(name);
  return { tools: next, skipped };
}

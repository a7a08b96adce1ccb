/**
 * An agent's pinned tools (issue 13): tools offered on every turn, whatever tool retrieval ranks.
 * Pinning only makes sense for a tool the agent has, so these rules keep pins and tools together;
 * the agent editor and the Tools page (which pins for the default agent) both use them.
 */
import type { AgentToolRef } from '../../core/agent-definition';

/** `pinned` with `name` pinned (appended, so earlier pins keep their order) or unpinned. */
export function withPin(pinned: readonly string[], name: string, on: boolean): string[] {
  const rest = pinned.filter((have) => have !== name);
  return on ? [...rest, name] : rest;
}

/**
 * Whether a tool of the library (by registry name; `serverId` for an MCP server's tool) is among
 * `tools`: named, inside a chosen MCP server, or covered by "every tool switched on".
 */
export function hasTool(tools: readonly AgentToolRef[], name: string, serverId?: string): boolean {
  return tools.some(
    (ref) =>
      ref.kind === 'all-tools' ||
      (ref.kind === 'tool' && ref.name === name) ||
      (serverId !== undefined && ref.kind === 'mcp-tool' && ref.serverId === serverId && ref.name === name) ||
      (serverId !== undefined && ref.kind === 'mcp-server' && ref.serverId === serverId),
  );
}

/** A tool of the library as pins see it: its registry name, and its MCP server when it has one. */
export interface PinnableTool {
  name: string;
  serverId?: string;
}

/**
 * The pins left once the tool list became `tools`: a pin stays while its tool is still chosen, or
 * when `library` does not know the name (a tool missing for now keeps its pin until it is back).
 */
export function keptPins(pinned: readonly string[], tools: readonly AgentToolRef[], library: readonly PinnableTool[]): string[] {
  return pinned.filter((name) => {
    const known = library.find((tool) => tool.name === name);
    return !known || hasTool(tools, name, known.serverId);
  });
}

/** How many tools a turn offers (the editor's field beside the pins; the UI imports values only from app). */
export { DEFAULT_TOOLS_PER_TURN, TOOLS_PER_TURN_LIMITS } from '../../core/agent-definition';

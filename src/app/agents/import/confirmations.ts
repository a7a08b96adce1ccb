/**
 * The security-relevant parts of an imported agent (where its conversations go, the MCP servers
 * it would add, the tools that send data or that this browser lacks), and the agent that remains
 * when only some of them are ticked. Nothing of this kind is applied unless the person ticks it.
 */
import type { AgentDefinition, AgentToolRef } from '../../../core/agent-definition';
import { originOf } from '../../../tools/origins';
import type { ImportConfirmation, ImportContext, MissingKey, PendingMcpServer } from './import-plan';

/** The confirmation id of the agent's server engine. */
export const ENGINE_CONFIRMATION = 'engine';

/** The confirmation id of a pending MCP server. */
export function serverConfirmationId(serverId: string): string {
  return `mcp:${serverId}`;
}

/** The confirmation id of a tool. */
export function toolConfirmationId(name: string): string {
  return `tool:${name}`;
}

/** Every part of `agent` that waits for the person's tick, in the order shown. */
export function confirmationsFor(agent: AgentDefinition, servers: readonly PendingMcpServer[], context: ImportContext): ImportConfirmation[] {
  const confirmations: ImportConfirmation[] = [];
  if (agent.engine.kind === 'server') {
    confirmations.push({ id: ENGINE_CONFIRMATION, kind: 'engine', baseUrl: agent.engine.baseUrl, model: agent.engine.model });
  }
  for (const server of servers) {
    confirmations.push({ id: serverConfirmationId(server.id), kind: 'mcp-server', serverId: server.id, name: server.name, url: server.url });
  }
  const seen = new Set<string>();
  for (const tool of agent.tools) {
    if (tool.kind !== 'tool' || seen.has(tool.name)) continue;
    seen.add(tool.name);
    const traits = context.tool(tool.name);
    if (!traits) confirmations.push({ id: toolConfirmationId(tool.name), kind: 'tool', name: tool.name, reason: 'unknown' });
    else if (traits.sendsData) confirmations.push({ id: toolConfirmationId(tool.name), kind: 'tool', name: tool.name, reason: 'sends-data' });
  }
  return confirmations;
}

/** The key the agent's server engine names, when this browser does not hold it yet. */
export function missingKeyOf(agent: AgentDefinition, context: ImportContext): MissingKey | undefined {
  if (agent.engine.kind !== 'server' || !agent.engine.keyName || context.keyNames.has(agent.engine.keyName)) return undefined;
  const origin = originOf(agent.engine.baseUrl);
  return origin ? { keyName: agent.engine.keyName, origin } : undefined;
}

/**
 * `agent` with only the ticked parts: an unticked server engine becomes the default engine, an
 * unticked tool or MCP server leaves the tool list (and the pins); returns the servers to add.
 */
export function withConfirmed(
  agent: AgentDefinition,
  servers: readonly PendingMcpServer[],
  confirmations: readonly ImportConfirmation[],
  confirmed: ReadonlySet<string>,
): { agent: AgentDefinition; servers: PendingMcpServer[] } {
  const declined = new Set(confirmations.map((item) => item.id).filter((id) => !confirmed.has(id)));
  const keeps = (tool: AgentToolRef): boolean => {
    if (tool.kind === 'tool') return !declined.has(toolConfirmationId(tool.name));
    if (tool.kind === 'mcp-server' || tool.kind === 'mcp-tool') return !declined.has(serverConfirmationId(tool.serverId));
    return true;
  };
  const tools = agent.tools.filter(keeps);
  const pinnedTools = agent.pinnedTools.filter((name) => !declined.has(toolConfirmationId(name)));
  const engine = declined.has(ENGINE_CONFIRMATION) ? { kind: 'default' as const } : agent.engine;
  return {
    agent: { ...agent, engine, tools, pinnedTools },
    servers: servers.filter((server) => !declined.has(serverConfirmationId(server.id))),
  };
}

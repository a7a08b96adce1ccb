/**
 * What an agent changes about a run, as plain decisions (the composition root puts them together
 * in `prepareRun`): which tools it offers, which knowledge bases are searched, which tool mode is
 * used, and which engine answers.
 */
import type { AgentDefinition, AgentToolFormat, AgentToolRef } from '../../core/agent-definition';
import type { ConversationRecord } from '../../store';

/** The tool library as an agent's tool list is resolved against. */
export interface ToolCatalog {
  /** MCP servers by id, with the registry names of their tools. */
  mcpServers(): ReadonlyArray<{ id: string; tools: readonly string[] }>;
}

/**
 * The registry names an agent offers, or 'all' for an agent with `all-tools`. Names, whole MCP
 * servers and single MCP tools are resolved; agents as tools are not (another item of issue 13).
 * A name the library does not have is kept (it is simply not offered while it is missing).
 */
export function agentToolNames(agent: Pick<AgentDefinition, 'tools' | 'pinnedTools'>, catalog: ToolCatalog): ReadonlySet<string> | 'all' {
  if (agent.tools.some((ref) => ref.kind === 'all-tools')) return 'all';
  const names = new Set<string>();
  const servers = (): ReadonlyArray<{ id: string; tools: readonly string[] }> => catalog.mcpServers();
  for (const ref of agent.tools as readonly AgentToolRef[]) {
    switch (ref.kind) {
      case 'tool':
        names.add(ref.name);
        break;
      case 'mcp-server':
        for (const name of servers().find((server) => server.id === ref.serverId)?.tools ?? []) names.add(name);
        break;
      case 'mcp-tool': {
        // Registry names are the server's names made safe and unique: accept either spelling.
        const server = servers().find((candidate) => candidate.id === ref.serverId);
        const found = server?.tools.find((name) => name === ref.name || name.endsWith(`_${ref.name}`) || name.startsWith(`${ref.name}_`));
        if (found) names.add(found);
        break;
      }
      default:
        break;
    }
  }
  // A pinned tool is offered (pinning one means the agent has it).
  for (const name of agent.pinnedTools) names.add(name);
  return names;
}

/**
 * The knowledge bases a conversation with `agent` searches: the agent's, minus those switched off
 * in the conversation, plus those ticked on it (earlier conversations keep their ticks working).
 */
export function knowledgeBasesFor(
  agent: Pick<AgentDefinition, 'knowledgeBaseIds'>,
  conversation: Pick<ConversationRecord, 'knowledgeBasesOff'> | undefined,
  ticked: readonly string[],
): string[] {
  const off = new Set(conversation?.knowledgeBasesOff ?? []);
  return [...new Set([...agent.knowledgeBaseIds.filter((id) => !off.has(id)), ...ticked])];
}

/** The agent's tool format as the loop's tool mode; undefined for 'auto' (the engine's own). */
export function toolModeOf(format: AgentToolFormat): Exclude<AgentToolFormat, 'auto'> | undefined {
  return format === 'auto' ? undefined : format;
}

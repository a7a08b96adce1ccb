/**
 * Writes an agent as Tabagent's agent file: one versioned JSON document (format "tabagent-agent",
 * schema in `import/agent-file-schema.ts` and docs/agents.md). The file never holds a secret: an
 * engine names its key (`keyName`), an MCP server lists the header names it needs, and the
 * importing person supplies the values.
 */
import type { AgentDefinition, AgentToolRef } from '../../core/agent-definition';
import type { McpServerConfig } from '../../core/mcp-server-config';
import type { TabagentDb } from '../../store';
import { AGENT_FILE_FORMAT, AGENT_FILE_VERSION } from './import/agent-file-schema';

export { AGENT_FILE_FORMAT, AGENT_FILE_VERSION };

/** The agent as a file carries it: its definition without the fields that belong to one browser. */
export type AgentFileAgent = Omit<AgentDefinition, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'builtIn'>;

/** An MCP server an agent file names: `ref` is the `serverId` its tool refs use. */
export interface AgentFileMcpServer {
  ref: string;
  name: string;
  url: string;
  /** Header names the server needs (values are never written). */
  headers?: string[];
}

/** The whole agent file. */
export interface AgentFile {
  format: typeof AGENT_FILE_FORMAT;
  version: typeof AGENT_FILE_VERSION;
  agent: AgentFileAgent;
  mcpServers?: AgentFileMcpServer[];
}

/** The MCP servers an export may describe (the person's saved servers). */
export type ExportableMcpServer = Pick<McpServerConfig, 'id' | 'name' | 'url' | 'headerSecrets'>;

/** The file's copy of the agent: listed fields only, so nothing stored beside them (or added later) leaks into a file. */
function fileAgent(agent: AgentDefinition): AgentFileAgent {
  return {
    name: agent.name,
    avatar: { ...agent.avatar },
    description: agent.description,
    instructions: agent.instructions,
    starterPrompts: [...agent.starterPrompts],
    engine: { ...agent.engine },
    toolFormat: agent.toolFormat,
    tools: agent.tools.map((tool) => ({ ...tool })),
    pinnedTools: [...agent.pinnedTools],
    ...(agent.toolsPerTurn === undefined ? {} : { toolsPerTurn: agent.toolsPerTurn }),
    knowledgeBaseIds: [...agent.knowledgeBaseIds],
    memory: agent.memory,
    stepLimit: agent.stepLimit,
    approval: agent.approval,
    ...(agent.temperature === undefined ? {} : { temperature: agent.temperature }),
    ...(agent.thinking === undefined ? {} : { thinking: agent.thinking }),
  };
}

function serverIdOf(tool: AgentToolRef): string | undefined {
  return tool.kind === 'mcp-server' || tool.kind === 'mcp-tool' ? tool.serverId : undefined;
}

/** The agent file as a value (see `exportAgentFile` for the text). */
export function toAgentFile(agent: AgentDefinition, options: { mcpServers?: readonly ExportableMcpServer[] } = {}): AgentFile {
  const used = new Set(agent.tools.map(serverIdOf).filter((id): id is string => id !== undefined));
  const servers = (options.mcpServers ?? [])
    .filter((server) => used.has(server.id))
    .map((server): AgentFileMcpServer => {
      const headers = Object.keys(server.headerSecrets);
      return { ref: server.id, name: server.name, url: server.url, ...(headers.length > 0 ? { headers } : {}) };
    });
  return {
    format: AGENT_FILE_FORMAT,
    version: AGENT_FILE_VERSION,
    agent: fileAgent(agent),
    ...(servers.length > 0 ? { mcpServers: servers } : {}),
  };
}

/**
 * The agent file's text (pretty-printed JSON). `mcpServers` are the saved servers, so the file
 * can say where the agent's MCP tools live; only those the agent uses are written.
 */
export function exportAgentFile(agent: AgentDefinition, options: { mcpServers?: readonly ExportableMcpServer[] } = {}): string {
  return `${JSON.stringify(toAgentFile(agent, options), null, 2)}\n`;
}

/** `<name>.agent.json`, with characters file systems refuse replaced. */
export function agentFileName(agent: Pick<AgentDefinition, 'name'>): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const safe = agent.name.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-').trim().replace(/^\.+/, '') || 'agent';
  return `${safe.slice(0, 120)}.agent.json`;
}

/**
 * The agent file of a saved agent, with the saved MCP servers it uses read from the database
 * (their addresses and header names; their credentials stay here).
 */
export async function exportSavedAgent(agent: AgentDefinition, openDatabase?: () => Promise<TabagentDb>): Promise<{ text: string; name: string }> {
  const usesServers = agent.tools.some((tool) => serverIdOf(tool) !== undefined);
  const mcpServers = usesServers && openDatabase ? await (await openDatabase()).getAll('mcpServers') : [];
  return { text: exportAgentFile(agent, { mcpServers }), name: agentFileName(agent) };
}

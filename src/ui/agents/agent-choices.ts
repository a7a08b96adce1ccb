import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { AgentKnowledgeChoice, AgentLocalModelChoice, AgentToolChoice } from '../../app/agents/builder-tools';
import { createKnowledgeService } from '../../app/knowledge/knowledge-service';
import type { AppServices } from '../../app/services';
import type { TabagentDb } from '../../store';
import { t } from './messages';

/** Which part of the tool library a choice comes from (the picker's groups). */
export type ToolGroup = 'general' | 'builtin' | 'custom' | 'openapi' | 'mcp' | 'agents';

/** A tool the picker offers, with its group. */
export type ToolOption = AgentToolChoice & { group: ToolGroup };

/** What an agent can be given: tools, knowledge bases, local models; read from the app's services. */
export interface AgentChoices {
  tools: Accessor<readonly ToolOption[]>;
  knowledgeBases: Accessor<readonly AgentKnowledgeChoice[]>;
  localModels: () => readonly AgentLocalModelChoice[];
  /** Reads the knowledge bases again (they live in the database, not in a subscribable service). */
  refreshKnowledge(): Promise<readonly AgentKnowledgeChoice[]>;
}

/** The tool library as choices: plain tools by name; each MCP server whole, then its tools one by one. */
function toolOptions(services: AppServices): ToolOption[] {
  const library = services.toolLibrary;
  if (!library) return services.tools().map((tool) => ({ label: tool.name, description: tool.description, ref: { kind: 'tool', name: tool.name }, group: 'builtin' }));
  const options: ToolOption[] = library
    .tools()
    .filter((tool) => tool.source !== 'mcp')
    .map((tool) => ({ label: tool.name, description: tool.description, ref: { kind: 'tool', name: tool.name }, group: tool.source as Exclude<ToolGroup, 'mcp'> }));
  const descriptions = new Map(library.tools().map((tool) => [tool.name, tool.description]));
  for (const server of library.servers()) {
    options.push({ label: server.name, description: server.url, ref: { kind: 'mcp-server', serverId: server.id }, group: 'mcp' });
    for (const name of server.tools)
      options.push({ label: name, description: descriptions.get(name) ?? '', ref: { kind: 'mcp-tool', serverId: server.id, name }, group: 'mcp' });
  }
  return options;
}

/**
 * The choices for the agent editor, kept current: the tool list follows the library's changes
 * (an MCP server connecting), knowledge bases are read on start and on `refreshKnowledge`.
 */
export function createAgentChoices(services: AppServices, openDatabase: () => Promise<TabagentDb>): AgentChoices {
  // Every tool switched on (what the default agent has), the library's tools, then other agents (called as tools).
  const everyTool: ToolOption = { label: t('allTools'), description: t('allToolsDescription'), ref: { kind: 'all-tools' }, group: 'general' };
  const [agentOptions, setAgentOptions] = createSignal<readonly ToolOption[]>([]);
  const [library, setTools] = createSignal<readonly ToolOption[]>(toolOptions(services));
  const tools = (): readonly ToolOption[] => [everyTool, ...library(), ...agentOptions()];
  void services.agents
    ?.list()
    .then((agents) =>
      setAgentOptions(agents.map((agent) => ({ label: agent.name, description: agent.description, ref: { kind: 'agent', agentId: agent.id }, group: 'agents' }))),
    )
    .catch(() => undefined);
  const [knowledgeBases, setKnowledgeBases] = createSignal<readonly AgentKnowledgeChoice[]>([]);
  if (services.toolLibrary) onCleanup(services.toolLibrary.subscribe(() => setTools(toolOptions(services))));
  // Listing needs no embedding model: the editor only reads names.
  const knowledge = createKnowledgeService(openDatabase, () => undefined);
  const refreshKnowledge = async (): Promise<readonly AgentKnowledgeChoice[]> => {
    const bases = (await knowledge.list()).map(({ base }) => ({ id: base.id, name: base.name }));
    setKnowledgeBases(bases);
    return bases;
  };
  void refreshKnowledge().catch(() => undefined);
  return {
    tools,
    knowledgeBases,
    localModels: () => (services.models?.catalog() ?? []).map((model) => ({ modelId: model.id, runtime: model.engine, label: model.label })),
    refreshKnowledge,
  };
}

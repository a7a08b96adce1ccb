/**
 * Reads Tabagent's own agent file (format "tabagent-agent"): checks its version and its shape
 * against the published schema, then makes a new agent of it for this browser — a fresh id,
 * references that resolve here kept (knowledge bases, other agents, MCP servers with the same
 * address), the file's MCP servers to add switched off, and the rest named in notes.
 */
import { AGENT_DEFINITION_VERSION, type AgentDefinition, type AgentToolRef } from '../../../core/agent-definition';
import type { AgentFile } from '../agent-file';
import { AGENT_FILE_VERSION, agentFileProblems } from './agent-file-schema';
import { confirmationsFor, missingKeyOf } from './confirmations';
import { httpUrl } from './urls';
import { refuse, type ImportContext, type ImportedAgent, type ImportNote, type PendingMcpServer } from './import-plan';

/** True when `value` says it is one of our agent files (any version). */
export function isTabagentAgentFile(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === 'tabagent-agent';
}

/** Resolves the file's MCP server refs to servers here (same URL) or new, pending ones. */
function resolveServers(file: AgentFile, context: ImportContext): { byRef: Map<string, string>; pending: PendingMcpServer[]; notes: ImportNote[] } {
  const byRef = new Map<string, string>();
  const pending: PendingMcpServer[] = [];
  const notes: ImportNote[] = [];
  for (const server of file.mcpServers ?? []) {
    const url = httpUrl(server.url);
    if (!url) refuse('bad-shape', `The agent file names an MCP server at "${server.url}", which is not an http(s) address.`);
    const existing = context.mcpServers.find((candidate) => candidate.url === url);
    if (existing) {
      byRef.set(server.ref, existing.id);
      continue;
    }
    const id = context.newId();
    byRef.set(server.ref, id);
    const headers = server.headers ?? [];
    pending.push({ id, name: server.name, url, transport: 'http', headers });
    if (headers.length > 0) notes.push({ kind: 'server-headers', server: server.name || url, headers });
  }
  return { byRef, pending, notes };
}

/** The tool list with references mapped to this browser; what cannot be mapped is dropped and noted. */
function resolveTools(tools: readonly AgentToolRef[], byRef: ReadonlyMap<string, string>, context: ImportContext, notes: ImportNote[]): AgentToolRef[] {
  const resolved: AgentToolRef[] = [];
  for (const tool of tools) {
    if (tool.kind === 'tool' || tool.kind === 'all-tools') resolved.push({ ...tool });
    else if (tool.kind === 'agent') {
      if (context.agentIds.has(tool.agentId)) resolved.push({ ...tool });
      else notes.push({ kind: 'agent-missing', agentId: tool.agentId });
    } else {
      const serverId = byRef.get(tool.serverId) ?? context.mcpServers.find((server) => server.id === tool.serverId)?.id;
      if (serverId) resolved.push({ ...tool, serverId });
      else notes.push({ kind: 'tool-unmapped', tool: tool.kind === 'mcp-tool' ? tool.name : `MCP server ${tool.serverId}` });
    }
  }
  return resolved;
}

/** Plans the import of one agent file already parsed from JSON; refuses an unknown version or a wrong shape. */
export function readTabagentAgentFile(value: unknown, fileName: string, context: ImportContext): ImportedAgent {
  const version = (value as { version?: unknown }).version;
  if (version !== AGENT_FILE_VERSION) {
    refuse(
      'unknown-version',
      `${fileName} is an agent file of version ${JSON.stringify(version)}, which this Tabagent does not know (it reads version ${AGENT_FILE_VERSION}). Update Tabagent, or export the agent again from a matching version.`,
      String(version),
    );
  }
  const problems = agentFileProblems(value);
  if (problems.length > 0) {
    refuse('bad-shape', `${fileName} is not a valid agent file: ${problems.join('; ')}.`, problems.join('; '));
  }
  const file = value as AgentFile;
  const { byRef, pending, notes } = resolveServers(file, context);
  const draft = context.draft();
  const knowledgeBaseIds = file.agent.knowledgeBaseIds.filter((id) => context.knowledgeBaseIds.has(id));
  const missingBases = file.agent.knowledgeBaseIds.length - knowledgeBaseIds.length;
  if (missingBases > 0) notes.push({ kind: 'knowledge-missing', count: missingBases });
  const agent: AgentDefinition = {
    ...structuredClone(file.agent),
    id: draft.id,
    version: AGENT_DEFINITION_VERSION,
    tools: resolveTools(file.agent.tools, byRef, context, notes),
    knowledgeBaseIds,
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
  };
  const usedServers = new Set(agent.tools.flatMap((tool) => (tool.kind === 'mcp-server' || tool.kind === 'mcp-tool' ? [tool.serverId] : [])));
  const mcpServers = pending.filter((server) => usedServers.has(server.id));
  const missingKey = missingKeyOf(agent, context);
  return {
    format: 'tabagent',
    files: [fileName],
    agent,
    mcpServers,
    notes,
    confirmations: confirmationsFor(agent, mcpServers, context),
    ...(missingKey ? { missingKey } : {}),
  };
}

/** The import plan's notes, confirmations, problems and tool refs in the person's words. */
import type { AgentEngine, AgentToolRef } from '../../../core/agent-definition';
import type { AgentImportFormat, ImportConfirmation, ImportedAgent, ImportNote, ImportProblem, ImportProblemReason } from '../../../app/agents/import/import-plan';
import { t, type SharingMessageKey } from './messages';

const FORMATS: Record<AgentImportFormat, SharingMessageKey> = {
  tabagent: 'formatTabagent',
  agentfabric: 'formatAgentfabric',
  'tiny-agents': 'formatTinyAgents',
};

const PROBLEMS: Record<ImportProblemReason, SharingMessageKey> = {
  'too-large': 'problemTooLarge',
  'not-json': 'problemNotJson',
  'unknown-format': 'problemUnknownFormat',
  'unknown-version': 'problemUnknownVersion',
  'bad-shape': 'problemBadShape',
  'stdio-server': 'problemStdio',
  unreadable: 'problemUnreadable',
  'unpaired-instructions': 'problemUnpaired',
  'damaged-link': 'problemDamagedLink',
};

/** "tiny-agents agent, from agent.json, PROMPT.md". */
export function describeSource(imported: ImportedAgent): string {
  return t('fromFiles', { format: t(FORMATS[imported.format]), files: imported.files.join(', ') });
}

export function describeProblem(problem: ImportProblem): string {
  return t(PROBLEMS[problem.reason] ?? 'problemUnreadable', {
    file: problem.file,
    message: problem.message,
    ...(problem.detail === undefined ? {} : { detail: problem.detail }),
  });
}

export function describeNote(note: ImportNote): string {
  switch (note.kind) {
    case 'tool-mapped':
      return t('noteMapped', { from: note.from, to: note.to });
    case 'tool-unmapped':
      return t('noteUnmapped', { tool: note.tool });
    case 'hosted-model':
      return t('noteHostedModel', { model: note.model });
    case 'knowledge-files':
      return t('noteKnowledgeFiles', { files: note.files.join(', ') });
    case 'knowledge-missing':
      return t('noteKnowledgeMissing', { count: note.count });
    case 'agent-missing':
      return t('noteAgentMissing', { agentId: note.agentId });
    case 'avatar-file':
      return t('noteAvatarFile', { file: note.file });
    case 'server-headers':
      return t('noteServerHeaders', { server: note.server, headers: note.headers.join(', ') });
    case 'instructions-from':
      return t('noteInstructionsFrom', { file: note.file });
    case 'file-unused':
      return t('noteFileUnused', { file: note.file });
  }
}

export function describeConfirmation(item: ImportConfirmation): string {
  switch (item.kind) {
    case 'engine':
      return t('confirmEngine', { model: item.model, baseUrl: item.baseUrl });
    case 'mcp-server':
      return t('confirmServer', { name: item.name, url: item.url });
    case 'tool':
      return t(item.reason === 'sends-data' ? 'confirmToolSends' : 'confirmToolUnknown', { name: item.name });
  }
}

export function describeEngine(engine: AgentEngine): string {
  switch (engine.kind) {
    case 'default':
      return t('engineDefault');
    case 'server':
      return t('engineServer', { model: engine.model, baseUrl: engine.baseUrl });
    case 'local':
      return t('engineLocal', { modelId: engine.modelId });
    case 'builtin':
      return t('engineBuiltin');
  }
}

/** One tool ref; MCP servers are named from the plan when it adds them, else by id. */
export function describeToolRef(ref: AgentToolRef, imported: ImportedAgent): string {
  const serverName = (id: string): string => imported.mcpServers.find((server) => server.id === id)?.name ?? id;
  switch (ref.kind) {
    case 'tool':
      return t('refTool', { name: ref.name });
    case 'mcp-server':
      return t('refServer', { name: serverName(ref.serverId) });
    case 'mcp-tool':
      return t('refMcpTool', { name: ref.name, server: serverName(ref.serverId) });
    case 'agent':
      return t('refAgent', { name: ref.agentId });
    case 'all-tools':
      return t('refAllTools');
  }
}

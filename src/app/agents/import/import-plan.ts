/**
 * What an agent import would do, planned before anything is written: the agents read from the
 * chosen files, the MCP servers they bring, what could not be carried over (notes), what is
 * wrong with a file (problems), and the security-relevant parts that stay off until the person
 * ticks them (confirmations). Plain data, so the UI can show it and the importer can apply it.
 */
import type { AgentDefinition } from '../../../core/agent-definition';
import { TabagentError } from '../../../core/errors';

/** The formats an agent can be imported from. */
export type AgentImportFormat = 'tabagent' | 'agentfabric' | 'tiny-agents';

/** The largest file (or decoded share link) an import reads: 1 MB. */
export const MAX_AGENT_IMPORT_BYTES = 1024 * 1024;

/** A file as the importer reads it (a `File` gives all three). */
export interface AgentImportFile {
  name: string;
  /** Size in bytes; a file over `MAX_AGENT_IMPORT_BYTES` is refused without reading it. */
  size: number;
  text: () => Promise<string>;
}

/** An MCP server an imported agent uses, to be added switched off (not contacted until the person connects it). */
export interface PendingMcpServer {
  /** The id the server gets here; the agent's `mcp-server` ref names it. */
  id: string;
  name: string;
  url: string;
  /** How the file said to reach it (informational: the MCP client tries Streamable HTTP, then SSE). */
  transport: 'http' | 'sse';
  /** Header names the server needs; their values are never imported. */
  headers: string[];
}

/** Something of the source that was changed, mapped or left out, shown to the person. */
export type ImportNote =
  | { kind: 'tool-mapped'; from: string; to: string }
  | { kind: 'tool-unmapped'; tool: string }
  | { kind: 'hosted-model'; model: string }
  | { kind: 'knowledge-files'; files: string[] }
  | { kind: 'knowledge-missing'; count: number }
  | { kind: 'agent-missing'; agentId: string }
  | { kind: 'avatar-file'; file: string }
  | { kind: 'server-headers'; server: string; headers: string[] }
  | { kind: 'instructions-from'; file: string }
  | { kind: 'file-unused'; file: string };

/**
 * A security-relevant part of an imported agent, off unless the person ticks it: an engine on a
 * server (where the conversations would go), an MCP server to add, a tool that sends data or
 * that this browser does not know.
 */
export type ImportConfirmation =
  | { id: string; kind: 'engine'; baseUrl: string; model: string }
  | { id: string; kind: 'mcp-server'; serverId: string; name: string; url: string }
  | { id: string; kind: 'tool'; name: string; reason: 'sends-data' | 'unknown' };

/** A key the agent's engine names that this browser does not have yet: the person may type it. */
export interface MissingKey {
  keyName: string;
  /** The only origin the key will be sent to. */
  origin: string;
}

/** One agent ready to add. */
export interface ImportedAgent {
  format: AgentImportFormat;
  /** The files it was read from. */
  files: string[];
  /** The agent with everything the source asked for; confirmations not ticked are removed on apply. */
  agent: AgentDefinition;
  mcpServers: PendingMcpServer[];
  notes: ImportNote[];
  confirmations: ImportConfirmation[];
  missingKey?: MissingKey;
}

/** Why a file was refused; `detail` says more in English (the UI words each reason itself). */
export type ImportProblemReason = 'too-large' | 'not-json' | 'unknown-format' | 'unknown-version' | 'bad-shape' | 'stdio-server' | 'unreadable' | 'unpaired-instructions' | 'damaged-link';

/** A file that cannot be imported: nothing of it is added. */
export interface ImportProblem {
  file: string;
  reason: ImportProblemReason;
  /** The English message, naming the problem and what to do. */
  message: string;
  /** For `unknown-version`: the file's version; for `stdio-server`: the server's command. */
  detail?: string;
}

/** The plan for the chosen files. */
export interface AgentImportPlan {
  agents: ImportedAgent[];
  problems: ImportProblem[];
}

/** What this browser already has, so the plan keeps references that resolve here and names the rest. */
export interface ImportContext {
  /** A new, unsaved agent with the defaults (the AgentService's `draft`). */
  draft: () => AgentDefinition;
  /** Fresh ids for MCP servers. */
  newId: () => string;
  knowledgeBaseIds: ReadonlySet<string>;
  agentIds: ReadonlySet<string>;
  /** MCP servers already added here (one with the same URL is reused, not added again). */
  mcpServers: ReadonlyArray<{ id: string; url: string }>;
  /** What a tool does, by name; undefined for a tool this browser does not have. */
  tool: (name: string) => { sendsData: boolean } | undefined;
  /** Key names this browser's vault already holds. */
  keyNames: ReadonlySet<string>;
}

/** Refuses a file inside a format reader: a TabagentError('invalid-file') the dispatcher turns into an `ImportProblem`. */
export function refuse(reason: ImportProblemReason, message: string, detail?: string): never {
  throw new TabagentError('invalid-file', message, { data: { reason, ...(detail === undefined ? {} : { detail }) } });
}

/**
 * An agent: the unit a person customizes — instructions, starter prompts, tools, knowledge, engine —
 * chats with, shares and lets other agents call. Plain structured-clone data (it is stored in
 * IndexedDB as is, exported in agent files and backups). Secrets never appear here: an engine
 * refers to a key by the name it has in this browser's vault.
 */

/** The current version of the definition's shape; stored in each record and each agent file. */
export const AGENT_DEFINITION_VERSION = 1;

/** Which engine answers for the agent. */
export type AgentEngine =
  /** Whatever engine the global settings choose (the default). */
  | { kind: 'default' }
  /** An OpenAI-compatible server and model; `keyName` names a key kept in this browser (never the key). */
  | { kind: 'server'; baseUrl: string; model: string; keyName?: string }
  /** A model running in this tab. */
  | { kind: 'local'; runtime: 'webllm' | 'transformers'; modelId: string; device?: 'webgpu' | 'wasm' }
  /** The browser's own model (Chrome's Prompt API, `LanguageModel`): nothing to choose or download on our side. */
  | { kind: 'builtin' };

/** How tool calls reach the model: the engine's default, natively in the request, or as text in one of our formats. */
export type AgentToolFormat = 'auto' | 'native' | 'hermes' | 'react' | 'modelscope';

/** One entry of an agent's tool list. */
export type AgentToolRef =
  /** A built-in, custom or OpenAPI-operation tool, by its registered name. */
  | { kind: 'tool'; name: string }
  /** Every tool of a connected MCP server. */
  | { kind: 'mcp-server'; serverId: string }
  /** One tool of an MCP server. */
  | { kind: 'mcp-tool'; serverId: string; name: string }
  /** Another agent, called as a tool (its own loop, instructions, tools and knowledge). */
  | { kind: 'agent'; agentId: string }
  /**
   * Every tool switched on in the tool library, including tools that join later (MCP servers,
   * imports, custom tools). The default agent "Tabagent" has it after the migration, so it offers
   * what Tabagent offered before agents existed.
   */
  | { kind: 'all-tools' };

/** Long-term memory: none, memories of this agent only, or the memories all agents share. */
export type AgentMemoryMode = 'off' | 'own' | 'shared';

/** When a tool call waits for the person: only calls with side effects, or every call. */
export type AgentApprovalPolicy = 'side-effects' | 'every-call';

/** An emoji, or a small image as a data URL (`data:image/png;base64,…`). */
export type AgentAvatar = { kind: 'emoji'; emoji: string } | { kind: 'image'; dataUrl: string };

/** An agent as stored and shared. */
export interface AgentDefinition {
  id: string;
  /** The shape's version (`AGENT_DEFINITION_VERSION` when written by this code). */
  version: number;
  name: string;
  avatar: AgentAvatar;
  description: string;
  /** The fixed system text of every conversation with this agent. */
  instructions: string;
  /** Shown as buttons in a new conversation; a click sends the text. */
  starterPrompts: string[];
  engine: AgentEngine;
  toolFormat: AgentToolFormat;
  /** The tools offered to the model (tool retrieval ranks within these). */
  tools: AgentToolRef[];
  /** Tool names always offered, whatever retrieval ranks (in this order). */
  pinnedTools: string[];
  /** How many tools each turn's prompt holds (tool retrieval's k); absent: `DEFAULT_TOOLS_PER_TURN`. */
  toolsPerTurn?: number;
  /** Knowledge bases searched automatically in every conversation with this agent. */
  knowledgeBaseIds: string[];
  memory: AgentMemoryMode;
  /** Most model steps per turn. */
  stepLimit: number;
  approval: AgentApprovalPolicy;
  /** Sampling temperature; absent: the engine's default. */
  temperature?: number;
  /** Thinking on or off where the model supports it; absent: the model's default. */
  thinking?: boolean;
  /** A read-only agent shipped with the app (the demos, the agent builder); "Duplicate" to customize. */
  builtIn?: boolean;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
}

/** The default step limit of a new agent. */
export const DEFAULT_AGENT_STEP_LIMIT = 8;

/** Default of `toolsPerTurn`: few enough for a small model's context, enough to offer alternatives. */
export const DEFAULT_TOOLS_PER_TURN = 5;

/** The bounds of `toolsPerTurn` (the editor, agent files and backups check them). */
export const TOOLS_PER_TURN_LIMITS = { min: 1, max: 50 } as const;

/** How many tools each turn offers for `agent` (its own number, else the default). */
export function toolsPerTurnOf(agent: Pick<AgentDefinition, 'toolsPerTurn'>): number {
  return agent.toolsPerTurn ?? DEFAULT_TOOLS_PER_TURN;
}

/** What an agent is before anyone customizes it: the default engine, no tools, knowledge or memory. Fresh arrays each call. */
export function agentDefaults(): Omit<AgentDefinition, 'id' | 'name' | 'avatar' | 'createdAt' | 'updatedAt'> {
  return {
    version: AGENT_DEFINITION_VERSION,
    description: '',
    instructions: '',
    starterPrompts: [],
    engine: { kind: 'default' },
    toolFormat: 'auto',
    tools: [],
    pinnedTools: [],
    knowledgeBaseIds: [],
    memory: 'off',
    stepLimit: DEFAULT_AGENT_STEP_LIMIT,
    approval: 'side-effects',
  };
}

/**
 * The agent builder's tools: each edits the agent draft open in the editor (name, description,
 * instructions, starter prompts, tools, knowledge bases, engine). They exist for the builder's runs
 * only (`RunScope.runTools`) and touch nothing but the draft: no store, no network, so none needs
 * the person's approval, and the person still decides with "Save agent".
 */
import type { AgentDefinition, AgentEngine, AgentToolRef } from '../../core/agent-definition';
import { TabagentError } from '../../core/errors';
import type { ToolManifest } from '../../tools/manifest';
import type { RunTool } from '../services';

/** A tool the draft may be given, as the editor's tool picker offers it. */
export interface AgentToolChoice {
  /** What the person and the model call it: the registered tool name, or an MCP server's name. */
  label: string;
  description: string;
  ref: AgentToolRef;
}

/** A knowledge base the draft may search. */
export interface AgentKnowledgeChoice {
  id: string;
  name: string;
}

/** A local model of the catalog the draft may run on. */
export interface AgentLocalModelChoice {
  modelId: string;
  runtime: 'webllm' | 'transformers';
  label: string;
}

/**
 * The editor's draft as the builder's tools see it. The UI implements it over its reactive draft,
 * so every change shows in the form at once.
 */
export interface AgentDraftAccess {
  read(): AgentDefinition;
  /** Replaces the draft with `update`'s result (which must be a new object, the old one untouched). */
  change(update: (draft: AgentDefinition) => AgentDefinition): void;
  tools(): readonly AgentToolChoice[];
  knowledgeBases(): readonly AgentKnowledgeChoice[];
  localModels(): readonly AgentLocalModelChoice[];
}

/** Longest text a builder tool writes into one field: keeps a runaway model from filling the form. */
const MAX_FIELD_LENGTH = 20_000;

function manifest(name: string, description: string, properties: Record<string, unknown>, required: string[]): ToolManifest {
  return {
    name,
    description,
    kind: 'builtin',
    sideEffects: false,
    // Its results are our own summaries of the draft, never outside text.
    trustedOutput: true,
    allowedOrigins: [],
    parameters: { type: 'object', properties, required, additionalProperties: false },
  };
}

const text = (description: string): Record<string, unknown> => ({ type: 'string', minLength: 1, maxLength: MAX_FIELD_LENGTH, description });
const names = (description: string): Record<string, unknown> => ({
  type: 'array',
  minItems: 1,
  maxItems: 50,
  items: { type: 'string', minLength: 1, maxLength: 200 },
  description,
});

function stringArg(args: Record<string, unknown>, key: string): string {
  const value = args[key];
  if (typeof value !== 'string' || !value.trim()) throw new TabagentError('invalid-arguments', `"${key}" must be a non-empty string.`);
  return value.trim();
}

function stringsArg(args: Record<string, unknown>, key: string): string[] {
  const value = args[key];
  if (!Array.isArray(value) || !value.every((entry): entry is string => typeof entry === 'string'))
    throw new TabagentError('invalid-arguments', `"${key}" must be a list of strings.`);
  return value.map((entry) => entry.trim()).filter(Boolean);
}

/** Whether two tool references name the same tool, server or agent. */
export function sameToolRef(a: AgentToolRef, b: AgentToolRef): boolean {
  switch (a.kind) {
    case 'tool':
      return b.kind === 'tool' && a.name === b.name;
    case 'mcp-server':
      return b.kind === 'mcp-server' && a.serverId === b.serverId;
    case 'mcp-tool':
      return b.kind === 'mcp-tool' && a.serverId === b.serverId && a.name === b.name;
    case 'agent':
      return b.kind === 'agent' && a.agentId === b.agentId;
    case 'all-tools':
      return b.kind === 'all-tools';
  }
}

/** Finds each name among `known` (case-insensitive); an unknown name fails with the list of known ones, for the model to retry. */
function resolveNames<T>(wanted: readonly string[], known: readonly T[], nameOf: (item: T) => string, what: string): T[] {
  const byName = new Map(known.map((item) => [nameOf(item).toLowerCase(), item]));
  const missing = wanted.filter((name) => !byName.has(name.toLowerCase()));
  if (missing.length > 0) {
    const available = known.map(nameOf).join(', ') || 'none';
    throw new TabagentError('invalid-arguments', `Unknown ${what}: ${missing.join(', ')}. Available: ${available}.`);
  }
  return wanted.map((name) => byName.get(name.toLowerCase()) as T);
}

function engineFrom(args: Record<string, unknown>, access: AgentDraftAccess): AgentEngine {
  const kind = args['kind'];
  if (kind === 'default') return { kind: 'default' };
  if (kind === 'server') {
    const baseUrl = stringArg(args, 'base_url');
    if (!/^https?:\/\//i.test(baseUrl)) throw new TabagentError('invalid-arguments', `"base_url" must start with http:// or https:// (got ${baseUrl}).`);
    return { kind: 'server', baseUrl, model: stringArg(args, 'model') };
  }
  const modelId = stringArg(args, 'model');
  const [model] = resolveNames([modelId], access.localModels(), (entry) => entry.modelId, 'local model');
  return { kind: 'local', runtime: model!.runtime, modelId: model!.modelId };
}

/** What a builder tool answers: the draft's fields now, so the model sees the effect of its call. */
function summary(draft: AgentDefinition): Record<string, unknown> {
  return {
    ok: true,
    draft: {
      name: draft.name,
      description: draft.description,
      instructions: draft.instructions,
      starterPrompts: draft.starterPrompts,
      tools: draft.tools,
      knowledgeBaseIds: draft.knowledgeBaseIds,
      engine: draft.engine,
    },
  };
}

/** The builder's tool names, in the order they are offered. */
export const BUILDER_TOOL_NAMES = [
  'set_agent_name',
  'set_agent_description',
  'set_agent_instructions',
  'add_starter_prompts',
  'enable_agent_tools',
  'enable_knowledge_bases',
  'choose_agent_engine',
] as const;

/**
 * The agent builder's tools over `access`: each call changes the draft through `access.change`
 * and answers with the draft's fields after the change. Bad arguments (an unknown tool or base)
 * fail with a message listing what exists. Make them per run: the tools and knowledge bases their
 * descriptions list are those that exist when they are made.
 */
export function createBuilderTools(access: AgentDraftAccess): RunTool[] {
  const edit = (update: (draft: AgentDefinition) => AgentDefinition): Record<string, unknown> => {
    access.change(update);
    return summary(access.read());
  };
  return [
    {
      manifest: manifest('set_agent_name', "Sets the agent's name (short, shown on its card).", { name: text('The name.') }, ['name']),
      implementation: async (args) => edit((draft) => ({ ...draft, name: stringArg(args, 'name') })),
    },
    {
      manifest: manifest('set_agent_description', "Sets the agent's one-sentence description.", { description: text('The description.') }, ['description']),
      implementation: async (args) => edit((draft) => ({ ...draft, description: stringArg(args, 'description') })),
    },
    {
      manifest: manifest(
        'set_agent_instructions',
        "Sets the agent's instructions: the system text of every conversation with it (role, tone, rules, what to do with its tools).",
        { instructions: text('The complete instructions (replaces the earlier ones).') },
        ['instructions'],
      ),
      implementation: async (args) => edit((draft) => ({ ...draft, instructions: stringArg(args, 'instructions') })),
    },
    {
      manifest: manifest(
        'add_starter_prompts',
        'Adds starter prompts: example first messages shown as buttons in a new conversation with the agent.',
        { prompts: names('The prompts to add.') },
        ['prompts'],
      ),
      implementation: async (args) => {
        const prompts = stringsArg(args, 'prompts');
        return edit((draft) => ({ ...draft, starterPrompts: [...draft.starterPrompts, ...prompts.filter((prompt) => !draft.starterPrompts.includes(prompt))] }));
      },
    },
    {
      manifest: manifest(
        'enable_agent_tools',
        `Gives the agent tools, by name. Available: ${access.tools().map((choice) => choice.label).join(', ') || 'none'}.`,
        { names: names('Tool names (or MCP server names, for all of a server\'s tools).') },
        ['names'],
      ),
      implementation: async (args) => {
        const chosen = resolveNames(stringsArg(args, 'names'), access.tools(), (choice) => choice.label, 'tool');
        return edit((draft) => ({ ...draft, tools: [...draft.tools, ...chosen.map((choice) => choice.ref).filter((ref) => !draft.tools.some((have) => sameToolRef(have, ref)))] }));
      },
    },
    {
      manifest: manifest(
        'enable_knowledge_bases',
        `Lets the agent search knowledge bases (by name) automatically in every conversation. Available: ${access.knowledgeBases().map((base) => base.name).join(', ') || 'none'}.`,
        { names: names('Knowledge base names.') },
        ['names'],
      ),
      implementation: async (args) => {
        const chosen = resolveNames(stringsArg(args, 'names'), access.knowledgeBases(), (base) => base.name, 'knowledge base');
        return edit((draft) => ({ ...draft, knowledgeBaseIds: [...new Set([...draft.knowledgeBaseIds, ...chosen.map((base) => base.id)])] }));
      },
    },
    {
      manifest: manifest(
        'choose_agent_engine',
        'Chooses the model the agent runs on: "default" (the app\'s engine), "server" (an OpenAI-compatible base_url and model) or "local" (a model of the catalog, by id).',
        {
          kind: { type: 'string', enum: ['default', 'server', 'local'] },
          base_url: { type: 'string', maxLength: 2000, description: 'For "server": the base URL, e.g. https://api.openai.com/v1.' },
          model: { type: 'string', maxLength: 200, description: 'For "server": the model name; for "local": the catalog model id.' },
        },
        ['kind'],
      ),
      implementation: async (args) => {
        const engine = engineFrom(args, access);
        return edit((draft) => ({ ...draft, engine }));
      },
    },
  ];
}

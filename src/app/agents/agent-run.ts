/**
 * A chat run for one agent (issue 13): the agent's instructions are the fixed system text, only
 * its tools are offered (retrieval ranks within them, its pins first), its knowledge bases are
 * searched without a per-conversation tick, its memory mode, step limit, approval policy,
 * temperature, thinking switch and engine apply, and the run's own tools join for this run only.
 *
 * The agent is the scope's, else the open conversation's (`ConversationRecord.agentId`, read from
 * the store so a run always follows the stored conversation), else the default agent "Tabagent".
 * Without a scope (callers outside a conversation) it is the default agent as the settings
 * describe it, read from nothing.
 */
import { toolsPerTurnOf, type AgentDefinition } from '../../core/agent-definition';
import type { AgentEvent } from '../../core/agent/events';
import type { RunAgentOptions } from '../../core/agent/options';
import type { CountTokens } from '../../core/agent/token-count';
import type { SelectTools } from '../../core/agent/turn-context';
import type { ToolRunner } from '../../core/tool-runner';
import { createKnowledgeContext } from '../../knowledge/context-provider';
import type { KnowledgeRetriever } from '../../knowledge';
import type { MemoryRepository } from '../../memory';
import type { AppNetwork } from '../../net/app-network';
import type { ConversationRecord, Settings, TabagentDb } from '../../store';
import type { ChatRunSetup } from '../chat/run-turn';
import { agentMemoryTools, createAgentMemoryContext, MEMORY_TOOL_NAMES } from '../memory/agent-memory';
import { BUILTIN_AI_CHOICE, localChoiceOf, type LocalModelChoice } from '../models/local-choice';
import type { LocalEngineHolder } from '../models/local-engines';
import { agentEngineSetup } from '../run-config';
import type { ToolRetrievalChoice } from '../tool-retrieval';
import { toolScrubbing } from '../tools/tool-output-scrub';
import type { RunScope } from '../services';
import { agentToolNames, knowledgeBasesFor, type ToolCatalog } from './agent-run-config';
import { createAgentService } from './agent-service-impl';
import { builtInAgent } from './built-in-agents';
import { interfaceLanguageOf } from '../interface-language';
import type { AgentService } from './agent-service';
import { agentToolsFor } from './agent-as-tool';
import { limitTools, withRunTools } from './agent-tool-runner';
import { defaultAgentFromSettings } from './default-agent';

/** What the composition root lends a run. */
export interface AgentRunOptions {
  holder: LocalEngineHolder;
  /** The tool library's executor (every enabled tool). */
  tools: ToolRunner;
  /** Tool retrieval with the run's agent's pins and tools per turn. */
  toolRetrieval: (choice: ToolRetrievalChoice) => SelectTools;
  knowledgeRetriever: KnowledgeRetriever;
  memories: () => Promise<MemoryRepository | undefined>;
  catalog: ToolCatalog;
  /** The model's own token counter for a local model, once loaded. */
  countTokensFor: (local: LocalModelChoice) => CountTokens | undefined;
  network?: AppNetwork;
  /** The loop, for agents this agent calls as tools. */
  runAgent: (options: RunAgentOptions) => AsyncIterable<AgentEvent>;
}

/** The local model an agent runs on, if any (its own, or the settings' for the default engine). */
function localModelOf(agent: AgentDefinition, settings: Settings): LocalModelChoice | undefined {
  const { engine } = agent;
  if (engine.kind === 'builtin') return BUILTIN_AI_CHOICE;
  if (engine.kind === 'local') return { engine: engine.runtime, modelId: engine.modelId, ...(engine.device ? { device: engine.device } : {}) };
  return engine.kind === 'default' ? localChoiceOf(settings) : undefined;
}

async function conversationOf(scope: RunScope): Promise<ConversationRecord | undefined> {
  if (scope.conversationId === undefined) return undefined;
  return (await scope.openDatabase()).get('conversations', scope.conversationId);
}

/** Returns `prepareRun` for the app: settings and scope in, the run's setup out. */
export function createAgentRunResolver(options: AgentRunOptions): (settings: Settings, scope?: RunScope) => Promise<ChatRunSetup> {
  // One agent service per database opener (the chat's scope names the app's database).
  const services = new WeakMap<() => Promise<TabagentDb>, AgentService>();
  const serviceFor = (openDatabase: () => Promise<TabagentDb>): AgentService => {
    let service = services.get(openDatabase);
    if (!service) services.set(openDatabase, (service = createAgentService({ openDatabase })));
    return service;
  };

  // A built-in agent speaks the interface language of these settings: a demo started in Chinese
  // is told what to do in Chinese (the settings' language, else the browser's).
  const agentById = async (settings: Settings, openDatabase: () => Promise<TabagentDb>, id: string): Promise<AgentDefinition | undefined> =>
    builtInAgent(id, interfaceLanguageOf(settings)) ?? serviceFor(openDatabase).get(id);

  const agentOf = async (settings: Settings, scope: RunScope | undefined, conversation: ConversationRecord | undefined): Promise<AgentDefinition> => {
    if (scope?.agent) return scope.agent;
    if (!scope) return defaultAgentFromSettings(settings, 0);
    const agents = serviceFor(scope.openDatabase);
    // A conversation whose agent was deleted goes on with the default agent (it stays readable and usable).
    const id = conversation?.agentId;
    const own = id !== undefined ? await agentById(settings, scope.openDatabase, id) : undefined;
    return own ?? (await agents.get(await agents.defaultAgentId())) ?? defaultAgentFromSettings(settings, 0);
  };

  const resolve = async (settings: Settings, scope?: RunScope): Promise<ChatRunSetup> => {
    const conversation = scope ? await conversationOf(scope) : undefined;
    const agent = await agentOf(settings, scope, conversation);
    const engineSetup = agentEngineSetup(agent, settings, options.holder, options.network);

    const names = agentToolNames(agent, options.catalog);
    const offers = (name: string): boolean => (names === 'all' || names.has(name)) && !(agent.memory === 'off' && MEMORY_TOOL_NAMES.has(name));
    // Other agents it lists run as tools, each with its own setup (without this conversation's state).
    const agentTools = scope
      ? await agentToolsFor(agent, scope.callChain ?? [], {
          getAgent: (id) => agentById(settings, scope.openDatabase, id),
          setupFor: (callee, chain) => resolve(settings, { openDatabase: scope.openDatabase, conversationId: undefined, knowledgeBaseIds: [], agent: callee, callChain: chain }),
          runAgent: options.runAgent,
        })
      : [];
    const library = limitTools(options.tools, offers);
    // The memory tools the library offers, in this agent's own or the shared memory (see agent-memory.ts).
    const offered = new Set(library.definitions().map((definition) => definition.name));
    const memoryTools = agentMemoryTools(agent, options.memories, (name) => offered.has(name));
    // Scrubbed as the library's tools are: a memory, a called agent or a builder tool may echo a secret.
    const tools = withRunTools(library, [...memoryTools, ...(scope?.runTools ?? []), ...agentTools], toolScrubbing(options.network));

    const memoryContext = createAgentMemoryContext(agent, options.memories);
    const baseIds = knowledgeBasesFor(agent, conversation, scope?.knowledgeBaseIds ?? []);
    const knowledgeContext =
      scope && baseIds.length > 0 ? createKnowledgeContext({ retriever: options.knowledgeRetriever, openDatabase: scope.openDatabase, baseIds: () => baseIds }) : undefined;
    const context = [memoryContext, knowledgeContext].filter((provider) => provider !== undefined);

    const local = localModelOf(agent, settings);
    const countTokens = local ? options.countTokensFor(local) : undefined;
    return {
      ...engineSetup,
      tools,
      selectTools: options.toolRetrieval({ pinnedTools: agent.pinnedTools, toolsPerTurn: toolsPerTurnOf(agent) }),
      context,
      ...(countTokens ? { countTokens } : {}),
      ...(agent.instructions.trim() ? { systemPrompt: agent.instructions } : {}),
      maxSteps: agent.stepLimit,
      ...(agent.temperature !== undefined ? { temperature: agent.temperature } : {}),
      ...(agent.thinking !== undefined ? { thinking: agent.thinking } : {}),
      approvalPolicy: agent.approval,
    };
  };
  return resolve;
}

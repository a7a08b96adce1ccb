import { createEffect, createSignal, on, type Accessor } from 'solid-js';
import type { AgentDefinition } from '../../core/agent-definition';
import type { AgentService } from '../../app/agents/agent-service';
import { findConversationAgent, knowledgeBaseNames, type ConversationAgent } from '../../app/chat/conversation-agent';
import type { TabagentDb } from '../../store';

/** The chat's view of agents: the open conversation's agent, the agents to chat with, its knowledge bases' names. */
export interface ChatAgentState {
  /** The open conversation's agent; undefined while it loads, or when reading it failed. */
  current: Accessor<ConversationAgent | undefined>;
  /** Every agent (built-in first), for "New chat with…" and the start screen; empty without agents. */
  agents: Accessor<AgentDefinition[]>;
  /** The names of the current agent's knowledge bases, by id (a deleted base has none). */
  knowledgeNames: Accessor<ReadonlyMap<string, string>>;
  /** Reads the agents again (they may have changed on the Agents page or in another tab). */
  refresh(): void;
}

export interface ChatAgentStateOptions {
  agents: AgentService | undefined;
  /** The open conversation's agent id (undefined: the default agent). */
  agentId: Accessor<string | undefined>;
  openDatabase: () => Promise<TabagentDb>;
}

/**
 * Keeps the open conversation's agent and the list of agents in step with the conversation. Reads
 * that finish out of order are dropped, so a slow read never shows the agent of a conversation
 * the person has already left.
 */
export function createChatAgentState(options: ChatAgentStateOptions): ChatAgentState {
  const [version, setVersion] = createSignal(0);
  // Without agents there is nothing to load: the header stays away from the first frame.
  const [current, setCurrent] = createSignal<ConversationAgent | undefined>(options.agents ? undefined : { state: 'none' });
  const [agents, setAgents] = createSignal<AgentDefinition[]>([]);
  const [knowledgeNames, setKnowledgeNames] = createSignal<ReadonlyMap<string, string>>(new Map());
  let currentRead = 0;
  let listRead = 0;
  let namesRead = 0;

  createEffect(
    on([options.agentId, version], ([agentId]) => {
      const read = (currentRead += 1);
      findConversationAgent(options.agents, agentId).then(
        (found) => read === currentRead && setCurrent(found),
        () => read === currentRead && setCurrent(undefined),
      );
    }),
  );
  createEffect(
    on(version, () => {
      const service = options.agents;
      if (!service) return;
      const read = (listRead += 1);
      service.list().then(
        (all) => read === listRead && setAgents(all),
        () => undefined,
      );
    }),
  );
  createEffect(
    on(current, (found) => {
      const ids = found?.state === 'found' ? found.agent.knowledgeBaseIds : [];
      const read = (namesRead += 1);
      knowledgeBaseNames(options.openDatabase, ids).then(
        (names) => read === namesRead && setKnowledgeNames(names),
        () => undefined,
      );
    }),
  );

  return {
    current,
    agents,
    knowledgeNames,
    refresh: () => setVersion((value) => value + 1),
  };
}

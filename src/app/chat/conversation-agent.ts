/**
 * Which agent a conversation is with, and what of it a run uses: the use cases behind the chat's
 * agent header, its start screen and the scope of each run (issue 13, conversations belong to an agent).
 */
import type { AgentDefinition } from '../../core/agent-definition';
import type { ConversationRecord, TabagentDb } from '../../store';
import type { AgentService } from '../agents/agent-service';
import type { RunScope } from '../services';

/** A conversation's agent as the chat shows it. */
export type ConversationAgent =
  /** The agent exists. */
  | { state: 'found'; agent: AgentDefinition }
  /** The agent was deleted: the conversation stays readable, its runs use no agent (the default's settings). */
  | { state: 'removed'; agentId: string }
  /** The app has no agents (tests, or a build without them). */
  | { state: 'none' };

/**
 * The agent of a conversation: `agentId`, or the default agent for a conversation that names none
 * (stored before migration 5, or a fresh start before its first message).
 */
export async function findConversationAgent(agents: AgentService | undefined, agentId: string | undefined): Promise<ConversationAgent> {
  if (!agents) return { state: 'none' };
  const id = agentId ?? (await agents.defaultAgentId());
  const agent = await agents.get(id);
  return agent ? { state: 'found', agent } : { state: 'removed', agentId: id };
}

/** The agent itself, when there is one. */
export function agentOf(found: ConversationAgent | undefined): AgentDefinition | undefined {
  return found?.state === 'found' ? found.agent : undefined;
}

/** The parts of a conversation record that decide which knowledge bases it searches. */
export type ConversationKnowledge = Pick<ConversationRecord, 'knowledgeBaseIds' | 'knowledgeBasesOff'>;

/**
 * The knowledge bases a run of this conversation searches: the agent's, without those switched off
 * in this conversation, plus any the conversation added itself (the Knowledge page's per-conversation
 * switch). In the agent's order, each once.
 */
export function searchedKnowledgeBaseIds(conversation: ConversationKnowledge | undefined, agent: AgentDefinition | undefined): string[] {
  const off = new Set(conversation?.knowledgeBasesOff ?? []);
  const wanted = [...(agent?.knowledgeBaseIds ?? []), ...(conversation?.knowledgeBaseIds ?? [])];
  return [...new Set(wanted)].filter((id) => !off.has(id));
}

/**
 * The conversation's knowledge fields after switching one base on or off for it: an agent's base is
 * switched through `knowledgeBasesOff`, any other through the conversation's own `knowledgeBaseIds`.
 */
export function withKnowledgeBaseSearched(
  conversation: ConversationKnowledge | undefined,
  agent: AgentDefinition | undefined,
  baseId: string,
  searched: boolean,
): Required<ConversationKnowledge> {
  const own = (conversation?.knowledgeBaseIds ?? []).filter((id) => id !== baseId);
  const agentHasIt = agent?.knowledgeBaseIds.includes(baseId) === true;
  return {
    knowledgeBaseIds: searched && !agentHasIt ? [...own, baseId] : own,
    knowledgeBasesOff: withKnowledgeBaseOff(conversation?.knowledgeBasesOff, baseId, !searched && agentHasIt),
  };
}

/** `knowledgeBasesOff` after switching one base on or off (a new array; the others kept in order). */
export function withKnowledgeBaseOff(current: readonly string[] | undefined, baseId: string, off: boolean): string[] {
  const rest = (current ?? []).filter((id) => id !== baseId);
  return off ? [...rest, baseId] : rest;
}

/** What the chat knows when it starts a run of the open conversation. */
export interface ConversationRunInput {
  openDatabase: () => Promise<TabagentDb>;
  conversationId: string | undefined;
  conversation: ConversationKnowledge | undefined;
  agent: AgentDefinition | undefined;
  /** The MCP resources attached to the message the run answers: read for this run only. */
  resources?: RunScope['resources'] | undefined;
  /** Where the run says it waits for reconnecting MCP servers (the turn shows it). */
  onServerWait?: RunScope['onServerWait'] | undefined;
}

/** The scope of one run: the conversation, its agent, the knowledge bases it searches, and the turn's attachments. */
export function conversationRunScope(input: ConversationRunInput): RunScope {
  return {
    openDatabase: input.openDatabase,
    conversationId: input.conversationId,
    knowledgeBaseIds: searchedKnowledgeBaseIds(input.conversation, input.agent),
    ...(input.agent ? { agent: input.agent } : {}),
    ...(input.resources && input.resources.length > 0 ? { resources: input.resources } : {}),
    ...(input.onServerWait ? { onServerWait: input.onServerWait } : {}),
  };
}

/**
 * The names of these knowledge bases, read straight from the store (the knowledge module, with its
 * PDF and HTML extraction, stays out of the chat's start-up code). A base that is gone is left out.
 */
export async function knowledgeBaseNames(openDatabase: () => Promise<TabagentDb>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const db = await openDatabase();
  const records = await Promise.all(ids.map((id) => db.get('knowledgeBases', id)));
  return new Map(records.flatMap((record) => (record ? [[record.id, record.name] as const] : [])));
}

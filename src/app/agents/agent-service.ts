/**
 * The agents a person has: the contract between the Agents page, the chat and the store. The
 * implementation keeps them in IndexedDB (migration 5) beside the built-in agents, which are
 * read-only.
 */
import type { AgentDefinition } from '../../core/agent-definition';

/** Agents as the UI reads and changes them. */
export interface AgentService {
  /** Every agent: the built-in ones first, then the person's, most recently changed first. */
  list(): Promise<AgentDefinition[]>;
  /** One agent by id; undefined when there is none. */
  get(id: string): Promise<AgentDefinition | undefined>;
  /** Creates or replaces the person's agent (sets `updatedAt`); a built-in agent is refused with TabagentError('config'). */
  save(agent: AgentDefinition): Promise<AgentDefinition>;
  /** A copy the person owns ("Copy of …"), saved; works for built-in agents too. */
  duplicate(id: string): Promise<AgentDefinition>;
  /** Deletes the person's agent; its conversations stay readable. A built-in agent is refused. */
  remove(id: string): Promise<void>;
  /** The agent a new conversation gets when none is chosen ("Tabagent" after the migration). */
  defaultAgentId(): Promise<string>;
  /** A new, unsaved agent with the defaults (fresh id, no tools, the default engine). */
  draft(): AgentDefinition;
}

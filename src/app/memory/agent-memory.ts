/**
 * Long-term memory as an agent's `memory` mode sees it: 'off' none, 'shared' the memories every
 * agent shares (those not tagged with an agent), 'own' only the memories tagged with this agent's
 * id (`MemoryRecord.agentId`).
 */
import type { AgentDefinition } from '../../core/agent-definition';
import type { ContextProvider, ContextSection } from '../../core/agent/turn-context';
import { MAX_MEMORIES_PER_TURN, memoryTitle, type MemoryRepository } from '../../memory';
import type { MemoryRecord } from '../../store';

/** The memory tools, not offered by an agent whose memory is off. */
export const MEMORY_TOOL_NAMES: ReadonlySet<string> = new Set(['remember', 'recall', 'forget']);

/** Whether `memory` is visible to `agent` under its memory mode. */
export function memoryVisibleTo(agent: Pick<AgentDefinition, 'id' | 'memory'>, memory: Pick<MemoryRecord, 'agentId'>): boolean {
  if (agent.memory === 'off') return false;
  return agent.memory === 'own' ? memory.agentId === agent.id : memory.agentId === undefined;
}

/** How many more hits to fetch before filtering, so that filtered-out memories rarely crowd out visible ones. */
const OVERFETCH = 5;

/**
 * The memory context provider for `agent` (undefined when its memory is off). Memories the agent
 * wrote itself are marked untrusted, as in src/memory/context-provider.ts.
 */
export function createAgentMemoryContext(
  agent: Pick<AgentDefinition, 'id' | 'memory'>,
  repository: () => Promise<MemoryRepository | undefined>,
  limit: number = MAX_MEMORIES_PER_TURN,
): ContextProvider | undefined {
  if (agent.memory === 'off') return undefined;
  return async (query) => {
    const memories = await repository();
    if (!memories || query.text.trim() === '') return [];
    const hits = await memories.search(query.text, { limit: limit * OVERFETCH, relevantOnly: true, signal: query.signal });
    return hits
      .filter((hit) => memoryVisibleTo(agent, hit.memory))
      .slice(0, limit)
      .map(
        (hit): ContextSection => ({
          kind: 'memory',
          title: memoryTitle(hit.memory),
          text: hit.memory.text,
          untrusted: hit.memory.origin === 'agent',
          ref: hit.memory.id,
          score: hit.score,
        }),
      );
  };
}

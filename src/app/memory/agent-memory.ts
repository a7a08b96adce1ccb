/**
 * Long-term memory as an agent's `memory` mode sees it: 'off' none, 'shared' the memories every
 * agent shares (those not tagged with an agent), 'own' only the memories tagged with this agent's
 * id (`MemoryRecord.agentId`).
 */
import type { AgentDefinition } from '../../core/agent-definition';
import type { ContextProvider } from '../../core/agent/turn-context';
import { createMemoryContextProvider, MAX_MEMORIES_PER_TURN, type MemoryRepository } from '../../memory';
import type { MemoryRecord } from '../../store';

/** The memory tools, not offered by an agent whose memory is off. */
export const MEMORY_TOOL_NAMES: ReadonlySet<string> = new Set(['remember', 'recall', 'forget']);

/** Whether `memory` is visible to `agent` under its memory mode. */
export function memoryVisibleTo(agent: Pick<AgentDefinition, 'id' | 'memory'>, memory: Pick<MemoryRecord, 'agentId'>): boolean {
  if (agent.memory === 'off') return false;
  return agent.memory === 'own' ? memory.agentId === agent.id : memory.agentId === undefined;
}

/** The memory context provider for `agent` (undefined when its memory is off). */
export function createAgentMemoryContext(
  agent: Pick<AgentDefinition, 'id' | 'memory'>,
  repository: () => Promise<MemoryRepository | undefined>,
  limit: number = MAX_MEMORIES_PER_TURN,
): ContextProvider | undefined {
  if (agent.memory === 'off') return undefined;
  return createMemoryContextProvider(repository, limit, (memory) => memoryVisibleTo(agent, memory));
}

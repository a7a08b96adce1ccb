/**
 * Long-term memory as an agent's `memory` mode sees it: 'off' none, 'shared' the memories every
 * agent shares (those not tagged with an agent), 'own' only the memories tagged with this agent's
 * id (`MemoryRecord.agentId`).
 */
import type { AgentDefinition } from '../../core/agent-definition';
import type { ContextProvider } from '../../core/agent/turn-context';
import { TabagentError } from '../../core/errors';
import { createMemoryContextProvider, MAX_MEMORIES_PER_TURN, memoryToolStore, type MemoryRepository } from '../../memory';
import type { MemoryRecord } from '../../store';
import { createMemoryTools, forgetManifest, recallManifest, rememberManifest } from '../../tools/builtins/memory';
import type { RunTool } from '../services';

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

/**
 * remember, recall and forget for one run of `agent`, to replace the tool library's for that run
 * (`RunScope.runTools`): an 'own' agent writes memories tagged with its id and finds only those,
 * a 'shared' one writes and finds only the untagged ones. Only the names `offered` (the tools the
 * run would offer anyway: enabled, and the agent's) are returned; none when its memory is off.
 */
export function agentMemoryTools(
  agent: Pick<AgentDefinition, 'id' | 'memory'>,
  repository: () => Promise<MemoryRepository | undefined>,
  offered: (name: string) => boolean,
): RunTool[] {
  if (agent.memory === 'off') return [];
  const scope = { agentId: agent.memory === 'own' ? agent.id : undefined };
  const tools = createMemoryTools(async () => {
    const memories = await repository();
    if (!memories) throw new TabagentError('storage', 'Long-term memory cannot be opened in this browser profile (storage is blocked or full). Free some space or allow site storage, then try again.');
    return memoryToolStore(memories, scope);
  });
  const all: RunTool[] = [
    { manifest: rememberManifest, implementation: tools.remember },
    { manifest: recallManifest, implementation: tools.recall },
    { manifest: forgetManifest, implementation: tools.forget },
  ];
  return all.filter((tool) => offered(tool.manifest.name));
}

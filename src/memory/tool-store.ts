import type { MemoryToolStore, StoredMemory } from '../tools/builtins/memory';
import type { MemoryRecord } from '../store/records';
import type { MemoryRepository } from './memory-repository';

/**
 * Whose memories the tools work on in one run: `agentId` set, that agent's own memories (new ones
 * are tagged with it); `agentId` undefined, the shared memories (untagged).
 */
export interface MemoryToolScope {
  agentId: string | undefined;
}

function stored(memory: MemoryRecord): StoredMemory {
  return { id: memory.id, text: memory.text, tags: [...memory.tags], savedAt: new Date(memory.createdAt).toISOString() };
}

/**
 * The repository as the `remember`, `recall` and `forget` tools see it. Without `scope` (the tool
 * library's, outside any agent) every memory is in reach and new ones are shared; with one, only
 * the scope's memories are found, read or deleted, and new ones belong to it.
 */
export function memoryToolStore(repository: MemoryRepository, scope?: MemoryToolScope): MemoryToolStore {
  const inScope = (memory: MemoryRecord): boolean => !scope || memory.agentId === scope.agentId;
  return {
    async remember(text, tags) {
      const owner = scope?.agentId !== undefined ? { agentId: scope.agentId } : {};
      const { memory, created } = await repository.add({ text, tags, origin: 'agent', ...owner });
      return { memory: stored(memory), created };
    },
    async recall(query, limit) {
      const hits = await repository.search(query, { limit, ...(scope ? { filter: inScope } : {}) });
      return hits.map((hit) => ({ ...stored(hit.memory), score: Number(hit.score.toFixed(4)) }));
    },
    async get(id) {
      const memory = await repository.get(id);
      return memory && inScope(memory) ? stored(memory) : undefined;
    },
    async forget(id) {
      // A memory outside the scope is not this run's to delete: it reads as not found.
      const memory = await repository.get(id);
      if (!memory || !inScope(memory)) return undefined;
      const deleted = await repository.delete(id);
      return deleted ? stored(deleted) : undefined;
    },
  };
}

import type { MemoryToolStore, StoredMemory } from '../tools/builtins/memory';
import type { MemoryRecord } from '../store/records';
import type { MemoryRepository } from './memory-repository';

function stored(memory: MemoryRecord): StoredMemory {
  return { id: memory.id, text: memory.text, tags: [...memory.tags], savedAt: new Date(memory.createdAt).toISOString() };
}

/** The repository as the `remember`, `recall` and `forget` tools see it. */
export function memoryToolStore(repository: MemoryRepository): MemoryToolStore {
  return {
    async remember(text, tags) {
      const { memory, created } = await repository.add({ text, tags, origin: 'agent' });
      return { memory: stored(memory), created };
    },
    async recall(query, limit) {
      const hits = await repository.search(query, { limit });
      return hits.map((hit) => ({ ...stored(hit.memory), score: Number(hit.score.toFixed(4)) }));
    },
    async get(id) {
      const memory = await repository.get(id);
      return memory ? stored(memory) : undefined;
    },
    async forget(id) {
      const memory = await repository.delete(id);
      return memory ? stored(memory) : undefined;
    },
  };
}

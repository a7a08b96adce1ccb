import type { ContextProvider, ContextSection } from '../core/agent/turn-context';
import type { MemoryRecord } from '../store/records';
import type { MemoryRepository } from './memory-repository';

/** Most memories quoted with one message: they are short facts, and each costs prompt tokens. */
export const MAX_MEMORIES_PER_TURN = 3;

/**
 * Retrieves the memories relevant to each turn (the relevance rule is in relevance.ts) and quotes
 * them with the newest message (only those `visible` accepts, when given). `repository` resolves to undefined when memories are unavailable
 * (no database): the turn then goes on without them. Memories the agent wrote itself are marked
 * untrusted: outside text may have prompted them, and the person has not confirmed them yet.
 */
export function createMemoryContextProvider(
  repository: () => Promise<MemoryRepository | undefined>,
  limit: number = MAX_MEMORIES_PER_TURN,
  visible?: (memory: MemoryRecord) => boolean,
): ContextProvider {
  return async (query) => {
    const memories = await repository();
    if (!memories || query.text.trim() === '') return [];
    // With a filter (an agent's own or shared memories), fetch more so that hidden ones rarely crowd out visible ones.
    const found = await memories.search(query.text, { limit: visible ? limit * 5 : limit, relevantOnly: true, signal: query.signal });
    const hits = visible ? found.filter((hit) => visible(hit.memory)).slice(0, limit) : found;
    return hits.map((hit): ContextSection => ({
      kind: 'memory',
      title: memoryTitle(hit.memory),
      text: hit.memory.text,
      untrusted: hit.memory.origin === 'agent',
      ref: hit.memory.id,
      score: hit.score,
    }));
  };
}

/** "Memory from 2024-05-01 (food, preferences)": when it was saved and its tags. */
export function memoryTitle(memory: MemoryRecord): string {
  const date = new Date(memory.createdAt).toISOString().slice(0, 10);
  return memory.tags.length > 0 ? `Memory from ${date} (${memory.tags.join(', ')})` : `Memory from ${date}`;
}

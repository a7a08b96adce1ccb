/** Long-term memories: the repository over IndexedDB, hybrid search, the per-turn context provider and the tools' view. */
export {
  MAX_MEMORY_LENGTH,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  MemoryRepository,
  type MemoryHit,
  type MemoryPatch,
  type MemoryRepositoryOptions,
  type NewMemory,
  type SearchOptions,
} from './memory-repository';
export { createMemoryContextProvider, MAX_MEMORIES_PER_TURN, memoryTitle } from './context-provider';
export { contentTerms, DEFAULT_MIN_COSINE, DEFAULT_RELEVANCE, isRelevant, MODEL_MIN_COSINE, relevanceFor, type RelevanceRule } from './relevance';
export { memoryToolStore } from './tool-store';

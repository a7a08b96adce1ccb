import { createSignal, type Accessor } from 'solid-js';
import { errorText } from '../errors/error-text';
import type { MemoryRepository } from '../../memory';
import type { MemoryRecord } from '../../store';

/** Most memories a search shows. */
const SEARCH_LIMIT = 50;

export interface MemoryState {
  /** What is listed: every memory (newest first), or the search's matches (best first). */
  memories: Accessor<MemoryRecord[]>;
  loaded: Accessor<boolean>;
  /** The last failure, written for the person. */
  error: Accessor<string | undefined>;
  /** The search listed (trimmed; '' lists everything). */
  query: Accessor<string>;
  refresh(): Promise<void>;
  search(query: string): Promise<void>;
  /** Resolves whether it was added (false: already kept) or undefined when it failed. */
  add(text: string, tags: string[]): Promise<boolean | undefined>;
  /** Resolves false when saving failed. */
  update(id: string, text: string, tags: string[]): Promise<boolean>;
  remove(id: string): Promise<boolean>;
}

/** The Memory page's state over the memory repository; every change re-reads the store. */
export function createMemoryState(repository: () => Promise<MemoryRepository>): MemoryState {
  const [memories, setMemories] = createSignal<MemoryRecord[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [query, setQuery] = createSignal('');
  // Only the newest read may show: a slow search must not overwrite a later one.
  let generation = 0;

  const fail = (failure: unknown): void => {
    setError(errorText(failure));
  };

  async function refresh(): Promise<void> {
    const current = (generation += 1);
    try {
      const memoryRepository = await repository();
      const text = query();
      const found = text === '' ? await memoryRepository.list() : (await memoryRepository.search(text, { limit: SEARCH_LIMIT })).map((hit) => hit.memory);
      if (current !== generation) return;
      setMemories(found);
      setLoaded(true);
      setError(undefined);
    } catch (failure) {
      if (current === generation) fail(failure);
    }
  }

  async function change<T>(work: (memoryRepository: MemoryRepository) => Promise<T>): Promise<T | undefined> {
    try {
      const result = await work(await repository());
      await refresh();
      return result;
    } catch (failure) {
      fail(failure);
      return undefined;
    }
  }

  return {
    memories,
    loaded,
    error,
    query,
    refresh,
    async search(text) {
      setQuery(text.trim());
      await refresh();
    },
    add: (text, tags) => change(async (memoryRepository) => (await memoryRepository.add({ text, tags, origin: 'person' })).created),
    update: async (id, text, tags) => (await change((memoryRepository) => memoryRepository.update(id, { text, tags }))) !== undefined,
    remove: async (id) => (await change((memoryRepository) => memoryRepository.delete(id).then(() => true))) === true,
  };
}

/** "food, family" → ["food", "family"]. */
export function parseTags(text: string): string[] {
  return text
    .split(/[,，、]/)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

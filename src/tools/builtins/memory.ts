/**
 * remember, recall and forget: the agent's hands on the person's long-term memories. The store
 * behind them (src/memory, over IndexedDB) is injected, so the tools layer stays free of storage.
 */
import { TabagentError } from '../../core/errors';
import type { ToolManifest } from '../manifest';
import { builtinManifest } from './builtin-manifest';
import type { ToolImplementation } from '../registry';

/** A memory as the tools return it. */
export interface StoredMemory {
  id: string;
  text: string;
  tags: string[];
  /** When it was first saved (ISO 8601). */
  savedAt: string;
}

/** What the memory tools need from the memory store. */
export interface MemoryToolStore {
  /** Saves a memory (`created` false: the same text was already kept). */
  remember(text: string, tags: readonly string[]): Promise<{ memory: StoredMemory; created: boolean }>;
  /** The best matches for `query`, best first. */
  recall(query: string, limit: number): Promise<Array<StoredMemory & { score: number }>>;
  get(id: string): Promise<StoredMemory | undefined>;
  /** Deletes one memory; undefined when there was none. */
  forget(id: string): Promise<StoredMemory | undefined>;
}

/** Resolves the store when a tool runs (the database opens on first use). */
export type MemoryToolSource = () => Promise<MemoryToolStore>;

/** Matches `forget` lists for a query, for the model to choose from. */
const FORGET_CANDIDATES = 5;

export const rememberManifest: ToolManifest = builtinManifest({
  name: 'remember',
  description:
    'Saves a short fact about the user or their wishes as a long-term memory, kept across conversations ' +
    '(e.g. "Prefers answers in metric units", "Their dog is called Rex"). Save only what the user told you or ' +
    'asked you to remember, one fact per call, written so it makes sense on its own later.',
  parameters: {
    type: 'object',
    properties: {
      text: { type: 'string', minLength: 1, maxLength: 2000, description: 'The fact, as one self-contained sentence.' },
      tags: {
        type: 'array',
        items: { type: 'string', minLength: 1, maxLength: 40 },
        maxItems: 10,
        description: 'Optional topic words, e.g. ["food", "preferences"].',
      },
    },
    required: ['text'],
    additionalProperties: false,
  },
  examples: [
    { query: 'Remember that I am vegetarian.', arguments: { text: 'The user is vegetarian.', tags: ['food'] } },
    { query: 'Please keep in mind that my daughter is called Lina.', arguments: { text: "The user's daughter is called Lina.", tags: ['family'] } },
  ],
});

export const recallManifest: ToolManifest = builtinManifest({
  name: 'recall',
  description:
    "Searches the user's long-term memories (facts saved earlier with remember or by the user) and returns the best " +
    'matches with their ids, best first. Use it when the answer may depend on something the user told you before.',
  parameters: {
    type: 'object',
    properties: {
      query: { type: 'string', minLength: 1, maxLength: 500, description: 'What to look for, e.g. "diet" or "daughter\'s name".' },
      limit: { type: 'integer', minimum: 1, maximum: 20, description: 'Most memories returned; five when left out.' },
    },
    required: ['query'],
    additionalProperties: false,
  },
  examples: [
    { query: 'What do you remember about my diet?', arguments: { query: 'diet food preferences' } },
    { query: "What was my daughter's name again?", arguments: { query: 'daughter name', limit: 3 } },
  ],
});

export const forgetManifest: ToolManifest = {
  name: 'forget',
  description:
    'Deletes one long-term memory. Give the id of the memory (from recall) to delete it; the user confirms each deletion. ' +
    'Given a query instead, nothing is deleted: the matching memories are listed with their ids, so you can call forget ' +
    'again with the id of the one the user means.',
  kind: 'builtin',
  sideEffects: true,
  allowedOrigins: [],
  version: '1.0.0',
  parameters: {
    type: 'object',
    properties: {
      id: { type: 'string', minLength: 1, maxLength: 200, description: 'The id of the memory to delete.' },
      query: { type: 'string', minLength: 1, maxLength: 500, description: 'Words to find the memory by, when its id is not known.' },
    },
    additionalProperties: false,
  },
  examples: [
    { query: 'Forget that I am vegetarian.', arguments: { query: 'vegetarian' } },
    { query: 'Yes, delete that memory.', arguments: { id: 'mem_2f6c1b0e' } },
  ],
};

/** The three tools over the store `source` resolves. */
export function createMemoryTools(source: MemoryToolSource): Record<'remember' | 'recall' | 'forget', ToolImplementation> {
  return {
    async remember(args) {
      const tags = Array.isArray(args.tags) ? args.tags.map(String) : [];
      const { memory, created } = await (await source()).remember(String(args.text), tags);
      return created ? { saved: memory } : { alreadyKnown: memory };
    },
    async recall(args) {
      const limit = typeof args.limit === 'number' ? args.limit : 5;
      const memories = await (await source()).recall(String(args.query), limit);
      return memories.length > 0 ? { memories } : { memories, note: 'No saved memory matches.' };
    },
    async forget(args) {
      const store = await source();
      const id = typeof args.id === 'string' ? args.id.trim() : '';
      const query = typeof args.query === 'string' ? args.query.trim() : '';
      if (id !== '' && query !== '') throw new TabagentError('invalid-arguments', 'Give either id or query, not both.');
      if (id !== '') {
        const deleted = await store.forget(id);
        if (!deleted) throw new TabagentError('not-found', `No memory has the id "${id.slice(0, 80)}". Use recall or forget with a query to find it.`);
        return { deleted };
      }
      if (query === '') throw new TabagentError('invalid-arguments', 'Give the id of the memory to delete, or a query to find it.');
      const candidates = await store.recall(query, FORGET_CANDIDATES);
      return {
        deleted: null,
        candidates,
        note:
          candidates.length === 0
            ? 'No saved memory matches; nothing was deleted.'
            : 'Nothing was deleted yet. Ask the user which memory they mean if it is unclear, then call forget with its id.',
      };
    },
  };
}

/**
 * Long-term memories: short facts the person or the agent wants kept across conversations, in the
 * `memories` store. Search is hybrid: BM25 always, plus dense vectors whenever the shared embedding
 * model is loaded (never downloading it here); vectors are cached in the `vectors` store.
 */
import { TabagentError } from '../core/errors';
import { createCachedEmbedder, databaseVectorCache, embeddingTextHash } from '../embed/cached-embedder';
import type { Embedder } from '../embed/types';
import type { MemoryRecord } from '../store/records';
import type { TabagentDb } from '../store/schema';
import { toStorageError } from '../store/storage-error';
import { writeTransaction } from '../store/write-transaction';
import { MemoryIndex, type RankedMemory } from './memory-index';
import { contentTerms, isRelevant, relevanceFor, type RelevanceRule } from './relevance';

/** Longest memory kept (characters): memories are facts, not documents. */
export const MAX_MEMORY_LENGTH = 2000;
/** Most tags per memory, and longest tag. */
export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 40;

export interface NewMemory {
  text: string;
  tags?: readonly string[];
  conversationId?: string;
  /** Who writes it (default 'person'). */
  origin?: 'person' | 'agent';
  /** The agent whose own memory it is (an agent with memory 'own'); absent: shared by every agent. */
  agentId?: string;
}

export interface MemoryPatch {
  text?: string;
  tags?: readonly string[];
}

/** A memory found by a search, with how it scored. */
export interface MemoryHit {
  memory: MemoryRecord;
  score: number;
  /** BM25 score, when its words matched. */
  bm25?: number;
  /** Distinct content terms of the query it contains. */
  matchedTerms: number;
  /** Cosine similarity, when dense retrieval ran. */
  cosine?: number;
  /** It passes the relevance rule (see relevance.ts): good enough to enter a prompt uninvited. */
  relevant: boolean;
}

export interface MemoryRepositoryOptions {
  /** The shared embedding model, when loaded; undefined: keyword search only. Read at each search. */
  embedder?: () => Embedder | undefined;
  now?: () => number;
  createId?: () => string;
  /** Overrides the relevance rule (tests, tuning). */
  relevance?: RelevanceRule;
}

export interface SearchOptions {
  /** Most hits returned (default 5). */
  limit?: number;
  /** Only hits that pass the relevance rule. */
  relevantOnly?: boolean;
  /** Only memories it accepts (an agent's own or the shared ones), applied before `limit`. */
  filter?: (memory: MemoryRecord) => boolean;
  signal?: AbortSignal;
}

/** Adds, edits, deletes, lists and searches memories. Safe to create several over one database. */
export class MemoryRepository {
  private readonly index = new MemoryIndex();
  private readonly now: () => number;
  private readonly createId: () => string;

  constructor(
    private readonly db: TabagentDb,
    private readonly options: MemoryRepositoryOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.createId = options.createId ?? (() => `mem_${crypto.randomUUID()}`);
  }

  /**
   * Saves a memory. The same text saved again (ignoring case and spacing) is not duplicated:
   * the existing memory is returned with the new tags added, and `created` is false. Only a
   * memory of the same owner counts (an agent's own memory is not the shared one of that text).
   */
  async add(input: NewMemory): Promise<{ memory: MemoryRecord; created: boolean }> {
    const text = cleanText(input.text);
    const tags = cleanTags(input.tags ?? []);
    const textHash = await embeddingTextHash(text, 'passage');
    const now = this.now();
    return writeTransaction(this.db, ['memories'], () => 'save the memory', async (tx) => {
      const store = tx.objectStore('memories');
      const existing = (await store.getAll()).find((memory) => memory.agentId === input.agentId && sameText(memory.text, text));
      if (existing) {
        const merged = cleanTags([...existing.tags, ...tags]);
        if (merged.length === existing.tags.length) return { memory: existing, created: false };
        const updated: MemoryRecord = { ...existing, tags: merged, updatedAt: Math.max(now, existing.updatedAt + 1) };
        await store.put(updated);
        return { memory: updated, created: false };
      }
      const memory: MemoryRecord = {
        id: this.createId(),
        text,
        textHash,
        tags,
        origin: input.origin ?? 'person',
        createdAt: now,
        updatedAt: now,
        ...(input.conversationId ? { conversationId: input.conversationId } : {}),
        ...(input.agentId !== undefined ? { agentId: input.agentId } : {}),
      };
      await store.add(memory);
      return { memory, created: true };
    });
  }

  /** Changes a memory's text or tags. An edit is the person's word: the memory becomes theirs. Throws 'not-found'. */
  async update(id: string, patch: MemoryPatch): Promise<MemoryRecord> {
    const text = patch.text === undefined ? undefined : cleanText(patch.text);
    const textHash = text === undefined ? undefined : await embeddingTextHash(text, 'passage');
    const now = this.now();
    return writeTransaction(this.db, ['memories'], () => 'save the memory', async (tx) => {
      const store = tx.objectStore('memories');
      const current = await store.get(id);
      if (!current) throw notFound(id);
      const updated: MemoryRecord = {
        ...current,
        ...(text !== undefined && textHash !== undefined ? { text, textHash } : {}),
        ...(patch.tags !== undefined ? { tags: cleanTags(patch.tags) } : {}),
        origin: 'person',
        // Strictly later, so the index sees the change even within one millisecond.
        updatedAt: Math.max(now, current.updatedAt + 1),
      };
      await store.put(updated);
      return updated;
    });
  }

  /** Deletes a memory; returns it, or undefined when there was none. */
  async delete(id: string): Promise<MemoryRecord | undefined> {
    return writeTransaction(this.db, ['memories'], () => 'delete the memory', async (tx) => {
      const store = tx.objectStore('memories');
      const current = await store.get(id);
      if (current) await store.delete(id);
      return current;
    });
  }

  async get(id: string): Promise<MemoryRecord | undefined> {
    try {
      return await this.db.get('memories', id);
    } catch (error) {
      throw toStorageError(error, 'read the memory');
    }
  }

  /** Every memory, most recently saved or edited first. */
  async list(): Promise<MemoryRecord[]> {
    try {
      return (await this.db.getAllFromIndex('memories', 'by-updated')).reverse();
    } catch (error) {
      throw toStorageError(error, 'read the memories');
    }
  }

  /**
   * Memories matching `query`, best first: BM25, fused with dense similarity when the embedding
   * model is loaded (if embedding fails, keyword results are still returned).
   */
  async search(query: string, options: SearchOptions = {}): Promise<MemoryHit[]> {
    const records = await this.list();
    this.index.sync(records);
    const embedder = this.options.embedder?.();
    const queryVector = embedder ? await this.queryVector(embedder, query, options.signal) : undefined;
    const ranked = this.index.search(query, queryVector);
    const rule = relevanceFor(queryVector ? embedder?.id : undefined, this.options.relevance);
    const bestBm25 = Math.max(0, ...ranked.map((hit) => hit.bm25 ?? 0));
    const queryTerms = contentTerms(query).size;
    const byId = new Map(records.map((record) => [record.id, record]));
    const hits: MemoryHit[] = [];
    for (const hit of ranked) {
      const memory = byId.get(hit.id);
      if (!memory || (options.filter && !options.filter(memory))) continue;
      const relevant = isRelevant(hit, queryTerms, bestBm25, rule);
      if (options.relevantOnly && !relevant) continue;
      hits.push(toHit(memory, hit, relevant));
      if (hits.length >= (options.limit ?? 5)) break;
    }
    return hits;
  }

  /** The query's vector, with every memory's vector in the index; undefined if embedding failed. */
  private async queryVector(embedder: Embedder, query: string, signal?: AbortSignal): Promise<Float32Array | undefined> {
    const cached = createCachedEmbedder(embedder, databaseVectorCache(this.db));
    try {
      await this.index.syncVectors(cached, signal);
      const [vector] = await cached.embed([query], 'query', signal);
      return vector;
    } catch (error) {
      if (signal?.aborted) throw error;
      return undefined;
    }
  }
}

function toHit(memory: MemoryRecord, hit: RankedMemory, relevant: boolean): MemoryHit {
  return {
    memory,
    score: hit.score,
    matchedTerms: hit.matchedTerms,
    relevant,
    ...(hit.bm25 !== undefined ? { bm25: hit.bm25 } : {}),
    ...(hit.cosine !== undefined ? { cosine: hit.cosine } : {}),
  };
}

function cleanText(text: string): string {
  const clean = text.trim();
  if (clean === '') throw new TabagentError('invalid-arguments', 'A memory needs some text.');
  if (clean.length > MAX_MEMORY_LENGTH) {
    throw new TabagentError('invalid-arguments', `A memory can be at most ${MAX_MEMORY_LENGTH} characters; this one has ${clean.length}. Keep just the fact.`);
  }
  return clean;
}

function cleanTags(tags: readonly string[]): string[] {
  const clean = [...new Set(tags.map((tag) => tag.trim()).filter((tag) => tag !== ''))];
  if (clean.length > MAX_TAGS) throw new TabagentError('invalid-arguments', `A memory can have at most ${MAX_TAGS} tags.`);
  const long = clean.find((tag) => tag.length > MAX_TAG_LENGTH);
  if (long) throw new TabagentError('invalid-arguments', `Tags can be at most ${MAX_TAG_LENGTH} characters: "${long.slice(0, MAX_TAG_LENGTH)}…".`);
  return clean;
}

function sameText(a: string, b: string): boolean {
  const normal = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
  return normal(a) === normal(b);
}

function notFound(id: string): TabagentError {
  return new TabagentError('not-found', 'That memory no longer exists; it may have been deleted in another tab.', { data: { id } });
}

import { Bm25Index } from './bm25';
import { embedQuery, type RetrievalQuery } from './query';
import { rankTools, type RankedItem } from './rank';
import { toolSearchText, type SearchableTool } from './tool-text';
import { createVectorIndex } from './create-index';
import type { VectorIndex } from './types';

/** Embeds texts as retrieval queries or passages (an `Embedder`'s `embed`, injected). */
export type EmbedTexts = (texts: readonly string[], kind: 'query' | 'passage', signal?: AbortSignal) => Promise<Float32Array[]>;

export interface ToolSelectorOptions {
  /** How many tools a turn's prompt holds, pins included (default 5). */
  k?: number;
  /** Tool names always offered, first and in this order (read at each turn). */
  pinned?: () => readonly string[];
  /** Dense retrieval; without it (or while it fails) ranking is BM25 alone. */
  embed?: EmbedTexts;
  /** Identifies the embedding model: vectors are rebuilt when it changes. */
  embedderId?: () => string;
}

/** A tool as the turn saw it ranked (structurally the core's `ScoredTool`). */
export interface SelectedTool {
  name: string;
  score: number;
  pinned: boolean;
  dense: RankedItem['dense'];
  bm25: RankedItem['bm25'];
}

export interface ToolSelectionResult {
  tools: SelectedTool[];
  searched: number;
  retrievers: ('dense' | 'bm25')[];
}

/**
 * Tool retrieval for the agent loop: keeps a BM25 index and (with an embedder) a vector index of
 * every tool it has been shown, updated incrementally when tools are added, changed or removed,
 * and ranks the offered tools for each turn's query by reciprocal rank fusion. Only the offered
 * (enabled) tools can be chosen; pins always are.
 */
export class ToolSelector {
  private readonly k: number;
  private readonly bm25 = new Bm25Index();
  private vectors: VectorIndex | undefined;
  private vectorModel = '';
  /** Tool name → the text it is indexed by (re-indexed when the text changes). */
  private readonly indexed = new Map<string, string>();

  constructor(private readonly options: ToolSelectorOptions = {}) {
    this.k = Math.max(1, Math.floor(options.k ?? 5));
  }

  /**
   * Ranks `tools` for `query`; returns at most k (more only when more are pinned). A query in
   * parts lets the newest request decide and the earlier text only break ties. `turn` overrides
   * the selector's k and pins for this call (the app reads both from the run's settings).
   */
  async select(
    query: RetrievalQuery,
    tools: readonly SearchableTool[],
    signal?: AbortSignal,
    turn: { k?: number; pinned?: readonly string[] } = {},
  ): Promise<ToolSelectionResult> {
    const k = turn.k ?? this.k;
    this.syncText(tools);
    const offered = new Set(tools.map((tool) => tool.name));
    const pinned = (turn.pinned ?? this.options.pinned?.() ?? []).filter((name) => offered.has(name));
    const dense = await this.denseQuery(query, tools, signal);
    const limit = Math.max(Math.max(1, Math.floor(k)), pinned.length);
    const ranked = rankTools(query, {
      bm25: this.bm25,
      filter: offered,
      k: limit,
      pinned,
      ...(dense ? { dense } : {}),
    });
    // Keyword retrieval finds nothing for "what is 2+2?": the turn still gets k tools, the
    // unmatched ones in the order they were given (built-ins first), scored 0.
    const chosen = new Set(ranked.map((item) => item.id));
    for (const tool of tools) {
      if (ranked.length >= limit) break;
      if (chosen.has(tool.name)) continue;
      chosen.add(tool.name);
      ranked.push({ id: tool.name, score: 0, pinned: false, dense: null, bm25: null });
    }
    return {
      tools: ranked.map((item) => ({ name: item.id, score: item.score, pinned: item.pinned, dense: item.dense, bm25: item.bm25 })),
      searched: tools.length,
      retrievers: dense ? ['dense', 'bm25'] : ['bm25'],
    };
  }

  /** Brings the BM25 index in step with `tools` (only changed texts are re-indexed). */
  private syncText(tools: readonly SearchableTool[]): void {
    for (const tool of tools) {
      const text = toolSearchText(tool);
      if (this.indexed.get(tool.name) === text) continue;
      if (this.indexed.has(tool.name)) {
        this.bm25.remove(tool.name);
        this.vectors?.remove(tool.name);
      }
      this.bm25.add(tool.name, text);
      this.indexed.set(tool.name, text);
    }
    // Tools no longer offered stay indexed (they are filtered out): switching one back on is free.
  }

  /** The query vector and an index holding every offered tool; undefined when dense retrieval is off or failed. */
  private async denseQuery(
    query: RetrievalQuery,
    tools: readonly SearchableTool[],
    signal?: AbortSignal,
  ): Promise<{ index: VectorIndex; vector: Float32Array } | undefined> {
    const embed = this.options.embed;
    if (!embed) return undefined;
    try {
      const model = this.options.embedderId?.() ?? '';
      if (model !== this.vectorModel) {
        this.vectors = undefined;
        this.vectorModel = model;
      }
      const missing = tools.filter((tool) => !this.vectors?.has(tool.name));
      if (missing.length > 0) {
        const passages = await embed(missing.map((tool) => this.indexed.get(tool.name) ?? toolSearchText(tool)), 'passage', signal);
        for (const [index, tool] of missing.entries()) {
          const vector = passages[index];
          if (!vector) continue;
          this.vectors ??= createVectorIndex(vector.length, tools.length);
          this.vectors.add(tool.name, vector);
        }
      }
      const vector = await embedQuery(embed, query, signal);
      return vector && this.vectors ? { index: this.vectors, vector } : undefined;
    } catch (error) {
      if (signal?.aborted) throw error;
      // Dense retrieval is an improvement, not a requirement: BM25 still ranks the turn.
      return undefined;
    }
  }
}

/**
 * When a memory is relevant enough to enter a turn's prompt on its own (nobody asked for it).
 *
 * Keyword side (BM25, always available): the memory must contain at least
 * `min(minMatchedTerms, content terms of the query)` distinct content terms of the query, and its
 * BM25 score must be at least `minRelativeScore` of the best hit's. Content terms are the
 * retrieval tokenizer's terms minus common function words ("do", "where", "tell"…) and minus
 * single characters (a CJK query counts its character bigrams, not single characters, which are
 * shared by unrelated sentences). So "Where do I live?" needs "live"; "What coffee do I like?"
 * needs both "coffee" and "like"; one shared common word never pulls a memory in. BM25 scores
 * alone cannot say that: the best hit always scores well relative to the others, whatever it is.
 *
 * Dense side (only when the shared embedding model is loaded): cosine similarity between the
 * query and the memory at or above the model's threshold. Embedding models place unrelated
 * sentences at very different similarities (E5 around 0.7–0.8, BGE around 0.4–0.6), so the
 * threshold is per model; unknown models use {@link DEFAULT_MIN_COSINE}.
 *
 * A memory passing either side qualifies; qualified memories are ordered by the fused rank.
 */
import { tokenize } from '../retrieval/tokenize';

export interface RelevanceRule {
  /** Distinct content terms of the query a memory must share (fewer when the query has fewer). */
  minMatchedTerms: number;
  /** Least BM25 score as a share of the best hit's (0..1). */
  minRelativeScore: number;
  /** Least cosine similarity, for the embedding model in use. */
  minCosine: number;
}

/** Cosine thresholds of the catalog's embedding models (by model id, before any `:dtype`). */
export const MODEL_MIN_COSINE: Readonly<Record<string, number>> = {
  'Xenova/multilingual-e5-small': 0.82,
  'Xenova/bge-small-en-v1.5': 0.65,
};

/** Cosine threshold for embedding models not in {@link MODEL_MIN_COSINE}. */
export const DEFAULT_MIN_COSINE = 0.75;

export const DEFAULT_RELEVANCE: RelevanceRule = { minMatchedTerms: 2, minRelativeScore: 0.3, minCosine: DEFAULT_MIN_COSINE };

/** The rule for an embedder id (`model` or `model:dtype`). */
export function relevanceFor(embedderId: string | undefined, base: RelevanceRule = DEFAULT_RELEVANCE): RelevanceRule {
  if (!embedderId) return base;
  const model = embedderId.split(':')[0] ?? embedderId;
  return { ...base, minCosine: MODEL_MIN_COSINE[model] ?? base.minCosine };
}

/** Words that say how a question is asked, not what it is about. */
const FUNCTION_WORDS = new Set([
  'about', 'all', 'am', 'any', 'can', 'could', 'did', 'do', 'doe', 'does', 'had', 'has', 'have', 'he', 'her', 'him', 'his', 'how',
  'if', 'know', 'let', 'mine', 'not', 'our', 'remember', 'say', 'she', 'should', 'so', 'some', 'tell', 'than', 'that', 'their',
  'them', 'then', 'there', 'they', 'thing', 'think', 'us', 'was', 'we', 'were', 'when', 'where', 'which', 'who', 'why',
  'will', 'would', 'your',
]);

/** The distinct terms of `text` that say what it is about (see the rule above). */
export function contentTerms(text: string): Set<string> {
  const terms = new Set<string>();
  for (const token of tokenize(text)) {
    if (Array.from(token).length < 2 || FUNCTION_WORDS.has(token)) continue;
    terms.add(token);
  }
  return terms;
}

/** How one memory scored for a query. */
export interface ScoredMemory {
  id: string;
  /** BM25 score, when the memory matched any query term. */
  bm25?: number;
  /** Distinct content terms of the query the memory contains. */
  matchedTerms: number;
  /** Cosine similarity, when dense retrieval ran. */
  cosine?: number;
}

/** Whether `hit` may enter a prompt uninvited, given the query's content-term count and the best BM25 score. */
export function isRelevant(hit: ScoredMemory, queryTerms: number, bestBm25: number, rule: RelevanceRule): boolean {
  const needed = Math.min(rule.minMatchedTerms, queryTerms);
  const keyword = needed > 0 && hit.bm25 !== undefined && hit.matchedTerms >= needed && hit.bm25 >= rule.minRelativeScore * bestBm25;
  const dense = hit.cosine !== undefined && hit.cosine >= rule.minCosine;
  return keyword || dense;
}

/**
 * Runs a retrieval eval: indexes every tool by `toolSearchText` (the text the app indexes), ranks
 * all tools for each query by BM25, dense vectors or their reciprocal rank fusion, and scores the
 * rankings against the gold tools. The embedder is passed in, so the same code runs in Node (CLI)
 * and in a browser.
 */
import type { Embedder } from '../embed/types';
import { Bm25Index } from '../retrieval/bm25';
import { createVectorIndex } from '../retrieval/index';
import { rankTools } from '../retrieval/rank';
import { toolSearchText, type SearchableTool } from '../retrieval/tool-text';
import type { VectorIndex } from '../retrieval/types';
import type { RetrievalQuery } from './retrieval-data';
import { scoreRetrieval, type RetrievalOutcome } from './retrieval-metrics';

/** Which retriever ranks the tools. */
export type RetrievalMode = 'dense' | 'bm25' | 'hybrid';

export const RETRIEVAL_MODES: readonly RetrievalMode[] = ['dense', 'bm25', 'hybrid'];

/** Recall cutoffs always reported. */
export const STANDARD_RECALL_CUTOFFS: readonly number[] = [1, 3, 5];

export interface RetrievalEvalOptions {
  tools: readonly SearchableTool[];
  queries: readonly RetrievalQuery[];
  mode: RetrievalMode;
  /** The cutoff of interest (the app's top-k); reported as recall@k when not 1, 3 or 5. */
  k: number;
  /** A loaded embedder; required for 'dense' and 'hybrid'. */
  embedder?: Embedder;
  signal?: AbortSignal;
}

/**
 * The printed report. Keys are the metric names as people write them; each metric is a mean over
 * queries in [0, 1] (see src/eval/retrieval-metrics.ts for the exact definitions).
 */
export type RetrievalReport = {
  mode: RetrievalMode;
  k: number;
  queries: number;
  tools: number;
  mrr: number;
  'ndcg@10': number;
} & Record<`recall@${number}`, number>;

/** One query's full ranking, for callers that want to look at misses. */
export interface RankedQuery extends RetrievalOutcome {
  query: string;
  line: number;
}

/** Ranks every tool for every query and scores the rankings. */
export async function runRetrievalEval(options: RetrievalEvalOptions): Promise<{ report: RetrievalReport; rankings: RankedQuery[] }> {
  const { tools, queries, mode } = options;
  const rank = await buildRanker(options);
  const rankings = queries.map((query, index) => ({ query: query.query, line: query.line, gold: query.gold, ranked: rank(query.query, index) }));
  const cutoffs = [...new Set([...STANDARD_RECALL_CUTOFFS, options.k])].sort((a, b) => a - b);
  const scores = scoreRetrieval(rankings, cutoffs);
  const report = { mode, k: options.k, queries: queries.length, tools: tools.length } as RetrievalReport;
  for (const [n, recall] of scores.recall) report[`recall@${n}`] = round(recall);
  report.mrr = round(scores.mrr);
  report['ndcg@10'] = round(scores.ndcg10);
  return { report, rankings };
}

/** A function from (query text, query number) to tool names, best first. */
type Ranker = (query: string, index: number) => string[];

async function buildRanker(options: RetrievalEvalOptions): Promise<Ranker> {
  const { tools, queries, mode, embedder, signal } = options;
  const texts = tools.map(toolSearchText);
  const all = tools.length;
  let bm25: Bm25Index | undefined;
  if (mode !== 'dense') {
    bm25 = new Bm25Index();
    tools.forEach((tool, index) => bm25!.add(tool.name, texts[index]!));
  }
  let dense: { index: VectorIndex; queryVectors: Float32Array[] } | undefined;
  if (mode !== 'bm25') {
    if (embedder === undefined) throw new RangeError(`Mode "${mode}" needs an embedder.`);
    // Tools are documents and requests are questions: asymmetric models embed them differently.
    const toolVectors = await embedder.embed(texts, 'passage', signal);
    const queryVectors = await embedder.embed(queries.map((query) => query.query), 'query', signal);
    const index = createVectorIndex(embedder.dimensions, all);
    tools.forEach((tool, position) => index.add(tool.name, toolVectors[position]!));
    dense = { index, queryVectors };
  }
  // Every list is read to the end (k = depth = all tools) so MRR sees each gold tool's true rank.
  if (mode === 'bm25') return (query) => bm25!.search(query, all).map((hit) => hit.id);
  if (mode === 'dense') return (_query, index) => dense!.index.search(dense!.queryVectors[index]!, all).map((hit) => hit.id);
  return (query, index) =>
    rankTools(query, { dense: { index: dense!.index, vector: dense!.queryVectors[index]! }, bm25, k: all, depth: all }).map((hit) => hit.id);
}

function round(value: number): number {
  return Number(value.toFixed(4));
}

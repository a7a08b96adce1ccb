/**
 * Tool-retrieval metrics. Each query has a ranking (tool names, best first; it may leave tools out,
 * e.g. BM25 returns only tools sharing a word with the query) and a non-empty set of gold tools.
 * An unranked tool counts as never found. All functions are pure and return values in [0, 1].
 */

/** One query's outcome: what the retriever ranked and which tools were right. */
export interface RetrievalOutcome {
  /** Tool names, best first, each at most once. */
  ranked: readonly string[];
  /** The gold tools; must not be empty. */
  gold: readonly string[];
}

/**
 * recall@n of one query = |gold ∩ top n of ranked| / |gold|: the share of the gold tools found among
 * the first n. With one gold tool it is 1 when that tool is in the top n, else 0.
 */
export function recallAt(outcome: RetrievalOutcome, n: number): number {
  const gold = goldSet(outcome);
  const top = new Set(outcome.ranked.slice(0, Math.max(0, n)));
  let found = 0;
  for (const name of gold) if (top.has(name)) found += 1;
  return found / gold.size;
}

/**
 * Reciprocal rank of one query = 1 / r, where r is the 1-based rank of the FIRST gold tool in the
 * ranking; 0 when no gold tool is ranked at all. Its mean over queries is MRR.
 */
export function reciprocalRank(outcome: RetrievalOutcome): number {
  const gold = goldSet(outcome);
  const index = outcome.ranked.findIndex((name) => gold.has(name));
  return index < 0 ? 0 : 1 / (index + 1);
}

/**
 * nDCG@n of one query with binary relevance (a tool is relevant iff it is gold):
 * DCG@n = Σ_{i=1..n} rel_i / log2(i + 1) over the ranking, and the ideal IDCG@n is the same sum for a
 * ranking that puts every gold tool first, i.e. Σ_{i=1..min(|gold|, n)} 1 / log2(i + 1).
 * nDCG@n = DCG@n / IDCG@n, so 1 means every gold tool (or the first n of them) ranked at the top.
 */
export function ndcgAt(outcome: RetrievalOutcome, n: number): number {
  const gold = goldSet(outcome);
  let dcg = 0;
  outcome.ranked.slice(0, Math.max(0, n)).forEach((name, index) => {
    if (gold.has(name)) dcg += 1 / Math.log2(index + 2);
  });
  let ideal = 0;
  for (let index = 0; index < Math.min(gold.size, n); index += 1) ideal += 1 / Math.log2(index + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

/**
 * Expected recall@n of a ranking drawn uniformly at random over `toolCount` tools: each gold tool
 * lands in the top n with probability min(n, toolCount) / toolCount, whatever the number of gold tools.
 */
export function chanceRecallAt(n: number, toolCount: number): number {
  if (toolCount <= 0) return 0;
  return Math.min(Math.max(0, n), toolCount) / toolCount;
}

/** Mean metrics over queries. `recall` maps each requested n to the mean recall@n. */
export interface RetrievalScores {
  queries: number;
  recall: ReadonlyMap<number, number>;
  /** Mean reciprocal rank ({@link reciprocalRank} averaged over queries). */
  mrr: number;
  /** Mean nDCG@10. */
  ndcg10: number;
}

/** Averages each metric over `outcomes` (macro average: every query weighs the same). */
export function scoreRetrieval(outcomes: readonly RetrievalOutcome[], recallCutoffs: readonly number[]): RetrievalScores {
  const mean = (values: readonly number[]): number => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);
  const recall = new Map<number, number>();
  for (const n of recallCutoffs) recall.set(n, mean(outcomes.map((outcome) => recallAt(outcome, n))));
  return {
    queries: outcomes.length,
    recall,
    mrr: mean(outcomes.map(reciprocalRank)),
    ndcg10: mean(outcomes.map((outcome) => ndcgAt(outcome, 10))),
  };
}

function goldSet(outcome: RetrievalOutcome): ReadonlySet<string> {
  const gold = new Set(outcome.gold);
  if (gold.size === 0) throw new RangeError('A retrieval query needs at least one gold tool.');
  return gold;
}

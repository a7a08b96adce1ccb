import { normalized } from './kernels';
import { tokenize } from './tokenize';

/**
 * A query in two parts: the newest request, which decides, and earlier text (the previous
 * message) that only disambiguates a short follow-up such as "and in Paris?". Searching the two
 * as one text lets whichever matches more words win, so a new topic ("currency rate EUR to JPY"
 * after "news about robots") would come back with the old topic's results.
 */
export interface QueryParts {
  latest: string;
  earlier?: string;
}

/** What retrieval searches for: plain text, or a query in parts. */
export type RetrievalQuery = string | QueryParts;

/** The query in parts (plain text is the newest request alone). */
export function queryParts(query: RetrievalQuery): QueryParts {
  return typeof query === 'string' ? { latest: query } : query;
}

/** How much a word found only in the earlier part counts against one of the newest request. */
export const EARLIER_WEIGHT = 0.25;

/** The query's words (as {@link tokenize} makes them) and the weight of each: 1 for the newest request's. */
export function termWeights(query: RetrievalQuery): Map<string, number> {
  const parts = queryParts(query);
  const weights = new Map<string, number>();
  for (const term of tokenize(parts.earlier ?? '')) weights.set(term, EARLIER_WEIGHT);
  for (const term of tokenize(parts.latest)) weights.set(term, 1);
  return weights;
}

/** Embeds query texts (an embedder's `embed` with kind 'query'). */
export type EmbedQueryTexts = (texts: readonly string[], kind: 'query', signal?: AbortSignal) => Promise<Float32Array[]>;

/**
 * The query's vector: each part embedded, and the unit-length vectors summed at their parts'
 * weights, so each part pulls the search toward its meaning by its weight whatever the
 * embedder's scale. One embedding call; undefined when the embedder returned too few vectors.
 */
export async function embedQuery(embed: EmbedQueryTexts, query: RetrievalQuery, signal?: AbortSignal): Promise<Float32Array | undefined> {
  const parts = queryParts(query);
  const weighted = [{ text: parts.latest, weight: 1 }];
  if (parts.earlier?.trim()) weighted.push({ text: parts.earlier, weight: EARLIER_WEIGHT });
  const vectors = await embed(weighted.map((part) => part.text), 'query', signal);
  const first = vectors[0];
  if (!first || vectors.length < weighted.length) return undefined;
  if (weighted.length === 1) return first;
  const sum = new Float32Array(first.length);
  weighted.forEach(({ weight }, part) => {
    normalized(vectors[part]!, sum.length).forEach((value, i) => {
      sum[i] = (sum[i] ?? 0) + weight * value;
    });
  });
  return sum;
}

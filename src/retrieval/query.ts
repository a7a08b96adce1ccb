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

/** How much a word found only in the earlier part counts against one of the newest request. */
export const EARLIER_WEIGHT = 0.25;

/** The query's words (as {@link tokenize} makes them) and the weight of each: 1 for the newest request's. */
export function termWeights(query: RetrievalQuery): Map<string, number> {
  const parts = typeof query === 'string' ? { latest: query } : query;
  const weights = new Map<string, number>();
  for (const term of tokenize(parts.earlier ?? '')) weights.set(term, EARLIER_WEIGHT);
  for (const term of tokenize(parts.latest)) weights.set(term, 1);
  return weights;
}

/** The query's parts as texts with their weights, the newest first, empty parts left out. */
export function weightedTexts(query: RetrievalQuery): { text: string; weight: number }[] {
  const parts = typeof query === 'string' ? { latest: query } : query;
  const texts = [{ text: parts.latest, weight: 1 }];
  if (parts.earlier?.trim()) texts.push({ text: parts.earlier, weight: EARLIER_WEIGHT });
  return texts;
}

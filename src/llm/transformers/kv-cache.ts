/**
 * Key/value cache reuse across requests on one transformers.js model. The agent's prompts only
 * grow at their end (docs/architecture.md, step 3), so each request starts with the previous
 * one plus its answer: keeping that request's past key values lets the next one read only the
 * tokens after them, instead of re-reading thousands of prompt tokens per step.
 *
 * One cache per loaded model (memory stays bounded by one context window). A prompt that does
 * not start with the previous prompt (or repeat it) drops the cache. One that does, but then
 * departs from the previous answer's tokens (the answer re-tokenised differently, a call written
 * back in canonical JSON, a stop string that cut it), keeps the shared part where the cache can
 * be cut (`kv-cache-cut.ts`).
 */
import { Tensor, type DynamicCache } from '@huggingface/transformers';
import { cutCache } from './kv-cache-cut';

/** What one request gets from the cache, and how it hands the cache back. */
export interface KvReuse {
  /**
   * Spread into `generate()`: the cache to continue from, if any, and the request to return the
   * cache. The full prompt ids still go in `input_ids` (transformers.js feeds only those past the
   * cache), so logits processors and the output see the same ids as without reuse.
   */
  readonly generateOptions: { return_dict_in_generate: true; past_key_values?: DynamicCache };
  /** Prompt tokens the cache already covers (0: nothing reused). */
  readonly cachedTokens: number;
  /** Keeps the cache `generate()` returned for the next request (ignored after a `clear()`). Once per request. */
  keep(output: unknown): Promise<void>;
  /** Drops this request's cache (abort, error): its state may be half-updated. No-op after `keep`. */
  discard(output?: unknown): Promise<void>;
}

/** The cache of one model. Requests must not overlap (the engine runs them one at a time). */
export interface KvCache {
  /** Takes the cache for a request whose prompt is `inputIds` (shape [1, n]). */
  begin(inputIds: Tensor): Promise<KvReuse>;
  /** Frees the cache (unload, conversation switch); a request running now will not keep its own. */
  clear(): Promise<void>;
  /** Tokens the held cache covers; 0 when none is held. */
  readonly heldTokens: number;
}

interface Held {
  /** Token ids the cache covers: the last request's prompt and answer, but its final token. */
  ids: BigInt64Array;
  /** How many of `ids` were that request's prompt: a new prompt must start with all of them. */
  promptLength: number;
  pastKeyValues: DynamicCache;
}

/** Creates an empty cache. */
export function createKvCache(): KvCache {
  let held: Held | undefined;
  /** Bumped by clear(): a request that began before a clear does not keep its cache. */
  let epoch = 0;

  async function drop(): Promise<void> {
    const current = held;
    held = undefined;
    await current?.pastKeyValues.dispose();
  }

  async function begin(inputIds: Tensor): Promise<KvReuse> {
    const started = epoch;
    const promptIds = inputIds.dims[0] === 1 ? (inputIds.data as BigInt64Array) : undefined;
    // The request owns the cache from here: generate() updates it in place.
    const taken = held;
    held = undefined;
    const continued = taken !== undefined && promptIds !== undefined ? continuation(taken, promptIds) : undefined;
    if (taken !== undefined && continued?.pastKeyValues !== taken.pastKeyValues) await taken.pastKeyValues.dispose();
    const passed = continued?.pastKeyValues;
    const cachedTokens = continued?.cachedTokens ?? 0;
    // keep() or discard(), once: a discard after keep() must not free the cache now held.
    let settled = false;
    return {
      generateOptions: { return_dict_in_generate: true, ...(passed === undefined ? {} : { past_key_values: passed }) },
      cachedTokens,
      async keep(output) {
        if (settled) return;
        settled = true;
        const next = cacheOf(output);
        if (next === undefined) return;
        const ids = coveredIds(next);
        if (started !== epoch || ids === undefined || promptIds === undefined) {
          await next.pastKeyValues.dispose();
          return;
        }
        // Swapped before any await, so that a clear() in between frees the new cache too.
        const previous = held;
        held = { ids, promptLength: promptIds.length, pastKeyValues: next.pastKeyValues };
        await previous?.pastKeyValues.dispose();
      },
      async discard(output) {
        if (settled) return;
        settled = true;
        const returned = cacheOf(output)?.pastKeyValues;
        await passed?.dispose();
        if (returned !== undefined && returned !== passed) await returned.dispose();
      },
    };
  }

  return {
    begin,
    async clear() {
      epoch += 1;
      await drop();
    },
    get heldTokens() {
      return held?.ids.length ?? 0;
    },
  };
}

/**
 * The cache a prompt continues from: the held one when the prompt extends all it covers, a cut
 * copy when the prompt starts with the held request's prompt (or repeats it) and then departs
 * from its answer, undefined when the prompt does not continue it or the cache cannot be cut.
 */
function continuation(taken: Held, promptIds: BigInt64Array): { pastKeyValues: DynamicCache; cachedTokens: number } | undefined {
  const reusable = reusablePrefix(taken.ids, promptIds);
  const continuesPrompt =
    reusable > 0 && promptIds.length >= taken.promptLength && reusable >= Math.min(taken.promptLength, promptIds.length - 1);
  if (!continuesPrompt) return undefined;
  const pastKeyValues = reusable === taken.ids.length ? taken.pastKeyValues : cutCache(taken.pastKeyValues, reusable);
  return pastKeyValues === undefined ? undefined : { pastKeyValues, cachedTokens: reusable };
}

/**
 * How many cached ids a prompt shares: all of them when the prompt extends them by at least one
 * token (generate() needs one token to read), else their common start, kept one short of the
 * prompt's end for the same reason.
 */
export function reusablePrefix(cached: BigInt64Array, prompt: BigInt64Array): number {
  const limit = Math.min(cached.length, prompt.length - 1);
  let shared = 0;
  while (shared < limit && cached[shared] === prompt[shared]) shared += 1;
  return shared;
}

/** The sequences and cache of a `generate()` output made with `return_dict_in_generate`. */
function cacheOf(output: unknown): { sequences: Tensor; pastKeyValues: DynamicCache } | undefined {
  if (typeof output !== 'object' || output === null) return undefined;
  const { sequences, past_key_values: pastKeyValues } = output as { sequences?: unknown; past_key_values?: DynamicCache };
  if (!(sequences instanceof Tensor) || pastKeyValues === undefined || pastKeyValues === null) return undefined;
  return { sequences, pastKeyValues };
}

/**
 * The ids a returned cache covers: the output sequence but its last token (sampled, never read
 * back). Undefined when the cache's length says otherwise (a model whose cache we cannot
 * measure, or a batch), so such a cache is never reused.
 */
function coveredIds({ sequences, pastKeyValues }: { sequences: Tensor; pastKeyValues: DynamicCache }): BigInt64Array | undefined {
  if (sequences.dims[0] !== 1) return undefined;
  const ids = (sequences.data as BigInt64Array).slice(0, -1);
  let length: number;
  try {
    length = pastKeyValues.get_seq_length();
  } catch {
    return undefined;
  }
  return length === ids.length ? ids : undefined;
}

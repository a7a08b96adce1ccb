import type { CountTokens } from '../core/agent/token-count';
import type { TransformersEngineOptions } from '../llm/transformers/options';

/** Loads a model's tokenizer as a token counter (its tokenizer files, on first use). */
export type LoadTokenCounter = (options: TransformersEngineOptions) => Promise<CountTokens>;

const loadFromTransformers: LoadTokenCounter = async (options) => {
  // Loaded only once a local transformers.js model is in use; it reads the tokenizer files with
  // @huggingface/tokenizers (~40 KB), never transformers.js, which stays in the LLM worker.
  const { loadTokenCounter } = await import('../llm/transformers/token-counter');
  return loadTokenCounter(options);
};

/**
 * The token counters of local transformers.js models, one per model, each loaded in the
 * background the first time a run uses that model. Until it is ready (or when it cannot load) runs
 * use the estimate, so a turn never waits for a tokenizer. web-llm keeps its tokenizer inside its
 * worker and remote models publish none: both use the estimate.
 */
export class ModelTokenCounters {
  private readonly counters = new Map<string, CountTokens | 'loading'>();

  constructor(private readonly load: LoadTokenCounter = loadFromTransformers) {}

  /** The model's counter when loaded; otherwise starts loading it and returns undefined. */
  counterFor(key: string, options: TransformersEngineOptions): CountTokens | undefined {
    const known = this.counters.get(key);
    if (known === 'loading') return undefined;
    if (known) return known;
    this.counters.set(key, 'loading');
    this.load(options).then(
      (counter) => this.counters.set(key, counter),
      // Forget the failure: the next run tries again (the model may be downloaded by then).
      () => this.counters.delete(key),
    );
    return undefined;
  }
}

/**
 * The embedding models Tabagent offers. Prefixes and pooling follow each model card: a model fed
 * the wrong prefix or pooled the wrong way still returns vectors, just noticeably worse ones.
 */
import type { EmbeddingKind, EmbeddingModelSpec } from './types';

/**
 * intfloat/multilingual-e5-small (ONNX by Xenova): 384-d, ~100 languages. The card requires
 * "query: " / "passage: " on every input, mean pooling and normalization.
 */
export const MULTILINGUAL_E5_SMALL: EmbeddingModelSpec = {
  modelId: 'Xenova/multilingual-e5-small',
  label: 'Multilingual E5 small',
  dimensions: 384,
  pooling: 'mean',
  normalize: true,
  queryPrefix: 'query: ',
  passagePrefix: 'passage: ',
  languages: 'multilingual',
};

/**
 * BAAI/bge-small-en-v1.5 (ONNX by Xenova): 384-d, English. The card uses the [CLS] state,
 * normalized, and an instruction on short retrieval queries only; passages get no prefix.
 */
export const BGE_SMALL_EN: EmbeddingModelSpec = {
  modelId: 'Xenova/bge-small-en-v1.5',
  label: 'BGE small (English)',
  dimensions: 384,
  pooling: 'cls',
  normalize: true,
  queryPrefix: 'Represent this sentence for searching relevant passages: ',
  passagePrefix: '',
  languages: 'en',
};

/** Every catalog model; the first is the default. */
export const EMBEDDING_MODELS: readonly EmbeddingModelSpec[] = [MULTILINGUAL_E5_SMALL, BGE_SMALL_EN];

/** The default: multilingual, because users write in many languages. */
export const DEFAULT_EMBEDDING_MODEL: EmbeddingModelSpec = MULTILINGUAL_E5_SMALL;

/** The catalog entry with this id, if any. */
export function findEmbeddingModel(modelId: string): EmbeddingModelSpec | undefined {
  return EMBEDDING_MODELS.find((model) => model.modelId === modelId);
}

/** The exact text the model sees for `text` used as `kind`. */
export function withPrefix(model: EmbeddingModelSpec, text: string, kind: EmbeddingKind): string {
  return (kind === 'query' ? model.queryPrefix : model.passagePrefix) + text;
}

/**
 * Counts tokens with a model's own tokenizer on the page, without transformers.js: the tokenizer
 * files (`tokenizer.json`, `tokenizer_config.json`, a few hundred KB) are read with
 * `@huggingface/tokenizers`, the library transformers.js itself tokenizes with, so the counts are
 * the same and the page loads ~40 KB instead of transformers.js's ~540 KB.
 */
import { Tokenizer } from '@huggingface/tokenizers';
import { TabagentError, toTabagentError } from '../../core/errors';
import type { TransformersEngineOptions } from './options';

/** Texts remembered per counter: each step re-counts the system text and recent messages. */
const MEMO_SIZE = 256;

/** The Cache API cache transformers.js keeps its downloads in (its `env.cacheKey`). */
const TRANSFORMERS_CACHE = 'transformers-cache';

/** The hub, transformers.js's default `remoteHost`, and its path template. */
const HUB_HOST = 'https://huggingface.co/';
const HUB_PATH_TEMPLATE = '{model}/resolve/{revision}/';

/** Reads one file of the model (by the URL or path transformers.js would read) as text. */
export type ReadModelFile = (location: string) => Promise<string>;

/** Where transformers.js reads a file of this model from, given the engine's options. */
export function tokenizerFileLocation(options: TransformersEngineOptions, file: string): string {
  if (options.localModelPath !== undefined) return `${withTrailingSlash(options.localModelPath)}${options.modelId}/${file}`;
  const template = options.remotePathTemplate ?? HUB_PATH_TEMPLATE;
  const path = template.replaceAll('{model}', options.modelId).replaceAll('{revision}', 'main');
  return `${withTrailingSlash(options.remoteHost ?? HUB_HOST)}${path}${file}`;
}

/**
 * The browser's reader: transformers.js's cache first (the engine has usually downloaded the files
 * already, so no request is made), then `fetch` (through the page's network door).
 */
export const readFromCacheOrNetwork: ReadModelFile = async (location) => {
  const cached = typeof caches === 'undefined' ? undefined : await caches.open(TRANSFORMERS_CACHE).then((cache) => cache.match(location)).catch(() => undefined);
  const response = cached ?? (await fetch(location));
  if (!response.ok) {
    throw new TabagentError('not-found', `The tokenizer file ${location} could not be read (HTTP ${response.status}).`, {
      data: { location, status: response.status },
    });
  }
  return response.text();
};

/**
 * Loads the tokenizer of the model `options` name and returns a synchronous counter for token
 * budgeting. Counts exclude special tokens: the budget adds a fixed overhead per message for the
 * chat template instead. Throws TabagentError when the tokenizer cannot be loaded.
 */
export async function loadTokenCounter(options: TransformersEngineOptions, read: ReadModelFile = readFromCacheOrNetwork): Promise<(text: string) => number> {
  let tokenizer: Tokenizer;
  try {
    const [tokenizerJson, tokenizerConfig] = await Promise.all(
      ['tokenizer.json', 'tokenizer_config.json'].map(async (file) => JSON.parse(await read(tokenizerFileLocation(options, file))) as object),
    );
    tokenizer = new Tokenizer(tokenizerJson as object, tokenizerConfig as object);
  } catch (error) {
    throw toTabagentError(error, 'not-found');
  }
  const memo = new Map<string, number>();
  return (text) => {
    const known = memo.get(text);
    if (known !== undefined) return known;
    const tokens = tokenizer.encode(text, { add_special_tokens: false }).ids.length;
    if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value as string);
    memo.set(text, tokens);
    return tokens;
  };
}

function withTrailingSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}

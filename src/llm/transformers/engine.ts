/** The transformers.js ChatEngine: runs an ONNX decoder in this realm (page or worker). */
import type { ChatChunk, ChatEngine, ChatRequest, EngineCapabilities, LoadProgress } from '../../core/types';
import { abortedError, TabagentError } from '../../core/errors';
import { createChunkQueue } from './chunk-queue';
import { generateInto, type LoadedModel } from './generation';
import { createKvCache } from './kv-cache';
import { loadModel } from './load-model';
import { DEFAULT_CONTEXT_WINDOW, DEFAULT_MAX_TOKENS, type TransformersEngineOptions } from './options';

/**
 * Creates an engine for `options.modelId`. Nothing is fetched until `load()`. Requests run one at a
 * time: a request made while another is still decoding (or winding down after an abort) waits.
 * The key/value cache of the last request is kept (one per engine, so one per model) until
 * `unload()`, `resetContext()`, an abort, or a prompt that does not continue it.
 */
export function createTransformersEngine(options: TransformersEngineOptions): ChatEngine {
  let loaded: LoadedModel | undefined;
  let loading: Promise<LoadedModel> | undefined;
  let tail: Promise<void> = Promise.resolve();
  const kvCache = createKvCache();

  async function load(onProgress?: (progress: LoadProgress) => void, signal?: AbortSignal): Promise<void> {
    if (loaded !== undefined) {
      onProgress?.({ progress: 1, text: 'Ready' });
      return;
    }
    loading ??= loadModel(options, onProgress, signal).finally(() => {
      loading = undefined;
    });
    loaded = await loading;
  }

  async function unload(): Promise<void> {
    await tail;
    const current = loaded;
    loaded = undefined;
    await kvCache.clear();
    await current?.model.dispose();
  }

  async function* chat(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatChunk, void, undefined> {
    if (signal?.aborted) throw abortedError();
    const previous = tail;
    let release = (): void => {};
    tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Stops decoding when the caller aborts or simply stops iterating (return()).
    const stop = new AbortController();
    const combined = signal === undefined ? stop.signal : AbortSignal.any([signal, stop.signal]);
    let generation: Promise<void> | undefined;
    try {
      await previous;
      if (combined.aborted) throw abortedError();
      const model = loaded;
      if (model === undefined) {
        throw new TabagentError('config', 'The model is not loaded yet. Load it before chatting.', { data: { modelId: options.modelId } });
      }
      const queue = createChunkQueue<ChatChunk>();
      generation = generateInto(model, request, queue, combined, options.defaultMaxTokens ?? DEFAULT_MAX_TOKENS, kvCache);
      void generation.finally(release);
      for (let chunk = await queue.next(); chunk !== undefined; chunk = await queue.next()) yield chunk;
    } finally {
      stop.abort();
      if (generation === undefined) release();
    }
  }

  return {
    id: `transformers:${options.modelId}`,
    get capabilities(): EngineCapabilities {
      return {
        // A template that takes `tools` gets them natively and this engine parses the family's calls;
        // otherwise the agent renders tools into the prompt and parses calls from text.
        nativeToolCalls: loaded?.toolSupport !== undefined,
        constrainedOutput: 'none',
        contextWindow: loaded?.contextWindow ?? options.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
      };
    },
    load,
    unload,
    resetContext: () => kvCache.clear(),
    chat,
  };
}

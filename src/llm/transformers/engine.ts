/** The transformers.js ChatEngine: runs an ONNX decoder in this realm (page or worker). */
import type { ChatChunk, ChatEngine, ChatRequest, EngineCapabilities, LoadProgress } from '../../core/types';
import { abortedError, TabagentError } from '../../core/errors';
import { createChunkQueue } from './chunk-queue';
import type { LogitsProcessorList } from '@huggingface/transformers';
import { generateInto, type LoadedModel, type PromptStart } from './generation';
import { createKvCache } from './kv-cache';
import {
  createGrammarSupport,
  importXGrammar,
  nativeToolGrammar,
  type GrammarConstraint,
  type GrammarModel,
  type GrammarSupport,
  type LoadXGrammar,
} from './grammar';
import { loadModel } from './load-model';
import { DEFAULT_CONTEXT_WINDOW, DEFAULT_MAX_TOKENS, type TransformersEngineOptions } from './options';

/** In-process collaborators of the engine (not options: they cannot cross a worker boundary). */
export interface TransformersEngineRuntime {
  /** Supplies XGrammar for `request.responseFormat`; defaults to the bundler's import. */
  loadXGrammar?: LoadXGrammar;
}

/**
 * Creates an engine for `options.modelId`. Nothing is fetched until `load()`. Requests run one at a
 * time: a request made while another is still decoding (or winding down after an abort) waits.
 * The key/value cache of the last request is kept (one per engine, so one per model) until
 * `unload()`, `resetContext()`, an abort, or a prompt that does not continue it.
 * A request with `responseFormat` (the agent's tool-call grammar) is decoded under that constraint.
 * When the model's own template takes the request's tools and its family has a grammar (Hermes),
 * the engine builds the tool-call grammar itself and decodes under it (see native-grammar.ts).
 */
export function createTransformersEngine(options: TransformersEngineOptions, runtime: TransformersEngineRuntime = {}): ChatEngine {
  let loaded: LoadedModel | undefined;
  /** The grammar support of `loaded`, made on load and freed on unload. */
  let grammar: GrammarSupport | undefined;
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
    grammar ??= createGrammarSupport(grammarModel(loaded), runtime.loadXGrammar ?? importXGrammar);
  }

  async function unload(): Promise<void> {
    await tail;
    const current = loaded;
    loaded = undefined;
    await kvCache.clear();
    grammar?.dispose();
    grammar = undefined;
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
    let constraint: GrammarConstraint | undefined;
    try {
      await previous;
      if (combined.aborted) throw abortedError();
      const model = loaded;
      if (model === undefined || grammar === undefined) {
        throw new TabagentError('config', 'The model is not loaded yet. Load it before chatting.', { data: { modelId: options.modelId } });
      }
      const support = grammar;
      // The grammar is made once the prompt is known: where the template opened a think block,
      // the one the engine builds for the template's tools starts inside it.
      const constrain = async ({ startsInsideThink }: PromptStart): Promise<LogitsProcessorList | undefined> => {
        const native = model.toolSupport === undefined ? undefined : nativeToolGrammar(model.toolSupport, request, startsInsideThink);
        constraint = await support.constrain(native === undefined ? request : { responseFormat: { type: 'grammar', grammar: native } });
        return constraint?.processors;
      };
      const queue = createChunkQueue<ChatChunk>();
      generation = generateInto(model, request, queue, combined, options.defaultMaxTokens ?? DEFAULT_MAX_TOKENS, kvCache, constrain);
      void generation.finally(() => {
        constraint?.dispose();
        release();
      });
      for (let chunk = await queue.next(); chunk !== undefined; chunk = await queue.next()) yield chunk;
    } finally {
      stop.abort();
      if (generation === undefined) {
        constraint?.dispose();
        release();
      }
    }
  }

  return {
    id: `transformers:${options.modelId}`,
    get capabilities(): EngineCapabilities {
      return {
        // A template that takes `tools` gets them natively and this engine parses the family's calls;
        // otherwise the agent renders tools into the prompt and parses calls from text, and decoding
        // follows the tool-call grammar it sends (XGrammar masks the logits at every step); on the
        // template's path the engine builds that grammar itself where the family has one.
        nativeToolCalls: loaded?.toolSupport !== undefined,
        constrainedOutput: 'grammar',
        contextWindow: loaded?.contextWindow ?? options.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
      };
    },
    load,
    unload,
    resetContext: () => kvCache.clear(),
    chat,
  };
}

/** What grammar support reads from a loaded model. */
function grammarModel(loaded: LoadedModel): GrammarModel {
  const { vocab_size: vocabSize } = loaded.model.config as { vocab_size?: number };
  return { tokenizer: loaded.tokenizer, vocabSize: vocabSize ?? 0, endIds: loaded.endIds };
}

import type { AppConfig, ChatCompletionChunk } from '@mlc-ai/web-llm';
import { raceAbort } from '../../core/abort';
import { abortedError } from '../../core/errors';
import type { ChatChunk, ChatEngine, ChatRequest, EngineCapabilities, LoadProgress } from '../../core/types';
import { toWebLLMError } from './errors';
import type { MLCEngineLike, WebLLMResponseFormat } from './mlc-engine-like';
import { toLoadProgress } from './progress';
import { fromWebLLMChunk, toWebLLMRequest } from './request';
import { splitThinking } from '../../core/think-splitter';

/** Options of `createWebLLMEngine`. */
export interface WebLLMEngineOptions {
  /** A web-llm model id: one in `prebuiltAppConfig`, or in `appConfig.model_list`. */
  modelId: string;
  /** web-llm's model list (custom URLs, cache backend); default: web-llm's prebuilt list. */
  appConfig?: AppConfig;
  /** Builds the underlying engine instead of web-llm's MLCEngine: tests pass a fake. */
  createEngine?: () => MLCEngineLike | Promise<MLCEngineLike>;
  /** Context window in tokens (the catalog knows it; default 4096, web-llm's usual build). */
  contextWindow?: number;
  /** The model speaks web-llm's native `tools` (only Hermes-2-Pro/Hermes-3-8B builds do). Default false. */
  nativeToolCalls?: boolean;
  /** The model is one of web-llm's vision models (model type VLM): it reads images. Default false. */
  vision?: boolean;
}

/**
 * A ChatEngine on web-llm. Constrained decoding comes with each request: `request.responseFormat`
 * (the agent's tool grammar, or a JSON schema) becomes web-llm's `response_format`.
 */
export interface WebLLMEngine extends ChatEngine {
  readonly modelId: string;
  /** Whether the model is in GPU memory. */
  readonly loaded: boolean;
}

/**
 * web-llm's engine in this realm. The adapter runs inside workers/webllm.worker.ts (the page
 * reaches it through src/llm/worker-protocol), so web-llm's runtime is never loaded by the page.
 */
async function mlcEngine(options: WebLLMEngineOptions): Promise<MLCEngineLike> {
  const { MLCEngine } = await import('@mlc-ai/web-llm');
  return new MLCEngine(options.appConfig ? { appConfig: options.appConfig } : {});
}

/**
 * web-llm behind the ChatEngine seam. `load` downloads (or reads from cache) and compiles the
 * model, reporting progress; `chat` loads on first use, streams, and on abort calls
 * `interruptGenerate()` and closes the worker-side stream so the next request can run;
 * `unload` frees the GPU (and cancels a load in progress). Errors become TabagentErrors.
 */
export function createWebLLMEngine(options: WebLLMEngineOptions): WebLLMEngine {
  const { modelId } = options;
  const nativeToolCalls = options.nativeToolCalls ?? false;
  const capabilities: EngineCapabilities = {
    nativeToolCalls,
    constrainedOutput: 'grammar',
    contextWindow: options.contextWindow ?? 4096,
    vision: options.vision ?? false,
  };
  let engine: Promise<MLCEngineLike> | undefined;
  let loading: Promise<void> | undefined;
  let loaded = false;
  const listeners = new Set<(progress: LoadProgress) => void>();

  const underlying = (): Promise<MLCEngineLike> => {
    if (!engine) {
      const creating = Promise.resolve(options.createEngine ? options.createEngine() : mlcEngine(options));
      creating.catch(() => {
        if (engine === creating) engine = undefined;
      });
      engine = creating;
    }
    return engine;
  };

  // Each load gets a token, so a load cancelled by `unload` cannot mark the engine loaded later.
  let loadToken = 0;
  const startLoad = (): Promise<void> => {
    loadToken += 1;
    const token = loadToken;
    const run = (async () => {
      const mlc = await underlying();
      mlc.setInitProgressCallback((report) => {
        const progress = toLoadProgress(report);
        for (const listener of listeners) listener(progress);
      });
      await mlc.reload(modelId);
      if (token === loadToken) loaded = true;
    })().catch((error: unknown) => {
      if (token === loadToken) loading = undefined;
      throw toWebLLMError(error, modelId);
    });
    loading = run;
    return run;
  };

  const cancelLoad = async (): Promise<void> => {
    loadToken += 1;
    loading = undefined;
    loaded = false;
    // web-llm's unload aborts the reload's downloads (its reloadController).
    const mlc = await engine?.catch(() => undefined);
    await mlc?.unload().catch(() => undefined);
  };

  const load = async (onProgress?: (progress: LoadProgress) => void, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) throw abortedError();
    if (loaded) return;
    if (onProgress) listeners.add(onProgress);
    const onAbort = (): void => void cancelLoad();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await raceAbort(loading ?? startLoad(), signal, abortedError);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (onProgress) listeners.delete(onProgress);
    }
  };

  const formatFor = ({ responseFormat }: ChatRequest): WebLLMResponseFormat | undefined => {
    if (!responseFormat) return undefined;
    return responseFormat.type === 'grammar'
      ? { type: 'grammar', grammar: responseFormat.grammar }
      : { type: 'json_object', schema: JSON.stringify(responseFormat.schema) };
  };

  async function* chat(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatChunk> {
    if (signal?.aborted) throw abortedError();
    await load(undefined, signal);
    const mlc = await underlying();
    const responseFormat = formatFor(request);
    const wire = toWebLLMRequest(request, { nativeToolCalls, vision: capabilities.vision ?? false, ...(responseFormat ? { responseFormat } : {}) });
    let finished = false;
    const interrupt = (): void => mlc.interruptGenerate();
    signal?.addEventListener('abort', interrupt, { once: true });
    let iterator: AsyncIterator<ChatCompletionChunk> | undefined;
    try {
      const stream = await raceAbort(mlc.chatCompletion(wire), signal, abortedError);
      iterator = stream[Symbol.asyncIterator]();
      for (;;) {
        const next = await raceAbort(iterator.next(), signal, abortedError);
        if (next.done) break;
        yield* fromWebLLMChunk(next.value);
      }
      if (signal?.aborted) throw abortedError();
      finished = true;
    } catch (error) {
      throw toWebLLMError(error, modelId);
    } finally {
      signal?.removeEventListener('abort', interrupt);
      // Stopped early (abort, or the consumer broke off): stop decoding, then close the stream so
      // web-llm releases the model's lock; otherwise the next request would wait forever.
      if (!finished) mlc.interruptGenerate();
      void iterator?.return?.()?.catch(() => undefined);
    }
  }

  return {
    id: `webllm:${modelId}`,
    modelId,
    capabilities,
    get loaded() {
      return loaded;
    },
    load,
    async unload() {
      await cancelLoad();
    },
    // Thinking models write a `<think>` block first: it streams as reasoning, apart from the answer.
    chat: (request, signal) => splitThinking(chat(request, signal)),
  };
}

/** Loads tokenizer and model through transformers.js, reporting progress and mapping failures. */
import { AutoConfig, AutoModelForCausalLM, AutoTokenizer, ModelFileNotFoundError } from '@huggingface/transformers';
import { TabagentError, toTabagentError, abortedError } from '../../core/errors';
import { hostOf, isFetchFailure, networkFailure } from '../../core/network-errors';
import type { LoadProgress } from '../../core/types';
import type { LoadedModel } from './generation';
import { DEFAULT_CONTEXT_WINDOW, type TransformersEngineOptions } from './options';
import { endOfTurnIds } from './decode';
import { createProgressTracker } from './progress';
import { toolSupportOf } from './template-tools';
import { configureTransformersRuntime, usesOnnxRuntimeWeb } from './runtime';
import { yieldToEventLoop } from './yield-to-event-loop';

/** Loads the model named by `options`; throws TabagentError ('not-found', 'aborted', 'internal'). */
export async function loadModel(
  options: TransformersEngineOptions,
  onProgress?: (progress: LoadProgress) => void,
  signal?: AbortSignal,
): Promise<LoadedModel> {
  const context = { modelId: options.modelId, device: options.device, dtype: options.dtype ?? 'default' };
  if (signal?.aborted) throw abortedError();
  configureTransformersRuntime(options);
  const tracker = createProgressTracker(onProgress);
  tracker.phase('Starting', 0);
  try {
    // config.json first: a missing model then fails with a clear not-found rather than inside the
    // tokenizer, which reads an absent tokenizer_config.json as undefined.
    const config = await AutoConfig.from_pretrained(options.modelId, { progress_callback: tracker.callback });
    if (signal?.aborted) throw abortedError();
    const tokenizer = await AutoTokenizer.from_pretrained(options.modelId, { progress_callback: tracker.callback });
    if (signal?.aborted) throw abortedError();
    tracker.phase('Preparing the model');
    const model = await AutoModelForCausalLM.from_pretrained(options.modelId, {
      // onnxruntime-node has no 'wasm' provider; its CPU provider is the same kernels natively.
      config,
      device: options.device === 'wasm' && !usesOnnxRuntimeWeb() ? 'cpu' : options.device,
      ...(options.dtype === undefined ? {} : { dtype: options.dtype }),
      progress_callback: tracker.callback,
    });
    if (signal?.aborted) {
      await model.dispose();
      throw abortedError();
    }
    // generate() awaits forward() once per token; yielding there lets messages (abort, the next
    // chunk request) and UI events in between tokens instead of after the whole answer.
    const forward = model.forward.bind(model);
    model.forward = async (inputs: Record<string, unknown>) => {
      await yieldToEventLoop();
      return forward(inputs);
    };
    const { max_position_embeddings: maxPositions } = model.config as { max_position_embeddings?: number };
    const endIds = toIdSet(model.generation_config?.eos_token_id);
    const toolSupport = toolSupportOf(tokenizer);
    tracker.phase('Ready', 1);
    return {
      tokenizer,
      model,
      contextWindow: maxPositions ?? options.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
      endIds,
      removedIds: endOfTurnIds(tokenizer, endIds),
      ...(toolSupport ? { toolSupport } : {}),
    };
  } catch (error) {
    throw toLoadError(error, context, options.remoteHost);
  }
}

function toIdSet(ids: number | number[] | null | undefined): Set<bigint> {
  if (ids === null || ids === undefined) return new Set();
  return new Set((Array.isArray(ids) ? ids : [ids]).map((id) => BigInt(id)));
}

/** Where transformers.js downloads from when no other host is configured. */
const DEFAULT_REMOTE_HOST = 'https://huggingface.co/';

function toLoadError(error: unknown, data: Record<string, unknown>, remoteHost: string = DEFAULT_REMOTE_HOST): TabagentError {
  if (TabagentError.is(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  // Servers with a single-page-app fallback (Vite, many static hosts) answer a missing config.json
  // with index.html, which transformers.js then fails to parse as JSON.
  const servedHtml = error instanceof SyntaxError && /Unexpected token '<'|<!doctype/i.test(message);
  if (error instanceof ModelFileNotFoundError || servedHtml || /not found|404/i.test(message)) {
    return new TabagentError('not-found', `The model "${String(data.modelId)}" could not be found. Check its name and location.`, {
      data: { ...data, detail: message },
      cause: error,
    });
  }
  // The browser's bare "Failed to fetch": say which host, and that nothing was downloaded.
  if (isFetchFailure(error)) {
    return networkFailure({ source: 'model-hub', host: hostOf(remoteHost), name: String(data.modelId) }, { detail: message, cause: error, extra: data });
  }
  if (/Unsupported device|no available backend|webgpu/i.test(message)) {
    return new TabagentError('config', `This browser cannot run the model on ${String(data.device)}. Try the other device.`, {
      data: { ...data, detail: message },
      cause: error,
    });
  }
  const wrapped = toTabagentError(error);
  return new TabagentError(wrapped.code, wrapped.message, { data: { ...data, ...wrapped.data }, cause: error });
}

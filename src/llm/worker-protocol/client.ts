/** The main-thread side: a ChatEngine that forwards to an engine hosted in a worker. */
import { proxy, releaseProxy, wrap, type Endpoint, type Remote } from 'comlink';
import type { ChatChunk, ChatEngine, ChatRequest, EngineCapabilities, LoadProgress } from '../../core/types';
import { abortedError } from '../../core/errors';
import { raceAbort } from '../../core/abort';
import type { LlmWorkerApi } from './api';
import { registerErrorTransfer } from './error-transfer';

/** Which engine the worker should host, and its options (plain data: they are cloned across). */
export interface WorkerEngineOptions<O extends object> {
  /** An engine kind the worker registered, e.g. 'transformers'. */
  kind: string;
  engineOptions: O;
  /** Context window to report before load; after load the hosted engine's value is used. */
  contextWindow?: number;
  /**
   * What to report before load (default: no native tools, no constraint): an agent may build its
   * first request before the engine has loaded, and a grammar is only sent to an engine that says
   * it takes one. After load the hosted engine's own capabilities are used.
   */
  capabilities?: EngineCapabilities;
}

/**
 * Creates a ChatEngine backed by the engine in `worker` (a Worker or any comlink endpoint). App
 * code cannot tell it from an in-process engine: errors keep their TabagentError code and data,
 * aborts stop decoding in the worker, and streams are pulled a batch of ready chunks at a time.
 */
export function createWorkerEngine<O extends object>(worker: Endpoint, options: WorkerEngineOptions<O>): ChatEngine {
  registerErrorTransfer();
  const api: Remote<LlmWorkerApi> = wrap<LlmWorkerApi>(worker);
  const modelId = (options.engineOptions as { modelId?: unknown }).modelId;
  let id = `${options.kind}:${typeof modelId === 'string' ? modelId : 'unknown'}`;
  let capabilities: EngineCapabilities = options.capabilities ?? {
    nativeToolCalls: false,
    constrainedOutput: 'none',
    contextWindow: options.contextWindow ?? 2048,
  };

  // Until a load is asked for, the worker holds nothing: unload() then needs no round trip (a worker
  // still importing its engine library can take seconds to answer).
  let loadRequested = false;

  async function load(onProgress?: (progress: LoadProgress) => void, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw abortedError();
    loadRequested = true;
    const remoteProgress = onProgress === undefined ? undefined : proxy(onProgress);
    const onAbort = (): void => void api.abortLoad();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const info = await api.load(options.kind, { ...options.engineOptions } as Record<string, unknown>, remoteProgress);
      id = info.id;
      capabilities = info.capabilities;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      (remoteProgress as { [releaseProxy]?: () => void } | undefined)?.[releaseProxy]?.();
    }
  }

  // Stream ids are picked here so that start and first pull travel together (see startChat).
  const clientId = Math.random().toString(36).slice(2);
  let streamCount = 0;

  async function* chat(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatChunk, void, undefined> {
    if (signal?.aborted) throw abortedError();
    const streamId = `${clientId}-${++streamCount}`;
    const stop = (): void => void api.stopChat(streamId);
    signal?.addEventListener('abort', stop, { once: true });
    let ended = false;
    try {
      const started: Promise<void> = api.startChat(streamId, request);
      let pending: Promise<ChatChunk[] | null> = api.nextChunks(streamId);
      // Pulls abandoned by an abort or a failed start still settle later; their outcome no longer matters.
      pending.catch(() => undefined);
      await raceAbort(started, signal, abortedError);
      for (;;) {
        const chunks = await raceAbort(pending, signal, abortedError);
        if (chunks === null) {
          ended = true;
          return;
        }
        for (const chunk of chunks) {
          yield chunk;
          // Stopped while the batch was read out: its rest is not shown.
          if (signal?.aborted) throw abortedError();
        }
        pending = api.nextChunks(streamId);
        pending.catch(() => undefined);
      }
    } finally {
      signal?.removeEventListener('abort', stop);
      // The consumer stopped early (break, abort, error): stop decoding in the worker too.
      if (!ended) stop();
    }
  }

  return {
    get id() {
      return id;
    },
    get capabilities() {
      return capabilities;
    },
    load,
    unload: async () => {
      if (!loadRequested) return;
      loadRequested = false;
      await api.unload();
    },
    resetContext: async () => {
      // A worker asked for no model yet holds no context: no round trip.
      if (loadRequested) await api.resetContext();
    },
    chat,
  };
}

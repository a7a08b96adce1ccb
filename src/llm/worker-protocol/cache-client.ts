/** The main-thread side of a worker's model cache: questions go to a worker spawned on demand. */
import { wrap, releaseProxy, type Remote } from 'comlink';
import type { LlmWorkerApi, ModelCacheOps } from './api';
import { registerErrorTransfer } from './error-transfer';

/** Options of {@link createWorkerModelCache}. */
export interface WorkerModelCacheOptions {
  /** Starts the worker that holds the engine library (e.g. `spawnWebLLMWorker`). */
  spawn: () => Worker;
  /** The engine kind whose cache to ask, e.g. 'webllm'. */
  kind: string;
  /**
   * How long the worker stays after the last answer, in ms: the Models page asks about every
   * model at once, so one worker answers the whole page, and none is left running after it.
   */
  idleMs?: number;
}

/**
 * A model cache answered inside a worker, so the page itself never loads the engine library.
 * The worker starts on the first question and ends `idleMs` after the last answer.
 */
export function createWorkerModelCache(options: WorkerModelCacheOptions): ModelCacheOps {
  const idleMs = options.idleMs ?? 10_000;
  let open: { worker: Worker; api: Remote<LlmWorkerApi> } | undefined;
  let inFlight = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const close = (): void => {
    if (!open || inFlight > 0) return;
    open.api[releaseProxy]();
    open.worker.terminate();
    open = undefined;
  };

  const ask = async <T>(question: (api: Remote<LlmWorkerApi>) => Promise<T>): Promise<T> => {
    if (idleTimer !== undefined) clearTimeout(idleTimer);
    if (!open) {
      registerErrorTransfer();
      const worker = options.spawn();
      open = { worker, api: wrap<LlmWorkerApi>(worker) };
    }
    inFlight += 1;
    try {
      return await question(open.api);
    } finally {
      inFlight -= 1;
      if (inFlight === 0) idleTimer = setTimeout(close, idleMs);
    }
  };

  return {
    has: (modelId) => ask((api) => api.isCached(options.kind, modelId)),
    delete: (modelId) => ask((api) => api.deleteCached(options.kind, modelId)),
  };
}

/** The main-thread side: an Embedder that forwards to the embedder hosted in a worker. */
import { proxy, wrap, type Endpoint, type Remote } from 'comlink';
import type { LoadProgress } from '../core/types';
import type { TransformersDevice } from '../llm/transformers/options';
import { registerErrorTransfer } from '../llm/worker-protocol/error-transfer';
import { raceAbort } from '../core/abort';
import { abortedError } from '../core/errors';
import { embedderId, type TransformersEmbedderOptions } from './options';
import type { Embedder, EmbeddingKind } from './types';
import type { EmbedWorkerApi } from './worker-api';
import { connectWorkerToDoor } from '../net/worker-link';

/** An Embedder in a worker; `device` is known once loaded. */
export interface WorkerEmbedder extends Embedder {
  readonly device: TransformersDevice | undefined;
}

/** Creates the proxy. Errors keep their TabagentError code across the boundary. */
export function createWorkerEmbedder(worker: Endpoint, options: TransformersEmbedderOptions): WorkerEmbedder {
  registerErrorTransfer();
  const api: Remote<EmbedWorkerApi> = wrap<EmbedWorkerApi>(worker);
  let id = embedderId(options);
  let dimensions = options.model.dimensions;
  let device: TransformersDevice | undefined;
  let nextRequestId = 1;

  function call<T>(signal: AbortSignal | undefined, run: (requestId: number) => Promise<T>): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortedError());
    const requestId = nextRequestId++;
    // Stop releases the caller at once; the worker stops at its next batch boundary.
    return raceAbort(run(requestId), signal, () => {
      void api.cancel(requestId);
      return abortedError();
    });
  }

  return {
    get id() {
      return id;
    },
    get dimensions() {
      return dimensions;
    },
    get device() {
      return device;
    },
    async load(onProgress?: (progress: LoadProgress) => void, signal?: AbortSignal) {
      const remoteProgress = onProgress === undefined ? undefined : proxy(onProgress);
      const info = await call(signal, (requestId) => api.load(requestId, options, remoteProgress));
      ({ id, dimensions, device } = info);
    },
    embed(texts: readonly string[], kind: EmbeddingKind, signal?: AbortSignal) {
      if (texts.length === 0) return Promise.resolve([]);
      return call(signal, (requestId) => api.embed(requestId, [...texts], kind));
    },
    async unload() {
      device = undefined;
      await api.unload();
    },
  };
}

/** Starts the embed worker (workers/embed.worker.ts) as a module worker bundled by Vite. */
export function spawnEmbedWorker(): Worker {
  const worker = new Worker(new URL('../../workers/embed.worker.ts', import.meta.url), { type: 'module', name: 'tabagent-embed' });
  // Its model downloads go through the page's network door.
  connectWorkerToDoor(worker, 'embedding worker');
  return worker;
}

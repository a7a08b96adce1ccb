/** The worker side: hosts one transformers.js embedder and serves the EmbedWorkerApi. */
import { expose, transfer, type Endpoint } from 'comlink';
import { TabagentError } from '../core/errors';
import type { LoadProgress } from '../core/types';
import { registerErrorTransfer } from '../llm/worker-protocol/error-transfer';
import type { TransformersEmbedderOptions } from './options';
import { createTransformersEmbedder, type TransformersEmbedder } from './transformers-embedder';
import type { EmbedWorkerApi } from './worker-api';

/** Builds the host object (exposed by `exposeEmbedWorkerHost`; tests may call it in-process). */
export function createEmbedWorkerHost(
  create: (options: TransformersEmbedderOptions) => TransformersEmbedder = createTransformersEmbedder,
): EmbedWorkerApi {
  let embedder: TransformersEmbedder | undefined;
  /** The options of `embedder`: loading the same again reuses it. */
  let embedderKey: string | undefined;
  const controllers = new Map<number, AbortController>();

  /** Runs `task` with a signal that `cancel(requestId)` fires. */
  async function cancellable<T>(requestId: number, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    controllers.set(requestId, controller);
    try {
      return await task(controller.signal);
    } finally {
      controllers.delete(requestId);
    }
  }

  return {
    load(requestId, options, onProgress) {
      return cancellable(requestId, async (signal) => {
        const key = JSON.stringify(options);
        if (embedder === undefined || embedderKey !== key) {
          await embedder?.unload();
          embedder = create(options);
          embedderKey = key;
        }
        const current = embedder;
        // Through comlink each progress call is a message answered later; waiting for the last
        // answer means every event has reached the page before load() resolves there.
        let delivered: Promise<unknown> = Promise.resolve();
        const report =
          onProgress === undefined
            ? undefined
            : (progress: LoadProgress): void => {
                delivered = Promise.resolve(onProgress(progress) as unknown);
              };
        try {
          await current.load(report, signal);
          await delivered;
        } catch (error) {
          // A failed load leaves nothing half-made behind; the next load starts fresh.
          if (embedder === current) embedder = embedderKey = undefined;
          throw error;
        }
        return { id: current.id, dimensions: current.dimensions, device: current.device ?? options.device };
      });
    },
    embed(requestId, texts, kind) {
      return cancellable(requestId, async (signal) => {
        if (embedder === undefined) throw new TabagentError('config', 'The embedding model is not loaded yet.');
        const vectors = await embedder.embed(texts, kind, signal);
        return transfer(vectors, vectors.map((vector) => vector.buffer as ArrayBuffer));
      });
    },
    cancel(requestId) {
      controllers.get(requestId)?.abort();
    },
    async unload() {
      const current = embedder;
      embedder = embedderKey = undefined;
      await current?.unload();
    },
  };
}

/** Exposes a host on the worker's global scope (the body of workers/embed.worker.ts). */
export function exposeEmbedWorkerHost(endpoint: Endpoint = self as unknown as Endpoint): void {
  registerErrorTransfer();
  expose(createEmbedWorkerHost(), endpoint);
}

/** The worker side: hosts one engine of any registered kind and serves the LlmWorkerApi. */
import { expose, type Endpoint } from 'comlink';
import type { ChatChunk, ChatEngine, ChatRequest, LoadProgress } from '../../core/types';
import { abortedError, TabagentError } from '../../core/errors';
import { BATCH_INTERVAL_MS, MAX_CHUNKS_PER_PULL, type EngineFactories, type EngineFactory, type LlmWorkerApi, type LoadedEngineInfo, type ModelCacheOps, type ModelCaches } from './api';
import { registerErrorTransfer } from './error-transfer';

interface Stream {
  iterator: AsyncIterator<ChatChunk>;
  controller: AbortController;
  /** Chunks the engine wrote that no pull has taken yet (at most MAX_CHUNKS_PER_PULL). */
  buffer: ChatChunk[];
  ended: boolean;
  failure?: { error: unknown };
  /** Wakes the pull waiting for a chunk, the end or a failure. */
  wake?: () => void;
  /** Wakes the reader waiting for room in the buffer. */
  drained?: () => void;
  /** When the last pull was answered (performance.now()); unset before the first. */
  answeredAt?: number;
}

/** Whether a pull must answer now: the buffer is full, or the stream ended or failed. */
function mustAnswer(stream: Stream): boolean {
  return stream.buffer.length >= MAX_CHUNKS_PER_PULL || stream.ended || stream.failure !== undefined;
}

/**
 * Holds a pull that found chunks until BATCH_INTERVAL_MS after the previous answer (or until the
 * buffer fills, the stream ends, fails or is stopped), so that a fast engine's tokens cross in a
 * few messages rather than one each. The first answer of a stream is never held.
 */
async function gatherBatch(stream: Stream): Promise<void> {
  if (stream.answeredAt === undefined || mustAnswer(stream)) return;
  const wait = stream.answeredAt + BATCH_INTERVAL_MS - performance.now();
  if (wait <= 0) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, wait);
    function done(): void {
      clearTimeout(timer);
      stream.wake = undefined;
      resolve();
    }
    stream.wake = () => {
      if (mustAnswer(stream) || stream.controller.signal.aborted) done();
    };
  });
}

/**
 * Reads the engine's stream into the buffer as the engine writes it, so that a pull takes every
 * chunk written since the last one in one message; waits while the buffer is full (the consumer
 * sets the pace). Stops when the stream ends, fails or is stopped.
 */
async function readInto(stream: Stream, live: () => boolean): Promise<void> {
  try {
    for (;;) {
      if (stream.buffer.length >= MAX_CHUNKS_PER_PULL) await new Promise<void>((resolve) => (stream.drained = resolve));
      if (!live()) return;
      const step = await stream.iterator.next();
      if (step.done === true) {
        stream.ended = true;
        return;
      }
      stream.buffer.push(step.value);
      stream.wake?.();
    }
  } catch (error) {
    stream.failure = { error };
  } finally {
    stream.wake?.();
  }
}

/**
 * Wraps a typed engine factory for the host. Options are plain data the main-thread proxy typed
 * with the same `O` before they were cloned across, which is why the one cast here is sound.
 */
export function defineEngineKind<O extends object>(create: (options: O) => ChatEngine): EngineFactory {
  return (options) => create(options as unknown as O);
}

/**
 * Builds the host object (exposed by `exposeLlmWorkerHost`; tests may call it in-process).
 * `caches` answers the cache questions of the kinds that have one.
 */
export function createLlmWorkerHost(factories: EngineFactories, caches: ModelCaches = {}): LlmWorkerApi {
  let engine: ChatEngine | undefined;
  /** Kind and options of `engine`: loading the same again reuses it (load() is idempotent). */
  let engineKey: string | undefined;
  let loadController: AbortController | undefined;
  const streams = new Map<string, Stream>();

  function requireEngine(): ChatEngine {
    if (engine === undefined) throw new TabagentError('config', 'The model is not loaded yet. Load it before chatting.');
    return engine;
  }

  function cacheOf(kind: string): ModelCacheOps {
    const cache = caches[kind];
    if (cache === undefined) {
      throw new TabagentError('config', `This worker keeps no model cache for "${kind}" engines.`, { data: { kind, known: Object.keys(caches) } });
    }
    return cache;
  }

  function stopChat(streamId: string): void {
    const stream = streams.get(streamId);
    if (stream === undefined) return;
    streams.delete(streamId);
    stream.controller.abort();
    // A pull waiting on this stream answers 'aborted'; the reader, waiting for room, stops.
    stream.wake?.();
    stream.drained?.();
    // Runs the engine's cleanup.
    void stream.iterator.return?.().catch(() => undefined);
  }

  return {
    async load(kind, options, onProgress) {
      const factory = factories[kind];
      if (factory === undefined) {
        throw new TabagentError('config', `This worker cannot run "${kind}" engines.`, { data: { kind, known: Object.keys(factories) } });
      }
      const key = JSON.stringify([kind, options]);
      let candidate = engine;
      if (candidate === undefined || engineKey !== key) {
        await engine?.unload();
        candidate = factory(options);
        engine = candidate;
        engineKey = key;
      }
      loadController = new AbortController();
      // Progress calls are messages on their own port; waiting for the last one before returning
      // means every event has arrived by the time load() resolves on the main thread.
      let delivered: unknown = undefined;
      const report = (progress: LoadProgress): void => {
        delivered = onProgress?.(progress);
      };
      try {
        await candidate.load(report, loadController.signal);
      } catch (error) {
        if (engine === candidate) {
          engine = undefined;
          engineKey = undefined;
        }
        throw error;
      } finally {
        loadController = undefined;
        await Promise.resolve(delivered).catch(() => undefined);
      }
      const info: LoadedEngineInfo = { id: candidate.id, capabilities: { ...candidate.capabilities } };
      return info;
    },
    abortLoad() {
      loadController?.abort();
    },
    async unload() {
      for (const streamId of [...streams.keys()]) stopChat(streamId);
      const current = engine;
      engine = undefined;
      engineKey = undefined;
      await current?.unload();
    },
    async resetContext() {
      await engine?.resetContext?.();
    },
    async startChat(streamId: string, request: ChatRequest) {
      if (streams.has(streamId)) throw new TabagentError('internal', 'A stream with this id is already running.', { data: { streamId } });
      const controller = new AbortController();
      const iterator = requireEngine().chat(request, controller.signal)[Symbol.asyncIterator]();
      const stream: Stream = { iterator, controller, buffer: [], ended: false };
      streams.set(streamId, stream);
      void readInto(stream, () => streams.get(streamId) === stream);
    },
    async nextChunks(streamId) {
      const stream = streams.get(streamId);
      if (stream === undefined) throw abortedError('Stopped.', { data: { streamId } });
      if (stream.buffer.length === 0 && !stream.ended && stream.failure === undefined) {
        await new Promise<void>((resolve) => (stream.wake = resolve));
        stream.wake = undefined;
      }
      if (streams.get(streamId) === stream) await gatherBatch(stream);
      if (streams.get(streamId) !== stream) throw abortedError('Stopped.', { data: { streamId } });
      // Chunks written before an end or a failure are delivered first; the end or failure after.
      if (stream.buffer.length > 0) {
        const batch = stream.buffer.splice(0);
        stream.answeredAt = performance.now();
        stream.drained?.();
        stream.drained = undefined;
        return batch;
      }
      streams.delete(streamId);
      if (stream.failure !== undefined) throw stream.failure.error;
      return null;
    },
    stopChat,
    async isCached(kind, modelId) {
      return cacheOf(kind).has(modelId);
    },
    async deleteCached(kind, modelId) {
      await cacheOf(kind).delete(modelId);
    },
  };
}

/**
 * Exposes a host on `endpoint` (the worker's global scope by default). A dedicated worker's scope
 * only receives messages from the page that created it, so no origin check is needed there.
 */
export function exposeLlmWorkerHost(
  factories: EngineFactories,
  endpoint: Endpoint = self as unknown as Endpoint,
  caches: ModelCaches = {},
): LlmWorkerApi {
  registerErrorTransfer();
  const host = createLlmWorkerHost(factories, caches);
  expose(host, endpoint);
  return host;
}

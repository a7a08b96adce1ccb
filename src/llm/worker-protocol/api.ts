/** The contract between the LLM worker host and its main-thread proxy. */
import type { ChatChunk, ChatEngine, ChatRequest, EngineCapabilities, LoadProgress } from '../../core/types';

/** Creates an engine of one kind from plain options that crossed the worker boundary. */
export type EngineFactory = (options: Record<string, unknown>) => ChatEngine;

/** Engine kinds a worker can host, by name ('transformers' in llm.worker.ts, 'webllm' in webllm.worker.ts). */
export type EngineFactories = Record<string, EngineFactory>;

/**
 * An engine library's download cache, asked inside the worker that already holds the library, so
 * the page never loads it just to answer "is this model downloaded?".
 */
export interface ModelCacheOps {
  /** Whether the model's weights are in this browser's cache. */
  has(modelId: string): Promise<boolean>;
  /** Deletes every cached file of the model. */
  delete(modelId: string): Promise<void>;
}

/** Model caches a worker can answer for, by engine kind. */
export type ModelCaches = Record<string, ModelCacheOps>;

/** What load() reports back: the hosted engine's identity and capabilities. */
export interface LoadedEngineInfo {
  id: string;
  capabilities: EngineCapabilities;
}

/** The most chunks one pull answers with (bounds how far ahead of the consumer a batch runs). */
export const MAX_CHUNKS_PER_PULL = 64;

/**
 * The least time between two answers of one stream. A tiny model on WASM writes a token every
 * 1–2 ms, and each message costs the worker's thread time it would spend decoding (one answer per
 * token: 0.87× the tokens/s of the engine called on the page); the page shows at most one update a
 * frame, so gathering a frame's worth (16 ms) shows the same. Models slower than that are unaffected.
 */
export const BATCH_INTERVAL_MS = 16;

/**
 * Methods the worker exposes. Streams are pulled by the consumer, which sets the pace and can stop
 * at any point; a pull answers with the chunks ready by then (at least one, at most
 * MAX_CHUNKS_PER_PULL; after the first answer, no sooner than BATCH_INTERVAL_MS after the previous
 * one), so a fast engine is not held to one message round trip per chunk; `null` marks the end of
 * a stream.
 */
export interface LlmWorkerApi {
  load(kind: string, options: Record<string, unknown>, onProgress?: (progress: LoadProgress) => void): Promise<LoadedEngineInfo>;
  /** Aborts a load in flight (the engine stops at its next checkpoint). */
  abortLoad(): void;
  unload(): Promise<void>;
  /** Forwards `ChatEngine.resetContext` to the hosted engine (nothing when none is loaded). */
  resetContext(): Promise<void>;
  /**
   * Starts a stream under an id the caller picked, so that the first pull can be sent in the same
   * turn instead of after a round trip (messages are handled in order).
   */
  startChat(streamId: string, request: ChatRequest): Promise<void>;
  nextChunks(streamId: string): Promise<ChatChunk[] | null>;
  /** Aborts a stream: its pending and later pulls fail with 'aborted'. */
  stopChat(streamId: string): void;
  /** Whether a model of this engine kind is downloaded (a 'config' error for a kind without a cache). */
  isCached(kind: string, modelId: string): Promise<boolean>;
  /** Deletes a downloaded model of this engine kind. */
  deleteCached(kind: string, modelId: string): Promise<void>;
}

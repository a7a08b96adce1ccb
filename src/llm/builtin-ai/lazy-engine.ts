import type { ChatChunk, ChatEngine, ChatRequest } from '../../core/types';
import { BUILTIN_AI_ENGINE_ID, builtinAiCapabilities } from './capabilities';
import type { BuiltinAiEngineOptions } from './engine';

/**
 * The built-in engine with its code (sessions, streaming, the text-or-call decoding and the
 * grammar module it reads) fetched on the first `load` or `chat`, so the app shell, which builds
 * local engines from the settings at start, does not carry it. Capabilities are those of the
 * real engine once it exists (its context window comes from the browser's session).
 */
export function createLazyBuiltinAiEngine(options: BuiltinAiEngineOptions = {}): ChatEngine {
  let engine: Promise<ChatEngine> | undefined;
  let loaded: ChatEngine | undefined;
  const real = (): Promise<ChatEngine> => {
    engine ??= import('./engine').then((module) => {
      loaded = module.createBuiltinAiEngine(options);
      return loaded;
    });
    // A failed fetch of the code (offline, no cache) is tried again on the next use.
    engine.catch(() => {
      engine = undefined;
    });
    return engine;
  };
  return {
    id: BUILTIN_AI_ENGINE_ID,
    get capabilities() {
      return loaded?.capabilities ?? builtinAiCapabilities();
    },
    async load(onProgress, signal) {
      await (await real()).load(onProgress, signal);
    },
    async unload() {
      if (engine) await (await engine).unload();
    },
    async *chat(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatChunk, void, undefined> {
      yield* (await real()).chat(request, signal);
    },
  };
}

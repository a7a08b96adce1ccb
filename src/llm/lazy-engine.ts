import type { ChatChunk, ChatEngine, ChatRequest, EngineCapabilities } from '../core/types';

/**
 * An engine whose code is fetched on its first `load` or `chat` (`create` runs a dynamic
 * import), so the app shell does not carry it. A failed fetch (offline, no cache) is tried again
 * on the next use. `capabilities(real)` answers before and after: `real` is the engine once made.
 */
export function lazyEngine(
  id: string,
  create: () => Promise<ChatEngine>,
  capabilities: (real: ChatEngine | undefined) => EngineCapabilities,
): ChatEngine {
  let engine: Promise<ChatEngine> | undefined;
  let made: ChatEngine | undefined;
  const real = (): Promise<ChatEngine> => {
    engine ??= create().then((created) => (made = created));
    engine.catch(() => {
      engine = undefined;
    });
    return engine;
  };
  return {
    id,
    get capabilities() {
      return capabilities(made);
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

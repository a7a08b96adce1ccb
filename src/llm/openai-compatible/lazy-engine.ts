import type { ChatChunk, ChatEngine, ChatRequest } from '../../core/types';
import { resolveEndpoints } from './base-url';
import type { OpenAICompatibleOptions } from './options';
import { resolveOptions } from './resolve-options';

/**
 * The openai-compatible engine with its code (request, retries, SSE reading) fetched on the first
 * `load` or `chat`, so the app shell does not carry it. Settings are checked at once, exactly as
 * `createOpenAICompatibleEngine` checks them, and the capabilities are known before any load.
 */
export function createLazyOpenAICompatibleEngine(options: OpenAICompatibleOptions): ChatEngine {
  resolveEndpoints(options.baseUrl);
  const resolved = resolveOptions(options);
  let engine: Promise<ChatEngine> | undefined;
  const real = (): Promise<ChatEngine> => {
    engine ??= import('./engine').then((module) => module.createOpenAICompatibleEngine(options));
    // A failed fetch of the code (offline, no cache) is tried again on the next use.
    engine.catch(() => {
      engine = undefined;
    });
    return engine;
  };
  return {
    id: `openai-compatible:${resolved.model}`,
    capabilities: {
      nativeToolCalls: resolved.nativeToolCalls,
      constrainedOutput: 'none',
      contextWindow: resolved.contextWindow,
      vision: resolved.vision,
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

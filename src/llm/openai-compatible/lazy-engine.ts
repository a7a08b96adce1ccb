import type { ChatEngine } from '../../core/types';
import { lazyEngine } from '../lazy-engine';
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
  const capabilities = { nativeToolCalls: resolved.nativeToolCalls, constrainedOutput: 'none', contextWindow: resolved.contextWindow, vision: resolved.vision } as const;
  return lazyEngine(
    `openai-compatible:${resolved.model}`,
    () => import('./engine').then((module) => module.createOpenAICompatibleEngine(options)),
    () => capabilities,
  );
}

import type { ChatEngine } from '../../core/types';
import { lazyEngine } from '../lazy-engine';
import { BUILTIN_AI_ENGINE_ID, builtinAiCapabilities } from './capabilities';
import type { BuiltinAiEngineOptions } from './engine';

/**
 * The built-in engine with its code (sessions, streaming, the text-or-call decoding and the
 * grammar module it reads) fetched on the first `load` or `chat`, so the app shell, which builds
 * local engines from the settings at start, does not carry it. Capabilities are those of the
 * real engine once it exists (its context window comes from the browser's session).
 */
export function createLazyBuiltinAiEngine(options: BuiltinAiEngineOptions = {}): ChatEngine {
  return lazyEngine(
    BUILTIN_AI_ENGINE_ID,
    () => import('./engine').then((module) => module.createBuiltinAiEngine(options)),
    (real) => real?.capabilities ?? builtinAiCapabilities(),
  );
}

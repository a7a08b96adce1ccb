import { TabagentError } from '../../core/errors';
import { abortableSleep } from './abortable';
import type { OpenAICompatibleOptions, ResolvedOptions } from './options';

/**
 * The options with their defaults, checked: throws TabagentError 'config' when the model or key
 * cannot work. Kept apart from the engine so a lazily loaded engine can check its settings (and
 * state its capabilities) at once, before its code is fetched.
 */
export function resolveOptions(options: OpenAICompatibleOptions): ResolvedOptions {
  const model = options.model.trim();
  if (model === '') {
    throw new TabagentError('config', 'Enter the model name the server should use, for example gpt-4o-mini or qwen2.5:7b.');
  }
  const apiKey = options.apiKey?.trim() || undefined;
  // fetch refuses header values outside Latin-1 with an error that quotes the value: catch it first.
  if (apiKey !== undefined && !/^[\x21-\x7e]+$/.test(apiKey)) {
    throw new TabagentError(
      'config',
      'The API key contains spaces or characters that cannot be sent. Paste the key again in Settings.',
    );
  }
  const fetchImpl = options.fetch;
  return {
    model,
    apiKey,
    headers: { ...(options.headers ?? {}) },
    // Looked up per call so a fetch installed after creation (polyfills, test stubs) is used.
    fetch: fetchImpl ?? ((url, init) => globalThis.fetch(url, init)),
    sleep: options.sleep ?? abortableSleep,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    maxRetries: Math.max(0, Math.floor(options.maxRetries ?? 3)),
    nativeToolCalls: options.nativeToolCalls ?? true,
    contextWindow: options.contextWindow ?? 8192,
    vision: options.vision ?? true,
    stream: options.stream ?? true,
    timeoutMs: options.timeoutMs !== undefined && options.timeoutMs > 0 ? options.timeoutMs : undefined,
  };
}

/** The openai-compatible ChatEngine: OpenAI, vLLM, Ollama, LM Studio, OpenRouter, DashScope… over fetch. */
import type { ChatChunk, ChatEngine, ChatRequest } from '../../core/types';
import { abortedError, TabagentError } from '../../core/errors';
import { throwIfAborted } from '../../core/abort';
import { abortableSleep } from './abortable';
import { describeUrl, resolveEndpoints } from './base-url';
import type { ErrorContext } from './http-errors';
import type { OpenAICompatibleOptions, ResolvedOptions } from './options';
import { readChatResponse } from './read-response';
import { collectSecrets } from './redact';
import { sendWithRetries } from './send-request';
import { incompleteStreamError } from './stream-errors';
import { toWireRequest } from './wire-request';

/**
 * Creates an engine that talks to any OpenAI-compatible chat.completions endpoint. Throws
 * TabagentError 'config' at once when the base URL, model or key cannot work.
 */
export function createOpenAICompatibleEngine(options: OpenAICompatibleOptions): ChatEngine {
  const endpoints = resolveEndpoints(options.baseUrl);
  const resolved = resolveOptions(options);
  const context: ErrorContext = {
    url: describeUrl(endpoints.chatCompletionsUrl),
    baseUrl: describeUrl(endpoints.baseUrl),
    model: resolved.model,
    hasKey: resolved.apiKey !== undefined,
    secrets: collectSecrets(resolved.apiKey, resolved.headers),
  };
  const headers = mergeHeaders(
    { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
    resolved.headers,
    resolved.apiKey === undefined ? {} : { Authorization: `Bearer ${resolved.apiKey}` },
  );

  async function* chat(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatChunk, void, undefined> {
    throwIfAborted(signal);
    const body = JSON.stringify(toWireRequest(request, resolved));
    const connection = await sendWithRetries(
      { url: endpoints.chatCompletionsUrl, headers, body, options: resolved, context },
      signal,
    );
    try {
      yield* readChatResponse(connection.response, context, signal);
    } catch (error) {
      if (signal?.aborted) throw abortedError();
      if (TabagentError.is(error)) throw error;
      // A body read that failed outside the event-stream reader (a JSON answer cut off).
      throw incompleteStreamError(
        context,
        'The connection closed before the answer was complete. Try again.',
        error instanceof Error ? error.message : String(error),
      );
    } finally {
      connection.release();
    }
  }

  return {
    id: `openai-compatible:${resolved.model}`,
    capabilities: {
      nativeToolCalls: resolved.nativeToolCalls,
      constrainedOutput: 'none',
      contextWindow: resolved.contextWindow,
    },
    // Nothing to download: the model lives on the server.
    async load(onProgress) {
      onProgress?.({ progress: 1, text: `Using ${resolved.model} at ${context.baseUrl}.` });
    },
    async unload() {},
    chat,
  };
}

function resolveOptions(options: OpenAICompatibleOptions): ResolvedOptions {
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
    stream: options.stream ?? true,
    timeoutMs: options.timeoutMs !== undefined && options.timeoutMs > 0 ? options.timeoutMs : undefined,
  };
}

/** Later layers win; names compare case-insensitively so no header is sent twice. */
function mergeHeaders(...layers: Array<Record<string, string>>): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const layer of layers) {
    for (const [name, value] of Object.entries(layer)) {
      for (const existing of Object.keys(merged)) {
        if (existing.toLowerCase() === name.toLowerCase()) delete merged[existing];
      }
      merged[name] = value;
    }
  }
  return merged;
}

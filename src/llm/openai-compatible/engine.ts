/** The openai-compatible ChatEngine: OpenAI, vLLM, Ollama, LM Studio, OpenRouter, DashScope… over fetch. */
import { splitThinking } from '../../core/think-splitter';
import type { ChatChunk, ChatEngine, ChatRequest } from '../../core/types';
import { TabagentError, abortedError } from '../../core/errors';
import { throwIfAborted } from '../../core/abort';
import { describeUrl, resolveEndpoints } from './base-url';
import type { ErrorContext } from './http-errors';
import type { OpenAICompatibleOptions } from './options';
import { readChatResponse } from './read-response';
import { resolveOptions } from './resolve-options';
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
      { url: endpoints.chatCompletionsUrl, headers, body, options: resolved, context, maxRetries: request.noRetry ? 0 : undefined },
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
      vision: resolved.vision,
    },
    // Nothing to download: the model lives on the server.
    async load(onProgress) {
      onProgress?.({ progress: 1, text: `Using ${resolved.model} at ${context.baseUrl}.` });
    },
    async unload() {},
    // Servers without a reasoning parser (llama.cpp, LM Studio, vLLM without --reasoning-parser)
    // pass a thinking model's <think> block on as content: it becomes reasoning here too.
    chat: (request, signal) => splitThinking(chat(request, signal)),
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

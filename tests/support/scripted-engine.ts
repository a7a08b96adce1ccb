import type { ChatChunk, ChatEngine, ChatRequest, EngineCapabilities } from '../../src/core/types';
import { TabagentError } from '../../src/core/errors';

/** One scripted answer: chunks to stream, or a function of the request that returns them. */
export type ScriptStep = ChatChunk[] | ((request: ChatRequest) => ChatChunk[]);

export interface ScriptedEngine extends ChatEngine {
  /** Every request the engine received, in order (deep copies). */
  readonly requests: ChatRequest[];
}

/**
 * A test double at the ChatEngine seam: answers each request with the next scripted step,
 * streaming chunk by chunk (yielding to the event loop between chunks, like a real stream).
 */
export function createScriptedEngine(
  steps: ScriptStep[],
  capabilities: Partial<EngineCapabilities> = {},
): ScriptedEngine {
  const requests: ChatRequest[] = [];
  let index = 0;
  return {
    id: 'scripted',
    capabilities: { nativeToolCalls: true, constrainedOutput: 'none', contextWindow: 8192, ...capabilities },
    requests,
    async load() {},
    async unload() {},
    async *chat(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatChunk> {
      requests.push(structuredClone(request));
      const step = steps[index];
      index += 1;
      if (!step) throw new TabagentError('internal', `Scripted engine has no step ${index}.`);
      const chunks = typeof step === 'function' ? step(request) : step;
      for (const chunk of chunks) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (signal?.aborted) throw new TabagentError('aborted', 'Stopped.');
        yield chunk;
      }
    },
  };
}

/** Chunks for a text answer, split into small pieces. */
export function textChunks(text: string, size = 4): ChatChunk[] {
  const chunks: ChatChunk[] = [];
  for (let offset = 0; offset < text.length; offset += size) {
    chunks.push({ type: 'text-delta', text: text.slice(offset, offset + size) });
  }
  chunks.push({ type: 'finish', reason: 'stop' });
  return chunks;
}

/** Chunks for native tool calls, each call's JSON arguments split into small fragments. */
export function toolCallChunks(calls: Array<{ id?: string; name: string; arguments: unknown }>, size = 3): ChatChunk[] {
  const chunks: ChatChunk[] = [];
  calls.forEach((call, index) => {
    const text = JSON.stringify(call.arguments);
    chunks.push({ type: 'tool-call-delta', index, id: call.id ?? `call_${index}`, name: call.name, argumentsDelta: '' });
    for (let offset = 0; offset < text.length; offset += size) {
      chunks.push({ type: 'tool-call-delta', index, argumentsDelta: text.slice(offset, offset + size) });
    }
  });
  chunks.push({ type: 'finish', reason: 'tool-calls' });
  chunks.push({ type: 'usage', usage: { promptTokens: 10, completionTokens: 5 } });
  return chunks;
}

import { TabagentError } from '../../../src/core/errors';
import type { ChatChunk, ChatEngine, ChatRequest } from '../../../src/core/types';
import { pause } from './scripted-run';

/**
 * A ChatEngine test double: answer `n` is `script(request, n)`, streamed one chunk every
 * `delayMs`. It honours the abort signal the way real engines do (throws 'aborted').
 */
export function scriptedEngine(
  script: (request: ChatRequest, index: number) => ChatChunk[],
  delayMs = 10,
): ChatEngine & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  return {
    id: 'scripted',
    requests,
    capabilities: { nativeToolCalls: true, constrainedOutput: 'none', contextWindow: 8192 },
    load: async () => undefined,
    unload: async () => undefined,
    async *chat(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatChunk> {
      requests.push(request);
      for (const chunk of script(request, requests.length - 1)) {
        if (!(await pause(delayMs, signal))) throw new TabagentError('aborted', 'Stopped.');
        yield chunk;
      }
    },
  };
}

/** Text split into streamed deltas, then a finish. */
export function textChunks(...pieces: string[]): ChatChunk[] {
  return [...pieces.map((text): ChatChunk => ({ type: 'text-delta', text })), { type: 'finish', reason: 'stop' }];
}

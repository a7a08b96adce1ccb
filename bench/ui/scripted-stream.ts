/**
 * The bench's engine: a Hermes-format (text tool calls) model that streams a long answer one token
 * per chunk, each chunk in its own task, the way a worker or a server stream delivers them.
 */
import type { ChatChunk, ChatEngine } from '../../src/core/types';
import { yieldToEventLoop } from '../../src/llm/transformers/yield-to-event-loop';

const WORDS = ['the', 'agent', 'reads', 'a', 'page', 'and', 'writes', 'an', 'answer', 'with', '**bold**', 'words', 'in', 'it'];

/** The answer's tokens: words, a paragraph break every 48 tokens, a short list now and then. */
export function answerTokens(count: number): string[] {
  const tokens: string[] = [];
  for (let index = 0; index < count; index += 1) {
    if (index > 0 && index % 480 === 0) tokens.push('\n\n- item one\n- item two\n\n');
    else if (index > 0 && index % 48 === 0) tokens.push('.\n\n');
    else tokens.push(`${WORDS[index % WORDS.length] ?? 'word'} `);
  }
  return tokens;
}

/** An engine without native tool calls (so the loop uses the Hermes format) that streams `tokens`. */
export function streamingEngine(tokens: () => readonly string[]): ChatEngine {
  return {
    id: 'bench:hermes',
    capabilities: { nativeToolCalls: false, constrainedOutput: 'none', contextWindow: 1_000_000 },
    load: () => Promise.resolve(),
    unload: () => Promise.resolve(),
    async *chat(_request, signal): AsyncGenerator<ChatChunk> {
      for (const text of tokens()) {
        // One task per chunk (a MessageChannel hop: nested timers would add a 4 ms clamp each).
        await yieldToEventLoop();
        if (signal?.aborted) return;
        yield { type: 'text-delta', text };
      }
      yield { type: 'finish', reason: 'stop' };
    },
  };
}

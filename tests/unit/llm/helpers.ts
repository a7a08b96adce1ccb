/** Shared helpers for the llm unit tests. */
import { TabagentError } from '../../../src/core/errors';
import type { ChatChunk } from '../../../src/llm';

/** Awaits `promise` and returns the TabagentError it rejects with; fails if it resolves. */
export async function failure(promise: Promise<unknown>): Promise<TabagentError> {
  try {
    await promise;
  } catch (error) {
    if (TabagentError.is(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Reads a stream, keeping the chunks that arrived before any error. */
export async function drain(stream: AsyncIterable<ChatChunk>): Promise<{ chunks: ChatChunk[]; error?: TabagentError }> {
  const chunks: ChatChunk[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
    return { chunks };
  } catch (error) {
    if (!TabagentError.is(error)) throw error;
    return { chunks, error };
  }
}

/** The text of the text deltas among `chunks`. */
export function textOf(chunks: readonly ChatChunk[]): string {
  return chunks.map((chunk) => (chunk.type === 'text-delta' ? chunk.text : '')).join('');
}

export const question = { messages: [{ role: 'user' as const, content: 'Hi' }] };

import { describe, expect, it } from 'vitest';
import { collectChat, createChatAccumulator, type ChatChunk } from '../../../src/llm';

async function* streamOf(chunks: ChatChunk[]): AsyncGenerator<ChatChunk> {
  for (const chunk of chunks) yield chunk;
}

describe('collectChat', () => {
  it('joins text and interleaved tool-call deltas by index', async () => {
    const chunks: ChatChunk[] = [
      { type: 'text-delta', text: 'Let ' },
      { type: 'text-delta', text: 'me see.' },
      { type: 'tool-call-delta', index: 1, id: 'b', name: 'second', argumentsDelta: '' },
      { type: 'tool-call-delta', index: 0, id: 'a', name: 'first', argumentsDelta: '{"x"' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{"y":' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: ':1}' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '2}' },
      { type: 'usage', usage: { promptTokens: 10, completionTokens: 5 } },
      { type: 'finish', reason: 'tool-calls' },
    ];
    const seen: ChatChunk[] = [];
    const result = await collectChat(streamOf(chunks), (chunk) => seen.push(chunk));
    expect(seen).toEqual(chunks);
    expect(result).toEqual({
      text: 'Let me see.',
      toolCalls: [
        { index: 0, id: 'a', name: 'first', arguments: '{"x":1}' },
        { index: 1, id: 'b', name: 'second', arguments: '{"y":2}' },
      ],
      usage: { promptTokens: 10, completionTokens: 5 },
      finishReason: 'tool-calls',
    });
  });

  it('keeps the first id and name, and invents an id when none came', async () => {
    const result = await collectChat(
      streamOf([
        { type: 'tool-call-delta', index: 0, name: 'lookup', argumentsDelta: '{' },
        { type: 'tool-call-delta', index: 0, id: 'late', name: 'lookup', argumentsDelta: '}' },
        { type: 'tool-call-delta', index: 3, id: 'x', name: 'other', argumentsDelta: '' },
        { type: 'tool-call-delta', index: 3, id: 'y', name: 'renamed', argumentsDelta: '' },
      ]),
    );
    expect(result.toolCalls).toEqual([
      { index: 0, id: 'late', name: 'lookup', arguments: '{}' },
      { index: 3, id: 'x', name: 'other', arguments: '' },
    ]);
    const noId = await collectChat(streamOf([{ type: 'tool-call-delta', index: 2, name: 'f', argumentsDelta: '{}' }]));
    expect(noId.toolCalls[0]?.id).toBe('call_2');
    expect(noId.usage).toBeUndefined();
    expect(noId.finishReason).toBeUndefined();
  });

  it('an accumulator keeps the partial answer when the stream fails', async () => {
    async function* broken(): AsyncGenerator<ChatChunk> {
      yield { type: 'text-delta', text: 'Half an ans' };
      throw new Error('cut');
    }
    const accumulator = createChatAccumulator();
    await expect(
      (async () => {
        for await (const chunk of broken()) accumulator.add(chunk);
      })(),
    ).rejects.toThrow('cut');
    expect(accumulator.result()).toEqual({ text: 'Half an ans', toolCalls: [] });
  });
});

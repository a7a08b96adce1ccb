import { describe, expect, it } from 'vitest';
import { getFormat } from '../../../src/core/formats';
import { createThinkSplitter, promptOpensThinking, splitThinking, type ThinkSplitterOptions } from '../../../src/core/think-splitter';
import type { ChatChunk } from '../../../src/core/types';

/** Feeds `deltas` through one splitter; returns the chunks and the joined reasoning and text. */
function split(deltas: readonly string[], options?: ThinkSplitterOptions): { chunks: ChatChunk[]; reasoning: string; text: string } {
  const splitter = createThinkSplitter(options);
  const chunks = [...deltas.flatMap((delta) => splitter.push(delta)), ...splitter.end()];
  const join = (type: ChatChunk['type']): string => chunks.map((chunk) => (chunk.type === type && 'text' in chunk ? chunk.text : '')).join('');
  return { chunks, reasoning: join('reasoning-delta'), text: join('text-delta') };
}

/** Every way of cutting `text` into two deltas, and one delta per character. */
function cuts(text: string): string[][] {
  const ways: string[][] = [[text], Array.from(text)];
  for (let at = 1; at < text.length; at += 1) ways.push([text.slice(0, at), text.slice(at)]);
  return ways;
}

const QWEN3 = '<think>\nThe user wants 2*3. I will use the calculator.\n</think>\n\n';
const CALL = '<tool_call>\n{"name": "calculator", "arguments": {"expression": "2*3"}}\n</tool_call>';

describe('think splitter', () => {
  it('a Qwen3 think block becomes reasoning, the answer after it text, however the deltas are cut', () => {
    for (const deltas of cuts(`${QWEN3}It is 6.`)) {
      const { reasoning, text } = split(deltas);
      expect({ reasoning, text, deltas }).toEqual({ reasoning: 'The user wants 2*3. I will use the calculator.\n', text: 'It is 6.', deltas });
    }
  });

  it('streams the thinking as it arrives, not at the end', () => {
    const splitter = createThinkSplitter();
    expect(splitter.push('<think>Let me')).toEqual([{ type: 'reasoning-delta', text: 'Let me' }]);
    expect(splitter.push(' see</th')).toEqual([{ type: 'reasoning-delta', text: ' see' }]);
    expect(splitter.push('ink>Hi')).toEqual([{ type: 'text-delta', text: 'Hi' }]);
    expect(splitter.end()).toEqual([]);
  });

  it('a think block then a tool call: the call parses from the text, with nothing of the thinking in it', () => {
    for (const deltas of cuts(QWEN3 + CALL)) {
      const { reasoning, text } = split(deltas);
      expect(reasoning).toContain('calculator');
      expect(text).toBe(CALL);
      const parsed = getFormat('hermes').parse(text);
      expect(parsed.calls).toEqual([{ name: 'calculator', arguments: { expression: '2*3' } }].map((call) => expect.objectContaining(call)));
      expect(parsed.content).toBe('');
    }
  });

  it('an unclosed think block at the end is all thinking (the answer ran out while thinking)', () => {
    for (const deltas of cuts('<think>Still thinking about it</thi')) {
      expect(split(deltas)).toMatchObject({ reasoning: 'Still thinking about it</thi', text: '' });
    }
  });

  it('a prompt that opened the block: the answer starts inside it (DeepSeek-R1 templates)', () => {
    for (const deltas of cuts('Okay, greet back.\n</think>\n\nHello!')) {
      expect(split(deltas, { startsInside: true })).toMatchObject({ reasoning: 'Okay, greet back.\n', text: 'Hello!' });
    }
  });

  it('text without a think block passes unchanged, a lone < included', () => {
    for (const answer of ['Hello!', '<b>bold</b>', '<', '  indented', '<thinker>', '\n\n']) {
      for (const deltas of cuts(answer)) {
        expect(split(deltas)).toMatchObject({ reasoning: '', text: answer });
      }
    }
  });

  it('only a block at the start counts: a <think> later in the answer is its own text', () => {
    const answer = 'Use the <think> tag like this: <think>…</think>.';
    expect(split([answer])).toMatchObject({ reasoning: '', text: answer });
  });

  it('an empty think block (thinking switched off) leaves only the answer', () => {
    expect(split(['<think>\n\n</think>\n\n', 'Hi'])).toEqual({ chunks: [{ type: 'text-delta', text: 'Hi' }], reasoning: '', text: 'Hi' });
  });

  it('recognises prompts that end inside an opened block', () => {
    expect(promptOpensThinking('<｜Assistant｜><think>\n')).toBe(true);
    expect(promptOpensThinking('<|im_start|>assistant\n<think>\n\n</think>\n\n')).toBe(false);
    expect(promptOpensThinking('<|im_start|>assistant\n')).toBe(false);
  });
});

describe('splitThinking over a chunk stream', () => {
  async function* stream(chunks: ChatChunk[]): AsyncGenerator<ChatChunk> {
    yield* chunks;
  }

  async function all(chunks: AsyncIterable<ChatChunk>): Promise<ChatChunk[]> {
    const out: ChatChunk[] = [];
    for await (const chunk of chunks) out.push(chunk);
    return out;
  }

  it('splits the text deltas; usage and finish pass unchanged, held-back text comes before finish', async () => {
    const out = await all(
      splitThinking(
        stream([
          { type: 'text-delta', text: '<think>Hm' },
          { type: 'text-delta', text: 'm</think>Answer <' },
          { type: 'usage', usage: { promptTokens: 3, completionTokens: 4 } },
          { type: 'finish', reason: 'stop' },
        ]),
      ),
    );
    expect(out).toEqual([
      { type: 'reasoning-delta', text: 'Hm' },
      { type: 'reasoning-delta', text: 'm' },
      { type: 'text-delta', text: 'Answer <' },
      { type: 'usage', usage: { promptTokens: 3, completionTokens: 4 } },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  it('flushes an unclosed block at the end of a stream without finish', async () => {
    const out = await all(splitThinking(stream([{ type: 'text-delta', text: '<think>cut off </' }])));
    expect(out).toEqual([
      { type: 'reasoning-delta', text: 'cut off ' },
      { type: 'reasoning-delta', text: '</' },
    ]);
  });
});

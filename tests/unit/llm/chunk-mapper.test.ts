import { describe, expect, it } from 'vitest';
import { createChunkMapper } from '../../../src/llm/openai-compatible/chunk-mapper';
import type { ChatChunk } from '../../../src/core/types';

const chunk = (index: number | undefined, content: string, finish?: string): Record<string, unknown> => ({
  choices: [{ ...(index === undefined ? {} : { index }), delta: { content }, finish_reason: finish ?? null }],
});

function run(payloads: Array<Record<string, unknown>>): ChatChunk[] {
  const mapper = createChunkMapper();
  return [...payloads.flatMap((payload) => mapper.map(payload)), ...mapper.close()];
}

describe('several answers in one stream (n > 1)', () => {
  it('keeps only answer 0: payloads holding only answer 1 or 2 add nothing', () => {
    const chunks = run([
      chunk(0, 'Hel'),
      chunk(1, 'Bonj'),
      chunk(2, 'Hal'),
      chunk(0, 'lo'),
      chunk(1, 'our', 'length'),
      chunk(2, 'lo', 'content_filter'),
      chunk(0, '!', 'stop'),
    ]);
    const text = chunks.flatMap((c) => (c.type === 'text-delta' ? [c.text] : [])).join('');
    expect(text).toBe('Hello!');
    expect(chunks.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
  });

  it('another answer finishing first does not decide the finish reason', () => {
    const chunks = run([chunk(1, 'x', 'length'), chunk(0, 'y')]);
    expect(chunks.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
  });

  it('picks answer 0 out of a payload that holds several choices', () => {
    const payload = { choices: [{ index: 1, delta: { content: 'B' } }, { index: 0, delta: { content: 'A' } }] };
    expect(run([payload]).filter((c) => c.type === 'text-delta')).toEqual([{ type: 'text-delta', text: 'A' }]);
  });

  it('a choice without an index is answer 0 (servers that omit it)', () => {
    expect(run([chunk(undefined, 'plain')]).filter((c) => c.type === 'text-delta')).toEqual([{ type: 'text-delta', text: 'plain' }]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { visibleText } from '../../../src/core/agent/extract-calls';
import { createVisibleStream } from '../../../src/core/agent/visible-stream';
import { getFormat, type FormatName } from '../../../src/core/formats';
import type { ToolCallFormat } from '../../../src/core/formats/types';

/**
 * Streaming equals non-streaming: the incremental display (which parses only the text after its last
 * committed point) emits exactly what re-parsing the whole answer at every delta emitted, for random
 * answers split at random points. (Calls come from the final parse of the whole answer, unchanged.)
 */

const PIECES = [
  'Hello',
  ' world',
  'Sure.',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '\t',
  'x',
  '<',
  '[',
  '{',
  '"',
  '`',
  '```',
  'Action: search\nAction Input: {"q": "a"}\n',
  'Thought: hmm\n',
  'Final Answer: done',
  '<tool_call>\n{"name": "search", "arguments": {"q": "a"}}\n</tool_call>',
  '<tool_call>{"name": "se',
  '<tool_c',
  '<function=search>\n<parameter=q>\na\n</parameter>\n</function>',
  '[TOOL_CALLS]search[ARGS]{"q": "a"}',
  '[TOOL_CALLS]',
  '{"name": "search", "arguments": {"q": "a"}}',
  '[search(q="a")]',
  '>>>search\n{"q": "a"}',
  '<tool_response>\nok\n</tool_response>',
];

const FORMATS: Array<FormatName | null> = [null, 'hermes', 'react', 'qwen3-coder', 'mistral', 'openai', 'pythonic', 'functionary'];

/** The old way: re-parse the whole text at each delta and emit only growth. */
function oneShotDeltas(chunks: string[], format: ToolCallFormat | null): string[] {
  let raw = '';
  let shown = '';
  const out: string[] = [];
  for (const chunk of chunks) {
    raw += chunk;
    const display = visibleText(raw, format);
    if (display.length > shown.length && display.startsWith(shown)) {
      out.push(display.slice(shown.length));
      shown = display;
    }
  }
  return out;
}

function streamedDeltas(chunks: string[], format: ToolCallFormat | null): string[] {
  const stream = createVisibleStream(format);
  return chunks.map((chunk) => stream.push(chunk)).filter((text) => text !== '');
}

/** A random answer and a random split of it into deltas. */
const answerAndSplit = fc
  .array(fc.constantFrom(...PIECES), { maxLength: 24 })
  .chain((pieces) => {
    const text = pieces.join('');
    return fc
      .uniqueArray(fc.integer({ min: 1, max: Math.max(1, text.length - 1) }), { maxLength: Math.min(40, text.length) })
      .map((cuts) => {
        const sorted = cuts.filter((cut) => cut < text.length).sort((a, b) => a - b);
        const chunks: string[] = [];
        let from = 0;
        for (const cut of sorted) {
          chunks.push(text.slice(from, cut));
          from = cut;
        }
        chunks.push(text.slice(from));
        return chunks.filter((chunk) => chunk !== '');
      });
  });

describe('incremental display of a streamed answer', () => {
  it.each(FORMATS)('format %s: random splits emit what one-shot parsing emits', (name) => {
    const format = name === null ? null : getFormat(name);
    fc.assert(
      fc.property(answerAndSplit, (chunks) => {
        expect(streamedDeltas(chunks, format)).toEqual(oneShotDeltas(chunks, format));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps prose that streams token by token, and hides a call that follows it', () => {
    const answer = 'First line.\nSecond line.\n\nThird.\n<tool_call>\n{"name": "a", "arguments": {}}\n</tool_call>';
    const chunks = answer.match(/[\s\S]{1,3}/g) ?? [];
    const shown = streamedDeltas(chunks, getFormat('hermes')).join('');
    expect(shown).toBe('First line.\nSecond line.\n\nThird.');
  });

  it('parses only the text after the last committed line (per-delta work does not grow with prose)', () => {
    const format = getFormat('hermes');
    const seen: number[] = [];
    const spy: ToolCallFormat = { ...format, parse: (text, options) => (seen.push(text.length), format.parse(text, options)) };
    const stream = createVisibleStream(spy);
    for (let i = 0; i < 2000; i++) stream.push(i % 10 === 9 ? 'word.\n' : 'word ');
    expect(Math.max(...seen.slice(-100))).toBeLessThan(120);
  });
});

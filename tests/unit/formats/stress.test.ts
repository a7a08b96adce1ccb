import { describe, expect, it } from 'vitest';
import { parseToolCalls, repairJson, type FormatName } from '../../../src/core/formats';

/**
 * (d) Hostile and huge inputs: 1 MB texts and 10,000-deep nesting in every format, read without a
 * throw and with a bounded problem list. Speed is checked by growth (time at 4× ≤ 6× time at 1×) in
 * growth.test.ts, not by flat budgets, which a quadratic path passed at these sizes.
 */
const MB = 1 << 20;
const MODES: Array<FormatName | 'auto'> = ['openai', 'hermes', 'react', 'modelscope', 'auto'];

/** `unit` repeated to exactly `size` characters. */
const fill = (unit: string, size = MB): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
const deepArgs = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;

const INPUTS: Array<[string, string]> = [
  ['1 MB string argument (hermes)', `<tool_call>{"name":"a","arguments":{"x":"${'x'.repeat(MB)}"}}</tool_call>`],
  ['1 MB string argument (openai)', `{"name":"a","arguments":{"x":"${'y'.repeat(MB)}"}}`],
  ['1 MB string argument (react)', `Action: a\nAction Input: {"x":"${'z'.repeat(MB)}"}`],
  ['1 MB string argument (modelscope)', `<|startofthink|>{"api_name":"a","parameters":{"x":"${'w'.repeat(MB)}"}}<|endofthink|>`],
  ['10,000-deep arguments (hermes)', `<tool_call>{"name":"a","arguments":${deepArgs}}</tool_call>`],
  ['10,000-deep arguments (react)', `Action: a\nAction Input: ${deepArgs}`],
  ['10,000-deep arguments (openai)', `{"name":"a","arguments":${deepArgs}}`],
  ['10,000 open brackets', '['.repeat(10_000)],
  ['1 MB of {', fill('{')],
  ['1 MB of [', fill('[')],
  ['1 MB of "', fill('"')],
  ['1 MB of {"a":[', fill('{"a":[')],
  ['1 MB of unclosed <tool_call>', fill('<tool_call>{x')],
  ['1 MB of unclosed <|startofthink|>', fill('<|startofthink|>{')],
  ['1 MB of close tags inside strings', fill('<tool_call>{"a":"</tool_call>')],
  ['1 MB of complete hermes calls', fill('<tool_call>{"name":"a","arguments":{}}</tool_call>')],
  ['1 MB of bare openai calls', fill('{"name":"a","arguments":{}} ')],
  ['1 MB of Action lines', fill('Action: a\n')],
  ['1 MB of Action/Action Input pairs', fill('Action: a\nAction Input: {\n')],
  ['1 MB of nested tool_calls prefixes', fill('{"tool_calls":[{"function":{"name":"a","arguments":"')],
  ['1 MB of backslashes in a string', `"${fill('\\')}`],
  ['1 MB of broken unicode escapes', `"${fill('\\u12')}`],
  ['1 MB of + after a key', `{"a":${fill('+')}`],
  ['1 MB of commas', `[${fill(',')}`],
  ['1 MB of spaces then junk', `{${fill(' ')}x`],
  ['1 MB of newlines', fill('\n')],
  ['1 MB of comment openers', fill('/*')],
  ['1 MB of code fences', fill('```')],
  ['1 MB of "name": "arguments":', fill('"name": "arguments": ')],
  ['1 MB final answer', `Final Answer: ${fill('z')}`],
];

describe('(d) huge and deeply nested inputs', () => {
  it.each(INPUTS)('%s: no throw, in every format', (_label, text) => {
    for (const format of MODES) {
      for (const final of [false, true]) {
        const result = parseToolCalls(text, { format, final });
        expect(Array.isArray(result.calls)).toBe(true);
        expect(result.problems.length).toBeLessThanOrEqual(101);
      }
    }
    expect(() => repairJson(text)).not.toThrow();
  }, 60_000);

  it('keeps the 1 MB argument and the 10,000-deep arguments intact', () => {
    const [big] = parseToolCalls(INPUTS[0]?.[1] ?? '', { format: 'auto' }).calls;
    expect((big?.arguments.x as string).length).toBe(MB);
    const [deep] = parseToolCalls(INPUTS[4]?.[1] ?? '', { format: 'auto' }).calls;
    let depth = 0;
    let node: unknown = deep?.arguments;
    while (typeof node === 'object' && node !== null) {
      depth++;
      node = (node as Record<string, unknown>).a;
    }
    expect(depth).toBe(10_000);
  });
});

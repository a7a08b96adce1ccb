import { describe, expect, it } from 'vitest';
import { parseToolCalls, repairJson, type FormatName } from '../../src/core/formats';
import { describeGrowth, fill, GROWTH_LIMIT, measureGrowth } from '../support/growth';

/**
 * Every format against adversarial repetitions of its own markup: time at 4× the size ≤ 6× the time
 * at 1×, own format and auto, streamed and final. Each unit repeats a marker followed by something
 * that makes a body fail or never end (nothing, a comment opener, an open brace, a backslash in a
 * string, nested brackets); the text ends in a comment closer and "!" so a comment opened early closes at the very end
 * and the JSON fails there — the shape that made Qwen3-Coder's `<function=a>{/*` quadratic.
 */
/** Screened at 32 K → 128 K; a pair over the limit is measured again at 1 M → 4 M, then 2 M → 8 M (see measureGrowth). */
const SIZES = [32 * 1024, 1024 * 1024, 2048 * 1024];

const MARKERS: Array<[FormatName, string]> = [
  ['hermes', '<tool_call>'],
  ['qwen3-coder', '<function=a>'],
  ['qwen3-coder', '<tool_call><function=a>'],
  ['qwen3-coder', '<function name="a">'],
  ['qwen3-coder', '<tool_call><function name=a><parameter name="k">'],
  ['glm45', '<tool_call>a\n'],
  ['glm45', '<tool_call>a<arg_key>k</arg_key><arg_value>'],
  ['glm45', 'a\n<arg_key>'],
  ['glm45', 'a<arg_key>k</arg_key><arg_value>'],
  ['modelscope', '<|startofthink|>'],
  ['llama3-json', '<|python_tag|>'],
  ['pythonic', '<|tool_call_start|>'],
  ['pythonic', '\n[f('],
  ['pythonic', '<function_calls>'],
  ['mistral', '[TOOL_CALLS]'],
  ['mistral', '[TOOL_CALLS]a'],
  ['mistral', '[TOOL_CALLS]a[ARGS]'],
  ['mistral', '[TOOL_CALLS]a '],
  ['deepseek', '<｜tool▁call▁begin｜>f<｜tool▁sep｜>'],
  ['functiongemma', '<start_function_call>call:f'],
  ['granite', '<|tool_call|>'],
  ['granite', '<function_call>'],
  ['jamba', '<tool_calls>'],
  ['internlm2', '<|action_start|><|plugin|>'],
  ['command-r7b', '<|START_ACTION|>'],
  ['functionary', '>>>a\n'],
  ['functionary', 'a\n{}>>>all\n'],
  ['functionary', '<|recipient|>a\n'],
  ['qwen-agent', '✿FUNCTION✿: a\n✿ARGS✿: '],
  ['react-json', '{"action":'],
  ['react', 'Action: a\nAction Input: '],
  ['react', 'Action: a\nAction Input: plain text '],
  ['openai', '{"name":"a","arguments":'],
  ['openai', '{"tool_calls":['],
];

const ADVERSARIES: Array<[string, string]> = [
  ['unclosed marker', ''],
  ['comment opener', '{/*'],
  ['open brace', '{'],
  ['backslash in a string', '{"a":"\\'],
  ['nested brackets', '[['],
];

const byFormat = new Map<FormatName, string[]>();
for (const [format, marker] of MARKERS) byFormat.set(format, [...(byFormat.get(format) ?? []), marker]);

describe('parsing grows linearly on adversarial repetitions', () => {
  it.each([...byFormat.entries()])('%s', (format, markers) => {
    const slow: string[] = [];
    for (const marker of markers) {
      for (const [label, suffix] of ADVERSARIES) {
        for (const [mode, final] of [[format, false], [format, true], ['auto', true]] as const) {
          {
            const growth = measureGrowth(
              (size) => fill(marker + suffix, size, '*/!'),
              (text) => parseToolCalls(text, { format: mode, final }),
              SIZES,
            );
            if (growth.ratio > GROWTH_LIMIT) slow.push(describeGrowth(`${JSON.stringify(marker)} + ${label}, ${mode}${final ? ', final' : ''}`, growth));
          }
        }
      }
    }
    expect(slow).toEqual([]);
  }, 120_000);

  it('the issue 14 input: <function=a>{/* repeated, then */!', () => {
    const growth = measureGrowth(
      (size) => fill('<function=a>{/*', size, '*/!'),
      (text) => parseToolCalls(text, { format: 'auto', final: true }),
      [64 * 1024, 1024 * 1024, 2048 * 1024],
    );
    expect(growth.ratio, describeGrowth('qwen3-coder', growth)).toBeLessThanOrEqual(GROWTH_LIMIT);
  }, 60_000);
});

describe('reading code as text grows linearly', () => {
  // Inline code and fences are masked before every parse (markup inside code is text).
  it.each([['`'], ['``'], ['```'], ['`<tool_call>'], ['```python\n<tool_call>{']])('%s repeated', (unit) => {
    const growth = measureGrowth(
      (size) => fill(unit, size, '`!'),
      (text) => parseToolCalls(text, { format: 'auto', final: true }),
      // Larger than the format screens: masking a few kilobytes takes well under a millisecond.
      [128 * 1024, 1024 * 1024, 2048 * 1024],
    );
    expect(growth.ratio, describeGrowth(`code ${JSON.stringify(unit)}`, growth)).toBeLessThanOrEqual(GROWTH_LIMIT);
  }, 60_000);
});

describe('JSON repair grows linearly', () => {
  it.each([['{'], ['['], ['"'], ['{"a":['], ['\\'], ['/*'], [','], ['{"a":"\\u12']])('%s repeated', (unit) => {
    const growth = measureGrowth(
      (size) => fill(unit, size, '*/!'),
      (text) => repairJson(text),
      SIZES,
    );
    expect(growth.ratio, describeGrowth(`repairJson ${unit}`, growth)).toBeLessThanOrEqual(GROWTH_LIMIT);
  }, 60_000);
});

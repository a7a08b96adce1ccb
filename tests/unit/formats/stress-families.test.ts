import { describe, expect, it } from 'vitest';
import { parseToolCalls, type FormatName } from '../../../src/core/formats';

/**
 * (d) for the families recognised in auto mode: 1 MB of each family's markup, broken in the ways
 * that would make a naive parser quadratic (unclosed tags, close tags never seen, markers repeated
 * without bodies). Each is parsed in its own format and in auto, final or not.
 */
const MB = 1 << 20;
const fill = (unit: string, size = MB): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

const INPUTS: Array<[FormatName, string, string]> = [
  ['qwen3-coder', '1 MB of <function= without >', fill('<function=a')],
  ['qwen3-coder', '1 MB of open parameters', `<tool_call><function=f>${fill('<parameter=a>x')}`],
  ['qwen3-coder', '1 MB of complete XML calls', fill('<tool_call>\n<function=f>\n<parameter=a>\n1\n</parameter>\n</function>\n</tool_call>\n')],
  ['glm45', '1 MB of arg keys without values', `<tool_call>f\n${fill('<arg_key>a</arg_key>')}`],
  ['glm45', '1 MB of unclosed arg values', fill('<tool_call>f<arg_key>a</arg_key><arg_value>')],
  ['llama3-json', '1 MB of ; separated calls', `<|python_tag|>${fill('{"name":"a","parameters":{}};')}`],
  // A failed candidate on every other line is the costliest case per byte: 512 KB keeps it inside the
  // budget on a loaded machine while still showing linear growth (quadratic would take minutes).
  ['pythonic', '512 KB of line-start [f(', fill('\n[f(a=[', MB / 2)],
  ['pythonic', '1 MB of nested lists in a call', `[f(a=${fill('[')}`],
  ['pythonic', '1 MB of prose brackets', fill('\n[note] see [1](x) ')],
  ['pythonic', '1 MB of unclosed <function_calls>', fill('<function_calls>f(a=1)\n')],
  ['mistral', '1 MB of [TOOL_CALLS] names', fill('[TOOL_CALLS]abc')],
  ['mistral', '1 MB of v11 calls', fill('[TOOL_CALLS]a[ARGS]{"x":1}')],
  ['deepseek', '1 MB of call begins without sep', fill('<｜tool▁call▁begin｜>function')],
  ['deepseek', '1 MB of calls without end', fill('<｜tool▁call▁begin｜>f<｜tool▁sep｜>{}')],
  ['functiongemma', '1 MB of unclosed escapes', `<start_function_call>call:f{a:${fill('<escape>x')}`],
  ['functiongemma', '1 MB of nested objects', `<start_function_call>call:f{${fill('a:{')}`],
  ['granite', '1 MB of <|tool_call|>', fill('<|tool_call|>[')],
  ['jamba', '1 MB of <tool_calls> without close', fill('<tool_calls>[{"name":"a","arguments":{}}]')],
  ['internlm2', '1 MB of action starts', fill('<|action_start|><|plugin|>{')],
  ['command-r7b', '1 MB of actions', fill('<|START_ACTION|>[{"tool_name":"a","parameters":{}}]<|END_ACTION|>')],
  ['functionary', '512 KB of >>> recipients (one call per 11 bytes)', fill('>>>a\n{"x":1}', MB / 2)],
  ['functionary', '1 MB of >>> without newline', fill('>>>aaaa')],
  ['qwen-agent', '1 MB of ✿FUNCTION✿ without args', fill('✿FUNCTION✿: a\n')],
  ['react-json', '1 MB of nested action blobs', fill('{"action":')],
  ['react-json', '1 MB of fences', fill('Action:\n```json\n{"action": "a", "action_input": {}}\n```\n')],
];

describe('(d) huge inputs in the new families', () => {
  it.each(INPUTS)('%s: %s — no throw', (format, _label, text) => {
    for (const mode of [format, 'auto'] as const) {
      for (const final of [false, true]) {
        const result = parseToolCalls(text, { format: mode, final });
        expect(Array.isArray(result.calls)).toBe(true);
        expect(result.problems.length).toBeLessThanOrEqual(101);
      }
    }
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import { parseToolCalls, pythonicFormat } from '../../../src/core/formats';
import { readCallList } from '../../../src/core/formats/python-call';
import { describeFamily } from './family-cases';

const paris = { name: 'get_weather', arguments: { city: 'Paris', days: 3 } };
const time = { name: 'get_time', arguments: { tz: 'CET' } };

describeFamily('pythonic: Llama 3.2 / 4 list', {
  format: pythonicFormat,
  single: { text: '[get_weather(city="Paris", days=3)]', calls: [paris] },
  several: { text: "[get_weather(city='Paris', days=3), get_time(tz=\"CET\")]", calls: [paris, time] },
  withText: { text: 'Let me check.\n[get_time(tz="CET")]\nOne moment.', calls: [time], content: 'Let me check.\nOne moment.' },
  streamed: { text: '[get_time(tz="CET")]', calls: [time] },
});

describeFamily('pythonic: LFM2 <|tool_call_start|>', {
  format: pythonicFormat,
  single: { text: '<|tool_call_start|>[get_weather(city="Paris", days=3)]<|tool_call_end|>', calls: [paris] },
  several: { text: '<|tool_call_start|>[get_weather(city="Paris", days=3), get_time(tz="CET")]<|tool_call_end|>', calls: [paris, time] },
  withText: { text: 'Checking the time.<|tool_call_start|>[get_time(tz="CET")]<|tool_call_end|>', calls: [time], content: 'Checking the time.' },
  streamed: { text: '<|tool_call_start|>[get_time(tz="CET")]<|tool_call_end|>', calls: [time] },
});

describeFamily('pythonic: OLMo 3 <function_calls>', {
  format: pythonicFormat,
  single: { text: '<function_calls>\nget_weather(city="Paris", days=3)\n</function_calls>', calls: [paris] },
  several: { text: "<function_calls>\nget_weather(city='Paris', days=3)\nget_time(tz='CET')\n</function_calls>", calls: [paris, time] },
  withText: { text: 'I can look that up.\n<function_calls>\nget_time(tz="CET")\n</function_calls>', calls: [time], content: 'I can look that up.' },
  streamed: { text: '<function_calls>\nget_time(tz="CET")\n</function_calls>', calls: [time] },
});

describe('Python literals', () => {
  const one = (source: string): Record<string, unknown> | undefined => {
    const read = readCallList(source, 0);
    return read.kind === 'ok' ? read.calls[0]?.arguments : undefined;
  };

  it('reads strings in both quotes, escapes, triple quotes and raw strings', () => {
    expect(one(`[f(a='it\\'s', b="say \\"hi\\"", c='''multi\nline''', d=r'C:\\dir', e="\\u00e9\\n")]`)).toEqual({
      a: "it's",
      b: 'say "hi"',
      c: 'multi\nline',
      d: 'C:\\dir',
      e: 'é\n',
    });
  });

  it('reads numbers, True/False/None (and JSON spellings), lists, tuples, dicts, nesting', () => {
    expect(one('[f(i=-3, x=2.5e3, h=0x1F, u=1_000, t=True, n=None, j=false, l=[1, [2, (3, 4)]], d={"k": {"v": [None]}, 2: \'two\'})]')).toEqual({
      i: -3,
      x: 2500,
      h: 31,
      u: 1000,
      t: true,
      n: null,
      j: false,
      l: [1, [2, [3, 4]]],
      d: { k: { v: [null] }, 2: 'two' },
    });
  });

  it('accepts a trailing comma, dotted names and ** spreads; never evaluates names', () => {
    expect(readCallList('[ns.tool(a=1,), g(**{"my-key": 2})]', 0)).toMatchObject({
      kind: 'ok',
      calls: [
        { name: 'ns.tool', arguments: { a: 1 } },
        { name: 'g', arguments: { 'my-key': 2 } },
      ],
    });
    expect(readCallList('[f(a=__import__("os"))]', 0).kind).toBe('error');
    expect(readCallList('[f(a=b)]', 0).kind).toBe('error');
  });

  it('reports every strict prefix of a valid list as truncated', () => {
    const text = `[f(a='x', b=[1, {"c": None}], d="""q"""), g()]`;
    for (let k = 1; k < text.length; k++) expect(readCallList(text.slice(0, k), 0).kind, text.slice(0, k)).toBe('truncated');
    expect(readCallList(text, 0).kind).toBe('ok');
  });

  it('rejects positional arguments and bounds nesting', () => {
    expect(readCallList('[f(1, 2)]', 0).kind).toBe('error');
    expect(readCallList(`[f(a=${'['.repeat(5000)}${']'.repeat(5000)})]`, 0).kind).toBe('error');
  });
});

describe('pythonic: prose is left alone', () => {
  it.each([
    'See [1] for details.',
    '[Click here](https://example.com)',
    '[note: this is not a call]',
    'A list: [a, b, c]',
    '[TODO] fix(it)',
  ])('%j stays content', (text) => {
    for (const final of [false, true]) {
      const result = parseToolCalls(text, { format: 'pythonic', final });
      expect(result.calls).toEqual([]);
      expect(result.content).toBe(text);
    }
  });

  it('hides a list that is still streaming, and keeps it as text when the output ends cut off', () => {
    expect(pythonicFormat.parse('Sure.\n[get_weather(city="Par').content).toBe('Sure.');
    expect(pythonicFormat.parse('Sure.\n[get_weather(city="Par', { final: true }).content).toBe('Sure.\n[get_weather(city="Par');
  });

  it('never pollutes Object.prototype', () => {
    const [call] = pythonicFormat.parse('[f(__proto__={"polluted": 1}, **{"__proto__": {"polluted": 2}})]').calls;
    expect(Object.getPrototypeOf(call?.arguments)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

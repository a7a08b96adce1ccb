import { describe, expect, it } from 'vitest';
import { glm45Format, parseToolCalls, qwen3CoderFormat } from '../../../src/core/formats';
import type { ToolDefinition } from '../../../src/core/types';
import { describeFamily } from './family-cases';

const paris = { name: 'get_weather', arguments: { city: 'Paris', days: 3 } };
const time = { name: 'get_time', arguments: { tz: 'CET' } };

describeFamily('qwen3-coder: <function=name><parameter=x>', {
  format: qwen3CoderFormat,
  single: {
    text: '<tool_call>\n<function=get_weather>\n<parameter=city>\nParis\n</parameter>\n<parameter=days>\n3\n</parameter>\n</function>\n</tool_call>',
    calls: [paris],
  },
  several: {
    text:
      '<tool_call>\n<function=get_weather>\n<parameter=city>\nParis\n</parameter>\n<parameter=days>\n3\n</parameter>\n</function>\n</tool_call>\n' +
      '<tool_call>\n<function=get_time>\n<parameter=tz>\nCET\n</parameter>\n</function>\n</tool_call>',
    calls: [paris, time],
  },
  withText: {
    text: 'I will check.\n\n<tool_call>\n<function=get_time>\n<parameter=tz>\nCET\n</parameter>\n</function>\n</tool_call>',
    calls: [time],
    content: 'I will check.',
  },
  streamed: { text: '<tool_call>\n<function=get_time>\n<parameter=tz>\nCET\n</parameter>\n</function>\n</tool_call>', calls: [time] },
});

describeFamily('Llama 3.1 / Functionary v3.1: <function=name>{json}</function>', {
  format: qwen3CoderFormat,
  single: { text: '<function=get_weather>{"city": "Paris", "days": 3}</function>', calls: [paris] },
  several: { text: '<function=get_weather>{"city": "Paris", "days": 3}</function>\n<function=get_time>{"tz": "CET"}</function>', calls: [paris, time] },
  withText: { text: 'Checking.<function=get_time>{"tz": "CET"}</function> Done.', calls: [time], content: 'Checking.\nDone.' },
  streamed: { text: '<function=get_time>{"tz": "CET"}</function>', calls: [time] },
});

describeFamily('glm45: <tool_call>name<arg_key>', {
  format: glm45Format,
  single: {
    text: '<tool_call>get_weather\n<arg_key>city</arg_key>\n<arg_value>Paris</arg_value>\n<arg_key>days</arg_key>\n<arg_value>3</arg_value>\n</tool_call>',
    calls: [paris],
  },
  several: {
    text:
      '<tool_call>get_weather\n<arg_key>city</arg_key>\n<arg_value>Paris</arg_value>\n<arg_key>days</arg_key>\n<arg_value>3</arg_value>\n</tool_call>\n' +
      // GLM-4.7 drops the newlines.
      '<tool_call>get_time<arg_key>tz</arg_key><arg_value>CET</arg_value></tool_call>',
    calls: [paris, time],
  },
  withText: {
    text: 'Let me look that up.\n<tool_call>get_time\n<arg_key>tz</arg_key>\n<arg_value>CET</arg_value>\n</tool_call>',
    calls: [time],
    content: 'Let me look that up.',
  },
  streamed: { text: '<tool_call>get_time\n<arg_key>tz</arg_key>\n<arg_value>CET</arg_value>\n</tool_call>', calls: [time] },
});

describe('XML values', () => {
  it('reads JSON values as JSON and anything else as a string', () => {
    const text =
      '<tool_call>f\n<arg_key>a</arg_key>\n<arg_value>[1, 2]</arg_value>\n<arg_key>b</arg_key>\n<arg_value>{"x": true}</arg_value>\n' +
      '<arg_key>c</arg_key>\n<arg_value>hello world</arg_value>\n<arg_key>d</arg_key>\n<arg_value>null</arg_value>\n<arg_key>e</arg_key>\n<arg_value>{not json</arg_value>\n</tool_call>';
    expect(glm45Format.parse(text).calls).toEqual([{ name: 'f', arguments: { a: [1, 2], b: { x: true }, c: 'hello world', d: null, e: '{not json' } }]);
  });

  it('keeps a string parameter a string when the schema says so', () => {
    const tool: ToolDefinition = { name: 'f', description: '', parameters: { type: 'object', properties: { zip: { type: 'string' } } } };
    const text = '<tool_call>\n<function=f>\n<parameter=zip>\n01234\n</parameter>\n<parameter=n>\n42\n</parameter>\n</function>\n</tool_call>';
    expect(qwen3CoderFormat.parse(text, { tools: [tool] }).calls).toEqual([{ name: 'f', arguments: { zip: '01234', n: 42 } }]);
  });

  it('keeps multi-line parameter values (code) intact', () => {
    const code = 'def f(x):\n    return x < 3 and x > 1\n';
    const text = `<tool_call>\n<function=write_file>\n<parameter=content>\n${code}\n</parameter>\n</function>\n</tool_call>`;
    expect(qwen3CoderFormat.parse(text).calls).toEqual([{ name: 'write_file', arguments: { content: code.trim() } }]);
  });

  it('round-trips strings that look like JSON or hold a close tag', () => {
    const args = { a: '42', b: 'x</parameter>y', c: ' padded ', d: 'true', e: '', f: 'plain text' };
    for (const format of [qwen3CoderFormat, glm45Format]) {
      expect(format.parse(format.renderCalls([{ name: 'f', arguments: args }])).calls).toEqual([{ name: 'f', arguments: args }]);
    }
  });

  it('repairs a missing </parameter> and, when final, a missing </tool_call>', () => {
    const text = '<tool_call>\n<function=f>\n<parameter=a>\n1\n</function>';
    expect(qwen3CoderFormat.parse(text).calls).toEqual([]);
    const result = qwen3CoderFormat.parse(text, { final: true });
    expect(result.calls).toEqual([{ name: 'f', arguments: { a: 1 } }]);
    expect(result.problems.map((item) => item.kind)).toContain('repaired');
  });

  it('reads a JSON <tool_call> in the middle of XML ones', () => {
    const text = '<tool_call>\n{"name": "a", "arguments": {}}\n</tool_call>\n<tool_call>\n<function=b>\n</function>\n</tool_call>';
    expect(qwen3CoderFormat.parse(text).calls).toEqual([
      { name: 'a', arguments: {} },
      { name: 'b', arguments: {} },
    ]);
  });

  it('never pollutes Object.prototype through parameter names', () => {
    const text = '<tool_call>\n<function=f>\n<parameter=__proto__>\n{"polluted": 1}\n</parameter>\n</function>\n</tool_call>';
    const [call] = parseToolCalls(text, { format: 'auto' }).calls;
    expect(Object.getPrototypeOf(call?.arguments)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('hides an invented <tool_response> from the content', () => {
    const text = '<tool_call>get_time\n<arg_key>tz</arg_key>\n<arg_value>CET</arg_value>\n</tool_call>\n<tool_response>\n12:00\n</tool_response>';
    expect(glm45Format.parse(text).content).toBe('');
  });
});

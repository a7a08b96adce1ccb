import { describe, expect, it } from 'vitest';
import {
  commandR7bFormat,
  deepseekFormat,
  graniteFormat,
  hermesFormat,
  internlm2Format,
  jambaFormat,
  llama3JsonFormat,
  mistralFormat,
  openaiFormat,
  parseToolCalls,
} from '../../../src/core/formats';
import { describeFamily } from './family-cases';

const paris = { name: 'get_weather', arguments: { city: 'Paris', days: 3 } };
const time = { name: 'get_time', arguments: { tz: 'CET' } };
const W = '{"name": "get_weather", "arguments": {"city": "Paris", "days": 3}}';
const T = '{"name": "get_time", "arguments": {"tz": "CET"}}';

describeFamily('llama3-json: <|python_tag|>{"name", "parameters"}', {
  format: llama3JsonFormat,
  single: { text: '<|python_tag|>{"name": "get_weather", "parameters": {"city": "Paris", "days": 3}}', calls: [paris] },
  several: {
    text: '<|python_tag|>{"name": "get_weather", "parameters": {"city": "Paris", "days": 3}}; {"name": "get_time", "parameters": {"tz": "CET"}}<|eom_id|>',
    calls: [paris, time],
  },
  withText: { text: 'Sure.\n<|python_tag|>{"name": "get_time", "parameters": {"tz": "CET"}}', calls: [time], content: 'Sure.' },
  streamed: { text: '<|python_tag|>{"name": "get_time", "parameters": {"tz": "CET"}}', calls: [time] },
});

describe('llama3-json without the tag (read as bare JSON)', () => {
  it('parses `;`-separated calls and drops the separator from the content', () => {
    const text = '{"name": "get_weather", "parameters": {"city": "Paris", "days": 3}}; {"name": "get_time", "parameters": {"tz": "CET"}}';
    for (const format of [llama3JsonFormat, openaiFormat]) {
      const result = format.parse(text);
      expect(result.calls).toEqual([paris, time]);
      expect(result.content).toBe('');
    }
    expect(parseToolCalls(text, { format: 'auto' }).calls).toEqual([paris, time]);
  });
});

describeFamily('mistral v3: [TOOL_CALLS] [list]', {
  format: mistralFormat,
  single: { text: `[TOOL_CALLS] [${W}]`, calls: [paris] },
  several: { text: `[TOOL_CALLS] [${W}, ${T}]`, calls: [paris, time] },
  withText: { text: `Let me check.[TOOL_CALLS] [${T}]`, calls: [time], content: 'Let me check.' },
  streamed: { text: `[TOOL_CALLS] [${T}]`, calls: [time] },
});

describeFamily('mistral v7 tekken: [TOOL_CALLS][list with ids]', {
  format: mistralFormat,
  single: { text: '[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Paris", "days": 3}, "id": "abcdefghi"}]', calls: [paris] },
  several: {
    text: '[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Paris", "days": 3}, "id": "abcdefghi"}, {"name": "get_time", "arguments": {"tz": "CET"}, "id": "bcdefghij"}]</s>',
    calls: [paris, time],
  },
  withText: { text: 'One moment.\n[TOOL_CALLS][{"name": "get_time", "arguments": {"tz": "CET"}, "id": "abcdefghi"}]', calls: [time], content: 'One moment.' },
  streamed: { text: '[TOOL_CALLS][{"name": "get_time", "arguments": {"tz": "CET"}, "id": "abcdefghi"}]', calls: [time] },
});

describeFamily('mistral v11+: [TOOL_CALLS]name[ARGS]{json}', {
  format: mistralFormat,
  single: { text: '[TOOL_CALLS]get_weather[ARGS]{"city": "Paris", "days": 3}', calls: [paris] },
  several: { text: '[TOOL_CALLS]get_weather[ARGS]{"city": "Paris", "days": 3}[TOOL_CALLS]get_time[CALL_ID]abc123XYZ[ARGS]{"tz": "CET"}', calls: [paris, time] },
  withText: { text: 'Checking the clock.[TOOL_CALLS]get_time[ARGS]{"tz": "CET"}', calls: [time], content: 'Checking the clock.' },
  streamed: { text: '[TOOL_CALLS]get_time[CALL_ID]abc123XYZ[ARGS]{"tz": "CET"}', calls: [time] },
});

describeFamily('granite 3: <|tool_call|>[list]', {
  format: graniteFormat,
  single: { text: `<|tool_call|>[${W}]`, calls: [paris] },
  several: { text: `<|tool_call|>[${W}, ${T}]`, calls: [paris, time] },
  withText: { text: `I'll call a tool.<|tool_call|>[${T}]`, calls: [time], content: "I'll call a tool." },
  streamed: { text: `<|tool_call|>[${T}]`, calls: [time] },
});

describeFamily('granite 4: <tool_call> (hermes)', {
  format: hermesFormat,
  single: { text: `<tool_call>\n${W}\n</tool_call>`, calls: [paris] },
  several: { text: `<tool_call>\n${W}\n</tool_call>\n<tool_call>\n${T}\n</tool_call>`, calls: [paris, time] },
  withText: { text: `Sure!\n<tool_call>\n${T}\n</tool_call>`, calls: [time], content: 'Sure!' },
  streamed: { text: `<tool_call>\n${T}\n</tool_call>`, calls: [time] },
});

describeFamily('xLAM: a JSON list of calls (openai), fenced or bare', {
  format: openaiFormat,
  single: { text: `[${W}]`, calls: [paris] },
  several: { text: `\`\`\`json\n[${W}, ${T}]\n\`\`\``, calls: [paris, time] },
  withText: { text: `Here you go:\n\`\`\`json\n[${T}]\n\`\`\`\nDone.`, calls: [time], content: 'Here you go:\nDone.' },
  streamed: { text: `[${T}]`, calls: [time] },
});

describe('xLAM inside <tool_call>', () => {
  it('reads a list of calls in one block (hermes)', () => {
    expect(parseToolCalls(`<tool_call>[${W}, ${T}]</tool_call>`, { format: 'auto' }).calls).toEqual([paris, time]);
  });
});

describeFamily('jamba: <tool_calls>[list]</tool_calls>', {
  format: jambaFormat,
  single: { text: `<tool_calls>[${W}]</tool_calls>`, calls: [paris] },
  several: { text: `<tool_calls>[${W}, ${T}]</tool_calls>`, calls: [paris, time] },
  withText: { text: `Checking.\n<tool_calls>[${T}]</tool_calls>`, calls: [time], content: 'Checking.' },
  streamed: { text: `<tool_calls>[${T}]</tool_calls>`, calls: [time] },
});

describeFamily('internlm2: <|action_start|><|plugin|>{json}<|action_end|>', {
  format: internlm2Format,
  single: { text: '<|action_start|><|plugin|>\n{"name": "get_weather", "parameters": {"city": "Paris", "days": 3}}<|action_end|>', calls: [paris] },
  several: {
    text: '<|action_start|><|plugin|>\n{"name": "get_weather", "parameters": {"city": "Paris", "days": 3}}<|action_end|>\n<|action_start|><|plugin|>\n{"name": "get_time", "parameters": {"tz": "CET"}}<|action_end|>',
    calls: [paris, time],
  },
  withText: { text: 'I need the time.<|action_start|><|plugin|>\n{"name": "get_time", "parameters": {"tz": "CET"}}<|action_end|>', calls: [time], content: 'I need the time.' },
  streamed: { text: '<|action_start|><|plugin|>\n{"name": "get_time", "parameters": {"tz": "CET"}}<|action_end|>', calls: [time] },
});

const R7B_W = '{"tool_call_id": "0", "tool_name": "get_weather", "parameters": {"city": "Paris", "days": 3}}';
const R7B_T = '{"tool_call_id": "1", "tool_name": "get_time", "parameters": {"tz": "CET"}}';
describeFamily('command-r7b: <|START_ACTION|>[...]<|END_ACTION|>', {
  format: commandR7bFormat,
  single: { text: `<|START_ACTION|>[\n    ${R7B_W}\n]<|END_ACTION|>`, calls: [paris] },
  several: { text: `<|START_ACTION|>[${R7B_W}, ${R7B_T}]<|END_ACTION|>`, calls: [paris, time] },
  withText: {
    text: `<|START_THINKING|>I will look up the time.<|END_THINKING|><|START_ACTION|>[${R7B_T}]<|END_ACTION|>`,
    calls: [time],
    content: 'I will look up the time.',
  },
  streamed: { text: `<|START_ACTION|>[${R7B_T}]<|END_ACTION|>`, calls: [time] },
});

const DS = { calls: '<｜tool▁calls▁begin｜>', end: '<｜tool▁calls▁end｜>', call: '<｜tool▁call▁begin｜>', callEnd: '<｜tool▁call▁end｜>', sep: '<｜tool▁sep｜>' };
const dsV3 = (name: string, json: string): string => `${DS.call}function${DS.sep}${name}\n\`\`\`json\n${json}\n\`\`\`${DS.callEnd}`;
const dsV31 = (name: string, json: string): string => `${DS.call}${name}${DS.sep}${json}${DS.callEnd}`;

describeFamily('deepseek V3 / R1', {
  format: deepseekFormat,
  single: { text: `${DS.calls}${dsV3('get_weather', '{"city": "Paris", "days": 3}')}${DS.end}`, calls: [paris] },
  several: { text: `${DS.calls}${dsV3('get_weather', '{"city": "Paris", "days": 3}')}\n${dsV3('get_time', '{"tz": "CET"}')}${DS.end}`, calls: [paris, time] },
  withText: { text: `Let me check.${DS.calls}${dsV3('get_time', '{"tz": "CET"}')}${DS.end}<｜end▁of▁sentence｜>`, calls: [time], content: 'Let me check.' },
  streamed: { text: `${DS.calls}${dsV3('get_time', '{"tz": "CET"}')}${DS.end}`, calls: [time] },
});

describeFamily('deepseek V3.1', {
  format: deepseekFormat,
  single: { text: `${DS.calls}${dsV31('get_weather', '{"city": "Paris", "days": 3}')}${DS.end}`, calls: [paris] },
  several: { text: `${DS.calls}${dsV31('get_weather', '{"city": "Paris", "days": 3}')}${dsV31('get_time', '{"tz": "CET"}')}${DS.end}`, calls: [paris, time] },
  withText: { text: `Checking now.\n\n${DS.calls}${dsV31('get_time', '{"tz": "CET"}')}${DS.end}`, calls: [time], content: 'Checking now.' },
  streamed: { text: `${DS.calls}${dsV31('get_time', '{"tz": "CET"}')}${DS.end}`, calls: [time] },
});

describe('tagged JSON families: repairs and limits', () => {
  it('repairs an unclosed block only when final', () => {
    const text = '<tool_calls>[{"name": "a", "arguments": {"x": 1}';
    expect(jambaFormat.parse(text).calls).toEqual([]);
    expect(jambaFormat.parse(text, { final: true }).calls).toEqual([{ name: 'a', arguments: { x: 1 } }]);
  });

  it('limits calls to the given tools', () => {
    const result = mistralFormat.parse('[TOOL_CALLS]a[ARGS]{}[TOOL_CALLS]b[ARGS]{}', { tools: ['b'] });
    expect(result.calls).toEqual([{ name: 'b', arguments: {} }]);
    expect(result.problems.map((item) => item.kind)).toEqual(['unknown-tool']);
  });

  it('reports JSON it cannot read and goes on', () => {
    const result = internlm2Format.parse('<|action_start|><|plugin|>{]<|action_end|><|action_start|><|plugin|>{"name": "b", "parameters": {}}<|action_end|>');
    expect(result.calls).toEqual([{ name: 'b', arguments: {} }]);
    expect(result.problems.map((item) => item.kind)).toContain('invalid-json');
  });
});

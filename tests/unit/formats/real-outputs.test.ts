import { describe, expect, it } from 'vitest';
import { createVisibleStream } from '../../../src/core/agent/visible-stream';
import { getFormat, parseToolCalls, type FormatName, type ParsedToolCall, type ParseResult } from '../../../src/core/formats';
import type { ToolDefinition } from '../../../src/core/types';

/**
 * Shapes real models write that the parsers missed (issue 14, item 14). The cases are written from
 * the shapes other projects' parser tests show (vLLM, llama.cpp, Ollama), not copied from them.
 */

const weather = (city: string): ParsedToolCall => ({ name: 'get_weather', arguments: { city } });

function parse(text: string, format: FormatName | 'auto', final: boolean, tools?: ToolDefinition[]): ParseResult {
  return parseToolCalls(text, { format, final, ...(tools ? { tools } : {}) });
}

/** Every strict prefix of a complete answer is still streaming: no call comes out of it. */
function expectNoCallFromPrefixes(text: string, format: FormatName): void {
  for (let k = 0; k < text.length; k++) {
    const prefix = text.slice(0, k);
    expect(parse(prefix, format, false).calls, `${format}: ${JSON.stringify(prefix)}`).toEqual([]);
    expect(parse(prefix, 'auto', false).calls, `auto: ${JSON.stringify(prefix)}`).toEqual([]);
  }
}

describe('a final <tool_call> whose close tag never came', () => {
  const body = '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}';

  it('is a call when the output is final (end of sequence), and pending while streaming', () => {
    const final = parse(body, 'auto', true);
    expect(final.calls).toEqual([weather('Paris')]);
    expect(final.problems.map((p) => p.kind)).toEqual(['repaired']);
    const streaming = parse(body, 'auto', false);
    expect(streaming.calls).toEqual([]);
    expect(streaming.problems.map((p) => p.kind)).toEqual(['incomplete']);
  });

  it('is the last of several calls, the earlier ones closed', () => {
    const text = `<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n</tool_call>\n${body}\n`;
    expect(parse(text, 'hermes', true).calls).toEqual([weather('Oslo'), weather('Paris')]);
    expect(parse(text, 'hermes', false).calls).toEqual([weather('Oslo')]);
  });

  it.each([
    ['hermes', `Checking.\n${body}\n</tool_`],
    ['hermes', `Checking.\n${body}\n</`],
    ['qwen3-coder', 'Checking.\n<tool_call>\n<function=get_weather>\n<parameter=city>\nParis\n</parameter>\n</function>\n</tool_ca'],
    ['glm45', 'Checking.\n<tool_call>get_weather\n<arg_key>city</arg_key>\n<arg_value>Paris</arg_value>\n</tool'],
    ['jamba', 'Checking.\n<tool_calls>[{"name": "get_weather", "arguments": {"city": "Paris"}}]</tool_ca'],
  ] as const)('%s: a stop string that ate part of the close tag leaves no fragment on screen', (format, text) => {
    const result = parse(text, format, true);
    expect(result.calls).toEqual([weather('Paris')]);
    expect(result.content).toBe('Checking.');
    expect(parse(text, 'auto', true).content).toBe('Checking.');
  });
});

describe('<function name="…"> wrappers', () => {
  it.each([
    ['a JSON body', '<function name="get_weather">{"city": "Paris"}</function>'],
    ['single quotes', "<function name='get_weather'>{\"city\": \"Paris\"}</function>"],
    ['no quotes', '<function name=get_weather>{"city": "Paris"}</function>'],
    ['<parameter name="…"> body', '<function name="get_weather">\n<parameter name="city">Paris</parameter>\n</function>'],
    ['<parameter=…> body', '<function name="get_weather">\n<parameter=city>\nParis\n</parameter>\n</function>'],
    ['inside <tool_call>', '<tool_call>\n<function name="get_weather">\n<parameter name="city">Paris</parameter>\n</function>\n</tool_call>'],
    ['inside <tool_call>, JSON body', '<tool_call><function name="get_weather">{"city": "Paris"}</function></tool_call>'],
  ])('reads %s', (_label, text) => {
    for (const format of ['qwen3-coder', 'auto'] as const) {
      const result = parse(`Let me look.\n${text}`, format, false);
      expect(result.calls, format).toEqual([weather('Paris')]);
      expect(result.content, format).toBe('Let me look.');
    }
  });

  it('is read by a Hermes session too when it sits inside <tool_call> (Qwen models drift into it)', () => {
    const text = 'Let me look.\n<tool_call>\n<function name="get_weather">\n<parameter name="city">Paris</parameter>\n</function>\n</tool_call>';
    expect(parse(text, 'hermes', false)).toMatchObject({ calls: [weather('Paris')], content: 'Let me look.' });
    const mixed = `${text}\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Rome"}}\n</tool_call>`;
    expect(parse(mixed, 'hermes', false).calls).toEqual([weather('Paris'), weather('Rome')]);
  });

  it('reads several in a row and keeps a string parameter a string', () => {
    const tools: ToolDefinition[] = [{ name: 'lookup', description: 'd', parameters: { type: 'object', properties: { code: { type: 'string' } } } }];
    const text = '<function name="lookup"><parameter name="code">42</parameter></function>\n<function name="lookup">{"code": "7"}</function>';
    expect(parse(text, 'auto', true, tools).calls).toEqual([
      { name: 'lookup', arguments: { code: '42' } },
      { name: 'lookup', arguments: { code: '7' } },
    ]);
  });

  it('yields nothing from a streamed prefix', () => {
    expectNoCallFromPrefixes('<function name="get_weather">\n<parameter name="city">Paris</parameter>\n</function>', 'qwen3-coder');
    expectNoCallFromPrefixes('<tool_call><function name="get_weather">{"city": "Paris"}</function></tool_call>', 'qwen3-coder');
  });

  it('stays text inside inline code and example fences', () => {
    const text = 'Write `<function name="get_weather">{"city": "Paris"}</function>` to call it, e.g.\n```xml\n<function name="get_weather">{"city": "Rome"}</function>\n```';
    const result = parse(text, 'auto', true);
    expect(result.calls).toEqual([]);
    expect(result.content).toBe(text);
  });
});

describe('ReAct Action Input as a plain string', () => {
  const search: ToolDefinition = { name: 'search', description: 'Web search', parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } };
  const two: ToolDefinition = {
    name: 'search2',
    description: 'Two parameters',
    parameters: { type: 'object', properties: { query: { type: 'string' }, limit: { type: 'number' } } },
  };
  const tools = [search, two];

  it.each([
    ['bare text', 'Thought: I should search.\nAction: search\nAction Input: weather in Paris\n'],
    ['a quoted string', 'Action: search\nAction Input: "weather in Paris"'],
    ['a fenced string', 'Action: search\nAction Input: ```\nweather in Paris\n```'],
    ['text before the Observation label', 'Action: search\nAction Input: weather in Paris\nObservation:'],
  ])('becomes the one string parameter: %s', (_label, text) => {
    const result = parse(text, 'react', true, tools);
    expect(result.calls).toEqual([{ name: 'search', arguments: { query: 'weather in Paris' } }]);
    expect(result.problems.map((p) => p.kind)).toEqual(['repaired']);
    expect(parse(text, 'auto', true, tools).calls).toEqual(result.calls);
  });

  it('stays pending while the string may still grow', () => {
    const result = parse('Action: search\nAction Input: weather in Pa', 'react', false, tools);
    expect(result.calls).toEqual([]);
    expect(result.problems.map((p) => p.kind)).toEqual(['incomplete']);
  });

  it('is not guessed without the schema, for a tool with two parameters, or for broken JSON', () => {
    expect(parse('Action: search\nAction Input: weather in Paris', 'react', true).calls).toEqual([]);
    expect(parse('Action: search2\nAction Input: weather in Paris', 'react', true, tools).calls).toEqual([]);
    const broken = parse('Action: search\nAction Input: {"query": : }', 'react', true, tools);
    expect(broken.calls).toEqual([]);
    expect(broken.problems.map((p) => p.kind)).toEqual(['bad-arguments']);
  });

  it('names the one string parameter in a JSON ReAct blob too (LangChain structured chat)', () => {
    const blob = '```json\n{"action": "search", "action_input": "weather in Paris"}\n```';
    expect(parse(blob, 'auto', true, tools).calls).toEqual([{ name: 'search', arguments: { query: 'weather in Paris' } }]);
    // Without the schema the old {"input": …} stays.
    expect(parse(blob, 'react-json', true).calls).toEqual([{ name: 'search', arguments: { input: 'weather in Paris' } }]);
  });

  it('still decodes JSON objects and JSON strings that hold one', () => {
    expect(parse('Action: search\nAction Input: {"query": "x"}', 'react', true, tools).calls).toEqual([{ name: 'search', arguments: { query: 'x' } }]);
    expect(parse('Action: search\nAction Input: "{\\"query\\": \\"x\\"}"', 'react', true, tools).calls).toEqual([{ name: 'search', arguments: { query: 'x' } }]);
  });
});

describe('GLM-4.5 pairs without the outer <tool_call>', () => {
  it.each([
    ['name line, pairs, end of text', 'get_weather\n<arg_key>city</arg_key>\n<arg_value>Paris</arg_value>'],
    ['ending in </tool_call>', 'get_weather\n<arg_key>city</arg_key>\n<arg_value>Paris</arg_value>\n</tool_call>'],
    ['GLM-4.7 spacing', 'get_weather<arg_key>city</arg_key><arg_value>Paris</arg_value></tool_call>'],
  ])('reads %s', (_label, text) => {
    for (const format of ['glm45', 'auto'] as const) {
      const result = parse(text, format, true);
      expect(result.calls, format).toEqual([weather('Paris')]);
      expect(result.content, format).toBe('');
    }
  });

  it('keeps the prose before the name line and reads several values', () => {
    const text = 'I will check both.\nget_weather\n<arg_key>city</arg_key>\n<arg_value>Paris</arg_value>\n<arg_key>days</arg_key>\n<arg_value>3</arg_value>\n</tool_call>';
    const result = parse(text, 'auto', true);
    expect(result.calls).toEqual([{ name: 'get_weather', arguments: { city: 'Paris', days: 3 } }]);
    expect(result.content).toBe('I will check both.');
  });

  it('yields nothing from a streamed prefix', () => {
    expectNoCallFromPrefixes('get_weather\n<arg_key>city</arg_key>\n<arg_value>Paris</arg_value>\n</tool_call>', 'glm45');
  });

  it('stays text inside inline code, and without a name before it', () => {
    const inline = 'GLM writes `<arg_key>city</arg_key><arg_value>Paris</arg_value>` inside a tool call.';
    expect(parse(inline, 'auto', true)).toMatchObject({ calls: [], content: inline });
    expect(parse('Keys go in (<arg_key>city</arg_key>).', 'glm45', true).calls).toEqual([]);
  });
});

describe('more Granite shapes', () => {
  it.each([
    ['<|tool_call|> then a list over several lines', '<|tool_call|>\n[\n  {"name": "get_weather", "arguments": {"city": "Paris"}},\n  {"name": "get_weather", "arguments": {"city": "Rome"}}\n]'],
    ['<|tool_call|> then spaces and a list', '<|tool_call|>   [{"name": "get_weather", "arguments": {"city": "Paris"}}, {"name": "get_weather", "arguments": {"city": "Rome"}}]<|end_of_text|>'],
    ['Granite 20B <function_call> blocks', '<function_call> {"name": "get_weather", "arguments": {"city": "Paris"}}\n<function_call> {"name": "get_weather", "arguments": {"city": "Rome"}}'],
  ])('reads %s', (_label, text) => {
    for (const format of ['granite', 'auto'] as const) {
      const result = parse(text, format, true);
      expect(result.calls, format).toEqual([weather('Paris'), weather('Rome')]);
      expect(result.content, format).toBe('');
    }
  });

  it('reads a Granite 4 list inside <tool_call>, with or without spaces', () => {
    for (const text of ['<tool_call>[{"name": "get_weather", "arguments": {"city": "Paris"}}]</tool_call>', '<tool_call> \n [ {"name": "get_weather", "arguments": {"city": "Paris"}} ] \n</tool_call>']) {
      expect(parse(text, 'auto', false).calls).toEqual([weather('Paris')]);
    }
  });

  it('yields nothing from a streamed <function_call> prefix', () => {
    expectNoCallFromPrefixes('<function_call> {"name": "get_weather", "arguments": {"city": "Paris"}}', 'granite');
  });
});

describe('more Functionary v3.2 shapes', () => {
  it('reads several >>>name blocks in a row, with or without line breaks between them', () => {
    for (const text of ['>>>get_weather\n{"city": "Paris"}>>>get_weather\n{"city": "Rome"}', '>>>get_weather\n{"city": "Paris"}\n>>>get_weather\n{"city": "Rome"}']) {
      expect(parse(text, 'auto', true).calls).toEqual([weather('Paris'), weather('Rome')]);
    }
  });

  it('reads an answer that starts at the first recipient (its >>> was in the prompt)', () => {
    const calls = parse('get_weather\n{"city": "Paris"}\n>>>get_weather\n{"city": "Rome"}', 'functionary', true);
    expect(calls.calls).toEqual([weather('Paris'), weather('Rome')]);
    expect(calls.content).toBe('');
    const text = parse('all\nLet me check.\n>>>get_weather\n{"city": "Paris"}', 'functionary', true);
    expect(text.calls).toEqual([weather('Paris')]);
    expect(text.content).toBe('Let me check.');
    expect(parse('get_weather\n{"city": "Paris"}', 'functionary', true).calls).toEqual([weather('Paris')]);
  });

  it('keeps a plain answer as text', () => {
    expect(parse('Paris is sunny today.', 'functionary', true)).toMatchObject({ calls: [], content: 'Paris is sunny today.' });
    expect(parse('all\nParis is sunny today.', 'functionary', true)).toMatchObject({ calls: [], content: 'Paris is sunny today.' });
  });

  it('yields nothing from a streamed prefix', () => {
    const text = 'get_weather\n{"city": "Paris"}\n>>>get_weather\n{"city": "Rome"}';
    for (let k = 0; k < text.length; k++) expect(parse(text.slice(0, k), 'functionary', false).calls.length).toBeLessThan(2);
    // The leading recipient is read in the final parse only (see functionary.ts): the stream shows what a whole-text parse shows.
    expect(parse(text, 'functionary', true).calls).toEqual([weather('Paris'), weather('Rome')]);
  });
});

describe('Mistral v11 with several calls', () => {
  it.each([
    ['[TOOL_CALLS]a{…}[TOOL_CALLS]b{…}', '[TOOL_CALLS]get_weather{"city": "Paris"}[TOOL_CALLS]get_weather{"city": "Rome"}'],
    ['with spaces and line breaks', '[TOOL_CALLS]get_weather {"city": "Paris"}\n[TOOL_CALLS]get_weather\n{"city": "Rome"}'],
    ['[TOOL_CALLS]a[ARGS]{…} twice', '[TOOL_CALLS]get_weather[ARGS]{"city": "Paris"}[TOOL_CALLS]get_weather[ARGS]{"city": "Rome"}'],
    ['the two mixed', '[TOOL_CALLS]get_weather[ARGS]{"city": "Paris"}[TOOL_CALLS]get_weather{"city": "Rome"}'],
  ])('reads %s', (_label, text) => {
    for (const format of ['mistral', 'auto'] as const) {
      const result = parse(`Sure.${text}`, format, false);
      expect(result.calls, format).toEqual([weather('Paris'), weather('Rome')]);
      expect(result.content, format).toBe('Sure.');
    }
  });

  it('yields nothing from a streamed prefix of a call without [ARGS]', () => {
    expectNoCallFromPrefixes('[TOOL_CALLS]get_weather{"city": "Paris"}', 'mistral');
  });
});

describe('a streamed call whose name is known but whose arguments are not', () => {
  it.each([
    ['hermes', '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Pa'],
    ['hermes', '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_'],
    ['qwen3-coder', '<tool_call>\n<function=get_weather>\n<parameter=city>\nPa'],
    ['qwen3-coder', '<function name="get_weather">{"city": "Pa'],
    ['glm45', '<tool_call>get_weather\n<arg_key>city</arg_key>\n<arg_value>Pa'],
    ['glm45', 'get_weather\n<arg_key>city</arg_key>\n<arg_value>Pa'],
    ['mistral', '[TOOL_CALLS]get_weather[ARGS]{"city": "Pa'],
    ['mistral', '[TOOL_CALLS]get_weather[AR'],
    ['mistral', '[TOOL_CALLS]get_weather{"city": "Pa'],
    ['mistral', '[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Pa'],
    ['granite', '<|tool_call|>[{"name": "get_weather", "arguments": {"city": "Pa'],
    ['functionary', '>>>get_weather\n{"city": "Pa'],
    ['react', 'Action: get_weather\nAction Input: {"city": "Pa'],
    ['deepseek', '<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n{"city": "Pa'],
    ['openai', '{"name": "get_weather", "arguments": {"city": "Pa'],
  ] as const)('%s reports the call as pending, by name: %j', (format, text) => {
    for (const mode of [format, 'auto'] as const) {
      const result = parse(text, mode, false);
      expect(result.calls, mode).toEqual([]);
      expect(result.problems.filter((p) => p.kind === 'incomplete').map((p) => p.name), mode).toEqual(['get_weather']);
    }
  });

  it.each([
    ['hermes', '<tool_call>\n{"name": "get_wea'],
    ['hermes', '<tool_call>\n{"arguments": {"city": "Paris"}, "name": "get_weather"'],
    ['mistral', '[TOOL_CALLS]get_wea'],
    ['qwen3-coder', '<tool_call>\n<function=get_wea'],
  ] as const)('%s names no call before its name is complete: %j', (format, text) => {
    const result = parse(text, format, false);
    expect(result.problems.map((p) => p.kind)).toEqual(['incomplete']);
    expect(result.problems[0]?.name).toBeUndefined();
  });

  it('is what the visible stream reports while the call streams in, and clears once it is done', () => {
    const stream = createVisibleStream(getFormat('hermes'));
    const seen: Array<string | undefined> = [];
    const answer = 'Let me check.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>';
    for (const chunk of answer.match(/[\s\S]{1,4}/g) ?? []) {
      stream.push(chunk);
      seen.push(stream.pendingCall);
    }
    expect(seen).toContain('get_weather');
    expect(seen.indexOf('get_weather')).toBeGreaterThan(0);
    expect(seen[0]).toBeUndefined();
    expect(stream.pendingCall).toBeUndefined();
    const native = createVisibleStream(null);
    native.push('[TOOL_CALLS]get_weather[ARGS]{"ci');
    expect(native.pendingCall).toBe('get_weather');
  });
});

/** Parsing the retrieval eval's tools and queries files, and the errors people see for bad ones. */
import { describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import { parseQueriesFile, parseToolsFile } from '../../../src/eval/retrieval-data';

function errorOf(run: () => unknown): TabagentError {
  try {
    run();
  } catch (error) {
    if (TabagentError.is(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}

const tools = `[
  {"name": "get_weather", "description": "Weather now", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}},
  {"type": "function", "function": {"name": "send_email", "description": "Send mail"}},
  {"name": "no_description", "examples": [{"query": "do the thing"}]}
]`;

describe('parseToolsFile', () => {
  it('accepts bare and wrapped OpenAI function objects', () => {
    const parsed = parseToolsFile(tools, 'tools.json');
    expect(parsed.map((tool) => tool.name)).toEqual(['get_weather', 'send_email', 'no_description']);
    expect(parsed[0]!.parameters).toMatchObject({ properties: { city: { type: 'string' } } });
    expect(parsed[1]).toEqual({ name: 'send_email', description: 'Send mail' });
    expect(parsed[2]).toEqual({ name: 'no_description', description: '', examples: [{ query: 'do the thing' }] });
  });

  it('names the file, line and field of a bad tool', () => {
    const bad = tools.replace('"name": "send_email"', '"name": 42');
    const error = errorOf(() => parseToolsFile(bad, 'my/tools.json'));
    expect(error.code).toBe('config');
    expect(error.message).toBe('my/tools.json line 3: field "name" tool 2 must be a non-empty string.');
    expect(error.data).toEqual({ file: 'my/tools.json', line: 3, field: 'name' });
    expect(errorOf(() => parseToolsFile(tools.replace('"Weather now"', '["x"]'), 't.json')).message).toContain('line 2: field "description"');
    expect(errorOf(() => parseToolsFile(tools.replace('"type": "function"', '"type": "code"'), 't.json')).message).toContain('line 3: field "type"');
    expect(errorOf(() => parseToolsFile(tools.replace('"parameters": {', '"parameters": [{').replace('}}}},', '}}}]},'), 't.json')).message).toContain('field "parameters"');
  });

  it('refuses duplicate names, a non-array and broken JSON with its line', () => {
    const duplicate = tools.replace('"no_description"', '"get_weather"');
    expect(errorOf(() => parseToolsFile(duplicate, 't.json')).message).toBe(
      't.json line 4: field "name" repeats the tool name "get_weather" of line 2; names must be unique.',
    );
    expect(errorOf(() => parseToolsFile('{"name": "x"}', 't.json')).message).toContain('must hold a JSON array');
    expect(errorOf(() => parseToolsFile('[]', 't.json')).message).toContain('holds no tools');
    const broken = errorOf(() => parseToolsFile('[\n  {"name": "a"},\n  {"name": }\n]', 't.json'));
    expect(broken.message).toMatch(/^t\.json line 3: is not valid JSON/);
  });
});

describe('parseQueriesFile', () => {
  const names = new Set(['get_weather', 'send_email']);

  it('reads one query per line, skipping blank lines and merging duplicate gold names', () => {
    const text = '{"query": "weather in Paris", "tools": ["get_weather"]}\n\n{"query": "天气然后发邮件", "tools": ["get_weather", "send_email", "get_weather"]}\n';
    expect(parseQueriesFile(text, 'q.jsonl', names)).toEqual([
      { line: 1, query: 'weather in Paris', gold: ['get_weather'] },
      { line: 3, query: '天气然后发邮件', gold: ['get_weather', 'send_email'] },
    ]);
  });

  it('names the line and field of a bad query', () => {
    const good = '{"query": "a", "tools": ["get_weather"]}';
    const at = (line: string): string => errorOf(() => parseQueriesFile(`${good}\n${line}\n`, 'q.jsonl', names)).message;
    expect(at('{"query": "a", "tools": ["get_weather"]')).toMatch(/^q\.jsonl line 2: is not valid JSON \(/);
    expect(at('["a"]')).toContain('line 2: must be a JSON object');
    expect(at('{"tools": ["get_weather"]}')).toBe('q.jsonl line 2: field "query" must be a non-empty string.');
    expect(at('{"query": "a", "tools": []}')).toBe('q.jsonl line 2: field "tools" must be a non-empty array of gold tool names.');
    expect(at('{"query": "a", "tools": ["get_weather", 3]}')).toBe('q.jsonl line 2: field "tools[1]" must be a non-empty string.');
    expect(errorOf(() => parseQueriesFile('\n\n', 'q.jsonl', names)).message).toContain('holds no queries');
  });

  it('lists every unknown gold tool name with its line in one error', () => {
    const text = '{"query": "a", "tools": ["get_wether"]}\n{"query": "b", "tools": ["send_email"]}\n{"query": "c", "tools": ["fax", "send_email"]}\n';
    const error = errorOf(() => parseQueriesFile(text, 'q.jsonl', names));
    expect(error.message).toBe('q.jsonl: 2 gold tool name(s) are not in the tools file: line 1: "get_wether"; line 3: "fax".');
    expect(error.data).toMatchObject({ unknown: ['line 1: "get_wether"', 'line 3: "fax"'] });
  });
});

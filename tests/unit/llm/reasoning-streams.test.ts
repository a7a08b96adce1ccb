/**
 * Reasoning from real servers: streams shaped as DeepSeek, OpenRouter, Groq, vLLM (reasoning
 * parser plus tool parser) and Mistral send them, written to fixture files by this test and served
 * byte for byte. Every reasoning delta must arrive as `reasoning-delta` text, and the rest of the
 * answer (text, tool calls, finish, usage) must be exactly what the same stream gives without its
 * reasoning fields.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectChat, createOpenAICompatibleEngine, type ChatChunk } from '../../../src/llm';
import { startOpenAITestServer, type OpenAITestServer } from '../../support/openai-test-server';
import { drain, question } from './helpers';

type Payload = Record<string, unknown>;

/** One recorded-style stream: its payloads in order, and what they say. */
interface StreamFixture {
  name: string;
  /** SSE comment lines some servers interleave (keep-alives, processing notes), before payload `n`. */
  comments?: Record<number, string>;
  payloads: Payload[];
  reasoning: string[];
  text: string;
  calls: { name: string; arguments: string }[];
}

const deepseekBase = { id: '5c1d7b1e-1b62-4c8f-9d0a-2f0b0b8c6b4e', object: 'chat.completion.chunk', created: 1_738_000_000, model: 'deepseek-reasoner', system_fingerprint: 'fp_5417b77867_prod0225' };
const deepseek = (delta: Payload, finish: string | null = null, extra: Payload = {}): Payload => ({
  ...deepseekBase,
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  ...extra,
});

const openrouterBase = { id: 'gen-1738000000-AbCdEfGhIjKlMnOp', provider: 'DeepInfra', model: 'deepseek/deepseek-r1', object: 'chat.completion.chunk', created: 1_738_000_000 };
const openrouter = (delta: Payload, finish: string | null = null, extra: Payload = {}): Payload => ({
  ...openrouterBase,
  choices: [{ index: 0, delta, finish_reason: finish, native_finish_reason: finish, logprobs: null }],
  ...extra,
});
const openrouterThought = (text: string): Payload =>
  openrouter({ role: 'assistant', content: '', reasoning: text, reasoning_details: [{ type: 'reasoning.text', text, format: 'unknown', index: 0 }] });

const groqBase = { id: 'chatcmpl-4f1c8a2e-6e0b-4b38-9a51-1f2a3b4c5d6e', object: 'chat.completion.chunk', created: 1_738_000_000, model: 'qwen/qwen3-32b', system_fingerprint: 'fp_5d1d7f0bd6' };
const groq = (delta: Payload, finish: string | null = null, extra: Payload = {}): Payload => ({
  ...groqBase,
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  x_groq: { id: 'req_01jk0000000000000000000000' },
  ...extra,
});

const vllmBase = { id: 'chatcmpl-9b7e3c0d2a5f4e1b8c6d0a9f8e7d6c5b', object: 'chat.completion.chunk', created: 1_738_000_000, model: 'Qwen/Qwen3-8B' };
const vllm = (delta: Payload, finish: string | null = null): Payload => ({
  ...vllmBase,
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finish, ...(finish === null ? {} : { stop_reason: null }) }],
});

const mistralBase = { id: '8e1f0c4a2b3d4e5f', object: 'chat.completion.chunk', created: 1_738_000_000, model: 'magistral-small-2506' };
const mistral = (delta: Payload, finish: string | null = null, extra: Payload = {}): Payload => ({
  ...mistralBase,
  choices: [{ index: 0, delta, finish_reason: finish }],
  ...extra,
});
const mistralThought = (text: string): Payload => mistral({ content: [{ type: 'thinking', thinking: [{ type: 'text', text }] }] });

const FIXTURES: StreamFixture[] = [
  {
    name: 'deepseek-reasoner (reasoning_content, content null beside it, keep-alive comments)',
    comments: { 2: ': keep-alive' },
    payloads: [
      deepseek({ role: 'assistant', content: null, reasoning_content: '' }),
      deepseek({ content: null, reasoning_content: 'Okay' }),
      deepseek({ content: null, reasoning_content: ', the user' }),
      deepseek({ content: null, reasoning_content: ' says hi.' }),
      deepseek({ content: 'Hello', reasoning_content: null }),
      deepseek({ content: '! How can I help?', reasoning_content: null }),
      deepseek({ content: '', reasoning_content: null }, 'stop', {
        usage: {
          prompt_tokens: 11,
          completion_tokens: 40,
          total_tokens: 51,
          prompt_tokens_details: { cached_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 30 },
          prompt_cache_hit_tokens: 0,
          prompt_cache_miss_tokens: 11,
        },
      }),
    ],
    reasoning: ['Okay', ', the user', ' says hi.'],
    text: 'Hello! How can I help?',
    calls: [],
  },
  {
    name: 'OpenRouter (reasoning plus reasoning_details, then a tool call)',
    comments: { 0: ': OPENROUTER PROCESSING' },
    payloads: [
      openrouterThought('The user wants'),
      openrouterThought(' the weather in Paris.'),
      openrouter({ role: 'assistant', content: '', tool_calls: [{ index: 0, id: 'call_0_0f2c1a', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
      openrouter({ role: 'assistant', content: '', tool_calls: [{ index: 0, type: 'function', function: { arguments: '{"city":' } }] }),
      openrouter({ role: 'assistant', content: '', tool_calls: [{ index: 0, type: 'function', function: { arguments: ' "Paris"}' } }] }),
      openrouter({ role: 'assistant', content: '', reasoning: null, reasoning_details: [] }, 'tool_calls'),
      openrouter({ role: 'assistant', content: '' }, null, { usage: { prompt_tokens: 120, completion_tokens: 35, total_tokens: 155 } }),
    ],
    reasoning: ['The user wants', ' the weather in Paris.'],
    text: '',
    calls: [{ name: 'get_weather', arguments: '{"city": "Paris"}' }],
  },
  {
    name: 'Groq (reasoning_format parsed: reasoning deltas, x_groq usage)',
    payloads: [
      groq({ role: 'assistant', content: '' }),
      groq({ reasoning: '\nOkay, 2 + 2' }),
      groq({ reasoning: ' is 4.\n' }),
      groq({ content: 'It is' }),
      groq({ content: ' 4.' }),
      groq({}, 'stop', {
        x_groq: { id: 'req_01jk0000000000000000000000', usage: { queue_time: 0.05, prompt_tokens: 18, prompt_time: 0.002, completion_tokens: 22, completion_time: 0.05, total_tokens: 40, total_time: 0.052 } },
        usage: { queue_time: 0.05, prompt_tokens: 18, prompt_time: 0.002, completion_tokens: 22, completion_time: 0.05, total_tokens: 40, total_time: 0.052 },
      }),
    ],
    reasoning: ['\nOkay, 2 + 2', ' is 4.\n'],
    text: 'It is 4.',
    calls: [],
  },
  {
    name: 'vLLM (qwen3 reasoning parser, hermes tool parser, older reasoning_content)',
    payloads: [
      vllm({ role: 'assistant', content: '' }),
      vllm({ reasoning_content: '\n' }),
      vllm({ reasoning_content: 'I should call' }),
      vllm({ reasoning_content: ' the calculator.\n' }),
      vllm({ content: '\n\n' }),
      vllm({ tool_calls: [{ id: 'chatcmpl-tool-5e6f7a8b9c0d', type: 'function', index: 0, function: { name: 'calculator' } }] }),
      vllm({ tool_calls: [{ index: 0, function: { arguments: '{"expression": "' } }] }),
      vllm({ tool_calls: [{ index: 0, function: { arguments: '2*3' } }] }),
      vllm({ tool_calls: [{ index: 0, function: { arguments: '"}' } }] }),
      vllm({ content: '' }, 'tool_calls'),
      { ...vllmBase, choices: [], usage: { prompt_tokens: 200, total_tokens: 260, completion_tokens: 60, prompt_tokens_details: { cached_tokens: 192 } } },
    ],
    reasoning: ['\n', 'I should call', ' the calculator.\n'],
    text: '\n\n',
    calls: [{ name: 'calculator', arguments: '{"expression": "2*3"}' }],
  },
  {
    name: 'vLLM (newer: reasoning, and both fields with the same text during the rename)',
    payloads: [
      vllm({ role: 'assistant', content: '' }),
      vllm({ reasoning: 'Short' }),
      vllm({ reasoning: ' thought.', reasoning_content: ' thought.' }),
      vllm({ content: 'Done.' }),
      vllm({ content: '' }, 'stop'),
    ],
    reasoning: ['Short', ' thought.'],
    text: 'Done.',
    calls: [],
  },
  {
    name: 'Mistral Magistral (thinking content parts)',
    payloads: [
      mistral({ role: 'assistant', content: '' }),
      mistralThought('Let me see'),
      mistralThought('… yes.'),
      mistral({ content: 'Yes.' }),
      mistral({ content: '' }, 'stop', { usage: { prompt_tokens: 9, total_tokens: 30, completion_tokens: 21 } }),
    ],
    reasoning: ['Let me see', '… yes.'],
    text: 'Yes.',
    calls: [],
  },
];

/** The SSE body a server sends for these payloads. */
function eventStream(fixture: Pick<StreamFixture, 'payloads' | 'comments'>): string {
  const events = fixture.payloads.map((payload, index) => `${fixture.comments?.[index] !== undefined ? `${fixture.comments[index]}\n\n` : ''}data: ${JSON.stringify(payload)}\n\n`);
  return `${events.join('')}data: [DONE]\n\n`;
}

const REASONING_FIELDS = ['reasoning_content', 'reasoning', 'reasoning_details'];

/** The same payloads with every reasoning field (and Mistral's thinking parts) removed. */
function withoutReasoning(payloads: readonly Payload[]): Payload[] {
  return payloads.map((payload) => {
    const copy = structuredClone(payload);
    for (const choice of Array.isArray(copy.choices) ? (copy.choices as Payload[]) : []) {
      for (const key of ['delta', 'message']) {
        const delta = choice[key] as Payload | undefined;
        if (delta === undefined) continue;
        for (const field of REASONING_FIELDS) delete delta[field];
        if (Array.isArray(delta.content)) delta.content = (delta.content as Payload[]).filter((part) => part.type !== 'thinking');
      }
    }
    return copy;
  });
}

let directory = '';
let server: OpenAITestServer | undefined;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'tabagent-reasoning-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Writes `body` as a fixture file, serves that file's bytes and returns what the engine streams from it. */
async function replay(fileName: string, body: string, contentType = 'text/event-stream'): Promise<ChatChunk[]> {
  const file = join(directory, fileName);
  await writeFile(file, body, 'utf8');
  const recorded = await readFile(file, 'utf8');
  server = await startOpenAITestServer({ respond: () => ({ kind: 'raw', body: recorded, contentType }) });
  const engine = createOpenAICompatibleEngine({ baseUrl: server.url, model: 'm' });
  const { chunks, error } = await drain(engine.chat(question));
  expect(error).toBeUndefined();
  await server.close();
  server = undefined;
  return chunks;
}

const slug = (name: string): string => name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

describe('reasoning in recorded-style server streams', () => {
  for (const fixture of FIXTURES) {
    it(`${fixture.name}: every reasoning delta arrives as reasoning-delta, the rest unchanged`, async () => {
      const chunks = await replay(`${slug(fixture.name)}.sse`, eventStream(fixture));
      const plain = await replay(`${slug(fixture.name)}.plain.sse`, eventStream({ payloads: withoutReasoning(fixture.payloads) }));

      expect(chunks.filter((chunk) => chunk.type === 'reasoning-delta')).toEqual(fixture.reasoning.map((text) => ({ type: 'reasoning-delta', text })));
      expect(chunks.filter((chunk) => chunk.type !== 'reasoning-delta')).toEqual(plain);
      // And what the rest says, read whole.
      const collected = await collectChat(
        (async function* () {
          yield* chunks;
        })(),
      );
      expect(collected.reasoning).toBe(fixture.reasoning.join(''));
      expect(collected.text).toBe(fixture.text);
      expect(collected.toolCalls.map(({ name, arguments: argumentsText }) => ({ name, arguments: argumentsText }))).toEqual(fixture.calls);
      expect(chunks.at(-1)?.type).toBe('finish');
    });
  }

  it('thinking comes before the text it precedes, in stream order', async () => {
    const chunks = await replay('order.sse', eventStream(FIXTURES[0]!));
    const kinds = chunks.map((chunk) => chunk.type).filter((type) => type === 'reasoning-delta' || type === 'text-delta');
    expect(kinds).toEqual(['reasoning-delta', 'reasoning-delta', 'reasoning-delta', 'text-delta', 'text-delta']);
  });
});

describe('reasoning in whole (non-streamed) completions', () => {
  const completions: { name: string; message: Payload; reasoning: string }[] = [
    { name: 'DeepSeek message.reasoning_content', message: { role: 'assistant', content: 'Hello!', reasoning_content: 'The user greets me.' }, reasoning: 'The user greets me.' },
    {
      name: 'OpenRouter message.reasoning',
      message: { role: 'assistant', content: 'Hello!', refusal: null, reasoning: 'Greet back.', reasoning_details: [{ type: 'reasoning.text', text: 'Greet back.' }] },
      reasoning: 'Greet back.',
    },
  ];
  for (const completion of completions) {
    it(`${completion.name} arrives as one reasoning-delta before the text; usage and finish unchanged`, async () => {
      const whole = (message: Payload): string =>
        JSON.stringify({
          id: 'chatcmpl-whole',
          object: 'chat.completion',
          created: 1_738_000_000,
          model: 'm',
          choices: [{ index: 0, message, finish_reason: 'stop' }],
          usage: { prompt_tokens: 5, completion_tokens: 9, total_tokens: 14 },
        });
      const chunks = await replay(`${slug(completion.name)}.json`, whole(completion.message), 'application/json');
      const [plainMessage] = withoutReasoning([{ choices: [{ message: completion.message }] }]).map((payload) => (payload.choices as Payload[])[0]!.message as Payload);
      const plain = await replay(`${slug(completion.name)}.plain.json`, whole(plainMessage!), 'application/json');
      expect(chunks[0]).toEqual({ type: 'reasoning-delta', text: completion.reasoning });
      expect(chunks.slice(1)).toEqual(plain);
      expect(plain).toEqual([
        { type: 'text-delta', text: 'Hello!' },
        { type: 'usage', usage: { promptTokens: 5, completionTokens: 9 } },
        { type: 'finish', reason: 'stop' },
      ]);
    });
  }
});

describe('a server without a reasoning parser', () => {
  it('passes the <think> block on as content: it arrives as reasoning, split wherever the deltas cut the tags', async () => {
    server = await startOpenAITestServer({ textChunkChars: 3, respond: () => ({ kind: 'text', text: '<think>\nThe user greets me.\n</think>\n\nHello!' }) });
    const engine = createOpenAICompatibleEngine({ baseUrl: server.url, model: 'qwen3:8b' });
    const result = await collectChat(engine.chat(question));
    expect(result.reasoning).toBe('The user greets me.\n');
    expect(result.text).toBe('Hello!');
    expect(result.finishReason).toBe('stop');
  });
});

import { describe, expect, it } from 'vitest';
import { textOrCallJsonSchema } from '../../../../src/core/grammar';
import type { ChatChunk, ChatMessage, ChatRequest, LoadProgress, ToolDefinition } from '../../../../src/core/types';
import { builtinAiAvailability, createBuiltinAiEngine } from '../../../../src/llm/builtin-ai';
import { createFakeLanguageModel, type FakeLanguageModelOptions } from '../../../support/fake-language-model';
import { failure, textOf } from '../helpers';

const SYSTEM: ChatMessage = { role: 'system', content: 'You are helpful.' };
const weather: ToolDefinition = {
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

async function collect(stream: AsyncIterable<ChatChunk>): Promise<ChatChunk[]> {
  const chunks: ChatChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}


function setup(options: FakeLanguageModelOptions = {}) {
  const fake = createFakeLanguageModel(options);
  const engine = createBuiltinAiEngine({ languageModel: fake, createId: () => 'call_1' });
  return { fake, engine };
}


describe('built-in AI availability', () => {
  it('reads each state of the Prompt API and absent where there is none', async () => {
    for (const state of ['available', 'downloadable', 'downloading', 'unavailable'] as const) {
      expect(await builtinAiAvailability(createFakeLanguageModel({ availability: state }))).toBe(state);
    }
    expect(await builtinAiAvailability(undefined)).toBe('absent');
  });

  it('reads a check that throws as unavailable', async () => {
    const fake = createFakeLanguageModel();
    fake.availability = () => Promise.reject(new DOMException('no', 'NotAllowedError'));
    expect(await builtinAiAvailability(fake)).toBe('unavailable');
  });
});

describe('built-in AI engine: load', () => {
  it('refuses with a typed, actionable error where the model cannot run', async () => {
    const { engine } = setup({ availability: 'unavailable' });
    const error = await failure(engine.load());
    expect(error.code).toBe('config');
    expect(error.data.reason).toBe('builtinUnavailable');
    expect(error.message).toMatch(/another engine/);
  });

  it('refuses where the browser has no LanguageModel', async () => {
    const engine = createBuiltinAiEngine();
    const error = await failure(engine.load());
    expect(error.data.reason).toBe('builtinAbsent');
    expect(error.message).toMatch(/Chrome/);
  });

  it('reports the download through the monitor and takes the context window from the session', async () => {
    const { engine } = setup({ availability: 'downloadable', downloadSteps: [0, 0.25, 0.75, 1], quota: 9216 });
    const seen: LoadProgress[] = [];
    await engine.load((progress) => seen.push(progress));
    expect(seen.map((progress) => progress.progress)).toEqual([0, 0, 0.25, 0.75, 1, 1]);
    expect(seen[1]?.text).toMatch(/Downloading/);
    expect(engine.capabilities).toEqual({ nativeToolCalls: false, constrainedOutput: 'json-schema', contextWindow: 9216 });
  });

  it('stops a download when aborted, and loads on a later try', async () => {
    const { fake, engine } = setup({ availability: 'downloadable', downloadSteps: [0, 0.1, 0.2, 0.3] });
    const controller = new AbortController();
    const error = failure(
      engine.load((progress) => {
        if (progress.progress >= 0.1) controller.abort();
      }, controller.signal),
    );
    expect((await error).code).toBe('aborted');
    expect(fake.creates[0]?.signal).toBe(controller.signal);
    await engine.load();
    expect(fake.creates).toHaveLength(2);
  });

  it('reads the older names of the quota (inputQuota, maxTokens)', async () => {
    for (const naming of ['input', 'legacy'] as const) {
      const { engine } = setup({ naming, quota: 4096 });
      await engine.load();
      expect(engine.capabilities.contextWindow).toBe(4096);
    }
  });
});

describe('built-in AI engine: chat', () => {
  it('streams deltas, then usage and finish; the system text and earlier turns are initial prompts', async () => {
    const { fake, engine } = setup({ answers: [['Hel', 'lo', '!']] });
    const messages: ChatMessage[] = [SYSTEM, { role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hey' }, { role: 'user', content: 'Greet me' }];
    const chunks = await collect(engine.chat({ messages }));
    expect(chunks.filter((chunk) => chunk.type === 'text-delta').map((chunk) => chunk.type === 'text-delta' && chunk.text)).toEqual(['Hel', 'lo', '!']);
    expect(chunks.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
    const chat = fake.creates.at(-1);
    expect(chat?.initialPrompts).toEqual([
      { role: 'system', content: 'You are helpful.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hey' },
    ]);
    expect(fake.prompts[0]?.input).toEqual([{ role: 'user', content: 'Greet me' }]);
    const usage = chunks.find((chunk) => chunk.type === 'usage');
    // The fake counts a quarter of the characters per message: prompt 4+1+1+2 = 8, answer 'Hello!' = 2.
    expect(usage).toEqual({ type: 'usage', usage: { promptTokens: 8, completionTokens: 2 } });
  });

  it('turns cumulative chunks (older Chrome) into deltas', async () => {
    const { engine } = setup({ answers: [['Hel', 'lo', ' world']], chunkMode: 'cumulative' });
    const chunks = await collect(engine.chat({ messages: [{ role: 'user', content: 'Hi' }] }));
    expect(textOf(chunks)).toBe('Hello world');
  });

  it('reuses the session when the request extends the previous one, appending only the new messages', async () => {
    const { fake, engine } = setup({ answers: [['First'], ['Second']] });
    const first: ChatMessage[] = [SYSTEM, { role: 'user', content: 'One' }];
    await collect(engine.chat({ messages: first }));
    const second: ChatMessage[] = [...first, { role: 'assistant', content: 'First' }, { role: 'user', content: 'Two' }];
    const chunks = await collect(engine.chat({ messages: second }));
    expect(fake.sessions.filter((session) => session.id > 0)).toHaveLength(1);
    expect(fake.prompts.map((call) => call.session)).toEqual([1, 1]);
    expect(fake.prompts[1]?.input).toEqual([{ role: 'user', content: 'Two' }]);
    const usage = chunks.find((chunk) => chunk.type === 'usage');
    expect(usage?.type === 'usage' && usage.usage.cachedPromptTokens).toBe(fakeHeld(['You are helpful.', 'One', 'First']));
  });

  it('starts a fresh session when the request does not extend the previous one, and destroys the old', async () => {
    const { fake, engine } = setup({ answers: [['First'], ['Again']] });
    await collect(engine.chat({ messages: [SYSTEM, { role: 'user', content: 'One' }] }));
    await collect(engine.chat({ messages: [SYSTEM, { role: 'user', content: 'One, edited' }] }));
    expect(fake.prompts.map((call) => call.session)).toEqual([1, 2]);
    expect(fake.sessions[1]?.destroyed).toBe(true);
    expect(fake.creates.at(-1)?.initialPrompts).toEqual([SYSTEM]);
  });

  it('stops within the stream when aborted, drops that session and answers the next request', async () => {
    const { fake, engine } = setup({ answers: [['a', 'b', 'c', 'd', 'e', 'f'], ['ok']] });
    const controller = new AbortController();
    const seen: string[] = [];
    const run = (async () => {
      for await (const chunk of engine.chat({ messages: [{ role: 'user', content: 'Hi' }] }, controller.signal)) {
        if (chunk.type === 'text-delta') seen.push(chunk.text);
        if (seen.length === 2) controller.abort();
      }
    })();
    const error = await failure(run);
    expect(error.code).toBe('aborted');
    expect(seen).toEqual(['a', 'b']);
    expect(fake.prompts[0]?.options.signal).toBe(controller.signal);
    expect(fake.sessions[1]?.destroyed).toBe(true);
    const next = await collect(engine.chat({ messages: [{ role: 'user', content: 'Hi' }] }));
    expect(textOf(next)).toBe('ok');
    expect(fake.prompts[1]?.session).toBe(2);
  });

  it('passes a JSON-schema response format as responseConstraint and turns a call into a tool call', async () => {
    const call = ['{"name": "get_', 'weather", "arguments": {"city": ', '"Paris"}}'];
    const { fake, engine } = setup({ answers: [call] });
    const schema = textOrCallJsonSchema([weather]);
    const request: ChatRequest = { messages: [SYSTEM, { role: 'user', content: 'Weather in Paris?' }], responseFormat: { type: 'json-schema', schema } };
    const chunks = await collect(engine.chat(request));
    expect(fake.prompts[0]?.options.responseConstraint).toEqual(schema);
    expect(textOf(chunks)).toBe('');
    expect(chunks).toContainEqual({ type: 'tool-call-delta', index: 0, id: 'call_1', name: 'get_weather', argumentsDelta: '{"city":"Paris"}' });
    expect(chunks.at(-1)).toEqual({ type: 'finish', reason: 'tool-calls' });
  });

  it('streams the text branch of a constrained answer as plain text while it arrives', async () => {
    const { engine } = setup({ answers: [['{"text": "It is', ' sunny \\"today\\"', '\\nBye"}']] });
    const schema = textOrCallJsonSchema([weather]);
    const chunks = await collect(engine.chat({ messages: [{ role: 'user', content: 'Hi' }], responseFormat: { type: 'json-schema', schema } }));
    const deltas = chunks.filter((chunk) => chunk.type === 'text-delta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(textOf(chunks)).toBe('It is sunny "today"\nBye');
    expect(chunks.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
  });

  it('sends no constraint without a response format, and cuts at a stop string', async () => {
    const { fake, engine } = setup({ answers: [['Done.', ' <tool_resp', 'onse> fake']] });
    const chunks = await collect(engine.chat({ messages: [{ role: 'user', content: 'Hi' }], stop: ['<tool_response>'] }));
    expect(fake.prompts[0]?.options.responseConstraint).toBeUndefined();
    expect(textOf(chunks)).toBe('Done. ');
  });

  it('passes temperature with topK (Chrome takes them together)', async () => {
    const { fake, engine } = setup({ answers: [['x']] });
    await collect(engine.chat({ messages: [{ role: 'user', content: 'Hi' }], temperature: 0.2 }));
    expect(fake.creates.at(-1)).toMatchObject({ temperature: 0.2, topK: 3 });
  });

  it('starts a fresh session when the sampling changes, even for a request that extends the last', async () => {
    const { fake, engine } = setup({ answers: [['First'], ['Second']] });
    const first: ChatMessage[] = [SYSTEM, { role: 'user', content: 'One' }];
    await collect(engine.chat({ messages: first, temperature: 0.2 }));
    await collect(engine.chat({ messages: [...first, { role: 'assistant', content: 'First' }, { role: 'user', content: 'Two' }], temperature: 0.9 }));
    expect(fake.prompts.map((call) => call.session)).toEqual([1, 2]);
    expect(fake.creates.at(-1)).toMatchObject({ temperature: 0.9, topK: 3 });
    expect(fake.prompts[1]?.input).toEqual([{ role: 'user', content: 'Two' }]);
  });

  it('asks for a click when Chrome refuses to start its download without one', async () => {
    const { fake, engine } = setup({ availability: 'downloadable' });
    fake.create = () => Promise.reject(new DOMException('Requires a user gesture when availability is "downloadable".', 'NotAllowedError'));
    const error = await failure(engine.load());
    expect(error.code).toBe('config');
    expect(error.data.reason).toBe('builtinNeedsClick');
    expect(error.message).toMatch(/Press Use/);
  });

  it('reports an input over the quota as a typed error', async () => {
    const { engine } = setup({ answers: [['x']], quota: 10 });
    const error = await failure(collect(engine.chat({ messages: [{ role: 'user', content: 'x'.repeat(200) }] })));
    expect(error.code).toBe('bad-request');
    expect(error.data.reason).toBe('builtinTooLong');
  });

  it('destroys its session on unload', async () => {
    const { fake, engine } = setup({ answers: [['x']] });
    await collect(engine.chat({ messages: [{ role: 'user', content: 'Hi' }] }));
    expect(fake.sessions[1]?.destroyed).toBe(false);
    await engine.unload();
    expect(fake.sessions[1]?.destroyed).toBe(true);
  });
});

/** What the fake counts for these messages (a quarter of the characters each, at least one). */
function fakeHeld(contents: readonly string[]): number {
  return contents.reduce((sum, content) => sum + Math.max(1, Math.ceil(content.length / 4)), 0);
}

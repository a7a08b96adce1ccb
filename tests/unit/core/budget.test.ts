/** Token budgeting: long conversations stay within the context budget without splitting a call from its result. */
import { describe, expect, it } from 'vitest';
import { runAgent } from '../../../src/core/agent/run-agent';
import type { AgentEvent, PromptInfo } from '../../../src/core/agent/events';
import type { RunAgentOptions } from '../../../src/core/agent/options';
import { estimateTokens, type CountTokens } from '../../../src/core/agent/token-count';
import type { ChatMessage, ChatRequest } from '../../../src/core/types';
import { createScriptedEngine, textChunks, toolCallChunks, type ScriptStep } from '../../support/scripted-engine';
import { createFakeToolRunner, type FakeTool } from '../../support/fake-tool-runner';

const lookup: FakeTool = {
  definition: {
    name: 'lookup',
    description: 'Looks a word up in the dictionary.',
    parameters: { type: 'object', properties: { word: { type: 'string' } }, required: ['word'] },
  },
  // A result of a few hundred characters, so that a handful of turns fill the window.
  run: async (args) => ({ word: args.word, meaning: `${String(args.word)} means `.repeat(12) }),
};

async function collect(options: RunAgentOptions): Promise<AgentEvent[]> {
  const events: AgentEvent[] = [];
  for await (const event of runAgent(options)) events.push(event);
  return events;
}

/**
 * The oracle, written here from the rule rather than calling the budgeter's own counter
 * (`messagesTokens`), so a part of the request the budgeter forgets to count shows up as a
 * difference: every message costs its text, a separate `context` if one reached the engine, its
 * native calls as JSON, a tool result's tool name, and 4 tokens of chat template; native tool
 * definitions cost their JSON.
 */
const TEMPLATE_TOKENS_PER_MESSAGE = 4;
function requestTokens(request: ChatRequest, count: CountTokens): number {
  let total = request.tools ? count(JSON.stringify(request.tools)) : 0;
  for (const message of request.messages) {
    total += TEMPLATE_TOKENS_PER_MESSAGE + count(message.content);
    if ('context' in message && message.context) total += count(message.context);
    if (message.role === 'assistant' && message.toolCalls?.length) total += count(JSON.stringify(message.toolCalls));
    if (message.role === 'tool') total += count(message.name);
  }
  return total;
}

/** The tokenizer for these tests: every text here is ASCII, four characters a token. */
const tokenizer: CountTokens = (text) => Math.ceil(text.length / 4);

/** Fails unless every native tool call in `messages` is answered right after it, and every result has its call. */
function expectCallsPaired(messages: readonly ChatMessage[]): void {
  const open = new Set<string>();
  for (const message of messages) {
    if (message.role === 'tool') {
      expect(open.has(message.toolCallId), `result ${message.toolCallId} without its call`).toBe(true);
      open.delete(message.toolCallId);
      continue;
    }
    expect([...open], 'a call without its result').toEqual([]);
    if (message.role === 'assistant') for (const call of message.toolCalls ?? []) open.add(call.id);
  }
  expect([...open], 'a call without its result').toEqual([]);
}

/** The same check on text-format prompts: `<tool_call>` answered by the next message's `<tool_response>`. */
function expectTextCallsPaired(messages: readonly ChatMessage[]): void {
  messages.forEach((message, index) => {
    const next = messages[index + 1];
    if (message.role === 'assistant' && message.content.includes('<tool_call>')) {
      expect(next?.role === 'user' && next.content.includes('<tool_response>'), 'a call without its result').toBe(true);
    }
    if (message.role === 'user' && message.content.includes('<tool_response>')) {
      const previous = messages[index - 1];
      expect(previous?.role === 'assistant' && previous.content.includes('<tool_call>'), 'a result without its call').toBe(true);
    }
  });
}

/** Each turn: the model looks a word up, then answers. */
function lookupTurnSteps(turn: number): ScriptStep[] {
  return [toolCallChunks([{ id: `call_${turn}`, name: 'lookup', arguments: { word: `word${turn}` } }]), textChunks(`Turn ${turn}: done.`, 40)];
}

interface LongRun {
  prompts: PromptInfo[];
  requests: ChatRequest[];
  overflows: number;
}

/** Runs `turns` user turns through runAgent, carrying the history forward as the chat does. */
async function converse(turns: number, options: Partial<RunAgentOptions>): Promise<LongRun> {
  const tools = createFakeToolRunner([lookup]);
  const history: ChatMessage[] = [];
  const result: LongRun = { prompts: [], requests: [], overflows: 0 };
  for (let turn = 1; turn <= turns; turn += 1) {
    const engine = createScriptedEngine(lookupTurnSteps(turn), { contextWindow: 1200 });
    const user: ChatMessage = { role: 'user', content: `Turn ${turn}: what does word${turn} mean?` };
    const events = await collect({ engine, tools, messages: [...history, user], createId: () => `call_${turn}`, countTokens: tokenizer, ...options });
    expect(events.at(-1)?.type).toBe('finish');
    history.push(user);
    for (const event of events) {
      if (event.type === 'message') history.push(event.message);
      if (event.type === 'prompt') result.prompts.push(event.prompt);
      if (event.type === 'context-overflow') result.overflows += 1;
    }
    for (const request of engine.requests) {
      result.requests.push(request);
      // The newest turn is always there: its user message opens the turn's part of the prompt.
      const newest = request.messages.filter((message) => message.role === 'user' && message.content.startsWith(`Turn ${turn}:`));
      expect(newest).toHaveLength(1);
    }
  }
  return result;
}

describe('token budgeting over a 200-turn conversation', () => {
  const budget = { contextWindow: 1200, reserveForAnswer: 200 };

  it('native tool calls: every step within budget, no call split from its result, the newest turn kept', async () => {
    const run = await converse(200, { contextBudget: budget });
    expect(run.requests).toHaveLength(400);
    expect(run.overflows).toBe(0);
    for (const [index, request] of run.requests.entries()) {
      const tokens = requestTokens(request, tokenizer);
      expect(tokens, `request ${index}`).toBeLessThanOrEqual(1000);
      expect(tokens).toBe(run.prompts[index]?.budget.total);
      expectCallsPaired(request.messages.slice(1));
    }
    // History was dropped, announced in the system text, and the split adds up.
    const last = run.prompts.at(-1)!;
    expect(last.omittedMessages).toBeGreaterThan(700);
    expect(run.requests.at(-1)?.messages[0]?.content).toContain(`${last.omittedMessages} earlier messages omitted`);
    expect(last.budget.limit).toBe(1000);
    expect(last.budget.system + last.budget.tools + last.budget.context + last.budget.history).toBe(last.budget.total);
    expect(last.budget.tools).toBe(tokenizer(JSON.stringify(run.requests.at(-1)?.tools)));
    // Some earlier turns are still there: dropping keeps what fits.
    expect(run.requests.at(-1)?.messages.filter((message) => message.role === 'user').length).toBeGreaterThan(1);
  }, 120_000);

  it('text format (Hermes): within budget and calls stay with their results', async () => {
    const run = await converse(200, { contextBudget: budget, toolMode: 'hermes' });
    expect(run.overflows).toBe(0);
    for (const request of run.requests) {
      expect(requestTokens(request, tokenizer)).toBeLessThanOrEqual(1000);
      expectTextCallsPaired(request.messages);
    }
  }, 120_000);

  it('keeps the prompt prefix for many turns in a row: the history start moves in steps of about a quarter window', async () => {
    const run = await converse(120, { contextBudget: budget });
    // Once history is being dropped, the kept history's start (hence the prompt's prefix) changes
    // on far fewer turns than it stays the same.
    const firstOfTurn = run.prompts.filter((_, index) => index % 2 === 0).map((prompt) => prompt.omittedMessages);
    const dropping = firstOfTurn.filter((omitted) => omitted > 0);
    let changes = 0;
    for (let index = 1; index < dropping.length; index += 1) if (dropping[index] !== dropping[index - 1]) changes += 1;
    expect(dropping.length).toBeGreaterThan(80);
    expect(changes).toBeLessThan(dropping.length / 2);
    // Within a turn, the second step never brings back what the first dropped.
    for (let index = 0; index + 1 < run.prompts.length; index += 2) {
      expect(run.prompts[index + 1]!.omittedMessages).toBeGreaterThanOrEqual(run.prompts[index]!.omittedMessages);
    }
  }, 120_000);

  it('uses the given tokenizer: a costlier count drops more', async () => {
    const doubled: CountTokens = (text) => 2 * tokenizer(text);
    const cheap = await converse(30, { contextBudget: budget });
    const costly = await converse(30, { contextBudget: budget, countTokens: doubled });
    expect(costly.prompts.at(-1)!.omittedMessages).toBeGreaterThan(cheap.prompts.at(-1)!.omittedMessages);
    for (const request of costly.requests) expect(requestTokens(request, doubled)).toBeLessThanOrEqual(1000);
  }, 60_000);
});

describe('when the newest turn alone is too long', () => {
  const big: FakeTool = {
    definition: { name: 'fetch_page', description: 'Fetches a page.', parameters: { type: 'object', properties: {} } },
    run: async () => ({ text: 'lorem ipsum dolor sit amet '.repeat(400) }),
  };

  it('shortens its oldest tool results (with a marker) instead of separating them from their calls', async () => {
    const engine = createScriptedEngine(
      [
        toolCallChunks([{ id: 'a', name: 'fetch_page', arguments: {} }]),
        toolCallChunks([{ id: 'b', name: 'fetch_page', arguments: {} }]),
        textChunks('Summary.'),
      ],
      { contextWindow: 4000 },
    );
    const history: ChatMessage[] = [
      { role: 'user', content: 'An old question '.repeat(50) },
      { role: 'assistant', content: 'An old answer '.repeat(50) },
    ];
    const events = await collect({
      engine,
      tools: createFakeToolRunner([big]),
      messages: [...history, { role: 'user', content: 'Summarise two pages.' }],
      contextBudget: { contextWindow: 4000, reserveForAnswer: 1000 },
      countTokens: tokenizer,
    });
    expect(events.at(-1)?.type).toBe('finish');
    expect(events.some((event) => event.type === 'context-overflow')).toBe(false);
    const prompts = events.flatMap((event) => (event.type === 'prompt' ? [event.prompt] : []));
    for (const [index, request] of engine.requests.entries()) {
      expect(requestTokens(request, tokenizer)).toBeLessThanOrEqual(3000);
      expect(prompts[index]?.budget.total).toBe(requestTokens(request, tokenizer));
      expectCallsPaired(request.messages.slice(1));
    }
    // Step 3 holds both results: the older one is cut (marked), the newer one is whole.
    const third = engine.requests[2]!.messages;
    const results = third.filter((message) => message.role === 'tool');
    expect(results).toHaveLength(2);
    expect(results[0]?.content).toMatch(/\[… truncated to fit the context length: \d+ of \d+ characters shown\]$/);
    expect(results[1]?.content.length).toBeGreaterThan(10_000);
    expect(prompts[2]?.truncatedResults).toBe(1);
    // Earlier turns went first.
    expect(third.some((message) => message.content.includes('An old question'))).toBe(false);
    expect(prompts[2]?.omittedMessages).toBe(2);
    // The transcript itself keeps every result whole.
    const stored = events.flatMap((event) => (event.type === 'message' && event.message.role === 'tool' ? [event.message.content] : []));
    expect(stored.every((content) => content.length > 10_000)).toBe(true);
  });

  it('reports a clear overflow when even that cannot fit, and still asks the engine', async () => {
    const engine = createScriptedEngine([textChunks('Too long for me.')], { contextWindow: 500 });
    const events = await collect({
      engine,
      tools: createFakeToolRunner([]),
      messages: [{ role: 'user', content: 'Please read: ' + 'word '.repeat(2000) }],
      contextBudget: { contextWindow: 500, reserveForAnswer: 100 },
    });
    const overflow = events.find((event) => event.type === 'context-overflow');
    expect(overflow?.type === 'context-overflow' && overflow.message).toMatch(/needs about \d+ tokens but the model reads at most 400/);
    expect(overflow?.type === 'context-overflow' && overflow.budget.total).toBeGreaterThan(400);
    expect(engine.requests).toHaveLength(1);
    expect(events.at(-1)?.type).toBe('finish');
  });
});

describe('estimateTokens', () => {
  it('counts one token per CJK character and one per four other characters', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens('查询天气')).toBe(4);
    expect(estimateTokens('こんにちは')).toBe(5);
    expect(estimateTokens('안녕하세요')).toBe(5);
    expect(estimateTokens('今天北京的天气怎么样？')).toBe(11);
    expect(estimateTokens('weather 天气 today')).toBe(2 + Math.ceil('weather  today'.length / 4));
    // A character outside the basic plane (a rare Han character, an emoji) is one token, not two.
    expect(estimateTokens('𠀀')).toBe(1);
  });

  it('defaults to the engine window with a reserve for the answer', async () => {
    const engine = createScriptedEngine([textChunks('ok')], { contextWindow: 2048 });
    const events = await collect({ engine, tools: createFakeToolRunner([]), messages: [{ role: 'user', content: 'hi' }] });
    const prompt = events.find((event) => event.type === 'prompt');
    expect(prompt?.type === 'prompt' && prompt.prompt.budget.limit).toBe(2048 - 512);
    const withMax = createScriptedEngine([textChunks('ok')], { contextWindow: 2048 });
    const second = await collect({ engine: withMax, tools: createFakeToolRunner([]), messages: [{ role: 'user', content: 'hi' }], maxTokens: 100 });
    const capped = second.find((event) => event.type === 'prompt');
    expect(capped?.type === 'prompt' && capped.prompt.budget.limit).toBe(1948);
  });
});

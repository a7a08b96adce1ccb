import { describe, expect, it } from 'vitest';
import { formats } from '../../../src/core/formats';
import type { FormatName } from '../../../src/core/formats/types';
import type { ToolMode } from '../../../src/core/agent/options';
import type { ContextProvider, SelectTools } from '../../../src/core/agent/turn-context';
import { manyTools } from '../../support/many-tools';
import { runPrefixSession, type SessionTurn } from '../../support/prefix-session';
import { ToolSelector } from '../../../src/retrieval';

/** Three turns, the third retrieving the second's tools again (its query carries the second question). */
const THREE_TURNS: SessionTurn[] = [
  { question: 'What is the weather in Paris, Rome and Oslo?', domain: 'weather', steps: 3 },
  { question: 'And the stock price of ACME?', domain: 'stock', steps: 2 },
  { question: 'And the stock price of ACME in euros?', domain: 'stock', steps: 2 },
];

/** The benchmark's five-turn session: one call per turn, some turns retrieving only tools listed before. */
const FIVE_TURNS: SessionTurn[] = [
  { question: 'weather in Paris?', domain: 'weather', steps: 2 },
  { question: 'and the stock price of ACME?', domain: 'stock', steps: 2 },
  { question: 'translate hello to French', domain: 'translation', steps: 2 },
  { question: 'news about robots', domain: 'news', steps: 2 },
  { question: 'currency rate EUR to JPY', domain: 'currency', steps: 2 },
];

const TEXT_FORMATS = Object.keys(formats) as FormatName[];

const INSTRUCTIONS = 'You are Travel Desk. Answer in one short paragraph and name the tool behind each figure.';

/** A memory for every turn and, from the second turn on, an untrusted knowledge passage: both quote the question. */
const memoryAndKnowledge: ContextProvider = async (query) => {
  const question = query.messages.at(-1)?.content ?? '';
  const turn = query.messages.filter((message) => message.role === 'user').length;
  return [
    { kind: 'memory', title: 'Preference', text: `Prefers metric units (turn ${turn}).`, untrusted: false },
    ...(turn > 1 ? [{ kind: 'knowledge', title: 'Guide p. 3', text: `Notes on: ${question}`, untrusted: true }] : []),
  ];
};

describe('prefix reuse over multi-turn sessions with tool retrieval (2,000 tools, k = 5)', () => {
  const library = manyTools(2_000);

  it.each(TEXT_FORMATS)('%s: every request starts with the whole previous request and the answer as the model wrote it', async (format) => {
    for (const [turns, requests] of [[THREE_TURNS, 7], [FIVE_TURNS, 10]] as const) {
      const session = await runPrefixSession(library, turns, { mode: format });
      expect(session.prompts).toHaveLength(requests);
      expect(session.breaks).toBe(0);
      for (const [index, prompt] of session.prompts.entries()) {
        if (index > 0) expect(prompt.startsWith(session.prompts[index - 1]!)).toBe(true);
      }
      // What a prefix-caching engine holds after a request is that prompt plus its answer: the next
      // request repeats the model's own bytes (canonical JSON spacing), so none of it is re-read.
      expect(session.answerBreaks).toBe(0);
    }
  });

  it.each(TEXT_FORMATS)('%s: an agent\'s instructions and each turn\'s memories and passages keep the prefix', async (format) => {
    const session = await runPrefixSession(library, FIVE_TURNS, { mode: format, systemPrompt: INSTRUCTIONS, context: [memoryAndKnowledge] });
    expect(session.breaks).toBe(0);
    expect(session.answerBreaks).toBe(0);
    const last = session.prompts.at(-1)!;
    expect(last.startsWith(`<system>${INSTRUCTIONS}`)).toBe(true);
    // Each turn's material stays with that turn's message, once, in the order of the turns.
    const positions = FIVE_TURNS.map((turn) => last.indexOf(`(turn ${FIVE_TURNS.indexOf(turn) + 1})`));
    for (const [index, position] of positions.entries()) {
      expect(position).toBeGreaterThan(last.indexOf(FIVE_TURNS[index]!.question));
      expect(last.indexOf(`(turn ${index + 1})`, position + 1)).toBe(-1);
    }
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it.each(TEXT_FORMATS)('%s: a turn whose retrieval picks no tool keeps the fixed text (and the call syntax) unchanged', async (format) => {
    const selector = new ToolSelector({ k: 5 });
    // The second turn's retrieval finds nothing; the tools listed in the first stay callable.
    const selectTools: SelectTools = async (query, offered) =>
      query.text.startsWith('and the stock') ? { tools: [], searched: offered.length, retrievers: ['bm25'] } : selector.select(query.text, offered, query.signal);
    const session = await runPrefixSession(library, FIVE_TURNS.slice(0, 3), { mode: format, selectTools });
    expect(session.breaks).toBe(0);
    expect(session.answerBreaks).toBe(0);
  });

  it.each(TEXT_FORMATS)('%s: a turn lists only tools not listed earlier, and says the call syntax once', async (format) => {
    const session = await runPrefixSession(library, THREE_TURNS, { mode: format });
    const [, , , , , thirdStart] = session.prompts;
    const secondEnd = session.prompts[4]!;
    const added = thirdStart!.slice(secondEnd.length);
    // The third turn retrieves the stock tools the second turn listed: none is listed again.
    const stockTools = library.filter((tool) => tool.name.includes('stock')).map((tool) => tool.name);
    const listedBefore = stockTools.filter((name) => secondEnd.includes(name));
    expect(listedBefore.length).toBeGreaterThan(0);
    for (const name of listedBefore) expect(added).not.toContain(name);
    // The call syntax is in the fixed system text only: a later turn start adds little besides the question.
    expect(added.length).toBeLessThan(400);
  });

  it.each(TEXT_FORMATS)('%s: its listing writes each signature verbatim and names no tool in the syntax', (format) => {
    const listing = formats[format].listing;
    expect(listing).toBeDefined();
    const tools = library.slice(0, 3);
    const block = listing!.list(tools);
    for (const tool of tools) expect(block).toContain(listing!.signature(tool));
    for (const tool of tools) expect(listing!.syntax).not.toContain(tool.name);
  });

  it.each<ToolMode>(['hermes', 'react', 'mistral', 'native'])(
    '%s: an agent whose tools all fit keeps them in its fixed text, in the same order at every turn',
    async (mode) => {
      // Four tools, k = 5: retrieval chooses all of them, ranked differently at each turn.
      const session = await runPrefixSession(manyTools(4), [
        { question: 'weather in Paris?', domain: 'weather', steps: 2 },
        { question: 'and the stock price of ACME?', domain: 'stock', steps: 2 },
        { question: 'my calendar for today', domain: 'calendar', steps: 2 },
      ], { mode });
      expect(session.breaks).toBe(0);
      for (const value of session.perRequest) expect(value).toBeGreaterThan(0.85);
    },
  );

  it.each<ToolMode>(['hermes', 'react', 'pythonic'])(
    '%s: a turn shown with all its tools again after a drop is stored as sent, so only drops break the prefix',
    async (mode) => {
      // Each turn retrieves its domain's first five tools; every third turn repeats a domain, so its
      // own listing is empty until the turn that listed them is dropped (it then lists all five).
      const domains = ['weather', 'stock', 'news'];
      const selectTools: SelectTools = async (query, offered) => {
        const newest = query.messages.at(-1)?.content ?? '';
        const domain = domains.find((name) => newest.includes(name)) ?? 'weather';
        const tools = offered.filter((tool) => tool.name.includes(domain)).slice(0, 5);
        return { tools: tools.map((tool) => ({ name: tool.name, score: 1, pinned: false })), searched: offered.length, retrievers: ['bm25'] };
      };
      const turns = Array.from({ length: 9 }, (_, index) => ({ question: `${domains[index % 3]} question ${index}`, domain: domains[index % 3]!, steps: 2 }));
      for (const contextWindow of [1_500, 2_000]) {
        const session = await runPrefixSession(library, turns, { mode, contextWindow, selectTools });
        expect(session.budgetBreaks).toBeGreaterThan(0);
        expect(session.breaks).toBe(session.budgetBreaks);
      }
    },
  );

  it('counts prefix breaks from dropped turns apart (the only allowed cause)', async () => {
    const turns: SessionTurn[] = Array.from({ length: 8 }, (_, index) => ({
      question: `${['weather', 'stock', 'news', 'currency'][index % 4]} question number ${index} ${'with some padding words '.repeat(20)}`,
      domain: ['weather', 'stock', 'news', 'currency'][index % 4]!,
      steps: 2,
    }));
    const session = await runPrefixSession(library, turns, { contextWindow: 3_000 });
    expect(session.budgetBreaks).toBeGreaterThan(0);
    expect(session.breaks).toBe(session.budgetBreaks);
  });
});

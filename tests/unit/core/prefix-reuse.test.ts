import { describe, expect, it } from 'vitest';
import { formats } from '../../../src/core/formats';
import type { FormatName } from '../../../src/core/formats/types';
import type { ToolMode } from '../../../src/core/agent/options';
import { manyTools } from '../../support/many-tools';
import { runPrefixSession, type SessionTurn } from '../../support/prefix-session';

/** Three turns, the third retrieving the second's tools again (its query carries the second question). */
const THREE_TURNS: SessionTurn[] = [
  { question: 'What is the weather in Paris, Rome and Oslo?', domain: 'weather', steps: 3 },
  { question: 'And the stock price of ACME?', domain: 'stock', steps: 2 },
  { question: 'And the stock price of ACME in euros?', domain: 'stock', steps: 2 },
];

const TEXT_FORMATS = Object.keys(formats) as FormatName[];

describe('prefix reuse over multi-turn sessions with tool retrieval (2,000 tools, k = 5)', () => {
  const library = manyTools(2_000);

  it.each(TEXT_FORMATS)('%s: every request starts with the whole previous request and the answer as the model wrote it', async (format) => {
    const session = await runPrefixSession(library, THREE_TURNS, { mode: format });
    expect(session.prompts).toHaveLength(7);
    expect(session.breaks).toBe(0);
    // What a prefix-caching engine holds after a request is that prompt plus its answer: the next
    // request repeats the model's own bytes (canonical JSON spacing), so none of it is re-read.
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

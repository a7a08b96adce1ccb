import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hermesFormat, modelscopeFormat } from '../../../src/core/formats';
import { loadDataset } from '../../../src/eval/dataset';
import { createMemoryResultStore, parseResults } from '../../../src/eval/results';
import { runEval } from '../../../src/eval/runner';
import { loadBfcl, msagentSample, ourSample } from './fixtures';
import { createReplayEngine, textChunks } from './replay';
import type { ChatEngine } from '../../../src/core/types';

/** A clock that advances 10 ms per reading. */
function steppingClock(): () => number {
  let time = 0;
  return () => (time += 10);
}

describe('runEval on BFCL', () => {
  it('scores a replay of the gold answers 1.0 on every metric', async () => {
    const { examples } = loadBfcl();
    const store = createMemoryResultStore();
    const outcome = await runEval({
      examples,
      engine: createReplayEngine(examples),
      store,
      format: 'native',
      concurrency: 1,
      now: steppingClock(),
    });
    const { summary } = outcome;
    expect(outcome).toMatchObject({ skipped: 0, ran: 7, aborted: false });
    expect(summary).toMatchObject({ examples: 7, scored: 7, errors: 0 });
    expect(summary.actionEM).toEqual({ value: 1, numerator: 7, denominator: 7 });
    expect(summary.argumentF1.value).toBe(1);
    expect(summary.argumentF1.count).toBe(6);
    expect(summary.argumentF1.micro).toEqual({ correct: 19, predicted: 19, gold: 19, precision: 1, recall: 1, f1: 1 });
    expect(summary.wellFormedCallRate).toEqual({ value: 1, numerator: 6, denominator: 6 });
    expect(summary.hallucinatedToolRate).toEqual({ value: 0, numerator: 0, denominator: 8 });
    expect(summary.noCallAccuracy).toEqual({ value: 1, numerator: 1, denominator: 1 });
    // BFCL has no reference texts.
    expect(summary.rougeL).toEqual({ value: null, count: 0 });
    // Two clock readings per example, 10 ms apart.
    expect(summary.durationMs).toEqual({ total: 70, mean: 10 });
    expect(store.summary).toEqual(summary);
    expect(parseResults(store.text).size).toBe(7);
  });

  it('gives the hand-computed Argument F1 when one argument is wrong', async () => {
    const { examples } = loadBfcl();
    const engine = createReplayEngine(examples, {
      edit: (id, calls) => (id === 'simple_0' ? calls.map((call) => ({ ...call, arguments: { ...call.arguments, base: 12 } })) : calls),
    });
    const { summary } = await runEval({ examples, engine, store: createMemoryResultStore(), format: 'native' });
    // simple_0: base wrong, height and the optional unit right → P = R = F1 = 2/3; the other five are 1.
    expect(summary.argumentF1.value).toBeCloseTo((2 / 3 + 5) / 6, 12);
    // Micro: 18 of 19 pairs right on both sides.
    expect(summary.argumentF1.micro).toMatchObject({ correct: 18, predicted: 19, gold: 19 });
    expect(summary.argumentF1.micro.f1).toBeCloseTo(18 / 19, 12);
    expect(summary.actionEM.value).toBe(1);
  });

  it('reads calls written in a text format', async () => {
    const { examples } = loadBfcl();
    const engine = createReplayEngine(examples, { textFormat: hermesFormat });
    const { summary } = await runEval({ examples, engine, store: createMemoryResultStore(), format: 'hermes' });
    expect(engine.requests[0]?.tools).toBeUndefined();
    expect(engine.requests[0]?.messages[0]?.content).toContain('calculate_triangle_area');
    expect(summary.actionEM.value).toBe(1);
    expect(summary.argumentF1.value).toBe(1);
    expect(summary.wellFormedCallRate.value).toBe(1);
  });

  it('counts unknown tools and malformed calls', async () => {
    const { examples } = loadBfcl();
    const answers = [
      '<tool_call>\n{"name": "made_up_tool", "arguments": {}}\n</tool_call>',
      // Unbalanced JSON: repaired (so the call counts) but not well formed.
      '<tool_call>\n{"name": "math_factorial", "arguments": {"number": 5}\n</tool_call>',
    ];
    const engine: ChatEngine = {
      id: 'texts',
      capabilities: { nativeToolCalls: false, constrainedOutput: 'none', contextWindow: 8192 },
      async load() {},
      async unload() {},
      async *chat() {
        yield* textChunks(answers.shift() ?? '');
      },
    };
    const { summary } = await runEval({ examples: examples.slice(0, 2), engine, store: createMemoryResultStore(), format: 'hermes', concurrency: 1 });
    expect(summary.hallucinatedToolRate).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    expect(summary.wellFormedCallRate).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    expect(summary.actionEM).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
  });
  it("reads calls from the text in 'auto' mode when the model writes them there", async () => {
    const { examples } = loadBfcl();
    const texts = createReplayEngine(examples, { textFormat: hermesFormat });
    // A server that accepts native tools but whose model answers with Hermes markup in the text.
    const engine: ChatEngine = { ...texts, capabilities: { ...texts.capabilities, nativeToolCalls: true } };
    const { summary } = await runEval({ examples, engine, store: createMemoryResultStore(), format: 'auto' });
    expect(texts.requests[0]?.tools?.[0]?.name).toBe('calculate_triangle_area');
    expect(summary.actionEM.value).toBe(1);
    expect(summary.argumentF1.value).toBe(1);
  });
});


describe('runEval on our format and MSAgent-Bench', () => {
  it('scores text answers and follow-up answers with ROUGE-L', async () => {
    const { examples } = loadDataset(readFileSync(ourSample, 'utf8'));
    const engine = createReplayEngine(examples);
    const store = createMemoryResultStore();
    const { summary } = await runEval({ examples, engine, store, format: 'native' });
    expect(summary.rougeL).toEqual({ value: 1, count: 2 });
    expect(summary.actionEM.value).toBe(1);
    expect(summary.argumentF1.value).toBe(1);
    // The follow-up request shows the gold call and its result.
    const followUp = engine.requests.find((request) => request.messages.some((message) => message.role === 'tool' && message.content.includes('"temp"')));
    expect(followUp).toBeDefined();
    expect(parseResults(store.text).get('weather-1')?.followUp).toBe('It is 18 °C and clear in Paris.');
    // The example's own system message replaces the default one.
    expect(engine.requests.some((request) => request.messages[0]?.content === 'You are a terse assistant.')).toBe(true);
  });

  it('replays MSAgent-Bench in the modelscope format at 1.0', async () => {
    const { examples } = loadDataset(readFileSync(msagentSample, 'utf8'));
    const engine = createReplayEngine(examples, { textFormat: modelscopeFormat });
    const { summary } = await runEval({ examples, engine, store: createMemoryResultStore(), format: 'modelscope', concurrency: 2 });
    expect(summary).toMatchObject({ scored: 3, errors: 0 });
    expect(summary.actionEM.value).toBe(1);
    expect(summary.argumentF1.value).toBe(1);
    expect(summary.rougeL).toEqual({ value: 1, count: 3 });
    expect(engine.requests[0]?.stop).toEqual(['<|startofexec|>']);
  });
});

describe('runEval resumes', () => {
  it('completes only the rest after an interruption, ignoring a partial last line', async () => {
    const { examples } = loadBfcl();
    const store = createMemoryResultStore();
    const controller = new AbortController();
    const first = await runEval({
      examples,
      engine: createReplayEngine(examples),
      store,
      format: 'native',
      concurrency: 1,
      signal: controller.signal,
      onResult: (_result, { done }) => {
        if (done === 3) controller.abort();
      },
    });
    expect(first).toMatchObject({ ran: 3, aborted: true });
    expect(store.summary).toBeNull();
    // A killed process may leave half a line behind.
    store.text += '{"id": "parallel_0", "predic';

    const asked: string[] = [];
    const engine = createReplayEngine(examples, { onRequest: (id) => void asked.push(id) });
    const second = await runEval({ examples, engine, store, format: 'native', concurrency: 3 });
    expect(second).toMatchObject({ skipped: 3, ran: 4, aborted: false });
    expect(asked.sort()).toEqual(['irrelevance_0', 'multiple_0', 'parallel_0', 'parallel_multiple_0']);
    expect(second.summary.examples).toBe(7);
    expect(second.summary.actionEM.value).toBe(1);
    expect([...parseResults(store.text).keys()].sort()).toEqual(examples.map((example) => example.id).sort());
  });

  it('records failures and retries them on the next run', async () => {
    const { examples } = loadBfcl();
    const store = createMemoryResultStore();
    const failing = createReplayEngine(examples, {
      onRequest: (id) => {
        if (id === 'simple_1') throw new Error('server said 503');
      },
    });
    const first = await runEval({ examples, engine: failing, store, format: 'native' });
    expect(first.summary.errors).toBe(1);
    expect(parseResults(store.text).get('simple_1')?.error).toBe('server said 503');
    const asked: string[] = [];
    const second = await runEval({ examples, engine: createReplayEngine(examples, { onRequest: (id) => void asked.push(id) }), store, format: 'native' });
    expect(asked).toEqual(['simple_1']);
    expect(second.summary.errors).toBe(0);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const { examples } = loadBfcl();
    let inFlight = 0;
    let most = 0;
    const engine = createReplayEngine(examples, {
      onRequest: async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
      },
    });
    await runEval({ examples, engine, store: createMemoryResultStore(), format: 'native', concurrency: 2 });
    expect(most).toBe(2);
  });
});

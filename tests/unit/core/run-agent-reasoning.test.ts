/** Reasoning through the agent loop: streamed as events, folded into the turn, never sent back to the model. */
import { describe, expect, it } from 'vitest';
import { runAgent } from '../../../src/core/agent/run-agent';
import { TabagentError } from '../../../src/core/errors';
import type { AgentEvent } from '../../../src/core/agent/events';
import type { RunAgentOptions } from '../../../src/core/agent/options';
import type { ChatChunk } from '../../../src/core/types';
import { foldAgentEvent } from '../../../src/app/chat/fold-event';
import { historyOf, type Turn } from '../../../src/app/chat/transcript';
import { createScriptedEngine, textChunks } from '../../support/scripted-engine';
import { createFakeToolRunner, type FakeTool } from '../../support/fake-tool-runner';

const calculator: FakeTool = {
  definition: {
    name: 'calculator',
    description: 'Evaluates an arithmetic expression.',
    parameters: { type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'] },
  },
  run: async () => ({ result: 6 }),
};

const THOUGHT_1 = 'SECRET-THOUGHT-ONE: the user wants 2*3, use the calculator.';
const THOUGHT_2 = 'SECRET-THOUGHT-TWO: the tool said 6.';

function reasoning(text: string, size = 7): ChatChunk[] {
  const chunks: ChatChunk[] = [];
  for (let offset = 0; offset < text.length; offset += size) chunks.push({ type: 'reasoning-delta', text: text.slice(offset, offset + size) });
  return chunks;
}

async function collect(options: RunAgentOptions): Promise<AgentEvent[]> {
  const events: AgentEvent[] = [];
  for await (const event of runAgent(options)) events.push(event);
  return events;
}

/** A thinking model in Hermes mode: thinks, calls the calculator, thinks again, answers. */
function thinkingEngine(capabilities = {}) {
  return createScriptedEngine(
    [
      [...reasoning(THOUGHT_1), ...textChunks('<tool_call>\n{"name": "calculator", "arguments": {"expression": "2*3"}}\n</tool_call>')],
      [...reasoning(THOUGHT_2), ...textChunks('It is 6.')],
    ],
    { nativeToolCalls: false, ...capabilities },
  );
}

describe('reasoning in the agent loop', () => {
  it('streams each step’s thinking as reasoning-delta events, apart from the text', async () => {
    const engine = thinkingEngine();
    const events = await collect({ engine, tools: createFakeToolRunner([calculator]), toolMode: 'hermes', messages: [{ role: 'user', content: 'What is 2*3?' }] });
    const thoughts = (step: number): string =>
      events.map((event) => (event.type === 'reasoning-delta' && event.step === step ? event.text : '')).join('');
    expect(thoughts(1)).toBe(THOUGHT_1);
    expect(thoughts(2)).toBe(THOUGHT_2);
    const shown = events.map((event) => (event.type === 'text-delta' ? event.text : '')).join('');
    expect(shown).not.toContain('SECRET-THOUGHT');
    expect(events.filter((event) => event.type === 'tool-call')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'finish', text: 'It is 6.', stopped: false });
  });

  it('the next request holds none of the earlier thinking, nor does the history it leaves', async () => {
    const engine = thinkingEngine();
    const events = await collect({ engine, tools: createFakeToolRunner([calculator]), toolMode: 'hermes', messages: [{ role: 'user', content: 'What is 2*3?' }] });
    expect(engine.requests).toHaveLength(2);
    expect(JSON.stringify(engine.requests[1])).not.toContain('SECRET-THOUGHT');
    // The turn as the chat keeps it: the thinking is shown, and the next turn's history has none of it.
    const turn: Turn = { id: 't1', userText: 'What is 2*3?', items: [], messages: [], status: 'running' };
    for (const event of events) foldAgentEvent(turn, event);
    expect(JSON.stringify(turn.items)).toContain('SECRET-THOUGHT-ONE');
    expect(JSON.stringify(historyOf([turn]))).not.toContain('SECRET-THOUGHT');

    const next = thinkingEngine();
    await collect({ engine: next, tools: createFakeToolRunner([calculator]), toolMode: 'hermes', messages: [...historyOf([turn]), { role: 'user', content: 'And 3*4?' }] });
    expect(JSON.stringify(next.requests[0])).not.toContain('SECRET-THOUGHT');
    expect(JSON.stringify(next.requests[0])).toContain('It is 6.');
  });
});

describe('folding reasoning into the turn', () => {
  it('opens the step’s item with its thinking; the text follows; a step that only thought before a call keeps its item', async () => {
    const engine = thinkingEngine();
    const events = await collect({ engine, tools: createFakeToolRunner([calculator]), toolMode: 'hermes', messages: [{ role: 'user', content: 'What is 2*3?' }] });
    const turn: Turn = { id: 't1', userText: 'What is 2*3?', items: [], messages: [], status: 'running' };
    for (const event of events) foldAgentEvent(turn, event);
    expect(turn.items.map((item) => (item.kind === 'assistant' ? { kind: item.kind, text: item.text, reasoning: item.reasoning } : { kind: item.kind }))).toEqual([
      { kind: 'assistant', text: '', reasoning: THOUGHT_1 },
      { kind: 'tool-call' },
      { kind: 'assistant', text: 'It is 6.', reasoning: THOUGHT_2 },
    ]);
    expect(turn.items.every((item) => item.kind !== 'assistant' || !item.streaming)).toBe(true);
  });
});

describe('the tool grammar for thinking models', () => {
  const grammarOf = async (options: Partial<RunAgentOptions>): Promise<string> => {
    const engine = createScriptedEngine([textChunks('Hi.')], { nativeToolCalls: false, constrainedOutput: 'grammar' });
    await collect({ engine, tools: createFakeToolRunner([calculator]), toolMode: 'hermes', messages: [{ role: 'user', content: 'Hi' }], ...options });
    const format = engine.requests[0]?.responseFormat;
    return format?.type === 'grammar' ? format.grammar : '';
  };

  it('admits a think block when the model thinks, unless thinking is switched off', async () => {
    expect(await grammarOf({ modelThinks: true })).toContain('<think>');
    expect(await grammarOf({ modelThinks: true, thinking: true })).toContain('<think>');
    expect(await grammarOf({ modelThinks: true, thinking: false })).not.toContain('<think>');
    const plain = await grammarOf({});
    expect(plain).toContain('tool_call');
    expect(plain).not.toContain('<think>');
  });
});

describe('a run that fails after thinking', () => {
  it('marks the thinking incomplete and still shows the partial answer the step had', () => {
    const turn: Turn = { id: 't1', userText: 'Hi', items: [], messages: [], status: 'running' };
    foldAgentEvent(turn, { type: 'reasoning-delta', step: 1, text: 'Let me think' });
    foldAgentEvent(turn, { type: 'error', error: new TabagentError('network', 'The server went away.'), partialText: 'Half an answer' });
    expect(turn.items).toEqual([
      expect.objectContaining({ kind: 'assistant', text: '', reasoning: 'Let me think', streaming: false, incomplete: true }),
      expect.objectContaining({ kind: 'assistant', text: 'Half an answer', incomplete: true }),
    ]);
    expect(turn.status).toBe('error');
  });
});

import { describe, expect, it } from 'vitest';
import { runAgent } from '../../../src/core/agent/run-agent';
import type { AgentEvent } from '../../../src/core/agent/events';
import type { RunAgentOptions } from '../../../src/core/agent/options';
import type { ChatMessage, ChatRequest } from '../../../src/core/types';
import { createScriptedEngine, textChunks, toolCallChunks } from '../../support/scripted-engine';
import { createFakeToolRunner, type FakeTool } from '../../support/fake-tool-runner';
import { createToolExecutor } from '../../../src/tools/executor';
import { ToolRegistry } from '../../../src/tools/registry';

const calculator: FakeTool = {
  definition: {
    name: 'calculator',
    description: 'Evaluates an arithmetic expression.',
    parameters: { type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'] },
  },
  // eslint-free tiny evaluator for "a op b" only: the real calculator lives in src/tools.
  run: async (args) => {
    const match = /^\s*([\d.]+)\s*([-+*/])\s*([\d.]+)\s*$/.exec(String(args.expression));
    if (!match) throw new Error('bad expression');
    const [a, op, b] = [Number(match[1]), match[2], Number(match[3])];
    return { result: op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a / b };
  },
};

const sendEmail: FakeTool = {
  definition: {
    name: 'send_email',
    description: 'Sends an email.',
    parameters: { type: 'object', properties: { to: { type: 'string' } }, required: ['to'] },
  },
  sideEffects: true,
  run: async (args) => ({ sent: args.to }),
};

function slowTool(name: string, ms: number): FakeTool {
  return {
    definition: { name, description: name, parameters: { type: 'object', properties: {} } },
    run: (_args, signal) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => resolve({ done: name }), ms);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('aborted'));
        });
      }),
  };
}

async function collect(options: RunAgentOptions, onEvent?: (event: AgentEvent) => void): Promise<AgentEvent[]> {
  const events: AgentEvent[] = [];
  for await (const event of runAgent(options)) {
    events.push(event);
    onEvent?.(event);
  }
  return events;
}

function transcriptOf(events: AgentEvent[]): ChatMessage[] {
  return events.flatMap((event) => (event.type === 'message' ? [event.message] : []));
}

/** Every assistant tool call is followed by exactly one tool message with its id. */
function expectConsistent(messages: ChatMessage[]): void {
  const open = new Set<string>();
  for (const message of messages) {
    if (message.role === 'assistant') {
      expect(open.size).toBe(0);
      for (const call of message.toolCalls ?? []) open.add(call.id);
    } else if (message.role === 'tool') {
      expect(open.has(message.toolCallId)).toBe(true);
      open.delete(message.toolCallId);
    }
  }
  expect(open.size).toBe(0);
}

const user = (content: string): ChatMessage[] => [{ role: 'user', content }];

describe('runAgent', () => {
  it('runs call → result → call → result → answer with native tool calls', async () => {
    const engine = createScriptedEngine([
      toolCallChunks([{ id: 'a', name: 'calculator', arguments: { expression: '240 * 0.125' } }]),
      toolCallChunks([{ id: 'b', name: 'calculator', arguments: { expression: '30 + 7' } }]),
      textChunks('The answer is 37.'),
    ]);
    const runner = createFakeToolRunner([calculator]);
    const events = await collect({ engine, tools: runner, messages: user('What is 12.5% of 240, then add 7?') });

    const results = events.filter((event) => event.type === 'tool-result');
    expect(results.map((event) => event.type === 'tool-result' && event.result.content)).toEqual([
      '{"result":30}',
      '{"result":37}',
    ]);
    const last = events[events.length - 1];
    expect(last).toMatchObject({ type: 'finish', text: 'The answer is 37.', steps: 3, stopped: false });
    const streamed = events.map((event) => (event.type === 'text-delta' ? event.text : '')).join('');
    expect(streamed).toBe('The answer is 37.');
    const transcript = transcriptOf(events);
    expect(transcript.map((message) => message.role)).toEqual(['assistant', 'tool', 'assistant', 'tool', 'assistant']);
    expectConsistent(transcript);
    // Native mode sends tools in the request, never in the system text.
    expect(engine.requests[0]?.tools?.map((tool) => tool.name)).toEqual(['calculator']);
  });

  it('keeps a stable prefix: each request starts with the previous request', async () => {
    const engine = createScriptedEngine([
      toolCallChunks([{ id: 'a', name: 'calculator', arguments: { expression: '1 + 1' } }]),
      toolCallChunks([{ id: 'b', name: 'calculator', arguments: { expression: '2 + 2' } }]),
      textChunks('Done.'),
    ]);
    const events = await collect({
      engine,
      tools: createFakeToolRunner([calculator]),
      messages: [...user('first'), { role: 'assistant', content: 'ok' }, ...user('second')],
      turnContext: 'Retrieved: fact A',
    });
    const [first, second, third] = engine.requests as [ChatRequest, ChatRequest, ChatRequest];
    expect(second.messages.slice(0, first.messages.length)).toEqual(first.messages);
    expect(third.messages.slice(0, second.messages.length)).toEqual(second.messages);
    // Per-turn material only in the newest user message.
    const contextual = first.messages.filter((message) => message.content.includes('fact A'));
    expect(contextual).toHaveLength(1);
    expect(contextual[0]).toMatchObject({ role: 'user' });
    expect(contextual[0]?.content.startsWith('second')).toBe(true);
    const reuse = events.flatMap((event) => (event.type === 'prompt' ? [event.prompt.prefixReuse] : []));
    expect(reuse[0]).toBe(0);
    expect(reuse[1]).toBeGreaterThan(0.8);
    expect(reuse[2]).toBeGreaterThan(0.8);
  });

  it('runs several calls of one step concurrently when none has side effects', async () => {
    const runner = createFakeToolRunner([slowTool('a', 30), slowTool('b', 30)]);
    const engine = createScriptedEngine([
      toolCallChunks([
        { id: '1', name: 'a', arguments: {} },
        { id: '2', name: 'b', arguments: {} },
      ]),
      textChunks('ok'),
    ]);
    const events = await collect({ engine, tools: runner, messages: user('go') });
    expect(runner.maxConcurrent).toBe(2);
    expectConsistent(transcriptOf(events));
    // Results go back to the model in call order.
    const toolMessages = engine.requests[1]?.messages.filter((message) => message.role === 'tool');
    expect(toolMessages?.map((message) => message.role === 'tool' && message.toolCallId)).toEqual(['1', '2']);
  });

  it('runs side-effecting calls one at a time, each approved first', async () => {
    const runner = createFakeToolRunner([sendEmail, slowTool('a', 10)]);
    const engine = createScriptedEngine([
      toolCallChunks([
        { id: '1', name: 'send_email', arguments: { to: 'x@example.com' } },
        { id: '2', name: 'a', arguments: {} },
      ]),
      textChunks('sent'),
    ]);
    const asked: string[] = [];
    const events = await collect({
      engine,
      tools: runner,
      messages: user('mail x'),
      approve: async (call) => {
        asked.push(call.name);
        return 'allow';
      },
    });
    expect(asked).toEqual(['send_email']);
    expect(runner.maxConcurrent).toBe(1);
    expect(events.some((event) => event.type === 'approval-requested' && event.call.name === 'send_email')).toBe(true);
    expect(runner.runs.map((call) => call.name)).toEqual(['send_email', 'a']);
  });

  // With the real executor: the fake runner enforces denial itself, so with it this would test the fake.
  it('does not run a side-effecting call the person denies, and tells the model', async () => {
    const sent: unknown[] = [];
    const registry = new ToolRegistry();
    registry.register(
      { ...sendEmail.definition, kind: 'builtin', sideEffects: true, allowedOrigins: [] },
      async (args) => {
        sent.push(args);
        return { sent: args.to };
      },
    );
    const engine = createScriptedEngine([
      toolCallChunks([{ id: '1', name: 'send_email', arguments: { to: 'x@example.com' } }]),
      textChunks('Not sent.'),
    ]);
    const asked: string[] = [];
    const events = await collect({
      engine,
      tools: createToolExecutor(registry),
      messages: user('mail x'),
      approve: async (call) => {
        asked.push(`${call.name} ${JSON.stringify(call.arguments)}`);
        return 'deny';
      },
    });
    expect(asked).toEqual(['send_email {"to":"x@example.com"}']);
    expect(sent).toEqual([]);
    expect(events.find((event) => event.type === 'tool-result')).toMatchObject({ call: { id: '1' }, result: { isError: true, error: { code: 'denied' } } });
    const toolMessage = engine.requests[1]?.messages.at(-1);
    expect(toolMessage).toMatchObject({ role: 'tool', toolCallId: '1' });
    expect(toolMessage?.content).toMatch(/declined to run send_email/);
    const approvals = events.filter((event) => event.type === 'approval-requested' || event.type === 'approval-resolved');
    expect(approvals).toMatchObject([
      { type: 'approval-requested', call: { name: 'send_email' }, details: { reasons: ['side-effects'] } },
      { type: 'approval-resolved', call: { name: 'send_email' }, decision: 'deny' },
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'finish', stopped: false, text: 'Not sent.' });
  });

  it('sends an invalid call back to the model with the error, and the model corrects it', async () => {
    const runner = createFakeToolRunner([calculator]);
    const engine = createScriptedEngine([
      toolCallChunks([{ id: '1', name: 'calculator', arguments: { expr: '1+1' } }]),
      toolCallChunks([{ id: '2', name: 'calculator', arguments: { expression: '1 + 1' } }]),
      textChunks('2'),
    ]);
    const events = await collect({ engine, tools: runner, messages: user('1+1?') });
    const invalid = events.find((event) => event.type === 'tool-call-invalid');
    expect(invalid).toMatchObject({ message: 'Missing expression.' });
    expect(engine.requests[1]?.messages.at(-1)).toMatchObject({ role: 'tool', toolCallId: '1' });
    expect(engine.requests[1]?.messages.at(-1)?.content).toContain('Missing expression.');
    expect(runner.runs).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'finish', text: '2' });
  });

  it('gives up after a bounded number of invalid calls', async () => {
    const runner = createFakeToolRunner([calculator]);
    const bad = () => toolCallChunks([{ name: 'calculator', arguments: { nope: 1 } }]);
    const engine = createScriptedEngine([bad, bad, bad, bad, bad]);
    const events = await collect({ engine, tools: runner, messages: user('x'), maxRepairs: 2 });
    expect(engine.requests).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'invalid-arguments' } });
    expect(runner.runs).toHaveLength(0);
    expectConsistent(transcriptOf(events));
  });

  it('treats unknown tools and hostile names as invalid calls, never runs them', async () => {
    const runner = createFakeToolRunner([calculator]);
    const engine = createScriptedEngine([
      toolCallChunks([
        { id: '1', name: '__proto__', arguments: {} },
        { id: '2', name: 'constructor', arguments: {} },
      ]),
      textChunks('sorry'),
    ]);
    const events = await collect({ engine, tools: runner, messages: user('x') });
    expect(events.filter((event) => event.type === 'tool-call-invalid')).toHaveLength(2);
    expect(runner.runs).toHaveLength(0);
  });

  it('repairs broken native argument JSON and rejects unreadable arguments', async () => {
    const runner = createFakeToolRunner([calculator]);
    const engine = createScriptedEngine([
      [
        { type: 'tool-call-delta', index: 0, id: 'r', name: 'calculator', argumentsDelta: "{'expression': '2 + 2',}" },
        { type: 'tool-call-delta', index: 1, id: 'u', name: 'calculator', argumentsDelta: '[1, 2]' },
        { type: 'finish', reason: 'tool-calls' },
      ],
      textChunks('4'),
    ]);
    const events = await collect({ engine, tools: runner, messages: user('2+2') });
    expect(runner.runs.map((call) => call.arguments)).toEqual([{ expression: '2 + 2' }]);
    const invalid = events.filter((event) => event.type === 'tool-call-invalid');
    expect(invalid).toHaveLength(1);
    expect(invalid[0]).toMatchObject({ call: { id: 'u' } });
  });

  it('keeps the first name when a server repeats it on every delta', async () => {
    const runner = createFakeToolRunner([calculator]);
    const engine = createScriptedEngine([
      [
        { type: 'tool-call-delta', index: 0, id: 'x', name: 'calculator', argumentsDelta: '{"expression":' },
        { type: 'tool-call-delta', index: 0, id: 'x', name: 'calculator', argumentsDelta: ' "3 * 3"}' },
        { type: 'finish', reason: 'tool-calls' },
      ],
      textChunks('9'),
    ]);
    await collect({ engine, tools: runner, messages: user('3*3') });
    expect(runner.runs).toEqual([{ id: 'x', name: 'calculator', arguments: { expression: '3 * 3' } }]);
  });

  it('stops at the step limit with a typed error', async () => {
    const runner = createFakeToolRunner([calculator]);
    const call = () => toolCallChunks([{ name: 'calculator', arguments: { expression: '1 + 1' } }]);
    const engine = createScriptedEngine([call, call, call]);
    const events = await collect({ engine, tools: runner, messages: user('loop'), maxSteps: 3 });
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'step-limit' } });
    expectConsistent(transcriptOf(events));
  });

  it('stops mid-stream: no text after stop, partial text kept, transcript consistent', async () => {
    const controller = new AbortController();
    const engine = createScriptedEngine([textChunks('a long answer that goes on and on', 2)]);
    let deltas = 0;
    let afterStop = 0;
    const events = await collect(
      { engine, tools: createFakeToolRunner([]), messages: user('talk'), signal: controller.signal },
      (event) => {
        if (event.type !== 'text-delta') return;
        if (controller.signal.aborted) afterStop += 1;
        deltas += 1;
        if (deltas === 3) controller.abort();
      },
    );
    expect(afterStop).toBe(0);
    expect(events.at(-1)).toMatchObject({ type: 'finish', stopped: true, text: 'a long' });
    expect(transcriptOf(events)).toEqual([{ role: 'assistant', content: 'a long' }]);
  });

  it('stops during tool runs: every call still gets a result', async () => {
    const controller = new AbortController();
    const engine = createScriptedEngine([toolCallChunks([{ id: '1', name: 'slow', arguments: {} }])]);
    const events = await collect(
      { engine, tools: createFakeToolRunner([slowTool('slow', 5_000)]), messages: user('x'), signal: controller.signal },
      (event) => {
        if (event.type === 'tool-call') setTimeout(() => controller.abort(), 5);
      },
    );
    expect(events.at(-1)).toMatchObject({ type: 'finish', stopped: true });
    expect(engine.requests).toHaveLength(1);
    expectConsistent(transcriptOf(events));
  });

  it('reports a failing engine as an error event with the partial text', async () => {
    const engine = createScriptedEngine([
      () => {
        throw Object.assign(new Error('boom'), { name: 'Error' });
      },
    ]);
    const events = await collect({ engine, tools: createFakeToolRunner([]), messages: user('x') });
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'internal', message: 'boom' } });
  });
});

describe('runAgent with text tool-call formats', () => {
  it('puts tools in the system text, parses Hermes calls and sends results back as text', async () => {
    const runner = createFakeToolRunner([calculator]);
    const engine = createScriptedEngine(
      [
        textChunks('Let me compute.\n<tool_call>\n{"name": "calculator", "arguments": {"expression": "6 * 7"}}\n</tool_call>', 5),
        textChunks('It is 42.'),
      ],
      { nativeToolCalls: false },
    );
    const events = await collect({ engine, tools: runner, messages: user('6*7?') });
    const [first, second] = engine.requests as [ChatRequest, ChatRequest];
    expect(first.tools).toBeUndefined();
    expect(first.messages[0]?.content).toContain('calculator');
    expect(runner.runs.map((call) => call.arguments)).toEqual([{ expression: '6 * 7' }]);
    expect(second.messages.at(-1)).toMatchObject({ role: 'user' });
    expect(second.messages.at(-1)?.content).toContain('42');
    // Call markup never reaches the display stream.
    const streamed = events.map((event) => (event.type === 'text-delta' ? event.text : '')).join('');
    expect(streamed).not.toContain('<tool_call>');
    expect(events.at(-1)).toMatchObject({ type: 'finish', text: 'It is 42.' });
  });

  it('asks the model to correct an unreadable text call', async () => {
    const runner = createFakeToolRunner([calculator]);
    const engine = createScriptedEngine(
      [textChunks('<tool_call>\n{"name": "no_such_tool", "arguments": {}}\n</tool_call>'), textChunks('fine')],
      { nativeToolCalls: false },
    );
    const events = await collect({ engine, tools: runner, messages: user('x') });
    expect(engine.requests[1]?.messages.at(-1)?.content).toContain('could not be used');
    expect(events.at(-1)).toMatchObject({ type: 'finish', text: 'fine' });
  });

  it('recognises text-format calls from a native-mode model that wrote them as text', async () => {
    const runner = createFakeToolRunner([calculator]);
    const engine = createScriptedEngine([
      textChunks('<tool_call>\n{"name": "calculator", "arguments": {"expression": "1 + 2"}}\n</tool_call>'),
      textChunks('3'),
    ]);
    await collect({ engine, tools: runner, messages: user('1+2') });
    expect(runner.runs.map((call) => call.name)).toEqual(['calculator']);
  });

  it.each([
    ['pythonic', '[calculator(expression="1 + 2")]'],
    ['mistral', '[TOOL_CALLS][{"name": "calculator", "arguments": {"expression": "1 + 2"}}]'],
    ['llama3-json', '<|python_tag|>{"name": "calculator", "parameters": {"expression": "1 + 2"}}'],
  ])('recognises %s calls written as text by a native-mode model', async (_family, text) => {
    const runner = createFakeToolRunner([calculator]);
    const engine = createScriptedEngine([textChunks(text), textChunks('3')]);
    const events = await collect({ engine, tools: runner, messages: user('1+2') });
    expect(runner.runs.map((call) => call.arguments)).toEqual([{ expression: '1 + 2' }]);
    // Nothing of the markup reaches the display stream; each step's final text is authoritative.
    const streamed = events.map((event) => (event.type === 'text-delta' ? event.text : '')).join('');
    expect(streamed).toBe('3');
    const stepTexts = events.flatMap((event) => (event.type === 'step-finish' ? [event.text] : []));
    expect(stepTexts).toEqual(['', '3']);
  });

  it('shows ordinary bracketed text once it proves not to be markup', async () => {
    const engine = createScriptedEngine([textChunks('See [1] and <b> here. [done]', 3)]);
    const events = await collect({ engine, tools: createFakeToolRunner([]), messages: user('x') });
    const streamed = events.map((event) => (event.type === 'text-delta' ? event.text : '')).join('');
    expect(streamed).toBe('See [1] and <b> here. ');
    expect(events.find((event) => event.type === 'step-finish')).toMatchObject({ text: 'See [1] and <b> here. [done]' });
  });

  it('constrains decoding with a tool grammar where the engine supports it', async () => {
    const runner = createFakeToolRunner([calculator]);
    const engine = createScriptedEngine(
      [textChunks('<tool_call>\n{"name": "calculator", "arguments": {"expression": "2 * 3"}}\n</tool_call>'), textChunks('6')],
      { nativeToolCalls: false, constrainedOutput: 'grammar' },
    );
    await collect({ engine, tools: runner, messages: user('2*3') });
    const format = engine.requests[0]?.responseFormat;
    expect(format?.type).toBe('grammar');
    expect(format?.type === 'grammar' && format.grammar).toContain('calculator');
    expect(engine.requests[1]?.responseFormat).toEqual(format);
    // Engines without constrained decoding get none.
    const plain = createScriptedEngine([textChunks('ok')], { nativeToolCalls: false });
    await collect({ engine: plain, tools: runner, messages: user('x') });
    expect(plain.requests[0]?.responseFormat).toBeUndefined();
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAgent } from '../../../src/core/agent/run-agent';
import type { AgentEvent } from '../../../src/core/agent/events';
import { createOpenAICompatibleEngine } from '../../../src/llm';
import { createToolExecutor, registerBuiltins, ToolRegistry } from '../../../src/tools';
import { startOpenAITestServer, type OpenAITestServer } from '../../support/openai-test-server';
import { CALCULATOR_QUESTION, calculatorScript } from '../../support/calculator-script';

/** The real loop, the real engine over HTTP and the real built-in tools, with only the model scripted. */
describe('agent over a local OpenAI-compatible server', () => {
  let server: OpenAITestServer;
  beforeEach(async () => {
    server = await startOpenAITestServer({ respond: calculatorScript });
  });
  afterEach(async () => {
    await server.close();
  });

  // Generous timeout: the first calculation loads mathjs, slow on a loaded 2-core machine.
  it.each(['native', 'hermes'] as const)('answers the two-step calculator question (%s)', { timeout: 30_000 }, async (toolMode) => {
    const registry = new ToolRegistry();
    registerBuiltins(registry);
    const engine = createOpenAICompatibleEngine({
      baseUrl: server.url,
      model: 'test-model',
      nativeToolCalls: toolMode === 'native',
    });
    const events: AgentEvent[] = [];
    for await (const event of runAgent({
      engine,
      tools: createToolExecutor(registry),
      toolMode,
      messages: [{ role: 'user', content: CALCULATOR_QUESTION }],
    })) {
      events.push(event);
    }
    const results = events.flatMap((event) => (event.type === 'tool-result' ? [JSON.parse(event.result.content)] : []));
    expect(results.map((result) => result.result)).toEqual([30, 37]);
    const finish = events.at(-1);
    expect(finish?.type).toBe('finish');
    expect(finish?.type === 'finish' && finish.text).toContain('37');
    expect(finish?.type === 'finish' && finish.usage.promptTokens).toBeGreaterThan(0);
    // Stable prefix over HTTP too: every request starts with the previous one.
    const bodies = server.requests.map((request) => request.body.messages);
    for (let index = 1; index < bodies.length; index += 1) {
      expect(bodies[index]?.slice(0, bodies[index - 1]?.length)).toEqual(bodies[index - 1]);
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { runAgent } from '../../../src/core/agent/run-agent';
import type { AgentEvent } from '../../../src/core/agent/events';
import { createOpenAICompatibleEngine } from '../../../src/llm';
import { createFakeToolRunner, type FakeTool } from '../../support/fake-tool-runner';
import { startOpenAITestServer, type OpenAITestServer, type Reply } from '../../support/openai-test-server';

/**
 * RELIABILITY.md, rate limits: "no retry after a side-effecting tool ran". Once a tool that acts on
 * the world was called in a run, a failing engine request is reported, not repeated: the next
 * step could otherwise run the action again without the person deciding so.
 */
let server: OpenAITestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const tool = (name: string, sideEffects: boolean): FakeTool => ({
  definition: { name, description: name, parameters: { type: 'object', properties: {} } },
  sideEffects,
  run: async () => ({ done: name }),
});

/** One run: the model calls `toolName`, then the server answers `failure` to every later request. */
async function runWithFailureAfterCall(toolName: string, sideEffects: boolean, failure: Reply): Promise<AgentEvent[]> {
  server = await startOpenAITestServer({
    respond: (_request, index) => (index === 0 ? { kind: 'tool-calls', calls: [{ name: toolName, arguments: {} }] } : failure),
  });
  const engine = createOpenAICompatibleEngine({ baseUrl: server.url, model: 'test-model', maxRetries: 3, sleep: async () => {} });
  const runner = createFakeToolRunner([tool(toolName, sideEffects)]);
  const events: AgentEvent[] = [];
  for await (const event of runAgent({
    engine,
    tools: runner,
    messages: [{ role: 'user', content: 'go' }],
    approve: async () => 'allow',
  })) {
    events.push(event);
  }
  expect(runner.runs.map((call) => call.name)).toEqual([toolName]);
  return events;
}

describe('no automatic retry of an engine request after a side-effecting tool was called', () => {
  for (const failure of [
    { kind: 'status', status: 500 },
    { kind: 'status', status: 429, headers: { 'Retry-After': '0' } },
  ] satisfies Reply[]) {
    it(`sends the request after the side effect once and reports the ${failure.status}`, async () => {
      const events = await runWithFailureAfterCall('send_email', true, failure);
      expect(server?.requests).toHaveLength(2);
      const error = events.find((event) => event.type === 'error');
      expect(error?.type === 'error' ? error.error.data?.status : undefined).toBe(failure.status);
    });

    it(`still retries the ${failure.status} when only read-only tools were called`, async () => {
      const events = await runWithFailureAfterCall('lookup', false, failure);
      // One first request, then the failing one and its 3 retries.
      expect(server?.requests).toHaveLength(5);
      expect(events.some((event) => event.type === 'error')).toBe(true);
    });
  }
});

/** runAgent reads an engine's capabilities after loading it: a worker engine knows them only then. */
import { afterEach, describe, expect, it } from 'vitest';
import { expose, type Endpoint } from 'comlink';
import { runAgent } from '../../../src/core/agent/run-agent';
import type { AgentEvent } from '../../../src/core/agent/events';
import type { ChatChunk, ChatEngine, ChatRequest } from '../../../src/core/types';
import { TabagentError } from '../../../src/core/errors';
import { createLlmWorkerHost, createWorkerEngine, registerErrorTransfer } from '../../../src/llm/worker-protocol';
import { createFakeToolRunner } from '../../support/fake-tool-runner';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

/** A model with native tool calls and a large window, hosted behind the real worker protocol. */
function workerEngine(requests: ChatRequest[], failLoad = false): ChatEngine {
  const hosted: ChatEngine = {
    id: 'hosted',
    capabilities: { nativeToolCalls: true, constrainedOutput: 'grammar', contextWindow: 32_768 },
    async load() {
      if (failLoad) throw new TabagentError('not-found', 'No such model.');
    },
    async unload() {},
    async *chat(request) {
      requests.push(request);
      yield { type: 'text-delta', text: 'Hello.' } satisfies ChatChunk;
      yield { type: 'finish', reason: 'stop' } satisfies ChatChunk;
    },
  };
  registerErrorTransfer();
  const channel = new MessageChannel();
  channels.push(channel);
  expose(createLlmWorkerHost({ hosted: () => hosted }), channel.port1 as unknown as Endpoint);
  // Before load the proxy can only guess: no native calls, a small window.
  const proxy = createWorkerEngine(channel.port2 as unknown as Endpoint, { kind: 'hosted', engineOptions: { modelId: 'm' } });
  expect(proxy.capabilities.nativeToolCalls).toBe(false);
  return proxy;
}

const tools = createFakeToolRunner([
  {
    definition: { name: 'lookup', description: 'Looks a word up.', parameters: { type: 'object', properties: { word: { type: 'string' } } } },
    run: async () => ({ found: true }),
  },
]);

async function collect(engine: ChatEngine): Promise<AgentEvent[]> {
  const events: AgentEvent[] = [];
  for await (const event of runAgent({ engine, tools, messages: [{ role: 'user', content: 'hi' }] })) events.push(event);
  return events;
}

describe('runAgent: capabilities known before the run', () => {
  it('loads a worker engine first, so the run uses the model\'s native tool calls and window', async () => {
    const requests: ChatRequest[] = [];
    const events = await collect(workerEngine(requests));
    expect(events.at(-1)).toMatchObject({ type: 'finish', text: 'Hello.' });
    expect(requests[0]?.tools?.map((tool) => tool.name)).toEqual(['lookup']);
    expect(events.find((event) => event.type === 'prompt')).toMatchObject({ prompt: { toolMode: 'native', budget: { limit: 32_768 - 1024 } } });
  });

  it('ends with the load\'s typed error when the model cannot be loaded', async () => {
    const events = await collect(workerEngine([], true));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', error: { code: 'not-found' }, partialText: '' });
  });
});

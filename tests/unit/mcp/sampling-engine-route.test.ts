import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/core/agent/events';
import { runAgent } from '../../../src/core/agent/run-agent';
import type { ChatEngine } from '../../../src/core/types';
import { createToolExecutor } from '../../../src/tools/executor';
import { McpServerManager } from '../../../src/tools/mcp/mcp-server-manager';
import { completeOnEngine } from '../../../src/tools/mcp/sampling';
import { createMemoryServerStore } from '../../../src/tools/mcp/server-store';
import { ToolRegistry } from '../../../src/tools/registry';
import { startEverythingServer, type EverythingServer } from '../../support/mcp-everything';
import { createScriptedEngine, textChunks, toolCallChunks, type ScriptedEngine } from '../../support/scripted-engine';

const SAMPLE = 'everything__trigger-sampling-request';
const SERVER_MESSAGE = 'Resource trigger-sampling-request context: Name a colour.';

/** An agent's engine: calls the sampling tool, answers the server's completion with `answer`, then ends its turn. */
function agentEngine(id: string, answer: string): ScriptedEngine {
  const steps = [toolCallChunks([{ id: `call_${id}`, name: SAMPLE, arguments: { prompt: 'Name a colour.', maxTokens: 20 } }]), textChunks(answer), textChunks(`${id} is done.`)];
  return Object.assign(createScriptedEngine(steps), { id });
}

async function runTurn(engine: ChatEngine, registry: ToolRegistry): Promise<AgentEvent[]> {
  const events: AgentEvent[] = [];
  for await (const event of runAgent({ engine, tools: createToolExecutor(registry), toolMode: 'native', approve: async () => 'allow', messages: [{ role: 'user', content: 'Ask the server to sample.' }] })) {
    events.push(event);
  }
  return events;
}

/** A manager whose sampling requests are allowed and run as the composition root runs them: the call's engine, else `fallback`. */
function samplingManager(fallback: ChatEngine): { registry: ToolRegistry; manager: McpServerManager } {
  const registry = new ToolRegistry();
  const manager = new McpServerManager({
    registry,
    store: createMemoryServerStore(),
    sampling: { approve: async () => true, complete: (request, signal, engine) => completeOnEngine(engine ?? fallback, request, signal) },
  });
  return { registry, manager };
}

function toolResults(events: readonly AgentEvent[]): string[] {
  return events.flatMap((event) => (event.type === 'tool-result' ? [event.result.content] : []));
}

/**
 * Issue 16 item 5: a server's sampling request runs on the engine of the conversation whose tool
 * call triggered it, never with tools; outside any run, on the app's default engine.
 */
describe('sampling runs on the calling run’s engine', { timeout: 90_000 }, () => {
  let server: EverythingServer;

  beforeAll(async () => {
    server = await startEverythingServer('streamableHttp');
  }, 90_000);

  afterAll(async () => {
    await server?.close();
  });

  it('agent B’s tool call is answered by B’s engine, agent A’s by A’s, and the default engine is never asked', async () => {
    const fallback = Object.assign(createScriptedEngine([]), { id: 'default' });
    const engineA = agentEngine('engine-a', 'Red, says A.');
    const engineB = agentEngine('engine-b', 'Blue, says B.');
    const { registry, manager } = samplingManager(fallback);
    try {
      await manager.add({ url: server.url });
      const eventsB = await runTurn(engineB, registry);
      const eventsA = await runTurn(engineA, registry);

      expect(toolResults(eventsB).join()).toContain('Blue, says B.');
      expect(toolResults(eventsB).join()).toContain('engine-b');
      expect(toolResults(eventsA).join()).toContain('Red, says A.');
      expect(toolResults(eventsA).join()).not.toContain('Blue');
      // Each engine's second request is the server's completion: its messages, no tools.
      for (const engine of [engineA, engineB]) {
        expect(engine.requests).toHaveLength(3);
        expect(engine.requests[1]).toMatchObject({ messages: [{ role: 'system', content: 'You are a helpful test server.' }, { role: 'user', content: SERVER_MESSAGE }], maxTokens: 20 });
        expect(engine.requests[1]!.tools).toBeUndefined();
      }
      expect(fallback.requests).toHaveLength(0);
    } finally {
      await manager.close();
    }
  });

  it('a call outside any run (a tool test) falls back to the default engine', async () => {
    const fallback = Object.assign(createScriptedEngine([textChunks('Green, says the default.')]), { id: 'default' });
    const { registry, manager } = samplingManager(fallback);
    try {
      await manager.add({ url: server.url });
      const result = await createToolExecutor(registry).execute({ id: 'c1', name: SAMPLE, arguments: { prompt: 'Name a colour.', maxTokens: 20 } }, { approve: async () => 'allow' });
      expect(result.content).toContain('Green, says the default.');
      expect(fallback.requests).toHaveLength(1);
    } finally {
      await manager.close();
    }
  });
});

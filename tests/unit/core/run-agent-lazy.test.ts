import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/core/agent/events';
import { runAgent } from '../../../src/core/agent/run-agent';
import { runAgentLazily } from '../../../src/core/agent/run-agent-lazy';
import type { RunAgentOptions } from '../../../src/core/agent/options';
import { createFakeToolRunner } from '../../support/fake-tool-runner';
import { createScriptedEngine, textChunks } from '../../support/scripted-engine';

async function collect(events: AsyncIterable<AgentEvent>): Promise<AgentEvent[]> {
  const out: AgentEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

function options(): RunAgentOptions {
  const tools = createFakeToolRunner([
    { definition: { name: 'echo', description: 'Echo.', parameters: { type: 'object', properties: {} } }, run: async () => 'echoed' },
  ]);
  const engine = createScriptedEngine(
    [textChunks('<tool_call>\n{"name": "echo", "arguments": {}}\n</tool_call>', 16), textChunks('Done.')],
    { nativeToolCalls: false },
  );
  let id = 0;
  return { engine, tools, toolMode: 'hermes', messages: [{ role: 'user', content: 'echo please' }], createId: () => `call_${(id += 1)}` };
}

describe('runAgentLazily', () => {
  it('yields exactly the events runAgent yields', async () => {
    const eager = await collect(runAgent(options()));
    const lazy = await collect(runAgentLazily(options()));
    const withoutTimes = (events: AgentEvent[]): unknown =>
      JSON.parse(JSON.stringify(events, (key, value: unknown) => (key === 'durationMs' ? 0 : value)));
    expect(withoutTimes(lazy)).toEqual(withoutTimes(eager));
    expect(lazy.at(-1)).toMatchObject({ type: 'finish', text: 'Done.', steps: 2 });
  });
});

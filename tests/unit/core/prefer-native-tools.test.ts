/**
 * `preferNativeTools`: a local model whose chat template takes tools (known once loaded) gets them
 * natively; the given `toolMode` stays the format for engines that do not offer native calls.
 */
import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/core/agent/events';
import { runAgent } from '../../../src/core/agent/run-agent';
import type { RunAgentOptions } from '../../../src/core/agent/options';
import { createFakeToolRunner } from '../../support/fake-tool-runner';
import { createScriptedEngine, textChunks, toolCallChunks, type ScriptedEngine } from '../../support/scripted-engine';

const tools = (): RunAgentOptions['tools'] =>
  createFakeToolRunner([
    { definition: { name: 'echo', description: 'Echo.', parameters: { type: 'object', properties: {} } }, run: async () => 'echoed' },
  ]);

async function run(engine: ScriptedEngine, preferNativeTools: boolean): Promise<AgentEvent[]> {
  const events: AgentEvent[] = [];
  let id = 0;
  const options: RunAgentOptions = {
    engine,
    tools: tools(),
    toolMode: 'hermes',
    preferNativeTools,
    messages: [{ role: 'user', content: 'echo please' }],
    createId: () => `call_${(id += 1)}`,
  };
  for await (const event of runAgent(options)) events.push(event);
  return events;
}

describe('preferNativeTools', () => {
  it('uses native tool calls when the loaded engine offers them', async () => {
    const engine = createScriptedEngine([toolCallChunks([{ name: 'echo', arguments: {} }]), textChunks('Done.')], { nativeToolCalls: true });
    const events = await run(engine, true);
    expect(engine.requests[0]?.tools?.map((tool) => tool.name)).toEqual(['echo']);
    expect(JSON.stringify(engine.requests[0]?.messages)).not.toContain('<tool_call>');
    expect(events.find((event) => event.type === 'prompt')).toMatchObject({ prompt: { toolMode: 'native' } });
    expect(events.at(-1)).toMatchObject({ type: 'finish', text: 'Done.', steps: 2 });
  });

  it('falls back to toolMode when the engine has no native calls, and is off by default', async () => {
    for (const [nativeToolCalls, prefer] of [[false, true], [true, false]] as const) {
      const engine = createScriptedEngine([textChunks('Done.')], { nativeToolCalls });
      const events = await run(engine, prefer);
      expect(engine.requests[0]?.tools).toBeUndefined();
      expect(events.find((event) => event.type === 'prompt')).toMatchObject({ prompt: { toolMode: 'hermes' } });
    }
  });
});

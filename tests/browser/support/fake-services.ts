import { TabagentError } from '../../../src/core/errors';
import type { AgentEvent } from '../../../src/core/agent/events';
import type { RunAgentOptions } from '../../../src/core/agent/options';
import type { ToolRunner } from '../../../src/core/tool-runner';
import type { ChatEngine } from '../../../src/core/types';
import { isEngineConfigured, openTabagentDb } from '../../../src/store';
import type { AppServices } from '../../../src/app/services';

/** An engine that is never asked anything (the scripted run stands in for the whole loop). */
export const idleEngine: ChatEngine = {
  id: 'idle',
  capabilities: { nativeToolCalls: true, constrainedOutput: 'none', contextWindow: 8192 },
  load: async () => undefined,
  unload: async () => undefined,
  chat: () => {
    throw new TabagentError('internal', 'The idle engine was asked to chat.');
  },
};

/** A tool runner with no tools. */
export const noTools: ToolRunner = {
  definitions: () => [],
  requiresApproval: () => false,
  validate: () => ({ ok: false, message: 'No tools.' }),
  execute: async () => ({ content: '{"error":"No tools."}', isError: true, durationMs: 0 }),
};

/** App services around a scripted run, with the real IndexedDB store. */
export function fakeServices(run: (options: RunAgentOptions) => AsyncIterable<AgentEvent>, change: Partial<AppServices> = {}): AppServices {
  return {
    runAgent: run,
    openDb: openTabagentDb,
    prepareRun: (settings) => {
      if (!isEngineConfigured(settings)) {
        throw new TabagentError('config', 'No model is connected yet. Open Settings and enter a Base URL and a model.');
      }
      return { engine: idleEngine, tools: noTools, systemPrompt: settings.systemPrompt, toolMode: settings.engine.toolMode };
    },
    tools: () => [
      { name: 'calculator', description: 'Evaluates arithmetic.' },
      { name: 'model_api', description: 'Calls an external model API.' },
    ],
    providerPresets: () => [
      { id: 'ollama', label: 'Ollama', baseUrl: 'http://localhost:11434/v1', exampleModel: 'qwen2.5:7b', needsKey: false },
      { id: 'openai', label: 'OpenAI', baseUrl: 'https://api.openai.com/v1', exampleModel: 'gpt-4o-mini', needsKey: true },
    ],
    ...change,
  };
}

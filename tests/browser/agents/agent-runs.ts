/** App services whose runs are the real agent loop on a scripted engine, with each run's scope kept. */
import type { ToolMode } from '../../../src/core/agent/options';
import { runAgent } from '../../../src/core/agent/run-agent';
import type { ChatEngine } from '../../../src/core/types';
import type { AppServices, RunScope } from '../../../src/app/services';
import { createToolExecutor, ToolRegistry } from '../../../src/tools';

/**
 * `runAgent` and a `prepareRun` as the per-agent run configuration will build them: the agent's
 * instructions are the system text and the scope's run tools are the tools offered.
 */
export function agentRunServices(engine: ChatEngine, toolMode: ToolMode = 'native'): Pick<AppServices, 'runAgent' | 'prepareRun'> & { scopes: RunScope[] } {
  const scopes: RunScope[] = [];
  return {
    scopes,
    runAgent,
    prepareRun: (_settings, scope) => {
      if (scope) scopes.push(scope);
      const registry = new ToolRegistry();
      for (const tool of scope?.runTools ?? []) registry.register(tool.manifest, tool.implementation);
      return { engine, tools: createToolExecutor(registry), toolMode, ...(scope?.agent ? { systemPrompt: scope.agent.instructions } : {}) };
    },
  };
}

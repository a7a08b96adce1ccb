/**
 * An in-memory AgentService for the Agents page's tests (slice "apage" of issue 13), until the
 * IndexedDB one lands: built-in agents first and read-only, the person's agents newest first.
 */
import type { AgentService } from '../../src/app/agents/agent-service';
import { AGENT_DEFINITION_VERSION, DEFAULT_AGENT_STEP_LIMIT, type AgentDefinition } from '../../src/core/agent-definition';
import { TabagentError } from '../../src/core/errors';

/** An agent with the defaults, changed by `change`. */
export function agentOf(change: Partial<AgentDefinition> & Pick<AgentDefinition, 'id' | 'name'>): AgentDefinition {
  return {
    version: AGENT_DEFINITION_VERSION,
    avatar: { kind: 'emoji', emoji: '🤖' },
    description: '',
    instructions: '',
    starterPrompts: [],
    engine: { kind: 'default' },
    toolFormat: 'auto',
    tools: [],
    pinnedTools: [],
    knowledgeBaseIds: [],
    memory: 'off',
    stepLimit: DEFAULT_AGENT_STEP_LIMIT,
    approval: 'side-effects',
    createdAt: 1,
    updatedAt: 1,
    ...change,
  };
}

/** The fake with its agents in `agents` (inspect them after the UI acted). */
export function fakeAgents(initial: readonly AgentDefinition[] = []): AgentService & { agents: Map<string, AgentDefinition> } {
  const agents = new Map(initial.map((agent) => [agent.id, structuredClone(agent)]));
  let clock = 1_000;
  let counter = 0;
  const refuseBuiltIn = (id: string): void => {
    if (agents.get(id)?.builtIn) throw new TabagentError('config', 'A built-in agent cannot be changed.');
  };
  return {
    agents,
    async list() {
      const all = [...agents.values()].map((agent) => structuredClone(agent));
      return [...all.filter((agent) => agent.builtIn), ...all.filter((agent) => !agent.builtIn).sort((a, b) => b.updatedAt - a.updatedAt)];
    },
    async get(id) {
      const agent = agents.get(id);
      return agent && structuredClone(agent);
    },
    async save(agent) {
      refuseBuiltIn(agent.id);
      const saved = { ...structuredClone(agent), updatedAt: (clock += 1) };
      agents.set(saved.id, saved);
      return structuredClone(saved);
    },
    async duplicate(id) {
      const original = agents.get(id);
      if (!original) throw new TabagentError('not-found', `No agent ${id}.`);
      const { builtIn: _builtIn, ...rest } = structuredClone(original);
      const copy = { ...rest, id: `agent-${(counter += 1)}`, name: `Copy of ${original.name}`, createdAt: (clock += 1), updatedAt: clock };
      agents.set(copy.id, copy);
      return structuredClone(copy);
    },
    async remove(id) {
      refuseBuiltIn(id);
      agents.delete(id);
    },
    async defaultAgentId() {
      return [...agents.keys()][0] ?? 'tabagent';
    },
    draft() {
      return agentOf({ id: `draft-${(counter += 1)}`, name: '', createdAt: (clock += 1), updatedAt: clock });
    },
  };
}

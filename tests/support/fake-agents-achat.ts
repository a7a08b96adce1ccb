import { TabagentError } from '../../src/core/errors';
import { AGENT_DEFINITION_VERSION, DEFAULT_AGENT_STEP_LIMIT, type AgentDefinition } from '../../src/core/agent-definition';
import type { AgentService } from '../../src/app/agents/agent-service';

/** An agent with every field at its default; `change` sets the ones a test cares about. */
export function testAgent(change: Partial<AgentDefinition> & Pick<AgentDefinition, 'id' | 'name'>): AgentDefinition {
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
    memory: 'shared',
    stepLimit: DEFAULT_AGENT_STEP_LIMIT,
    approval: 'side-effects',
    createdAt: 1,
    updatedAt: 1,
    ...change,
  };
}

/**
 * An in-memory `AgentService` for the chat's tests (slice "achat" of issue 13): the agents given,
 * the first one the default; built-in agents are read-only, as the real service's contract says.
 */
export function fakeAgentsAchat(initial: readonly AgentDefinition[], defaultId = initial[0]?.id ?? 'default'): AgentService & {
  /** The agents as they are now (a test may delete one behind the chat's back). */
  agents: Map<string, AgentDefinition>;
} {
  const agents = new Map(initial.map((agent) => [agent.id, structuredClone(agent)]));
  let counter = 0;
  const readOnly = (id: string): void => {
    if (agents.get(id)?.builtIn) throw new TabagentError('config', 'A built-in agent cannot be changed: duplicate it first.');
  };
  return {
    agents,
    async list() {
      const all = [...agents.values()];
      return [...all.filter((agent) => agent.builtIn), ...all.filter((agent) => !agent.builtIn).sort((a, b) => b.updatedAt - a.updatedAt)].map((agent) =>
        structuredClone(agent),
      );
    },
    async get(id) {
      const agent = agents.get(id);
      return agent ? structuredClone(agent) : undefined;
    },
    async save(agent) {
      readOnly(agent.id);
      const saved = { ...structuredClone(agent), updatedAt: Date.now() };
      agents.set(saved.id, saved);
      return structuredClone(saved);
    },
    async duplicate(id) {
      const source = agents.get(id);
      if (!source) throw new TabagentError('config', `There is no agent ${id}.`);
      const copy: AgentDefinition = { ...structuredClone(source), id: `copy-${(counter += 1)}`, name: `Copy of ${source.name}`, builtIn: false };
      agents.set(copy.id, copy);
      return structuredClone(copy);
    },
    async remove(id) {
      readOnly(id);
      agents.delete(id);
    },
    async defaultAgentId() {
      return defaultId;
    },
    draft() {
      return testAgent({ id: `draft-${(counter += 1)}`, name: 'New agent' });
    },
  };
}

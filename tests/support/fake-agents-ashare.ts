/**
 * An in-memory AgentService for the sharing and import tests (slice "ashare"), following the
 * contract in src/app/agents/agent-service.ts: built-in agents are refused by save and remove.
 */
import { AGENT_DEFINITION_VERSION, DEFAULT_AGENT_STEP_LIMIT, type AgentDefinition } from '../../src/core/agent-definition';
import { TabagentError } from '../../src/core/errors';
import type { AgentService } from '../../src/app/agents/agent-service';

/** A complete agent with the defaults, overridden by `fields`. */
export function sampleAgent(fields: Partial<AgentDefinition> = {}): AgentDefinition {
  return {
    id: 'agent-1',
    version: AGENT_DEFINITION_VERSION,
    name: 'Sample',
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
    createdAt: 1000,
    updatedAt: 1000,
    ...fields,
  };
}

/** The fake: agents in a Map, ids `new-1`, `new-2`, … and a clock that ticks by one. */
export class FakeAgentService implements AgentService {
  readonly agents = new Map<string, AgentDefinition>();
  #ids = 0;
  #clock = 5000;

  constructor(initial: readonly AgentDefinition[] = []) {
    for (const agent of initial) this.agents.set(agent.id, structuredClone(agent));
  }

  async list(): Promise<AgentDefinition[]> {
    return [...this.agents.values()].map((agent) => structuredClone(agent));
  }

  async get(id: string): Promise<AgentDefinition | undefined> {
    const agent = this.agents.get(id);
    return agent && structuredClone(agent);
  }

  async save(agent: AgentDefinition): Promise<AgentDefinition> {
    if (this.agents.get(agent.id)?.builtIn) throw new TabagentError('config', `${agent.name} is built in; duplicate it to change it.`);
    const saved = { ...structuredClone(agent), updatedAt: ++this.#clock };
    this.agents.set(saved.id, saved);
    return structuredClone(saved);
  }

  async duplicate(id: string): Promise<AgentDefinition> {
    const agent = this.agents.get(id);
    if (!agent) throw new TabagentError('config', `No agent ${id}.`);
    const { builtIn: _builtIn, ...copy } = structuredClone(agent);
    return this.save({ ...copy, id: this.#newId(), name: `Copy of ${agent.name}` });
  }

  async remove(id: string): Promise<void> {
    if (this.agents.get(id)?.builtIn) throw new TabagentError('config', 'A built-in agent cannot be deleted.');
    this.agents.delete(id);
  }

  async defaultAgentId(): Promise<string> {
    return [...this.agents.keys()][0] ?? 'tabagent';
  }

  draft(): AgentDefinition {
    const now = ++this.#clock;
    return sampleAgent({ id: this.#newId(), name: '', createdAt: now, updatedAt: now });
  }

  #newId(): string {
    return `new-${++this.#ids}`;
  }
}

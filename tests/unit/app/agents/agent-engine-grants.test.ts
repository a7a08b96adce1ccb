import { describe, expect, it } from 'vitest';
import { AGENT_DEFINITION_VERSION, type AgentDefinition } from '../../../../src/core/agent-definition';
import type { AgentService } from '../../../../src/app/agents/agent-service';
import { engineGrantsOf, withEngineGrants } from '../../../../src/app/agents/agent-engine-grants';

const agent = (id: string, engine: AgentDefinition['engine']): AgentDefinition => ({
  id,
  version: AGENT_DEFINITION_VERSION,
  name: id,
  avatar: { kind: 'emoji', emoji: '🤖' },
  description: '',
  instructions: '',
  starterPrompts: [],
  engine,
  toolFormat: 'auto',
  tools: [],
  pinnedTools: [],
  knowledgeBaseIds: [],
  memory: 'off',
  stepLimit: 8,
  approval: 'side-effects',
  createdAt: 0,
  updatedAt: 0,
});

function memoryService(initial: AgentDefinition[]): AgentService {
  const agents = new Map(initial.map((entry) => [entry.id, entry]));
  return {
    list: async () => [...agents.values()],
    get: async (id) => agents.get(id),
    save: async (entry) => (agents.set(entry.id, entry), entry),
    duplicate: async (id) => {
      const copy = { ...agents.get(id)!, id: `${id}-copy` };
      agents.set(copy.id, copy);
      return copy;
    },
    remove: async (id) => void agents.delete(id),
    defaultAgentId: async () => 'tabagent',
    draft: () => agent('draft', { kind: 'default' }),
  };
}

describe('agents’ own server engines are granted in strict mode', () => {
  it('grants each server engine’s origin once, flags private ones, and ignores other engines and bad URLs', () => {
    const grants = engineGrantsOf([
      agent('a', { kind: 'server', baseUrl: 'https://api.example.com/v1', model: 'm' }),
      agent('b', { kind: 'server', baseUrl: 'https://api.example.com/v2', model: 'm' }),
      agent('c', { kind: 'server', baseUrl: 'http://127.0.0.1:8000/v1', model: 'm' }),
      agent('d', { kind: 'server', baseUrl: 'not a url', model: 'm' }),
      agent('e', { kind: 'default' }),
      agent('f', { kind: 'local', runtime: 'webllm', modelId: 'x' }),
    ]);
    expect(grants).toEqual([
      { origin: 'https://api.example.com', holder: 'agent:a' },
      { origin: 'http://127.0.0.1:8000', holder: 'agent:c', privateNetwork: true },
    ]);
  });

  it('follows saves and deletions made through the service', async () => {
    const { agents, grants } = withEngineGrants(memoryService([]));
    await agents.list();
    expect(grants()).toEqual([]);
    await agents.save(agent('remote', { kind: 'server', baseUrl: 'https://llm.example.org/v1', model: 'm' }));
    expect(grants().map((grant) => grant.origin)).toEqual(['https://llm.example.org']);
    await agents.remove('remote');
    expect(grants()).toEqual([]);
  });
});

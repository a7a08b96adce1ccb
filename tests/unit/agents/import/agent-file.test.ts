/**
 * Our agent file: export → import gives the agent back equal (but for its id and timestamps),
 * the file holds no secret and passes its published schema; references that do not resolve
 * here are dropped and noted.
 */
import { describe, expect, it } from 'vitest';
import { agentFileName, exportAgentFile, type ExportableMcpServer } from '../../../../src/app/agents/agent-file';
import { agentFileProblems } from '../../../../src/app/agents/import/agent-file-schema';
import { withConfirmed } from '../../../../src/app/agents/import/confirmations';
import { planAgentImport } from '../../../../src/app/agents/import/plan-import';
import type { AgentDefinition } from '../../../../src/core/agent-definition';
import { sampleAgent } from '../../../support/fake-agents-ashare';
import { importContext, textFile } from './import-context';

const SECRET_ID = 'secret-id-canary-42';

const full: AgentDefinition = sampleAgent({
  id: 'original',
  name: 'Research helper',
  avatar: { kind: 'emoji', emoji: '🔬' },
  description: 'Finds and sums up papers.',
  instructions: 'Cite every source.\nBe brief.',
  starterPrompts: ['Summarize this paper', 'Find papers on RAG'],
  engine: { kind: 'server', baseUrl: 'https://api.example.com/v1', model: 'big-model', keyName: 'example-key' },
  toolFormat: 'hermes',
  tools: [
    { kind: 'tool', name: 'calculator' },
    { kind: 'tool', name: 'model_api' },
    { kind: 'mcp-server', serverId: 'srv-a' },
    { kind: 'mcp-tool', serverId: 'srv-b', name: 'search' },
    { kind: 'agent', agentId: 'helper' },
  ],
  pinnedTools: ['calculator'],
  toolsPerTurn: 7,
  knowledgeBaseIds: ['kb-1'],
  memory: 'own',
  stepLimit: 12,
  approval: 'every-call',
  temperature: 0.3,
  thinking: false,
  createdAt: 10,
  updatedAt: 20,
});

const servers: ExportableMcpServer[] = [
  { id: 'srv-a', name: 'docs', url: 'https://docs.example.com/mcp', headerSecrets: { Authorization: SECRET_ID } },
  { id: 'srv-b', name: 'search', url: 'https://search.example.com/mcp', headerSecrets: {} },
  { id: 'srv-unused', name: 'other', url: 'https://other.example.com/mcp', headerSecrets: {} },
];

/** The fields that belong to the agent, not to one browser. */
function portable(agent: AgentDefinition): Omit<AgentDefinition, 'id' | 'createdAt' | 'updatedAt'> {
  const { id: _id, createdAt: _created, updatedAt: _updated, ...rest } = agent;
  return rest;
}

describe('agent file', () => {
  it('is versioned, passes its schema and lists only the servers the agent uses, without secrets', () => {
    const text = exportAgentFile(full, { mcpServers: servers });
    const file = JSON.parse(text) as Record<string, unknown>;
    expect(file).toMatchObject({ format: 'tabagent-agent', version: 1 });
    expect(agentFileProblems(file)).toEqual([]);
    expect(file.mcpServers).toEqual([
      { ref: 'srv-a', name: 'docs', url: 'https://docs.example.com/mcp', headers: ['Authorization'] },
      { ref: 'srv-b', name: 'search', url: 'https://search.example.com/mcp' },
    ]);
    expect(text).not.toContain(SECRET_ID);
    expect(text).not.toContain('original');
    expect(file.agent).not.toHaveProperty('builtIn');
  });

  it('round-trips: export → import with everything ticked gives the agent back equal', async () => {
    const context = importContext({
      knowledgeBaseIds: new Set(['kb-1']),
      agentIds: new Set(['helper']),
      mcpServers: [
        { id: 'srv-a', url: 'https://docs.example.com/mcp' },
        { id: 'srv-b', url: 'https://search.example.com/mcp' },
      ],
      keyNames: new Set(['example-key']),
    });
    const plan = await planAgentImport([textFile('Research helper.agent.json', exportAgentFile(full, { mcpServers: servers }))], context);
    expect(plan.problems).toEqual([]);
    const imported = plan.agents[0]!;
    expect(imported.notes).toEqual([]);
    expect(imported.missingKey).toBeUndefined();
    const ticked = withConfirmed(imported.agent, imported.mcpServers, imported.confirmations, new Set(imported.confirmations.map((item) => item.id)));
    expect(portable(ticked.agent)).toEqual(portable(full));
    expect(ticked.agent.id).not.toBe('original');
  });

  it('in another browser: servers to add, dropped references noted, the key asked for', async () => {
    const plan = await planAgentImport([textFile('a.agent.json', exportAgentFile(full, { mcpServers: servers }))], importContext());
    const imported = plan.agents[0]!;
    expect(imported.mcpServers.map((server) => [server.name, server.url, server.headers])).toEqual([
      ['docs', 'https://docs.example.com/mcp', ['Authorization']],
      ['search', 'https://search.example.com/mcp', []],
    ]);
    expect(imported.notes).toEqual(
      expect.arrayContaining([
        { kind: 'knowledge-missing', count: 1 },
        { kind: 'agent-missing', agentId: 'helper' },
        { kind: 'server-headers', server: 'docs', headers: ['Authorization'] },
      ]),
    );
    expect(imported.agent.knowledgeBaseIds).toEqual([]);
    expect(imported.missingKey).toEqual({ keyName: 'example-key', origin: 'https://api.example.com' });
    expect(imported.confirmations.map((item) => item.kind)).toEqual(['engine', 'mcp-server', 'mcp-server', 'tool']);
    expect(imported.confirmations.at(-1)).toMatchObject({ name: 'model_api', reason: 'sends-data' });
  });

  it('lists a tool this browser does not have as unknown, off until ticked', async () => {
    const agent = sampleAgent({ tools: [{ kind: 'tool', name: 'weather_lookup' }], pinnedTools: ['weather_lookup'] });
    const imported = (await planAgentImport([textFile('w.agent.json', exportAgentFile(agent))], importContext())).agents[0]!;
    expect(imported.confirmations).toEqual([{ id: 'tool:weather_lookup', kind: 'tool', name: 'weather_lookup', reason: 'unknown' }]);
    const kept = withConfirmed(imported.agent, [], imported.confirmations, new Set());
    expect(kept.agent.tools).toEqual([]);
    expect(kept.agent.pinnedTools).toEqual([]);
  });

  it('names the file after the agent, without characters file systems refuse', () => {
    expect(agentFileName({ name: 'Research helper' })).toBe('Research helper.agent.json');
    expect(agentFileName({ name: 'a/b:c*?' })).toBe('a-b-c-.agent.json');
    expect(agentFileName({ name: '..' })).toBe('agent.agent.json');
  });
});

import { describe, expect, it } from 'vitest';
import { agentToolNames, knowledgeBasesFor, toolModeOf } from '../../../src/app/agents/agent-run-config';
import { memoryVisibleTo } from '../../../src/app/memory/agent-memory';

const catalog = { mcpServers: () => [{ id: 'srv', tools: ['everything__echo', 'everything__add'] }] };

describe('per-agent run configuration', () => {
  it('resolves tool names, whole MCP servers and single MCP tools; pins count as the agent’s; agents as tools are left for later', () => {
    const names = agentToolNames(
      {
        tools: [{ kind: 'tool', name: 'calculator' }, { kind: 'mcp-server', serverId: 'srv' }, { kind: 'mcp-tool', serverId: 'srv', name: 'add' }, { kind: 'agent', agentId: 'other' }],
        pinnedTools: ['current_time'],
      },
      catalog,
    );
    expect(names === 'all' ? names : [...names].sort()).toEqual(['calculator', 'current_time', 'everything__add', 'everything__echo']);
    const single = agentToolNames({ tools: [{ kind: 'mcp-tool', serverId: 'srv', name: 'everything__echo' }], pinnedTools: [] }, catalog);
    expect(single === 'all' ? single : [...single]).toEqual(['everything__echo']);
    expect(agentToolNames({ tools: [{ kind: 'all-tools' }], pinnedTools: [] }, catalog)).toBe('all');
    expect(agentToolNames({ tools: [], pinnedTools: [] }, catalog)).toEqual(new Set());
  });

  it("searches the agent's knowledge bases minus those switched off in the conversation, plus those ticked on it", () => {
    expect(knowledgeBasesFor({ knowledgeBaseIds: ['a', 'b'] }, { knowledgeBasesOff: ['b'] }, ['c', 'a'])).toEqual(['a', 'c']);
    expect(knowledgeBasesFor({ knowledgeBaseIds: ['a'] }, undefined, [])).toEqual(['a']);
  });

  it('keeps memories apart by mode: off sees none, own only its own, shared only untagged ones', () => {
    const own = { agentId: 'x' };
    const shared = {};
    expect(memoryVisibleTo({ id: 'x', memory: 'off' }, shared)).toBe(false);
    expect(memoryVisibleTo({ id: 'x', memory: 'own' }, own)).toBe(true);
    expect(memoryVisibleTo({ id: 'x', memory: 'own' }, shared)).toBe(false);
    expect(memoryVisibleTo({ id: 'y', memory: 'own' }, own)).toBe(false);
    expect(memoryVisibleTo({ id: 'y', memory: 'shared' }, shared)).toBe(true);
    expect(memoryVisibleTo({ id: 'y', memory: 'shared' }, own)).toBe(false);
  });

  it("maps 'auto' to the engine's own tool mode and keeps the others", () => {
    expect(toolModeOf('auto')).toBeUndefined();
    expect(toolModeOf('hermes')).toBe('hermes');
  });
});

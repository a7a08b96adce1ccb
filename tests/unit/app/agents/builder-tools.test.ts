/** The agent builder's tools: each edits the draft it is given, and bad names go back with what exists. */
import { describe, expect, it } from 'vitest';
import { BUILDER_AGENT_ID, builderAgent } from '../../../../src/app/agents/builder-agent';
import { BUILDER_TOOL_NAMES, createBuilderTools, sameToolRef, type AgentDraftAccess } from '../../../../src/app/agents/builder-tools';
import type { AgentDefinition } from '../../../../src/core/agent-definition';
import { TabagentError } from '../../../../src/core/errors';
import { createToolExecutor, ToolRegistry } from '../../../../src/tools';
import { agentOf } from '../../../support/fake-agents-apage';

function harness() {
  let draft: AgentDefinition = agentOf({ id: 'draft', name: '' });
  const access: AgentDraftAccess = {
    read: () => draft,
    change: (update) => {
      draft = update(draft);
    },
    tools: () => [
      { label: 'calculator', description: 'Maths.', ref: { kind: 'tool', name: 'calculator' } },
      { label: 'Everything', description: 'An MCP server.', ref: { kind: 'mcp-server', serverId: 'mcp-1' } },
    ],
    knowledgeBases: () => [{ id: 'kb-1', name: 'Recipes' }],
    localModels: () => [{ modelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC', runtime: 'webllm', label: 'Qwen2.5 0.5B' }],
  };
  const tools = createBuilderTools(access);
  const run = async (name: string, args: Record<string, unknown>): Promise<unknown> => {
    const tool = tools.find((entry) => entry.manifest.name === name);
    if (!tool) throw new Error(`no ${name}`);
    return tool.implementation(args, { signal: new AbortController().signal, fetch });
  };
  return { tools, run, draft: () => draft };
}

describe('the agent builder tools', () => {
  it('are valid manifests without side effects, accepted by the registry and run by the executor', async () => {
    const { tools, draft } = harness();
    expect(tools.map((tool) => tool.manifest.name)).toEqual([...BUILDER_TOOL_NAMES]);
    const registry = new ToolRegistry();
    for (const tool of tools) registry.register(tool.manifest, tool.implementation);
    const executor = createToolExecutor(registry);
    expect(tools.every((tool) => !executor.requiresApproval(tool.manifest.name) && tool.manifest.sideEffects === false)).toBe(true);
    const result = await executor.execute({ id: 'c1', name: 'set_agent_name', arguments: { name: '  Chef ' } });
    expect(result.isError).toBe(false);
    expect(JSON.parse(result.content)).toMatchObject({ ok: true, draft: { name: 'Chef' } });
    expect(draft().name).toBe('Chef');
    // Arguments outside the schema never reach the draft.
    const bad = await executor.execute({ id: 'c2', name: 'set_agent_name', arguments: { name: '' } });
    expect(bad.isError).toBe(true);
    expect(draft().name).toBe('Chef');
  });

  it('name the tools and knowledge bases that exist in their descriptions', () => {
    const { tools } = harness();
    expect(tools.find((tool) => tool.manifest.name === 'enable_agent_tools')?.manifest.description).toContain('calculator, Everything');
    expect(tools.find((tool) => tool.manifest.name === 'enable_knowledge_bases')?.manifest.description).toContain('Recipes');
  });

  it('set the text fields, add starter prompts once each, and enable tools, servers and bases without duplicates', async () => {
    const { run, draft } = harness();
    await run('set_agent_description', { description: 'Cooks.' });
    await run('set_agent_instructions', { instructions: 'Be a cook.' });
    await run('add_starter_prompts', { prompts: ['Hi', 'Dinner?'] });
    await run('add_starter_prompts', { prompts: ['Dinner?', 'Lunch?'] });
    await run('enable_agent_tools', { names: ['CALCULATOR', 'Everything'] });
    await run('enable_agent_tools', { names: ['calculator'] });
    await run('enable_knowledge_bases', { names: ['recipes'] });
    await run('enable_knowledge_bases', { names: ['Recipes'] });
    expect(draft()).toMatchObject({
      description: 'Cooks.',
      instructions: 'Be a cook.',
      starterPrompts: ['Hi', 'Dinner?', 'Lunch?'],
      tools: [
        { kind: 'tool', name: 'calculator' },
        { kind: 'mcp-server', serverId: 'mcp-1' },
      ],
      knowledgeBaseIds: ['kb-1'],
    });
  });

  it('refuse unknown tools and bases with the names that exist, changing nothing', async () => {
    const { run, draft } = harness();
    const error = await run('enable_agent_tools', { names: ['calculator', 'web_search'] }).catch((caught: unknown) => caught);
    expect(TabagentError.is(error) && error.code).toBe('invalid-arguments');
    expect(String((error as Error).message)).toBe('Unknown tool: web_search. Available: calculator, Everything.');
    await expect(run('enable_knowledge_bases', { names: ['Taxes'] })).rejects.toThrow('Available: Recipes');
    expect(draft().tools).toEqual([]);
    expect(draft().knowledgeBaseIds).toEqual([]);
  });

  it('choose the default engine, a server (http or https only) or a local model of the catalog', async () => {
    const { run, draft } = harness();
    await run('choose_agent_engine', { kind: 'server', base_url: 'http://127.0.0.1:8080/v1', model: 'qwen' });
    expect(draft().engine).toEqual({ kind: 'server', baseUrl: 'http://127.0.0.1:8080/v1', model: 'qwen' });
    await expect(run('choose_agent_engine', { kind: 'server', base_url: 'javascript:alert(1)', model: 'x' })).rejects.toThrow('http:// or https://');
    await run('choose_agent_engine', { kind: 'local', model: 'qwen2.5-0.5b-instruct-q4f16_1-mlc' });
    expect(draft().engine).toEqual({ kind: 'local', runtime: 'webllm', modelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC' });
    await expect(run('choose_agent_engine', { kind: 'local', model: 'gpt-4' })).rejects.toThrow('Unknown local model: gpt-4');
    await run('choose_agent_engine', { kind: 'default' });
    expect(draft().engine).toEqual({ kind: 'default' });
  });

  it('compares tool references by what they name, whatever their key order', () => {
    expect(sameToolRef({ kind: 'mcp-tool', serverId: 's', name: 'a' }, JSON.parse('{"name":"a","serverId":"s","kind":"mcp-tool"}'))).toBe(true);
    expect(sameToolRef({ kind: 'tool', name: 'a' }, { kind: 'agent', agentId: 'a' })).toBe(false);
  });

  it('the builder agent is built in, with no tools of its own, and told about its tools in each interface language', () => {
    for (const language of ['en', 'zh'] as const) {
      const agent = builderAgent(language);
      expect(agent).toMatchObject({ id: BUILDER_AGENT_ID, builtIn: true, name: 'Agent builder', tools: [], engine: { kind: 'default' } });
      for (const name of BUILDER_TOOL_NAMES) expect(agent.instructions, `${language}: ${name}`).toContain(name);
    }
    expect(builderAgent('zh').instructions).toMatch(/^你是智能体构建器/);
    expect(builderAgent('zh').starterPrompts.join()).toMatch(/[\u4e00-\u9fff]/);
    expect(builderAgent('en').instructions).toMatch(/^You are the Agent builder/);
  });
});

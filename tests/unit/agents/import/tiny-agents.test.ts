/**
 * tiny-agents agent.json → an agent: http and sse servers become its MCP servers (pending,
 * switched off until ticked), a stdio server refuses the file with how to reach it, PROMPT.md or
 * AGENTS.md chosen together become the instructions, model/provider/endpointUrl an engine.
 */
import { describe, expect, it } from 'vitest';
import { withConfirmed } from '../../../../src/app/agents/import/confirmations';
import { planAgentImport } from '../../../../src/app/agents/import/plan-import';
import { HF_ROUTER_URL } from '../../../../src/app/agents/import/tiny-agents';
import { importContext, textFile } from './import-context';

const remoteAgent = {
  model: 'Qwen/Qwen2.5-72B-Instruct',
  provider: 'nebius',
  servers: [
    { type: 'sse', config: { url: 'https://evalstate-flux1-schnell.hf.space/gradio_api/mcp/sse' } },
    { type: 'http', config: { url: 'https://hf.co/mcp', options: { requestInit: { headers: { Authorization: 'Bearer ${input:hf-token}' } } } } },
  ],
};

const stdioAgent = {
  model: 'Qwen/Qwen2.5-72B-Instruct',
  provider: 'nebius',
  servers: [
    { type: 'http', config: { url: 'https://hf.co/mcp' } },
    { type: 'stdio', config: { command: 'npx', args: ['@playwright/mcp@latest'] } },
  ],
};

describe('tiny-agents agent.json', () => {
  it('turns http and sse servers into pending MCP servers of the agent', async () => {
    const plan = await planAgentImport([textFile('agent.json', JSON.stringify(remoteAgent))], importContext());
    expect(plan.problems).toEqual([]);
    const imported = plan.agents[0]!;
    expect(imported.format).toBe('tiny-agents');
    expect(imported.mcpServers).toEqual([
      { id: 'server-1', name: 'evalstate-flux1-schnell', url: 'https://evalstate-flux1-schnell.hf.space/gradio_api/mcp/sse', transport: 'sse', headers: [] },
      { id: 'server-2', name: 'hf.co', url: 'https://hf.co/mcp', transport: 'http', headers: ['Authorization'] },
    ]);
    expect(imported.agent.tools).toEqual([
      { kind: 'mcp-server', serverId: 'server-1' },
      { kind: 'mcp-server', serverId: 'server-2' },
    ]);
    expect(imported.notes).toContainEqual({ kind: 'server-headers', server: 'hf.co', headers: ['Authorization'] });
    // Header values (here a placeholder, elsewhere a token) never reach the plan.
    expect(JSON.stringify(imported)).not.toContain('Bearer');
  });

  it('maps model and provider to the Hugging Face router, asking before it and naming the missing key', async () => {
    const plan = await planAgentImport([textFile('agent.json', JSON.stringify(remoteAgent))], importContext());
    const imported = plan.agents[0]!;
    expect(imported.agent.engine).toEqual({ kind: 'server', baseUrl: HF_ROUTER_URL, model: 'Qwen/Qwen2.5-72B-Instruct:nebius', keyName: 'huggingface' });
    expect(imported.missingKey).toEqual({ keyName: 'huggingface', origin: 'https://router.huggingface.co' });
    expect(imported.confirmations.map((item) => item.id)).toEqual(['engine', 'mcp:server-1', 'mcp:server-2']);
  });

  it('keeps servers and engine off unless ticked', async () => {
    const imported = (await planAgentImport([textFile('agent.json', JSON.stringify(remoteAgent))], importContext())).agents[0]!;
    const none = withConfirmed(imported.agent, imported.mcpServers, imported.confirmations, new Set());
    expect(none.agent.engine).toEqual({ kind: 'default' });
    expect(none.agent.tools).toEqual([]);
    expect(none.servers).toEqual([]);
    const one = withConfirmed(imported.agent, imported.mcpServers, imported.confirmations, new Set(['mcp:server-2']));
    expect(one.agent.tools).toEqual([{ kind: 'mcp-server', serverId: 'server-2' }]);
    expect(one.servers.map((server) => server.url)).toEqual(['https://hf.co/mcp']);
  });

  it('maps endpointUrl to a server engine with the model, and reads the flat server shape', async () => {
    const config = { model: 'Qwen/Qwen3-32B', endpointUrl: 'http://localhost:1234/v1/', servers: [{ type: 'http', url: 'http://127.0.0.1:3001/mcp' }] };
    const imported = (await planAgentImport([textFile('agent.json', JSON.stringify(config))], importContext())).agents[0]!;
    expect(imported.agent.engine).toEqual({ kind: 'server', baseUrl: 'http://localhost:1234/v1', model: 'Qwen/Qwen3-32B' });
    expect(imported.missingKey).toBeUndefined();
    expect(imported.mcpServers.map((server) => server.url)).toEqual(['http://127.0.0.1:3001/mcp']);
  });

  it('uses a server already added here instead of adding it again', async () => {
    const context = importContext({ mcpServers: [{ id: 'mine', url: 'https://hf.co/mcp' }] });
    const imported = (await planAgentImport([textFile('agent.json', JSON.stringify(remoteAgent))], context)).agents[0]!;
    expect(imported.mcpServers.map((server) => server.url)).toEqual(['https://evalstate-flux1-schnell.hf.space/gradio_api/mcp/sse']);
    expect(imported.agent.tools).toContainEqual({ kind: 'mcp-server', serverId: 'mine' });
  });

  it('refuses a file with a stdio server, saying a tab cannot run it and how to reach it', async () => {
    const plan = await planAgentImport([textFile('agent.json', JSON.stringify(stdioAgent))], importContext());
    expect(plan.agents).toEqual([]);
    expect(plan.problems).toHaveLength(1);
    const [problem] = plan.problems;
    expect(problem).toMatchObject({ file: 'agent.json', reason: 'stdio-server', detail: 'npx @playwright/mcp@latest' });
    expect(problem?.message).toMatch(/browser tab cannot run/);
    expect(problem?.message).toMatch(/HTTP bridge/);
    expect(problem?.message).toMatch(/Streamable HTTP/);
  });

  it('treats a server with a command and no type as stdio', async () => {
    const plan = await planAgentImport([textFile('agent.json', JSON.stringify({ model: 'm', servers: [{ command: 'uvx', args: ['mcp-server-fetch'] }] }))], importContext());
    expect(plan.problems[0]).toMatchObject({ reason: 'stdio-server', detail: 'uvx mcp-server-fetch' });
  });

  it('takes PROMPT.md chosen together as the instructions (preferred over AGENTS.md)', async () => {
    const plan = await planAgentImport(
      [textFile('AGENTS.md', 'Agents text'), textFile('agent.json', JSON.stringify(remoteAgent)), textFile('PROMPT.md', 'You search the Hub.')],
      importContext(),
    );
    expect(plan.problems).toEqual([]);
    const imported = plan.agents[0]!;
    expect(imported.agent.instructions).toBe('You search the Hub.');
    expect(imported.files).toEqual(['agent.json', 'PROMPT.md']);
    expect(imported.notes).toContainEqual({ kind: 'instructions-from', file: 'PROMPT.md' });
    expect(imported.notes).toContainEqual({ kind: 'file-unused', file: 'AGENTS.md' });
  });

  it('takes AGENTS.md when there is no PROMPT.md', async () => {
    const plan = await planAgentImport([textFile('agent.json', JSON.stringify(remoteAgent)), textFile('AGENTS.md', 'Be kind.')], importContext());
    expect(plan.agents[0]?.agent.instructions).toBe('Be kind.');
  });

  it('refuses a PROMPT.md chosen without an agent.json', async () => {
    const plan = await planAgentImport([textFile('PROMPT.md', 'Alone')], importContext());
    expect(plan.agents).toEqual([]);
    expect(plan.problems).toEqual([expect.objectContaining({ file: 'PROMPT.md', reason: 'unpaired-instructions' })]);
  });
});

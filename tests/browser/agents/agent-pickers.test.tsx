/** The editor's pickers read the tool library (built-in, custom, OpenAPI, MCP servers and their tools) and the local model catalog. */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { LibraryTool, ToolLibraryServices } from '../../../src/app/tools/tool-library-services';
import { TabagentError } from '../../../src/core/errors';
import { fakeAgents } from '../../support/fake-agents-apage';
import { fakeModelServices } from '../models/fake-model-services';
import { cleanUp, exact, mountAgentsApp } from './agents-harness';

afterEach(cleanUp);

const tool = (name: string, source: LibraryTool['source']): LibraryTool => ({
  name,
  description: `${name} does things.`,
  kind: source === 'mcp' ? 'mcp' : source === 'openapi' ? 'openapi' : 'builtin',
  source,
  sideEffects: false,
  allowedOrigins: [],
  removable: source === 'openapi',
});

/** A library with one tool of each source and one connected MCP server with two tools. */
function fakeLibrary(): ToolLibraryServices {
  const refuse = async (): Promise<never> => {
    throw new TabagentError('internal', 'Not in this test.');
  };
  return {
    start: async () => undefined,
    tools: () => [tool('calculator', 'builtin'), tool('weather_http', 'custom'), tool('getPetById', 'openapi'), tool('echo', 'mcp'), tool('add', 'mcp')],
    servers: () => [
      {
        id: 'mcp-1',
        url: 'http://127.0.0.1:3001/mcp',
        name: 'Everything',
        enabled: true,
        state: 'connected',
        tools: ['echo', 'add'],
        resources: [],
        prompts: [],
        skipped: [],
        authHeaders: [],
      },
    ],
    subscribe: () => () => undefined,
    connectMcp: refuse,
    reconnectMcp: refuse,
    disconnectMcp: refuse,
    removeMcp: refuse,
    previewOpenApi: refuse,
    addOpenApi: refuse,
    removeTool: refuse,
  };
}

describe('the agent editor pickers', () => {
  it('offer every tool of the library by group, a whole MCP server or single MCP tools, and local models', async () => {
    const agents = fakeAgents();
    mountAgentsApp('#/agents/new', agents, { toolLibrary: fakeLibrary(), models: fakeModelServices().services });
    const form = page.getByRole('form', { name: 'Agent' });
    for (const [group, names] of [
      ['Built-in', ['calculator']],
      ['Custom', ['weather_http']],
      ['OpenAPI', ['getPetById']],
      ['MCP', ['All tools of Everything', 'echo', 'add']],
    ] as const) {
      const fieldset = form.getByRole('group', { name: group, ...exact });
      for (const name of names) await expect.element(fieldset.getByRole('checkbox', { name, ...exact })).toBeVisible();
    }
    await userEvent.fill(form.getByLabelText('Name', exact), 'Tester');
    await userEvent.click(form.getByRole('checkbox', { name: 'getPetById', ...exact }));
    await userEvent.click(form.getByRole('checkbox', { name: 'All tools of Everything', ...exact }));
    await userEvent.click(form.getByRole('checkbox', { name: 'add', ...exact }));
    await userEvent.click(form.getByRole('checkbox', { name: 'add', ...exact }));
    await userEvent.click(form.getByRole('checkbox', { name: 'echo', ...exact }));

    await userEvent.selectOptions(form.getByLabelText('Engine', exact), 'A local model');
    await userEvent.selectOptions(form.getByLabelText('Local model', exact), 'Qwen3 0.6B (ONNX) (transformers)');
    await userEvent.click(page.getByRole('button', { name: 'Save agent', ...exact }));
    await expect.element(page.getByText('Saved Tester.', exact)).toBeVisible();
    const [saved] = [...agents.agents.values()];
    expect(saved?.tools).toEqual([
      { kind: 'tool', name: 'getPetById' },
      { kind: 'mcp-server', serverId: 'mcp-1' },
      { kind: 'mcp-tool', serverId: 'mcp-1', name: 'echo' },
    ]);
    expect(saved?.engine).toMatchObject({ kind: 'local', runtime: 'transformers' });
    expect(saved?.engine.kind === 'local' && saved.engine.modelId).toMatch(/Qwen3-0\.6B/i);
  });

  it('pins any tool the agent has, by keyboard too, and saves the pins and tools per turn in the agent', async () => {
    const agents = fakeAgents();
    mountAgentsApp('#/agents/new', agents, { toolLibrary: fakeLibrary(), models: fakeModelServices().services });
    const form = page.getByRole('form', { name: 'Agent' });
    await userEvent.fill(form.getByLabelText('Name', exact), 'Pinner');
    // A tool the agent does not have cannot be pinned.
    await expect.element(form.getByRole('checkbox', { name: 'Pin calculator', ...exact })).not.toBeInTheDocument();
    await userEvent.click(form.getByRole('checkbox', { name: 'calculator', ...exact }));
    const pinCalculator = form.getByRole('checkbox', { name: 'Pin calculator', ...exact });
    await expect.element(pinCalculator).not.toBeChecked();
    (pinCalculator.element() as HTMLInputElement).focus();
    await userEvent.keyboard(' ');
    await expect.element(pinCalculator).toBeChecked();
    // A whole MCP server's tools can be pinned one by one.
    await userEvent.click(form.getByRole('checkbox', { name: 'All tools of Everything', ...exact }));
    await userEvent.click(form.getByRole('checkbox', { name: 'Pin echo', ...exact }));
    await expect.element(form.getByRole('checkbox', { name: 'Pin getPetById', ...exact })).not.toBeInTheDocument();
    // Taking a tool away unpins it; choosing it again offers the pin again, off.
    await userEvent.click(form.getByRole('checkbox', { name: 'calculator', ...exact }));
    await expect.element(form.getByRole('checkbox', { name: 'Pin calculator', ...exact })).not.toBeInTheDocument();
    await userEvent.click(form.getByRole('checkbox', { name: 'calculator', ...exact }));
    await expect.element(form.getByRole('checkbox', { name: 'Pin calculator', ...exact })).not.toBeChecked();
    await userEvent.click(form.getByRole('checkbox', { name: 'Pin calculator', ...exact }));

    const perTurn = form.getByLabelText('Tools per turn', exact);
    await userEvent.fill(perTurn, '0');
    await userEvent.click(page.getByRole('button', { name: 'Save agent', ...exact }));
    await expect.element(page.getByText('Tools per turn: a whole number from 1 to 50, or empty.', exact)).toBeVisible();
    expect(agents.agents.size).toBe(0);
    await userEvent.fill(perTurn, '2');
    await userEvent.click(page.getByRole('button', { name: 'Save agent', ...exact }));
    await expect.element(page.getByText('Saved Pinner.', exact)).toBeVisible();
    const [saved] = [...agents.agents.values()];
    expect(saved?.pinnedTools).toEqual(['echo', 'calculator']);
    expect(saved?.toolsPerTurn).toBe(2);
  });

  it('offers a pin for every library tool when the agent has every tool switched on', async () => {
    mountAgentsApp('#/agents/new', fakeAgents(), { toolLibrary: fakeLibrary() });
    const form = page.getByRole('form', { name: 'Agent' });
    await userEvent.click(form.getByRole('checkbox', { name: 'Every tool switched on', ...exact }));
    for (const name of ['calculator', 'weather_http', 'getPetById', 'echo', 'add']) {
      await expect.element(form.getByRole('checkbox', { name: `Pin ${name}`, ...exact })).toBeVisible();
    }
  });
});

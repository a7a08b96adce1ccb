/** The Agent builder: a scripted model calls its draft-editing tools and the form follows live, with native or text tool calls. */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { BUILDER_AGENT_ID } from '../../../src/app/agents/builder-agent';
import { BUILDER_TOOL_NAMES } from '../../../src/app/agents/builder-tools';
import type { ChatChunk } from '../../../src/core/types';
import { createBase } from '../../../src/knowledge';
import { openTabagentDb } from '../../../src/store';
import { agentOf, fakeAgents } from '../../support/fake-agents-apage';
import { scriptedEngine, textChunks } from '../support/scripted-engine';
import { agentRunServices } from './agent-runs';
import { cleanUp, DB_NAME, exact, mountAgentsApp } from './agents-harness';

afterEach(cleanUp);

const form = () => page.getByRole('form', { name: 'Agent' });
const builder = () => page.getByRole('region', { name: 'Agent builder', ...exact });

async function sendToBuilder(text: string): Promise<void> {
  await userEvent.fill(builder().getByRole('textbox', { name: 'Message', ...exact }), text);
  await userEvent.keyboard('{Enter}');
}

const CALLS: ReadonlyArray<{ name: string; arguments: Record<string, unknown> }> = [
  { name: 'set_agent_name', arguments: { name: 'Chef' } },
  { name: 'set_agent_description', arguments: { description: 'Cooks with you.' } },
  { name: 'set_agent_instructions', arguments: { instructions: 'You are a patient cook. Convert units with the calculator.' } },
  { name: 'add_starter_prompts', arguments: { prompts: ['What can I cook tonight?', 'Convert 200 g of flour to cups'] } },
  { name: 'enable_agent_tools', arguments: { names: ['calculator'] } },
  { name: 'enable_knowledge_bases', arguments: { names: ['Recipes'] } },
  { name: 'choose_agent_engine', arguments: { kind: 'server', base_url: 'http://127.0.0.1:8080/v1', model: 'qwen2.5-7b' } },
];

/** The calls as native tool-call deltas, arguments split in two chunks. */
function nativeCalls(): ChatChunk[] {
  return [
    ...CALLS.flatMap((call, index): ChatChunk[] => {
      const json = JSON.stringify(call.arguments);
      return [
        { type: 'tool-call-delta', index, id: `call_${index}`, name: call.name, argumentsDelta: json.slice(0, 5) },
        { type: 'tool-call-delta', index, argumentsDelta: json.slice(5) },
      ];
    }),
    { type: 'finish', reason: 'tool-calls' },
  ];
}

/** The calls as Hermes `<tool_call>` text, as a local model without native tool calls writes them. */
function hermesCalls(): ChatChunk[] {
  return textChunks(...CALLS.map((call) => `<tool_call>\n${JSON.stringify(call)}\n</tool_call>\n`));
}

async function expectFormFilled(): Promise<void> {
  await expect.element(form().getByLabelText('Name', exact)).toHaveValue('Chef');
  await expect.element(form().getByLabelText('Description', exact)).toHaveValue('Cooks with you.');
  await expect.element(form().getByLabelText('Instructions', exact)).toHaveValue('You are a patient cook. Convert units with the calculator.');
  await expect.element(form().getByLabelText('Starter prompts', exact)).toHaveValue('What can I cook tonight?\nConvert 200 g of flour to cups');
  await expect.element(form().getByRole('checkbox', { name: 'calculator', ...exact })).toBeChecked();
  await expect.element(form().getByRole('checkbox', { name: 'Recipes', ...exact })).toBeChecked();
  await expect.element(form().getByLabelText('Base URL', exact)).toHaveValue('http://127.0.0.1:8080/v1');
  await expect.element(form().getByLabelText('Model', exact)).toHaveValue('qwen2.5-7b');
}

describe('the Agent builder', () => {
  for (const mode of ['native', 'hermes'] as const) {
    it(`fills in the form live as the model calls its tools (${mode} tool calls), and saving keeps it`, { timeout: 60_000 }, async () => {
      const db = await openTabagentDb({ name: DB_NAME });
      const base = await createBase(db, 'Recipes');
      db.close();
      // The answer after the tool calls streams for about 8 s: the form must have changed before it ends.
      const engine = scriptedEngine(
        (_request, index) => (index === 0 ? (mode === 'native' ? nativeCalls() : hermesCalls()) : textChunks(...Array.from({ length: 300 }, () => 'Done. '))),
        25,
      );
      const services = agentRunServices(engine, mode);
      const agents = fakeAgents();
      mountAgentsApp('#/agents/new', agents, services);
      await expect.element(form().getByRole('checkbox', { name: 'Recipes', ...exact })).not.toBeChecked();

      await sendToBuilder('Make me a cooking assistant');
      await expectFormFilled();
      // Live: the builder is still answering while the form already shows its changes.
      const log = builder().getByRole('log', { name: 'Conversation' });
      expect(log.element().getAttribute('aria-busy')).toBe('true');
      await userEvent.click(builder().getByRole('button', { name: 'Stop', ...exact }));
      await expect.element(log).toHaveAttribute('aria-busy', 'false');

      const scope = services.scopes[0];
      expect(scope?.agent?.id).toBe(BUILDER_AGENT_ID);
      expect(scope?.runTools?.map((tool) => tool.manifest.name)).toEqual([...BUILDER_TOOL_NAMES]);
      // The builder's own instructions are its system text.
      expect(engine.requests[0]?.messages[0]?.content).toContain('You are the Agent builder');

      await userEvent.click(page.getByRole('button', { name: 'Save agent', ...exact }));
      await expect.element(page.getByText('Saved Chef.', exact)).toBeVisible();
      expect([...agents.agents.values()][0]).toMatchObject({
        name: 'Chef',
        tools: [{ kind: 'tool', name: 'calculator' }],
        knowledgeBaseIds: [base.id],
        engine: { kind: 'server', baseUrl: 'http://127.0.0.1:8080/v1', model: 'qwen2.5-7b' },
        starterPrompts: ['What can I cook tonight?', 'Convert 200 g of flour to cups'],
      });
    });
  }

  it('an unknown tool name goes back to the model with the names that exist, and changes nothing', async () => {
    const engine = scriptedEngine((request, index) => {
      if (index === 0) return [{ type: 'tool-call-delta', index: 0, id: 'call_0', name: 'enable_agent_tools', argumentsDelta: '{"names":["web_search"]}' }, { type: 'finish', reason: 'tool-calls' }];
      const result = request.messages.findLast((message) => message.role === 'tool')?.content ?? '';
      return textChunks(result.includes('Unknown tool: web_search') && result.includes('calculator') ? 'Told: no web_search.' : 'Not told.');
    });
    mountAgentsApp('#/agents/new', fakeAgents(), agentRunServices(engine));
    await sendToBuilder('Give it web search');
    await expect.element(builder().getByText('Told: no web_search.', exact)).toBeVisible();
    await expect.element(form().getByRole('checkbox', { name: 'calculator', ...exact })).not.toBeChecked();
  });

  it('is not offered for a built-in agent, which the editor shows read-only', async () => {
    mountAgentsApp('#/agents/builtin:demo', fakeAgents([agentOf({ id: 'builtin:demo', name: 'Demo', builtIn: true })]));
    await expect.element(page.getByText(/built in and cannot be changed/)).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Save agent', ...exact })).toBeDisabled();
    await expect.element(page.getByRole('region', { name: 'Preview', ...exact })).toBeVisible();
    await expect.element(builder()).not.toBeInTheDocument();
  });
});

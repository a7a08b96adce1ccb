/** The agent editor: every field, validation that loses nothing, saving, pickers from the tool library and knowledge bases. */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createBase } from '../../../src/knowledge';
import { openTabagentDb } from '../../../src/store';
import { agentOf, fakeAgents } from '../../support/fake-agents-apage';
import { cleanUp, DB_NAME, exact, mountAgentsApp } from './agents-harness';

afterEach(cleanUp);

const field = (label: string) => page.getByRole('form', { name: 'Agent' }).getByLabelText(label, exact);

describe('the agent editor', () => {
  it('refuses to save without a name, keeps what was typed, then saves every field', async () => {
    const db = await openTabagentDb({ name: DB_NAME });
    const base = await createBase(db, 'Recipes');
    db.close();
    const agents = fakeAgents();
    mountAgentsApp('#/agents/new', agents);

    await userEvent.fill(field('Description'), 'Cooks with you.');
    await userEvent.fill(field('Instructions'), 'You are a patient cook.');
    await userEvent.fill(field('Starter prompts'), 'What can I cook tonight?\n\nConvert 200 g of flour to cups');
    await userEvent.click(page.getByRole('button', { name: 'Save agent', ...exact }));
    const problems = page.getByRole('alert');
    await expect.element(problems.getByText('Name: give the agent a name.', exact)).toBeVisible();
    await expect.element(problems).toHaveFocus();
    expect(agents.agents.size).toBe(0);
    // Nothing typed was lost.
    await expect.element(field('Instructions')).toHaveValue('You are a patient cook.');
    await expect.element(field('Starter prompts')).toHaveValue('What can I cook tonight?\n\nConvert 200 g of flour to cups');

    await userEvent.fill(field('Name'), 'Chef');
    await userEvent.fill(field('Avatar'), '🍳');
    await userEvent.click(page.getByRole('checkbox', { name: 'calculator', ...exact }));
    await userEvent.click(page.getByRole('checkbox', { name: 'Recipes', ...exact }));
    await userEvent.selectOptions(field('Engine'), 'A server and model');
    await userEvent.fill(field('Base URL'), 'http://127.0.0.1:8080/v1');
    await userEvent.fill(field('Model'), 'qwen2.5-7b');
    await userEvent.selectOptions(field('Tool format'), 'Hermes / Qwen <tool_call>');
    await userEvent.selectOptions(field('Memory'), 'Its own memories');
    await userEvent.fill(field('Step limit'), '0');
    await userEvent.fill(field('Temperature'), '0.3');
    await userEvent.selectOptions(field('Approval'), 'Ask before every call');
    await userEvent.selectOptions(field('Thinking'), 'Off');
    await userEvent.click(page.getByRole('button', { name: 'Save agent', ...exact }));
    await expect.element(page.getByRole('alert').getByText('Step limit: a whole number from 1 to 50.', exact)).toBeVisible();
    expect(agents.agents.size).toBe(0);

    await userEvent.fill(field('Step limit'), '5');
    await userEvent.click(page.getByRole('button', { name: 'Save agent', ...exact }));
    await expect.element(page.getByText('Saved Chef.', exact)).toBeVisible();
    await expect.element(page.getByRole('alert')).not.toBeInTheDocument();
    const [saved] = [...agents.agents.values()];
    expect(saved).toMatchObject({
      name: 'Chef',
      avatar: { kind: 'emoji', emoji: '🍳' },
      description: 'Cooks with you.',
      instructions: 'You are a patient cook.',
      starterPrompts: ['What can I cook tonight?', 'Convert 200 g of flour to cups'],
      tools: [{ kind: 'tool', name: 'calculator' }],
      knowledgeBaseIds: [base.id],
      engine: { kind: 'server', baseUrl: 'http://127.0.0.1:8080/v1', model: 'qwen2.5-7b' },
      toolFormat: 'hermes',
      memory: 'own',
      stepLimit: 5,
      temperature: 0.3,
      approval: 'every-call',
      thinking: false,
    });
    // The new agent's editor now edits the saved one: saving again replaces it.
    expect(location.hash).toBe(`#/agents/${saved!.id}`);
    await userEvent.fill(field('Name'), 'Chef 2');
    await userEvent.click(page.getByRole('button', { name: 'Save agent', ...exact }));
    await expect.element(page.getByText('Saved Chef 2.', exact)).toBeVisible();
    expect([...agents.agents.values()].map((agent) => agent.name)).toEqual(['Chef 2']);
  });

  it('opens a saved agent with its fields filled in; an empty temperature means the default', async () => {
    const agents = fakeAgents([
      agentOf({ id: 'helper', name: 'Helper', instructions: 'Be brief.', starterPrompts: ['Hi', 'Help'], temperature: 0.7, tools: [{ kind: 'tool', name: 'model_api' }] }),
    ]);
    mountAgentsApp('#/agents/helper', agents);
    await expect.element(field('Name')).toHaveValue('Helper');
    await expect.element(field('Instructions')).toHaveValue('Be brief.');
    await expect.element(field('Starter prompts')).toHaveValue('Hi\nHelp');
    await expect.element(page.getByRole('checkbox', { name: 'model_api', ...exact })).toBeChecked();
    await expect.element(page.getByRole('checkbox', { name: 'calculator', ...exact })).not.toBeChecked();
    await userEvent.fill(field('Temperature'), '');
    await userEvent.click(page.getByRole('button', { name: 'Save agent', ...exact }));
    await expect.element(page.getByText('Saved Helper.', exact)).toBeVisible();
    expect(agents.agents.get('helper')).not.toHaveProperty('temperature');
  });

  it('is keyboard usable: Tab reaches the fields in order and Enter in a field saves', async () => {
    const agents = fakeAgents();
    mountAgentsApp('#/agents/new', agents);
    await userEvent.click(field('Name'));
    await userEvent.keyboard('Tutor');
    await userEvent.tab();
    await expect.element(field('Avatar')).toHaveFocus();
    await userEvent.tab();
    await expect.element(field('Avatar image')).toHaveFocus();
    await userEvent.tab();
    await expect.element(field('Description')).toHaveFocus();
    await userEvent.keyboard('Explains maths.{Enter}');
    await expect.element(page.getByText('Saved Tutor.', exact)).toBeVisible();
    expect([...agents.agents.values()][0]).toMatchObject({ name: 'Tutor', description: 'Explains maths.' });
  });

  it('takes a small image as the avatar and refuses a large one', async () => {
    const agents = fakeAgents();
    mountAgentsApp('#/agents/new', agents);
    await userEvent.fill(field('Name'), 'Pictured');
    const large = new File([new Uint8Array(70 * 1024)], 'big.png', { type: 'image/png' });
    await userEvent.upload(field('Avatar image'), [large]);
    await expect.element(page.getByRole('alert').getByText('Avatar image: at most 64 KB.', exact)).toBeVisible();
    // A 1×1 PNG.
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (char) => char.charCodeAt(0));
    await userEvent.upload(field('Avatar image'), [new File([png], 'dot.png', { type: 'image/png' })]);
    await expect.element(page.getByRole('alert')).not.toBeInTheDocument();
    await userEvent.click(page.getByRole('button', { name: 'Save agent', ...exact }));
    await expect.element(page.getByText('Saved Pictured.', exact)).toBeVisible();
    const avatar = [...agents.agents.values()][0]?.avatar;
    expect(avatar?.kind === 'image' && avatar.dataUrl.startsWith('data:image/png;base64,iVBOR')).toBe(true);
    expect(page.getByRole('form', { name: 'Agent' }).element().querySelector('img.agent-avatar')?.getAttribute('src')).toMatch(/^data:image\/png/);
  });

  it('says so for an id with no agent', async () => {
    mountAgentsApp('#/agents/nobody', fakeAgents());
    await expect.element(page.getByRole('alert').getByText(/There is no agent with this id/)).toBeVisible();
  });
});

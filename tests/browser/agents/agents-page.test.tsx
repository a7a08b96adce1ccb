/** The Agents page: the nav link, the cards and their buttons, duplicate, delete (asked first), chat with an agent, new agent. */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { agentIdFromHash, chatWithAgentHash } from '../../../src/ui/chat/chat-route';
import { agentOf, fakeAgents } from '../../support/fake-agents-apage';
import { card, cleanUp, exact, mountAgentsApp } from './agents-harness';

afterEach(cleanUp);

const helper = agentOf({ id: 'helper', name: 'Helper', description: 'Answers questions about the house.', avatar: { kind: 'emoji', emoji: '🏠' } });
const research = agentOf({ id: 'builtin:research', name: 'Research', description: 'Reads the web.', builtIn: true });

describe('the Agents page', () => {
  it('is reached from the navigation and shows each agent as a card with its buttons', async () => {
    mountAgentsApp('', fakeAgents([research, helper]));
    await userEvent.click(page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Agents', ...exact }));
    expect(location.hash).toBe('#/agents');

    const mine = card('Helper');
    await expect.element(mine).toBeVisible();
    await expect.element(mine.getByText('Answers questions about the house.', exact)).toBeVisible();
    for (const name of ['Chat with Helper', 'Edit Helper', 'Duplicate Helper', 'Delete Helper'])
      await expect.element(mine.getByRole('button', { name, ...exact })).toBeVisible();

    // A built-in agent can be chatted with and duplicated, not edited or deleted.
    const builtIn = card('Research');
    await expect.element(builtIn.getByRole('button', { name: 'Chat with Research', ...exact })).toBeVisible();
    await expect.element(builtIn.getByRole('button', { name: 'Duplicate Research', ...exact })).toBeVisible();
    await expect.element(builtIn.getByRole('button', { name: 'Edit Research', ...exact })).not.toBeInTheDocument();
    await expect.element(builtIn.getByRole('button', { name: 'Delete Research', ...exact })).not.toBeInTheDocument();
    await expect.element(page.getByRole('button', { name: 'New agent', ...exact })).toBeVisible();
  });

  it('never loads an avatar image from elsewhere (an imported agent could carry a beacon URL)', async () => {
    const beacon = agentOf({ id: 'beacon', name: 'Beacon', avatar: { kind: 'image', dataUrl: 'https://tracker.example/pixel.png' } });
    const inline = agentOf({ id: 'inline', name: 'Inline', avatar: { kind: 'image', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' } });
    mountAgentsApp('#/agents', fakeAgents([beacon, inline]));
    await expect.element(card('Beacon')).toBeVisible();
    expect(card('Beacon').element().querySelector('img')).toBeNull();
    expect(card('Inline').element().querySelector('img')?.getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=');
  });

  it('duplicates a built-in agent into one the person can edit', async () => {
    const agents = fakeAgents([research]);
    mountAgentsApp('#/agents', agents);
    await userEvent.click(page.getByRole('button', { name: 'Duplicate Research', ...exact }));
    const copy = card('Copy of Research');
    await expect.element(copy.getByRole('button', { name: 'Edit Copy of Research', ...exact })).toBeVisible();
    await expect.element(page.getByRole('status').getByText('Made Copy of Research.', exact)).toBeVisible();
    expect([...agents.agents.values()].map((agent) => agent.name)).toEqual(['Research', 'Copy of Research']);
  });

  it('asks before deleting; Cancel keeps the agent, Delete removes it', async () => {
    const agents = fakeAgents([helper]);
    mountAgentsApp('#/agents', agents);
    await userEvent.click(page.getByRole('button', { name: 'Delete Helper', ...exact }));
    const dialog = page.getByRole('alertdialog', { name: 'Delete Helper?', ...exact });
    await expect.element(dialog).toBeVisible();
    await expect.element(dialog.getByText(/conversations stay/)).toBeVisible();
    // Focus starts on the safe choice.
    await expect.element(dialog.getByRole('button', { name: 'Cancel', ...exact })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect.element(dialog).not.toBeInTheDocument();
    expect(agents.agents.has('helper')).toBe(true);
    await expect.element(page.getByRole('button', { name: 'Delete Helper', ...exact })).toHaveFocus();

    await userEvent.click(page.getByRole('button', { name: 'Delete Helper', ...exact }));
    await userEvent.click(page.getByRole('alertdialog').getByRole('button', { name: 'Delete', ...exact }));
    await expect.element(card('Helper')).not.toBeInTheDocument();
    await expect.element(page.getByRole('status').getByText('Deleted Helper.', exact)).toBeVisible();
    expect(agents.agents.has('helper')).toBe(false);
  });

  it('"Chat with" opens the chat on the agent\'s route', async () => {
    mountAgentsApp('#/agents', fakeAgents([helper]));
    await userEvent.click(page.getByRole('button', { name: 'Chat with Helper', ...exact }));
    // The chat takes the route (#/chat?agent=helper), starts a conversation with Helper and drops the parameter.
    expect(agentIdFromHash(chatWithAgentHash('helper'))).toBe('helper');
    await expect.poll(() => location.hash).toBe('#/chat');
    await expect.element(page.getByRole('region', { name: 'Agent', ...exact }).getByText('Helper', exact)).toBeVisible();
    // The chat page is shown (the Agents page is gone).
    await expect.element(page.getByRole('textbox', { name: 'Message', ...exact })).toBeVisible();
    await expect.element(card('Helper')).not.toBeInTheDocument();
  });

  it('"New agent" and "Edit" open the editor; the navigation link brings the list back', async () => {
    mountAgentsApp('#/agents', fakeAgents([helper]));
    await userEvent.click(page.getByRole('button', { name: 'New agent', ...exact }));
    expect(location.hash).toBe('#/agents/new');
    await expect.element(page.getByRole('heading', { name: 'New agent', ...exact })).toBeVisible();
    await userEvent.click(page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Agents', ...exact }));
    await userEvent.click(page.getByRole('button', { name: 'Edit Helper', ...exact }));
    expect(location.hash).toBe('#/agents/helper');
    await expect.element(page.getByLabelText('Name', exact)).toHaveValue('Helper');
  });
});

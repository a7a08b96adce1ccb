/** The editor's live preview: it runs the unsaved draft (its instructions are the system text) and restarts when asked. */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { ChatRequest } from '../../../src/core/types';
import { fakeAgents } from '../../support/fake-agents-apage';
import { scriptedEngine, textChunks } from '../support/scripted-engine';
import { agentRunServices } from './agent-runs';
import { cleanUp, exact, mountAgentsApp } from './agents-harness';

afterEach(cleanUp);

/** The system text the engine was given. */
const systemOf = (request: ChatRequest): string => request.messages.find((message) => message.role === 'system')?.content ?? '(none)';

const form = () => page.getByRole('form', { name: 'Agent' });
const preview = () => page.getByRole('region', { name: 'Preview', ...exact });

async function sendInPreview(text: string): Promise<void> {
  await userEvent.fill(preview().getByRole('textbox', { name: 'Message', ...exact }), text);
  await userEvent.keyboard('{Enter}');
}

describe('the agent preview', () => {
  it('answers as the draft in the form, unsaved; Restart empties it and the next turn uses the changed draft', async () => {
    const engine = scriptedEngine((request) => textChunks('System text: ', systemOf(request)));
    const services = agentRunServices(engine);
    const agents = fakeAgents();
    mountAgentsApp('#/agents/new', agents, services);

    await userEvent.fill(form().getByLabelText('Instructions', exact), 'You are a pirate.');
    await userEvent.click(form().getByRole('checkbox', { name: 'calculator', ...exact }));
    await sendInPreview('Hello');
    const log = preview().getByRole('log', { name: 'Conversation' });
    await expect.element(log.getByText('System text: You are a pirate.', exact)).toBeVisible();
    expect(services.scopes[0]).toMatchObject({ conversationId: undefined, agent: { instructions: 'You are a pirate.', tools: [{ kind: 'tool', name: 'calculator' }] } });
    expect(services.scopes[0]?.runTools).toBeUndefined();
    // The preview saved nothing.
    expect(agents.agents.size).toBe(0);

    await userEvent.fill(form().getByLabelText('Instructions', exact), 'You are a poet.');
    await userEvent.click(preview().getByRole('button', { name: 'Restart preview', ...exact }));
    await expect.element(log.getByText('System text: You are a pirate.', exact)).not.toBeInTheDocument();
    await sendInPreview('Hello again');
    await expect.element(log.getByText('System text: You are a poet.', exact)).toBeVisible();
    // A fresh conversation: only the new user message reached the engine.
    expect(engine.requests.at(-1)?.messages.filter((message) => message.role === 'user').map((message) => message.content)).toEqual(['Hello again']);
  });
});

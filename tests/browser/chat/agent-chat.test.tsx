import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { RunScope } from '../../../src/app/services';
import { ConversationStore, defaultSettings, openTabagentDb, saveSettings, type ConversationRecord } from '../../../src/store';
import { App } from '../../../src/ui/app';
import { chatWithAgentHash } from '../../../src/ui/chat/chat-route';
import { fakeAgentsAchat, testAgent } from '../../support/fake-agents-achat';
import { fakeServices, idleEngine, noTools } from '../support/fake-services';
import { mount, unmountAll } from '../support/mount';
import { lastUserText, streamingRun } from '../support/scripted-run';

const DB_NAME = 'tabagent-agent-chat-test';
const exact = { exact: true } as const;

afterEach(async () => {
  unmountAll();
  history.replaceState(null, '', location.pathname + location.search);
  await deleteDB(DB_NAME);
});

const helper = testAgent({
  id: 'helper',
  name: 'Tabagent',
  avatar: { kind: 'emoji', emoji: '🦊' },
  description: 'Answers questions with the calculator.',
  instructions: 'Be terse.',
  starterPrompts: ['What is 17 × 23?', 'Convert 5 km to miles'],
  builtIn: true,
});
const writer = testAgent({
  id: 'writer',
  name: 'Writer',
  avatar: { kind: 'emoji', emoji: '✍️' },
  description: 'Drafts letters from the handbook.',
  starterPrompts: ['Draft a thank-you note'],
  knowledgeBaseIds: ['kb-handbook', 'kb-style'],
});

async function configure(): Promise<void> {
  const db = await openTabagentDb({ name: DB_NAME });
  const settings = defaultSettings();
  settings.engine = { ...settings.engine, baseUrl: 'http://127.0.0.1:9/v1', model: 'scripted', toolMode: 'hermes' };
  await saveSettings(db, settings);
  const time = Date.now();
  await db.put('knowledgeBases', { id: 'kb-handbook', name: 'Handbook', createdAt: time, updatedAt: time });
  await db.put('knowledgeBases', { id: 'kb-style', name: 'Style guide', createdAt: time, updatedAt: time });
  db.close();
}

/** Mounts the app with these agents and a scripted run that echoes; every run's scope is kept. */
function mountApp(agents = fakeAgentsAchat([helper, writer])) {
  const scripted = streamingRun((options) => [`Echo: ${lastUserText(options)}`], 5);
  const scopes: RunScope[] = [];
  const services = fakeServices(scripted.run, {
    agents,
    prepareRun: (settings, scope) => {
      if (scope) scopes.push(scope);
      return { engine: idleEngine, tools: noTools, systemPrompt: scope?.agent?.instructions ?? settings.systemPrompt, toolMode: 'hermes' };
    },
  });
  mount(() => <App services={services} databaseName={DB_NAME} />);
  return { calls: scripted.calls, scopes, agents };
}

async function conversations(): Promise<ConversationRecord[]> {
  const db = await openTabagentDb({ name: DB_NAME });
  try {
    return await new ConversationStore(db, { channelName: false }).list();
  } finally {
    db.close();
  }
}

const header = () => page.getByRole('region', { name: 'Agent', ...exact });
const log = () => page.getByRole('log', { name: 'Conversation' });
const intro = (name: string) => page.getByRole('region', { name, ...exact });

describe('conversations belong to an agent', () => {
  it('a new conversation introduces its agent: avatar, name, description and starter prompts that send exactly their text', async () => {
    await configure();
    const { calls, scopes } = mountApp();
    await expect.element(intro('Tabagent')).toBeVisible();
    await expect.element(intro('Tabagent').getByText('🦊')).toBeInTheDocument();
    await expect.element(intro('Tabagent').getByText('Answers questions with the calculator.')).toBeVisible();
    const starters = intro('Tabagent').getByRole('list', { name: 'Starter prompts' });
    await expect.element(starters.getByRole('button', { name: 'Convert 5 km to miles', ...exact })).toBeVisible();
    await userEvent.click(starters.getByRole('button', { name: 'What is 17 × 23?', ...exact }));
    await expect.element(log().getByText('Echo: What is 17 × 23?', exact)).toBeVisible();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.messages.findLast((entry) => entry.role === 'user')?.content).toBe('What is 17 × 23?');
    // The run is for the conversation's agent, and the conversation records it.
    expect(scopes[0]?.agent?.id).toBe('helper');
    expect(calls[0]?.systemPrompt).toBe('Be terse.');
    await expect.poll(async () => (await conversations())[0]?.agentId).toBe('helper');
    // Once the conversation has begun, the introduction gives way to the messages.
    await expect.element(intro('Tabagent')).not.toBeInTheDocument();
  });

  it('the header shows the agent, and "New chat with…" starts a conversation with another whose runs carry it', async () => {
    await configure();
    const { calls, scopes } = mountApp();
    await expect.element(header().getByText('Tabagent', exact)).toBeVisible();
    await userEvent.click(header().getByRole('button', { name: 'New chat with…', ...exact }));
    await userEvent.click(header().getByRole('list', { name: 'New chat with…' }).getByRole('button', { name: 'Writer', ...exact }));
    await expect.element(header().getByText('Writer', exact)).toBeVisible();
    await expect.element(intro('Writer').getByText('Drafts letters from the handbook.')).toBeVisible();
    await expect.element(page.getByRole('textbox', { name: 'Message', ...exact })).toHaveFocus();
    await expect.poll(async () => (await conversations()).map((record) => record.agentId)).toEqual(['writer']);
    await userEvent.click(intro('Writer').getByRole('button', { name: 'Draft a thank-you note', ...exact }));
    await expect.element(log().getByText('Echo: Draft a thank-you note', exact)).toBeVisible();
    expect(scopes.at(-1)?.agent?.id).toBe('writer');
    // Its knowledge bases are searched without any per-conversation tick.
    expect(scopes.at(-1)?.knowledgeBaseIds).toEqual(['kb-handbook', 'kb-style']);
    expect(calls).toHaveLength(1);
  });

  it('the start screen lists the other agents to chat with', async () => {
    await configure();
    mountApp();
    const list = page.getByRole('region', { name: 'Agents to chat with' });
    await expect.element(list.getByRole('button', { name: 'Chat with Writer', ...exact })).toBeVisible();
    // The open conversation's own agent is introduced above, not offered again.
    await expect.element(list.getByRole('button', { name: 'Chat with Tabagent', ...exact })).not.toBeInTheDocument();
    await userEvent.click(list.getByRole('button', { name: 'Chat with Writer', ...exact }));
    await expect.element(header().getByText('Writer', exact)).toBeVisible();
    await expect.poll(async () => (await conversations())[0]?.agentId).toBe('writer');
  });

  it('a switch turns one of the agent\'s knowledge bases off in this conversation only (knowledgeBasesOff)', async () => {
    await configure();
    const { scopes } = mountApp(fakeAgentsAchat([writer, helper]));
    await userEvent.click(header().getByRole('button', { name: 'Knowledge (2 of 2)', ...exact }));
    const handbook = header().getByRole('checkbox', { name: 'Search Handbook', ...exact });
    await expect.element(handbook).toBeChecked();
    await expect.element(header().getByRole('checkbox', { name: 'Search Style guide', ...exact })).toBeChecked();
    await userEvent.click(handbook);
    await expect.poll(async () => (await conversations())[0]?.knowledgeBasesOff).toEqual(['kb-handbook']);
    await expect.element(header().getByRole('button', { name: 'Knowledge (1 of 2)', ...exact })).toBeVisible();
    await expect.element(handbook).not.toBeChecked();
    await userEvent.fill(page.getByRole('textbox', { name: 'Message', ...exact }), 'hello');
    await userEvent.keyboard('{Enter}');
    await expect.element(log().getByText('Echo: hello', exact)).toBeVisible();
    expect(scopes.at(-1)?.knowledgeBaseIds).toEqual(['kb-style']);
    // Switched back on, it is searched again.
    await userEvent.click(handbook);
    await expect.poll(async () => (await conversations())[0]?.knowledgeBasesOff).toEqual([]);
  });

  it("the Knowledge page's per-conversation switch shows the agent's bases as searched and turns one off through knowledgeBasesOff", async () => {
    await configure();
    mountApp(fakeAgentsAchat([writer, helper]));
    await expect.element(header().getByText('Writer', exact)).toBeVisible();
    await userEvent.click(page.getByRole('link', { name: 'Knowledge', ...exact }));
    const handbook = page.getByRole('region', { name: 'Handbook', ...exact });
    const use = handbook.getByRole('checkbox', { name: 'Use in this conversation' });
    // No tick needed: the agent's base is on from the start.
    await expect.element(use).toBeChecked();
    await userEvent.click(use);
    await expect.poll(async () => (await conversations())[0]?.knowledgeBasesOff).toEqual(['kb-handbook']);
    await expect.element(use).not.toBeChecked();
    expect((await conversations())[0]?.knowledgeBaseIds).toEqual([]);
    await userEvent.click(use);
    await expect.poll(async () => (await conversations())[0]?.knowledgeBasesOff).toEqual([]);
    await expect.element(use).toBeChecked();
  });

  it('a conversation whose agent was deleted stays readable, shows the agent as removed, and still runs', async () => {
    await configure();
    const db = await openTabagentDb({ name: DB_NAME });
    const store = new ConversationStore(db, { channelName: false });
    const { id } = await store.create({ title: 'Old chat', agentId: 'deleted-agent' });
    await store.appendMessages(id, [
      { id: 't1', turnId: 't1', role: 'user', content: 'an old question', turn: { status: 'done' }, items: [{ kind: 'assistant', id: 'a1', step: 1, text: 'an old answer', streaming: false, incomplete: false }] },
    ]);
    db.close();
    const { scopes } = mountApp();
    await expect.element(log().getByText('an old question', exact)).toBeVisible();
    await expect.element(log().getByText('an old answer', exact)).toBeVisible();
    await expect.element(header().getByText('Removed agent', exact)).toBeVisible();
    await expect.element(header().getByText(/agent of this conversation was deleted/)).toBeVisible();
    await userEvent.fill(page.getByRole('textbox', { name: 'Message', ...exact }), 'still there?');
    await userEvent.keyboard('{Enter}');
    await expect.element(log().getByText('Echo: still there?', exact)).toBeVisible();
    expect(scopes.at(-1)?.agent).toBeUndefined();
    expect(page.getByRole('alert').elements()).toHaveLength(0);
  });

  it('#/chat?agent=<id> starts a conversation with that agent (the Agents page\'s "Chat with <name>")', async () => {
    await configure();
    mountApp();
    await expect.element(header().getByText('Tabagent', exact)).toBeVisible();
    location.hash = chatWithAgentHash('writer');
    await expect.element(header().getByText('Writer', exact)).toBeVisible();
    await expect.poll(async () => (await conversations())[0]?.agentId).toBe('writer');
    // The parameter leaves the address, so a reload does not start yet another conversation.
    expect(location.hash).toBe('#/chat');
  });
});

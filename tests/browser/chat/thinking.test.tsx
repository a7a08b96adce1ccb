/**
 * The model's thinking in the chat, in Chromium: the real agent loop on a scripted engine that
 * thinks before it answers. The turn shows a collapsed "Thinking" section while the thinking
 * streams, keeps it after a reload, and the next request holds none of it.
 */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { runAgent } from '../../../src/core/agent/run-agent';
import type { ChatChunk } from '../../../src/core/types';
import { ConversationStore, defaultSettings, openTabagentDb, restoreTurns, saveSettings, type StoredTurn } from '../../../src/store';
import { App } from '../../../src/ui/app';
import { fakeServices, noTools } from '../support/fake-services';
import { mount, unmountAll } from '../support/mount';
import { scriptedEngine } from '../support/scripted-engine';

const DB_NAME = 'tabagent-thinking-test';
const exact = { exact: true } as const;
const THOUGHT = 'The person greets me. A short, friendly greeting back is enough here.';

afterEach(async () => {
  unmountAll();
  location.hash = '';
  await deleteDB(DB_NAME);
});

async function configure(): Promise<void> {
  const db = await openTabagentDb({ name: DB_NAME });
  const settings = defaultSettings();
  settings.engine = { ...settings.engine, baseUrl: 'http://127.0.0.1:9/v1', model: 'scripted', toolMode: 'native' };
  await saveSettings(db, settings);
  db.close();
}

/** Thinks in small pieces (slowly enough to be seen streaming), then answers. */
function thinkingAnswer(answer: string): ChatChunk[] {
  const thought = THOUGHT.match(/.{1,6}/gs) ?? [];
  return [
    ...thought.map((text): ChatChunk => ({ type: 'reasoning-delta', text })),
    { type: 'text-delta', text: answer },
    { type: 'finish', reason: 'stop' },
  ];
}

function mountApp() {
  const engine = scriptedEngine((_request, index) => thinkingAnswer(index === 0 ? 'Hello there!' : 'Still here.'), 40);
  mount(() => <App services={fakeServices(runAgent, { prepareRun: () => ({ engine, tools: noTools, toolMode: 'native' }) })} databaseName={DB_NAME} />);
  return engine;
}

/** The turns stored for the only conversation. */
async function storedTurns(): Promise<StoredTurn[]> {
  const db = await openTabagentDb({ name: DB_NAME });
  const store = new ConversationStore(db, { channelName: false });
  try {
    const [conversation] = await store.list();
    return conversation ? restoreTurns(await store.load(conversation.id)) : [];
  } finally {
    store.close();
    db.close();
  }
}

async function send(text: string): Promise<void> {
  await userEvent.fill(page.getByRole('textbox', { name: 'Message', exact: true }), text);
  await userEvent.keyboard('{Enter}');
}

describe('the Thinking section', () => {
  it('streams collapsed, opens on a click, survives a reload, and is never sent back', { timeout: 60_000 }, async () => {
    await configure();
    const engine = mountApp();
    const log = page.getByRole('log', { name: 'Conversation' });
    await send('Hi!');

    // While the thinking streams: the section is there, collapsed, and says it is still thinking.
    const thinking = log.getByRole('group', { name: 'Thinking', ...exact });
    await expect.element(thinking).toBeInTheDocument();
    await expect.element(thinking.getByText('Thinking…', exact)).toBeVisible();
    expect(thinking.element().hasAttribute('open')).toBe(false);

    await expect.element(log.getByText('Hello there!', exact)).toBeVisible();
    await expect.element(thinking.getByText('Thinking', exact)).toBeVisible();
    // Collapsed: the thinking is in the page but not shown until asked for.
    await expect.element(thinking.getByText(THOUGHT, exact)).not.toBeVisible();
    await userEvent.click(thinking.getByText('Thinking', exact));
    await expect.element(thinking.getByText(THOUGHT, exact)).toBeVisible();
    // Shown as text, not as the answer.
    expect(log.getByText('Hello there!', exact).element().textContent).not.toContain('greets');

    // The next request carries the answer, not the thinking.
    await send('Are you there?');
    await expect.element(log.getByText('Still here.', exact)).toBeVisible();
    expect(engine.requests).toHaveLength(2);
    const second = JSON.stringify(engine.requests[1]);
    expect(second).toContain('Hello there!');
    expect(second).not.toContain('The person greets me');

    // Stored with the turn: the step's item keeps its thinking (an optional field of the record).
    await expect.poll(async () => (await storedTurns()).map((turn) => turn.status)).toEqual(['done', 'done']);
    const [stored] = await storedTurns();
    expect(stored?.items).toEqual([expect.objectContaining({ kind: 'assistant', text: 'Hello there!', reasoning: THOUGHT })]);
    expect(JSON.stringify(stored?.messages)).not.toContain('The person greets me');

    // After a reload both turns show their thinking again, collapsed.
    unmountAll();
    mountApp();
    const restored = page.getByRole('log', { name: 'Conversation' });
    await expect.element(restored.getByText('Still here.', exact)).toBeVisible();
    const sections = restored.getByRole('group', { name: 'Thinking', ...exact });
    await expect.poll(() => sections.elements().length).toBe(2);
    const first = sections.nth(0);
    expect(first.element().hasAttribute('open')).toBe(false);
    await userEvent.click(first.getByText('Thinking', exact));
    await expect.element(first.getByText(THOUGHT, exact)).toBeVisible();
  });
});

/**
 * The Memory page in the app, over real IndexedDB: list (newest first), add, search, edit in place
 * (save and cancel), delete after confirmation, all by keyboard too; memories survive a reload.
 */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { MemoryRepository } from '../../../src/memory';
import { openTabagentDb, type TabagentDb } from '../../../src/store';
import { createAgentService } from '../../../src/app/agents/agent-service-impl';
import { App } from '../../../src/ui/app';
import { fakeServices } from '../support/fake-services';
import { mount, unmountAll } from '../support/mount';
import { streamingRun } from '../support/scripted-run';

const DB_NAME = `tabagent-memory-page-${crypto.randomUUID()}`;
const exact = { exact: true } as const;

let agentsDb: TabagentDb | undefined;

afterEach(async () => {
  unmountAll();
  agentsDb?.close();
  agentsDb = undefined;
  history.replaceState(null, '', location.pathname);
  await deleteDB(DB_NAME);
});

/** Saves memories straight into the database, oldest first, as earlier sessions would have. */
async function seed(texts: { text: string; tags?: string[]; origin?: 'person' | 'agent'; agentId?: string }[]): Promise<void> {
  const db = await openTabagentDb({ name: DB_NAME });
  let now = 1_700_000_000_000;
  const repository = new MemoryRepository(db, { now: () => (now += 60_000) });
  for (const memory of texts) await repository.add(memory);
  db.close();
}

/** Mounts the app and opens the Memory page from the header's navigation. */
async function openMemoryPage(options: { withAgents?: boolean } = {}): Promise<void> {
  const agents = options.withAgents
    ? createAgentService({ openDatabase: async () => (agentsDb ??= await openTabagentDb({ name: DB_NAME })) })
    : undefined;
  mount(() => <App services={fakeServices(streamingRun(() => ['ok']).run, agents ? { agents } : {})} databaseName={DB_NAME} />);
  await userEvent.click(page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Memory', exact: true }));
  await expect.element(page.getByRole('heading', { name: 'Memory', exact: true, level: 2 })).toBeVisible();
}

const list = () => page.getByRole('list', { name: 'Memories', exact: true });
const status = () => page.getByRole('status').filter({ hasText: /memor|Loading/ });

function shownTexts(): string[] {
  return [...list().element().querySelectorAll(':scope > li .memory-text')].map((element) => element.textContent ?? '');
}

describe('Memory page', () => {
  it("shows each memory's owner (an agent's name, or Shared) and filters by agent", async () => {
    await seed([
      { text: 'Shared fact.' },
      { text: 'Tabagent fact.', origin: 'agent', agentId: 'tabagent' },
      { text: 'Orphan fact.', origin: 'agent', agentId: 'gone-agent' },
    ]);
    await openMemoryPage({ withAgents: true });
    await expect.element(status()).toHaveTextContent('3 memories');
    const item = (text: string) => list().getByRole('listitem').filter({ hasText: text });
    await expect.element(item('Tabagent fact.').getByText('Agent: Tabagent', exact)).toBeVisible();
    await expect.element(item('Shared fact.').getByText('Shared', exact)).toBeVisible();
    await expect.element(item('Orphan fact.').getByText('Agent: Deleted agent', exact)).toBeVisible();

    const filter = page.getByRole('combobox', { name: 'Agent', ...exact });
    await userEvent.selectOptions(filter, 'Tabagent');
    await expect.element(status()).toHaveTextContent('1 memory');
    expect(shownTexts()).toEqual(['Tabagent fact.']);
    await userEvent.selectOptions(filter, 'Shared');
    expect(shownTexts()).toEqual(['Shared fact.']);
    await userEvent.selectOptions(filter, 'All agents');
    await expect.element(status()).toHaveTextContent('3 memories');
  });

  it('lists memories newest first with their tags and who saved them, and is reachable at #/memory', async () => {
    await seed([
      { text: 'The user is vegetarian.', tags: ['food'] },
      { text: 'The user lives in Berlin.', origin: 'agent' },
    ]);
    await openMemoryPage();
    expect(location.hash).toBe('#/memory');
    await expect.element(status()).toHaveTextContent('2 memories');
    expect(shownTexts()).toEqual(['The user lives in Berlin.', 'The user is vegetarian.']);
    await expect.element(list().getByText('food', exact)).toBeVisible();
    await expect.element(list().getByText(/saved by the agent/)).toBeVisible();
    await expect.element(list().getByText(/saved by you/)).toBeVisible();
  });

  it('adds a memory with tags from the form, by keyboard', async () => {
    await openMemoryPage();
    await expect.element(status()).toHaveTextContent('No memories yet.');
    await userEvent.click(page.getByLabelText('New memory', exact));
    await userEvent.keyboard('My daughter is called Lina.');
    await userEvent.tab();
    await userEvent.keyboard('family, names');
    await userEvent.tab();
    await expect.element(page.getByRole('button', { name: 'Add memory', exact: true })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect.element(status()).toHaveTextContent('1 memory Memory added.');
    expect(shownTexts()).toEqual(['My daughter is called Lina.']);
    await expect.element(list().getByText('names', exact)).toBeVisible();
    // The form is cleared and ready for the next one.
    await expect.element(page.getByLabelText('New memory', exact)).toHaveValue('');
    await expect.element(page.getByLabelText('New memory', exact)).toHaveFocus();
  });

  it('searches, edits in place (cancel keeps it, save changes it) and deletes after confirmation', async () => {
    await seed([
      { text: 'The user drinks black coffee.' },
      { text: 'The user likes hiking in the Alps.' },
      { text: 'The user has a dog named Rex.' },
    ]);
    await openMemoryPage();
    await expect.element(status()).toHaveTextContent('3 memories');

    await userEvent.fill(page.getByRole('searchbox', { name: 'Search memories' }), 'hiking');
    await expect.element(status()).toHaveTextContent('1 memory matches “hiking”');
    expect(shownTexts()).toEqual(['The user likes hiking in the Alps.']);

    // Edit, then Escape: nothing changes, focus goes back to Edit.
    const edit = page.getByRole('button', { name: 'Edit memory: The user likes hiking in the Alps.' });
    await userEvent.click(edit);
    const text = page.getByRole('textbox', { name: 'Memory text' });
    await expect.element(text).toHaveFocus();
    await userEvent.fill(text, 'Something else');
    await userEvent.keyboard('{Escape}');
    await expect.element(edit).toHaveFocus();
    expect(shownTexts()).toEqual(['The user likes hiking in the Alps.']);

    // Edit and save.
    await userEvent.click(edit);
    await userEvent.fill(page.getByRole('textbox', { name: 'Memory text' }), 'The user likes hiking and sailing.');
    await userEvent.fill(page.getByRole('textbox', { name: 'Tags (comma-separated)', exact: true }), 'sport');
    await userEvent.click(page.getByRole('button', { name: 'Save', exact: true }));
    await expect.element(status()).toHaveTextContent('Memory saved.');
    expect(shownTexts()).toEqual(['The user likes hiking and sailing.']);
    await expect.element(list().getByText('sport', exact)).toBeVisible();

    // Clear the search: everything again, the edited one first.
    await userEvent.fill(page.getByRole('searchbox', { name: 'Search memories' }), '');
    await expect.element(status()).toHaveTextContent('3 memories');
    expect(shownTexts()[0]).toBe('The user likes hiking and sailing.');

    // Delete: "Keep it" (focused first) keeps it; "Yes, delete" deletes it.
    await userEvent.click(page.getByRole('button', { name: 'Delete memory: The user has a dog named Rex.' }));
    await expect.element(page.getByRole('button', { name: 'Keep it' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByRole('button', { name: 'Delete memory: The user has a dog named Rex.' })).toHaveFocus();
    expect(shownTexts()).toContain('The user has a dog named Rex.');
    await userEvent.keyboard('{Enter}');
    await userEvent.click(page.getByRole('button', { name: 'Yes, delete' }));
    await expect.element(status()).toHaveTextContent('2 memories Memory deleted.');
    expect(shownTexts()).not.toContain('The user has a dog named Rex.');
    await expect.element(page.getByRole('searchbox', { name: 'Search memories' })).toHaveFocus();
  });

  it('keeps added and edited memories across a reload (a new app over the same database)', async () => {
    await openMemoryPage();
    await userEvent.fill(page.getByLabelText('New memory', exact), 'Prefers answers in metric units.');
    await userEvent.click(page.getByRole('button', { name: 'Add memory', exact: true }));
    await expect.element(status()).toHaveTextContent('1 memory');
    await userEvent.click(page.getByRole('button', { name: 'Edit memory: Prefers answers in metric units.' }));
    await userEvent.fill(page.getByRole('textbox', { name: 'Memory text' }), 'Prefers answers in metric units and 24-hour time.');
    await userEvent.click(page.getByRole('button', { name: 'Save', exact: true }));
    await expect.element(status()).toHaveTextContent('Memory saved.');

    unmountAll();
    await openMemoryPage();
    await expect.element(status()).toHaveTextContent('1 memory');
    expect(shownTexts()).toEqual(['Prefers answers in metric units and 24-hour time.']);
  });
});

import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ConversationStore, defaultSettings, openTabagentDb, saveSettings } from '../../src/store';
import { App } from '../../src/ui/app';
import { fakeServices } from './support/fake-services';
import { mount, unmountAll } from './support/mount';
import { lastUserText, streamingRun } from './support/scripted-run';

const DB_NAME = 'tabagent-list-test';

afterEach(async () => {
  unmountAll();
  await deleteDB(DB_NAME);
});

const exact = { exact: true } as const;
const nav = () => page.getByRole('navigation', { name: 'Conversations' });
const log = () => page.getByRole('log', { name: 'Conversation' });

async function configure(): Promise<void> {
  const db = await openTabagentDb({ name: DB_NAME });
  const settings = defaultSettings();
  settings.engine = { ...settings.engine, baseUrl: 'http://127.0.0.1:9/v1', model: 'scripted' };
  await saveSettings(db, settings);
  db.close();
}

function mountApp(): void {
  const { run } = streamingRun((options) => [`Echo: ${lastUserText(options)}`], 5);
  mount(() => <App services={fakeServices(run)} databaseName={DB_NAME} />);
}

async function send(text: string): Promise<void> {
  await userEvent.fill(page.getByRole('textbox', { name: 'Message', exact: true }), text);
  await userEvent.click(page.getByRole('button', { name: 'Send', exact: true }));
  await expect.element(log().getByText(`Echo: ${text}`, exact)).toBeVisible();
}

describe('conversation list', () => {
  it('lists conversations by their first message, starts new ones and switches between them', async () => {
    await configure();
    mountApp();
    await send('first question');
    const first = nav().getByRole('button', { name: 'first question', exact: true });
    await expect.element(first).toHaveAttribute('aria-current', 'page');

    await userEvent.click(nav().getByRole('button', { name: 'New conversation', exact: true }));
    await expect.element(log().getByText('Echo: first question', exact)).not.toBeInTheDocument();
    await send('second question');
    await expect.element(nav().getByRole('button', { name: 'second question', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect.element(first).not.toHaveAttribute('aria-current');

    await userEvent.click(first);
    await expect.element(log().getByText('Echo: first question', exact)).toBeVisible();
    await expect.element(first).toHaveAttribute('aria-current', 'page');
  });

  it('opens the most recent conversation on load', async () => {
    await configure();
    const db = await openTabagentDb({ name: DB_NAME });
    const store = new ConversationStore(db, { channelName: false });
    const { id } = await store.create({ title: 'Stored chat' });
    await store.appendMessages(id, [
      { id: 't1', turnId: 't1', role: 'user', content: 'stored hello', turn: { status: 'done' }, items: [] },
    ]);
    db.close();
    mountApp();
    await expect.element(log().getByText('stored hello', exact)).toBeVisible();
    await expect.element(nav().getByRole('button', { name: 'Stored chat', exact: true })).toHaveAttribute('aria-current', 'page');
  });

  it('renames with Enter, cancels with Escape, and deletes after a confirmation', async () => {
    await configure();
    mountApp();
    await send('rename me');
    await userEvent.click(nav().getByRole('button', { name: 'Rename rename me', exact: true }));
    await userEvent.fill(nav().getByRole('textbox', { name: 'Conversation title' }), 'Renamed');
    await userEvent.keyboard('{Enter}');
    const renamed = nav().getByRole('button', { name: 'Renamed', exact: true });
    await expect.element(renamed).toBeVisible();

    await userEvent.click(nav().getByRole('button', { name: 'Rename Renamed', exact: true }));
    await userEvent.fill(nav().getByRole('textbox', { name: 'Conversation title' }), 'Not kept');
    await userEvent.keyboard('{Escape}');
    await expect.element(renamed).toBeVisible();
    await expect.element(nav().getByRole('textbox', { name: 'Conversation title' })).not.toBeInTheDocument();

    await userEvent.click(nav().getByRole('button', { name: 'Delete Renamed', exact: true }));
    await userEvent.click(nav().getByRole('button', { name: 'Cancel', exact: true }));
    await expect.element(renamed).toBeVisible();
    await userEvent.click(nav().getByRole('button', { name: 'Delete Renamed', exact: true }));
    await userEvent.click(nav().getByRole('button', { name: 'Confirm delete', exact: true }));
    await expect.element(renamed).not.toBeInTheDocument();
    await expect.element(log().getByText('Echo: rename me', exact)).not.toBeInTheDocument();

    const db = await openTabagentDb({ name: DB_NAME });
    expect(await new ConversationStore(db, { channelName: false }).list()).toEqual([]);
    db.close();
  });

  it('follows changes made in another tab: the list and the open conversation', async () => {
    await configure();
    mountApp();
    await send('here');
    const db = await openTabagentDb({ name: DB_NAME });
    // Another store on the shared channel stands in for another tab.
    const other = new ConversationStore(db);
    const [open] = await other.list();
    await other.appendMessages(open?.id ?? '', [
      { id: 'elsewhere', turnId: 'elsewhere', role: 'user', content: 'written elsewhere', turn: { status: 'done' }, items: [] },
    ]);
    await expect.element(log().getByText('written elsewhere', exact)).toBeVisible();
    await other.create({ title: 'Other tab chat' });
    await expect.element(nav().getByRole('button', { name: 'Other tab chat', exact: true })).toBeVisible();
    other.close();
    db.close();
  });

  it('stops a run before switching conversations, keeping what it showed', async () => {
    await configure();
    const { run } = streamingRun(() => ['Slow', ' answer', ' that', ' never', ' ends', '.'], 400);
    mount(() => <App services={fakeServices(run)} databaseName={DB_NAME} />);
    await userEvent.fill(page.getByRole('textbox', { name: 'Message', exact: true }), 'long one');
    await userEvent.click(page.getByRole('button', { name: 'Send', exact: true }));
    await expect.element(log().getByText('Slow', { exact: false })).toBeVisible();
    await userEvent.click(nav().getByRole('button', { name: 'New conversation', exact: true }));
    await expect.element(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();
    await expect.element(log().getByText('long one', exact)).not.toBeInTheDocument();
    await userEvent.click(nav().getByRole('button', { name: 'long one', exact: true }));
    await expect.element(log().getByText('Slow', { exact: false })).toBeVisible();
    await expect.element(log().getByText('Slow answer that never ends.', exact)).not.toBeInTheDocument();
  });
});

import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { defaultSettings, openTabagentDb, saveSettings, TABAGENT_DB_VERSION } from '../../src/store';
import { App } from '../../src/ui/app';
import { createRealServices } from '../../src/app/composition-root';
import { fakeServices } from './support/fake-services';
import { mount, unmountAll } from './support/mount';
import { streamingRun } from './support/scripted-run';

const DB_NAME = 'tabagent-app-test';

afterEach(async () => {
  unmountAll();
  await deleteDB(DB_NAME);
});

const exact = { exact: true } as const;

async function configure(): Promise<void> {
  const db = await openTabagentDb({ name: DB_NAME });
  const settings = defaultSettings();
  settings.engine = { ...settings.engine, baseUrl: 'http://127.0.0.1:9/v1', model: 'scripted', toolMode: 'hermes' };
  settings.systemPrompt = 'Be terse.';
  await saveSettings(db, settings);
  db.close();
}

describe('App', () => {
  it('when no model is configured, the composer hint opens Settings', async () => {
    mount(() => <App services={fakeServices(streamingRun(() => ['x']).run)} databaseName={DB_NAME} />);
    const hint = page.getByRole('button', { name: 'Connect a model', exact: true });
    await expect.element(hint).toBeVisible();
    await userEvent.click(hint);
    await expect.element(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
    await expect.element(page.getByLabelText('Base URL', exact)).toBeVisible();
  });

  // These two use the real prepareRun (settings → engine, tools, system prompt), with only the
  // agent loop scripted: a fake prepareRun would make them assert what the fake itself produces.
  it('sending without a model shows why as an alert', async () => {
    const { run, calls } = streamingRun(() => ['x']);
    mount(() => <App services={fakeServices(run, { prepareRun: createRealServices().prepareRun })} databaseName={DB_NAME} />);
    await expect.element(page.getByRole('button', { name: 'Connect a model' })).toBeVisible();
    await userEvent.fill(page.getByRole('textbox', { name: 'Message', exact: true }), 'hello');
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByRole('alert')).toHaveTextContent('No model is connected yet. Open Settings and enter a Base URL and a model.');
    expect(calls).toHaveLength(0);
  });

  it('runs with the saved settings: system prompt and tool mode reach the agent', async () => {
    await configure();
    const { run, calls } = streamingRun(() => ['Hi there.'], 5);
    mount(() => <App services={fakeServices(run, { prepareRun: createRealServices().prepareRun })} databaseName={DB_NAME} />);
    await expect.element(page.getByRole('button', { name: 'Connect a model' })).not.toBeInTheDocument();
    await userEvent.fill(page.getByRole('textbox', { name: 'Message', exact: true }), 'hello');
    await userEvent.click(page.getByRole('button', { name: 'Send', exact: true }));
    await expect.element(page.getByText('Hi there.', exact)).toBeVisible();
    expect(calls[0]?.systemPrompt).toBe('Be terse.');
    expect(calls[0]?.toolMode).toBe('hermes');
    expect(calls[0]?.engine.id).toContain('scripted');
  });

  it('makes no request outside its own origin while loading', async () => {
    performance.clearResourceTimings();
    mount(() => <App services={fakeServices(streamingRun(() => ['x']).run)} databaseName={DB_NAME} />);
    await expect.element(page.getByRole('button', { name: 'Settings', exact: true })).toBeVisible();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const foreign = performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => new URL(name).origin !== location.origin);
    expect(foreign).toEqual([]);
  });

  it('offers a reload when another tab upgrades the database', async () => {
    mount(() => <App services={fakeServices(streamingRun(() => ['x']).run)} databaseName={DB_NAME} />);
    await expect.element(page.getByRole('button', { name: 'Connect a model' })).toBeVisible();
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, TABAGENT_DB_VERSION + 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    upgraded.close();
    await expect.element(page.getByRole('alert')).toHaveTextContent('updated in another tab');
    await expect.element(page.getByRole('button', { name: 'Reload', exact: true })).toBeVisible();
  });
});

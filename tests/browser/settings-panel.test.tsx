import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { DEFAULT_AGENT_ID, defaultSettings, loadSettings, openTabagentDb } from '../../src/store';
import { App } from '../../src/ui/app';
import { fakeServices } from './support/fake-services';
import { mount, unmountAll } from './support/mount';
import { streamingRun } from './support/scripted-run';

const DB_NAME = 'tabagent-settings-panel-test';

afterEach(async () => {
  unmountAll();
  await deleteDB(DB_NAME);
});

function mountApp(): void {
  const { run } = streamingRun(() => ['ok']);
  mount(() => <App services={fakeServices(run)} databaseName={DB_NAME} />);
}

const exact = { exact: true } as const;

async function openSettings() {
  await userEvent.click(page.getByRole('button', { name: 'Settings', exact: true }));
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect.element(dialog).toBeVisible();
  return dialog;
}

describe('settings panel', () => {
  it('saves every field to IndexedDB and shows them again after a reload', async () => {
    mountApp();
    const dialog = await openSettings();
    await userEvent.fill(dialog.getByLabelText('Base URL', exact), 'http://127.0.0.1:9000/v1');
    await userEvent.fill(dialog.getByLabelText('Model', exact), 'tiny-model');
    const apiKey = dialog.getByLabelText('API key', exact);
    await expect.element(apiKey).toHaveAttribute('type', 'password');
    await userEvent.fill(apiKey, 'sk-canary-777');
    await userEvent.selectOptions(dialog.getByLabelText('Tool calls', exact), 'react');
    await userEvent.fill(dialog.getByLabelText('Endpoint URL', exact), 'https://models.example.com/v1');
    await userEvent.fill(dialog.getByLabelText('Chat model', exact), 'big');
    await userEvent.fill(dialog.getByLabelText('Image model', exact), 'painter');
    await userEvent.fill(dialog.getByLabelText('Endpoint key', exact), 'sk-tool-888');
    await userEvent.click(dialog.getByRole('button', { name: 'Save', exact: true }));
    await expect.element(page.getByRole('dialog')).not.toBeInTheDocument();

    const db = await openTabagentDb({ name: DB_NAME });
    const stored = await loadSettings(db);
    db.close();
    expect(stored).toEqual({
      engine: { baseUrl: 'http://127.0.0.1:9000/v1', model: 'tiny-model', apiKey: 'sk-canary-777', toolMode: 'react', preset: '' },
      enabledTools: {},
      modelApi: { baseUrl: 'https://models.example.com/v1', model: 'big', imageModel: 'painter', apiKey: 'sk-tool-888' },
      systemPrompt: defaultSettings().systemPrompt,
    });

    unmountAll();
    mountApp();
    const reopened = await openSettings();
    await expect.element(reopened.getByLabelText('Base URL', exact)).toHaveValue('http://127.0.0.1:9000/v1');
    await expect.element(reopened.getByLabelText('Model', exact)).toHaveValue('tiny-model');
    await expect.element(reopened.getByLabelText('API key', exact)).toHaveValue('sk-canary-777');
    await expect.element(reopened.getByLabelText('Tool calls', exact)).toHaveValue('react');
    await expect.element(reopened.getByLabelText('Image model', exact)).toHaveValue('painter');
  });

  it('keeps only what is global: instructions are the agents\' business, and a link opens the default agent', async () => {
    mountApp();
    const dialog = await openSettings();
    expect(dialog.getByLabelText('System prompt', exact).elements()).toHaveLength(0);
    // Tool switches live on the Tools page (a global gate); pins and tools per turn in each agent.
    expect(dialog.getByRole('checkbox', { name: 'calculator', ...exact }).elements()).toHaveLength(0);
    expect(dialog.getByLabelText(/tools per turn/i).elements()).toHaveLength(0);
    expect(dialog.getByRole('checkbox', { name: /^Pin / }).elements()).toHaveLength(0);
    await userEvent.click(dialog.getByRole('link', { name: 'Edit the Tabagent agent', ...exact }));
    await expect.element(page.getByRole('dialog')).not.toBeInTheDocument();
    expect(location.hash).toBe(`#/agents/${DEFAULT_AGENT_ID}`);
  });

  it('fills Base URL and an example model from a provider preset', async () => {
    mountApp();
    const dialog = await openSettings();
    await userEvent.selectOptions(dialog.getByLabelText('Provider', exact), 'ollama');
    await expect.element(dialog.getByLabelText('Base URL', exact)).toHaveValue('http://localhost:11434/v1');
    await expect.element(dialog.getByLabelText('Model', exact)).toHaveValue('qwen2.5:7b');
  });

  it('Cancel closes without saving', async () => {
    mountApp();
    const dialog = await openSettings();
    await userEvent.fill(dialog.getByLabelText('Model', exact), 'unsaved');
    await userEvent.click(dialog.getByRole('button', { name: 'Cancel', exact: true }));
    await expect.element(page.getByRole('dialog')).not.toBeInTheDocument();
    const reopened = await openSettings();
    await expect.element(reopened.getByLabelText('Model', exact)).toHaveValue('');
  });

  it('offers every tool mode', async () => {
    mountApp();
    const dialog = await openSettings();
    const select = dialog.getByLabelText('Tool calls', exact).element() as HTMLSelectElement;
    expect([...select.options].map((option) => option.value)).toEqual(['native', 'hermes', 'react', 'modelscope']);
  });
});

/** "Built-in AI (Chrome)" in the pickers: offered where the page has a LanguageModel, hidden where it has none. */
import { deleteDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { defaultSettings, loadSettings, openTabagentDb, saveSettings } from '../../../src/store';
import { App } from '../../../src/ui/app';
import { createFakeLanguageModel } from '../../support/fake-language-model';
import { fakeServices } from '../support/fake-services';
import { mount, unmountAll } from '../support/mount';
import { streamingRun } from '../support/scripted-run';
import { fakeModelServices } from './fake-model-services';

const DB_NAME = 'tabagent-builtin-ai-test';
const exact = { exact: true } as const;
const scope = globalThis as { LanguageModel?: unknown };
// Chromium may ship its own LanguageModel one day: each test decides what the page sees.
const original = Object.getOwnPropertyDescriptor(globalThis, 'LanguageModel');

function installLanguageModel(value: unknown): void {
  Object.defineProperty(globalThis, 'LanguageModel', { value, configurable: true, writable: true });
}

beforeEach(() => installLanguageModel(undefined));

afterEach(async () => {
  unmountAll();
  if (original) Object.defineProperty(globalThis, 'LanguageModel', original);
  else delete scope.LanguageModel;
  await deleteDB(DB_NAME);
});

async function mountApp() {
  const db = await openTabagentDb({ name: DB_NAME });
  await saveSettings(db, { ...defaultSettings(), welcomeDismissed: true });
  db.close();
  const models = fakeModelServices();
  mount(() => <App services={fakeServices(streamingRun(() => ['x']).run, { models: models.services })} databaseName={DB_NAME} />);
  return models;
}

async function openModels() {
  await userEvent.click(page.getByRole('button', { name: 'Models', ...exact }));
  const dialog = page.getByRole('dialog', { name: 'Models' });
  await expect.element(dialog.getByRole('listitem', { name: 'Qwen3 0.6B', ...exact })).toBeVisible();
  return dialog;
}

describe('Built-in AI (Chrome) in the Models dialog', () => {
  it('is not offered where the browser has no LanguageModel', async () => {
    await mountApp();
    const dialog = await openModels();
    expect(dialog.element().textContent).not.toContain('Built-in AI');
  });

  it('is offered, ready, and becomes the engine on Use', async () => {
    installLanguageModel(createFakeLanguageModel({ availability: 'available' }));
    const models = await mountApp();
    const dialog = await openModels();
    const row = dialog.getByRole('listitem', { name: 'Built-in AI (Chrome)' });
    await expect.element(row).toBeVisible();
    await expect.element(row.getByText('Ready.', exact)).toBeVisible();
    await userEvent.click(row.getByRole('button', { name: 'Use Built-in AI (Chrome)', ...exact }));
    await expect.poll(() => models.loads.length).toBe(1);
    expect(models.loads[0]?.choice).toEqual({ engine: 'builtin', modelId: '' });
    models.loads[0]?.finish();
    await expect.element(row.getByText('In use', exact)).toBeVisible();
    const db = await openTabagentDb({ name: DB_NAME });
    const settings = await loadSettings(db);
    db.close();
    expect(settings.engine.kind).toBe('builtin');
  });

  it("says when Chrome must download its model first, and when this device cannot run it", async () => {
    const fake = createFakeLanguageModel({ availability: 'downloadable' });
    installLanguageModel(fake);
    await mountApp();
    let dialog = await openModels();
    const row = dialog.getByRole('listitem', { name: 'Built-in AI (Chrome)' });
    await expect.element(row.getByText(/Needs a download of the browser's model/)).toBeVisible();
    await expect.element(row.getByRole('button', { name: 'Use Built-in AI (Chrome)', ...exact })).toBeEnabled();
    await userEvent.keyboard('{Escape}');
    unmountAll();
    fake.setAvailability('unavailable');
    await mountApp();
    dialog = await openModels();
    const unavailable = dialog.getByRole('listitem', { name: 'Built-in AI (Chrome)' });
    await expect.element(unavailable.getByText(/^Unavailable: this device cannot run/)).toBeVisible();
    await expect.element(unavailable.getByRole('button', { name: 'Use Built-in AI (Chrome)', ...exact })).toBeDisabled();
  });
});

describe('Built-in AI (Chrome) on the welcome', () => {
  async function mountWelcome() {
    mount(() => <App services={fakeServices(streamingRun(() => ['x']).run, { models: fakeModelServices().services })} databaseName={DB_NAME} />);
    await expect.element(page.getByRole('button', { name: 'Compare local models', ...exact })).toBeVisible();
  }

  it('is mentioned where the browser can run its model', async () => {
    installLanguageModel(createFakeLanguageModel({ availability: 'downloadable' }));
    await mountWelcome();
    await expect.element(page.getByText(/has a model of its own too: Built-in AI \(Chrome\)/)).toBeVisible();
  });

  it('is not mentioned where it cannot run, or where there is no LanguageModel', async () => {
    installLanguageModel(createFakeLanguageModel({ availability: 'unavailable' }));
    await mountWelcome();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(document.body.textContent).not.toContain('Built-in AI');
    unmountAll();
    installLanguageModel(undefined);
    await mountWelcome();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(document.body.textContent).not.toContain('Built-in AI');
  });
});

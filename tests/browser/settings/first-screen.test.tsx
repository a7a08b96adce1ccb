import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createFirstScreenStore } from '../../../src/app/settings/first-screen';
import { defaultSettings, openTabagentDb, saveSettings, type OpenTabagentDbOptions, type Settings } from '../../../src/store';
import { App } from '../../../src/ui/app';
import { setLocale } from '../../../src/ui/i18n';
import { fakeServices } from '../support/fake-services';
import { mount, unmountAll } from '../support/mount';
import { streamingRun } from '../support/scripted-run';

const DB_NAME = 'tabagent-first-screen-test';
const exact = { exact: true } as const;

afterEach(async () => {
  unmountAll();
  setLocale('en');
  await deleteDB(DB_NAME);
});

const saved: Settings = {
  ...defaultSettings(),
  language: 'zh',
  systemPrompt: 'The saved system prompt.',
  engine: { ...defaultSettings().engine, baseUrl: 'http://127.0.0.1:9/v1', model: 'm' },
};

async function save(settings: Settings): Promise<void> {
  const db = await openTabagentDb({ name: DB_NAME });
  await saveSettings(db, settings);
  db.close();
}

/** Mounts the app with its database held shut until `release` is called (a slow IndexedDB). */
function mountWithSlowDatabase() {
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const scripted = streamingRun(() => ['好的。']);
  const openDb = async (options: OpenTabagentDbOptions) => {
    await gate;
    return openTabagentDb(options);
  };
  mount(() => <App services={fakeServices(scripted.run, { openDb })} databaseName={DB_NAME} />);
  return { release, calls: scripted.calls };
}

const ready = (): boolean => document.querySelector('.app')?.getAttribute('data-ready') === 'true';

describe('the first screen before the saved settings are read', () => {
  it('takes input in the saved language, and a message sent then runs with the saved settings', async () => {
    await save(saved);
    createFirstScreenStore(DB_NAME).write(saved);
    const { release, calls } = mountWithSlowDatabase();
    const box = page.getByRole('textbox', { name: '消息', ...exact });
    await expect.element(box).toBeVisible();
    expect(ready()).toBe(false);
    // The copy says a model is set up: no hint to connect one.
    expect(document.querySelector('.app')?.textContent).not.toContain('连接模型');
    await userEvent.click(box);
    await userEvent.keyboard('你好{Enter}');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(calls).toHaveLength(0);
    release();
    await expect.poll(() => calls.length).toBe(1);
    expect(calls[0]?.systemPrompt).toContain('The saved system prompt.');
    await expect.element(page.getByText('好的。')).toBeVisible();
    expect(ready()).toBe(true);
  });

  it('without a copy shows the browser’s language until the settings are read, then theirs, and leaves the copy', async () => {
    await save(saved);
    const { release } = mountWithSlowDatabase();
    await expect.element(page.getByRole('textbox', { name: 'Message', ...exact })).toBeVisible();
    expect(createFirstScreenStore(DB_NAME).read()).toBeUndefined();
    release();
    await expect.element(page.getByRole('textbox', { name: '消息', ...exact })).toBeVisible();
    await expect.poll(() => createFirstScreenStore(DB_NAME).read()).toEqual({ language: 'zh', configured: true });
  });

  it('updates the copy when the settings are saved', async () => {
    const { release } = mountWithSlowDatabase();
    release();
    await expect.poll(ready).toBe(true);
    expect(createFirstScreenStore(DB_NAME).read()).toEqual({ language: null, configured: false });
    await userEvent.click(page.getByRole('button', { name: 'Settings', ...exact }));
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await userEvent.selectOptions(dialog.getByRole('combobox', { name: 'Language' }), 'zh');
    await userEvent.click(dialog.getByRole('button', { name: 'Save', ...exact }));
    await expect.poll(() => createFirstScreenStore(DB_NAME).read()?.language).toBe('zh');
  });
});

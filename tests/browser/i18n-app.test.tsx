import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { runAgent } from '../../src/core/agent/run-agent';
import { createOpenAICompatibleEngine } from '../../src/llm';
import { defaultSettings, loadSettings, openTabagentDb, saveSettings } from '../../src/store';
import { App } from '../../src/ui/app';
import { locale, setLocale } from '../../src/ui/i18n';
import { fakeServices, noTools } from './support/fake-services';
import { mount, unmountAll } from './support/mount';
import { streamingRun } from './support/scripted-run';

const DB_NAME = 'tabagent-i18n-app-test';
const exact = { exact: true } as const;

afterEach(async () => {
  unmountAll();
  setLocale('en');
  await deleteDB(DB_NAME);
});

function mountApp(): void {
  mount(() => <App services={fakeServices(streamingRun(() => ['x']).run)} databaseName={DB_NAME} />);
}

async function savedLanguage() {
  const db = await openTabagentDb({ name: DB_NAME });
  const settings = await loadSettings(db);
  db.close();
  return settings.language;
}

describe('interface language', () => {
  it('follows the browser (English here) until one is chosen in Settings', async () => {
    mountApp();
    const dialogButton = page.getByRole('button', { name: 'Settings', ...exact });
    await userEvent.click(dialogButton);
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const select = dialog.getByRole('combobox', { name: 'Language' });
    await expect.element(select).toHaveValue('');
    await expect.element(select.getByRole('option', { name: 'Follow the browser (English)' })).toBeInTheDocument();
    expect(locale()).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('switching to 中文 changes every part of the interface, is saved, and survives a reload', async () => {
    mountApp();
    await userEvent.click(page.getByRole('button', { name: 'Settings', ...exact }));
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await userEvent.selectOptions(dialog.getByRole('combobox', { name: 'Language' }), 'zh');
    await userEvent.click(dialog.getByRole('button', { name: 'Save', ...exact }));
    await expect.element(page.getByRole('button', { name: '设置', ...exact })).toBeVisible();
    await expect.element(page.getByRole('button', { name: '发送', ...exact })).toBeVisible();
    await expect.element(page.getByRole('textbox', { name: '消息', ...exact })).toBeVisible();
    await expect.element(page.getByRole('navigation', { name: '对话列表' })).toBeVisible();
    await expect.element(page.getByRole('button', { name: '连接模型', ...exact })).toBeVisible();
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(await savedLanguage()).toBe('zh');

    unmountAll();
    setLocale('en');
    mountApp();
    await expect.element(page.getByRole('button', { name: '设置', ...exact })).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: '设置', ...exact }));
    const zhDialog = page.getByRole('dialog', { name: '设置' });
    await expect.element(zhDialog.getByLabelText('Base URL', exact)).toBeVisible();
    await expect.element(zhDialog.getByRole('combobox', { name: '引擎' })).toBeVisible();
    await userEvent.selectOptions(zhDialog.getByRole('combobox', { name: '语言' }), '');
    await userEvent.click(zhDialog.getByRole('button', { name: '保存', ...exact }));
    await expect.element(page.getByRole('button', { name: 'Settings', ...exact })).toBeVisible();
    expect(await savedLanguage()).toBeUndefined();
  });

  it('shows an engine error in 中文: a 401 from the engine is translated by its code', async () => {
    const db = await openTabagentDb({ name: DB_NAME });
    const settings = defaultSettings();
    settings.language = 'zh';
    settings.engine = { ...settings.engine, baseUrl: 'https://engine.test/v1', model: 'scripted-model', apiKey: 'wrong-key' };
    await saveSettings(db, settings);
    db.close();
    // The real engine and loop: the server answers 401, as one does to a wrong key.
    const unauthorized: typeof fetch = async () =>
      new Response(JSON.stringify({ error: { message: 'Incorrect API key provided.' } }), { status: 401, headers: { 'content-type': 'application/json' } });
    const services = fakeServices(runAgent, {
      prepareRun: (current) => ({
        engine: createOpenAICompatibleEngine({ baseUrl: current.engine.baseUrl, model: current.engine.model, apiKey: current.engine.apiKey, fetch: unauthorized }),
        tools: noTools,
        toolMode: 'native',
      }),
    });
    mount(() => <App services={services} databaseName={DB_NAME} />);
    await expect.element(page.getByRole('button', { name: '设置', ...exact })).toBeVisible();
    await userEvent.fill(page.getByRole('textbox', { name: '消息', ...exact }), '你好');
    await userEvent.click(page.getByRole('button', { name: '发送', ...exact }));
    const alert = page.getByRole('alert');
    await expect.element(alert).toHaveTextContent('服务器拒绝了 API 密钥');
    await expect.element(alert).toHaveTextContent('请在“设置”中检查 API 密钥。');
    expect(alert.element().textContent).not.toContain('The server rejected');
  });
});

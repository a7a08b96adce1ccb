/** The Agents page and its editor in 中文: the navigation, the card buttons and the form's labels follow the language. */
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { defaultSettings, openTabagentDb, saveSettings } from '../../../src/store';
import { setLocale } from '../../../src/ui/i18n';
import { agentOf, fakeAgents } from '../../support/fake-agents-apage';
import { card, cleanUp, DB_NAME, exact, mountAgentsApp } from './agents-harness';

/** Chinese chosen in the saved settings (the app applies the saved language once it has read them). */
async function chooseChinese(): Promise<void> {
  const db = await openTabagentDb({ name: DB_NAME });
  await saveSettings(db, { ...defaultSettings(), language: 'zh' });
  db.close();
}

afterEach(async () => {
  setLocale('en');
  await cleanUp();
});

describe('the Agents page in Chinese', () => {
  it('names its link, buttons and fields in 中文', async () => {
    await chooseChinese();
    mountAgentsApp('#/agents', fakeAgents([agentOf({ id: 'helper', name: 'Helper' })]));
    await expect.element(page.getByRole('navigation', { name: '页面' }).getByRole('link', { name: '智能体', ...exact })).toBeVisible();
    await expect.element(card('Helper').getByRole('button', { name: '与 Helper 聊天', ...exact })).toBeVisible();
    await expect.element(card('Helper').getByRole('button', { name: '删除 Helper', ...exact })).toBeVisible();
    await expect.element(page.getByRole('button', { name: '新建智能体', ...exact })).toBeVisible();
  });

  it('labels the editor in 中文', async () => {
    await chooseChinese();
    mountAgentsApp('#/agents/new', fakeAgents());
    const form = page.getByRole('form', { name: '智能体' });
    for (const label of ['名称', '描述', '指令', '开场提示', '步数上限']) await expect.element(form.getByLabelText(label, exact)).toBeVisible();
    await expect.element(page.getByRole('button', { name: '保存智能体', ...exact })).toBeVisible();
    await expect.element(page.getByRole('region', { name: '预览', ...exact })).toBeVisible();
    await expect.element(page.getByRole('region', { name: '智能体构建器', ...exact })).toBeVisible();
  });
});

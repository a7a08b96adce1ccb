/**
 * The Agents page, its editor and the built-in agents in 中文: the navigation, the card buttons and
 * the form's labels follow the language, and so do the built-in agents' texts — the instructions a
 * demo's agent or the Agent builder sends to the engine are in the language the interface shows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { builderAgent } from '../../../src/app/agents/builder-agent';
import { createRealServices } from '../../../src/app/composition-root';
import { demoAgent } from '../../../src/app/demos/demo-agents';
import type { InterfaceLanguage } from '../../../src/app/interface-language';
import { defaultSettings, openTabagentDb, saveSettings, type Settings } from '../../../src/store';
import { setLocale } from '../../../src/ui/i18n';
import { agentOf, fakeAgents } from '../../support/fake-agents-apage';
import { scriptedEngine, textChunks } from '../support/scripted-engine';
import { streamingRun } from '../support/scripted-run';
import { agentRunServices } from './agent-runs';
import { card, cleanUp, DB_NAME, exact, mountAgentsApp } from './agents-harness';

/** Saves settings with `change` applied (the app applies the saved language once it has read them). */
async function saveWith(change: Partial<Settings>): Promise<void> {
  const db = await openTabagentDb({ name: DB_NAME });
  await saveSettings(db, { ...defaultSettings(), ...change });
  db.close();
}

/** Chinese chosen in the saved settings. */
async function chooseChinese(): Promise<void> {
  await saveWith({ language: 'zh' });
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

/** The words of the demo dialog and the chat in each language. */
const WORDS = {
  en: { tryDemo: 'Try a demo', dialog: 'Demos', start: 'Start: Remember me', message: 'Message' },
  zh: { tryDemo: '试试演示', dialog: '演示', start: '开始：记住我', message: '消息' },
} as const;

describe('built-in agents follow the interface language', () => {
  for (const language of ['zh', 'en'] as const satisfies readonly InterfaceLanguage[]) {
    it(`a demo's agent shows and sends its texts in ${language}: the engine gets its instructions in that language`, { timeout: 30_000 }, async () => {
      const words = WORDS[language];
      // A configured server engine; only the loop is scripted, so the system text is the real run configuration's.
      const settings = defaultSettings();
      await saveWith({ language, engine: { ...settings.engine, baseUrl: 'http://127.0.0.1:9/v1', model: 'scripted', toolMode: 'native' } });
      const real = createRealServices({ openDatabase: () => openTabagentDb({ name: DB_NAME }) });
      const { run, calls } = streamingRun(() => ['Done.'], 5);
      mountAgentsApp('#/', real.agents!, { runAgent: run, prepareRun: real.prepareRun, useSettings: real.useSettings });

      await userEvent.click(page.getByRole('button', { name: words.tryDemo, ...exact }));
      await userEvent.click(page.getByRole('dialog', { name: words.dialog }).getByRole('button', { name: words.start, ...exact }));
      const expected = demoAgent('memory', language);
      // The new conversation introduces the agent in that language (the app's agent service knows it).
      await expect.element(page.getByText(expected.description, exact)).toBeVisible();
      await expect.element(page.getByRole('textbox', { name: words.message, ...exact })).toHaveValue(expected.starterPrompts[0]!);
      await userEvent.keyboard('{Enter}');
      await expect.element(page.getByText('Done.', exact)).toBeVisible();
      expect(calls[0]?.systemPrompt).toBe(expected.instructions);
      expect(calls[0]?.messages.findLast((message) => message.role === 'user')?.content).toBe(expected.starterPrompts[0]);
    });
  }

  it('the Agent builder is told what to do in 中文 when the interface is Chinese, and in English otherwise', { timeout: 30_000 }, async () => {
    for (const language of ['zh', 'en'] as const) {
      await saveWith(language === 'zh' ? { language } : { language: 'en' });
      const engine = scriptedEngine(() => textChunks('OK.'), 5);
      mountAgentsApp('#/agents/new', fakeAgents(), agentRunServices(engine));
      const builder = page.getByRole('region', { name: language === 'zh' ? '智能体构建器' : 'Agent builder', ...exact });
      await userEvent.fill(builder.getByRole('textbox', { name: WORDS[language].message, ...exact }), 'A cooking assistant');
      await userEvent.keyboard('{Enter}');
      await expect.element(builder.getByText('OK.', exact)).toBeVisible();
      const system = engine.requests[0]?.messages.find((message) => message.role === 'system')?.content ?? '';
      expect(system.startsWith(builderAgent(language).instructions), `${language}: ${system.slice(0, 60)}`).toBe(true);
      setLocale('en');
      await cleanUp();
    }
  });
});

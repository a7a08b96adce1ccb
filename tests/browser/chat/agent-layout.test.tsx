import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { App } from '../../../src/ui/app';
import { fakeAgentsAchat, testAgent } from '../../support/fake-agents-achat';
import { fakeModelServices } from '../models/fake-model-services';
import { fakeServices } from '../support/fake-services';
import { mount, unmountAll } from '../support/mount';
import { streamingRun } from '../support/scripted-run';
import '../../../src/ui/styles.css';

const DB_NAME = 'tabagent-agent-layout-test';
const exact = { exact: true } as const;

afterEach(async () => {
  unmountAll();
  await deleteDB(DB_NAME);
});

const agents = () =>
  fakeAgentsAchat([
    testAgent({
      id: 'general',
      name: 'Tabagent',
      description: 'The general helper: answers, calculates and converts units.',
      starterPrompts: ['What is 17 × 23?', 'Summarise my notes on the handbook in three short bullet points, please'],
      knowledgeBaseIds: ['kb-notes'],
    }),
    testAgent({ id: 'units', name: 'Calculator and units', description: 'Arithmetic and unit conversion.' }),
    testAgent({ id: 'documents', name: 'Ask my documents', description: 'Answers from your knowledge base with citations.' }),
  ]);

/** The element's box lies within the window, sideways. */
function onScreen(element: Element): boolean {
  const box = element.getBoundingClientRect();
  return box.left >= 0 && box.right <= window.innerWidth;
}

describe('the chat with its agent at a narrow and a wide viewport', () => {
  for (const [width, height] of [
    [360, 740],
    [1280, 800],
  ] as const) {
    it(`at ${width}px: the welcome, the introduction and "New chat with…" fit on screen`, async () => {
      await page.viewport(width, height);
      mount(() => <App services={fakeServices(streamingRun(() => ['x']).run, { agents: agents(), models: fakeModelServices().services })} databaseName={DB_NAME} />);
      const welcome = page.getByRole('region', { name: 'Welcome to Tabagent', ...exact });
      await expect.element(welcome).toBeVisible();
      // The welcome recommends the model once; no "Or run …" line under the chat repeats it, and it has no demos card.
      await expect.element(page.getByText(/^Or run /)).not.toBeInTheDocument();
      await expect.element(welcome.getByRole('button', { name: 'Try a demo', ...exact })).not.toBeInTheDocument();
      await expect.element(page.getByRole('button', { name: 'What is 17 × 23?', ...exact })).toBeInTheDocument();
      await userEvent.click(page.getByRole('button', { name: 'New chat with…', ...exact }));
      const menu = page.getByRole('list', { name: 'New chat with…' });
      await expect.element(menu).toBeVisible();
      expect(onScreen(menu.element())).toBe(true);
      for (const name of ['Tabagent', 'Calculator and units', 'Ask my documents']) expect(onScreen(menu.getByRole('button', { name, ...exact }).element())).toBe(true);
      expect(onScreen(page.getByRole('button', { name: 'Chat with Ask my documents', ...exact }).element())).toBe(true);
      // Nothing wider than the screen: no sideways scrolling.
      expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(width);
    });
  }
});

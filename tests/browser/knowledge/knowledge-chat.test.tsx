/**
 * The whole path in Chromium: a PDF and an HTML page written by the test are added on the Knowledge
 * page, the base is switched on for the conversation, a question goes through the real agent loop
 * to a scripted engine, and the answer's [n] opens the cited document and page.
 */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { ChatRequest } from '../../../src/core/types';
import { runAgent } from '../../../src/core/agent/run-agent';
import { createKnowledgeContext, createKnowledgeRetriever } from '../../../src/knowledge';
import { ConversationStore, defaultSettings, openTabagentDb, saveSettings } from '../../../src/store';
import { App } from '../../../src/ui/app';
import { fakeServices, noTools } from '../support/fake-services';
import { mount, unmountAll } from '../support/mount';
import { scriptedEngine, textChunks } from '../support/scripted-engine';
import { fileOf, filler, makePdf } from './documents';

const DB_NAME = 'tabagent-knowledge-chat-test';
const exact = { exact: true } as const;

afterEach(async () => {
  unmountAll();
  location.hash = '';
  await deleteDB(DB_NAME);
});

async function configure(): Promise<void> {
  const db = await openTabagentDb({ name: DB_NAME });
  const settings = defaultSettings();
  settings.engine = { ...settings.engine, baseUrl: 'http://127.0.0.1:9/v1', model: 'scripted', toolMode: 'native' };
  await saveSettings(db, settings);
  db.close();
}

const gardenPage = `<!doctype html><html><head><title>Garden Guide</title></head><body>
<nav><a href="/">Home</a></nav>
<article>
  <h1>Garden Guide</h1>
  <p>${filler('soil', 8)}</p>
  <h2>Pests</h2>
  <p>Aphids are best treated with a mild soap spray in the evening. ${filler('insects', 5)}</p>
  <h2>Harvest</h2>
  <p>${filler('harvest', 8)}</p>
</article></body></html>`;

/** The newest user message the engine received (where the turn's knowledge is quoted). */
function lastUserContent(request: ChatRequest | undefined): string {
  return request?.messages.findLast((message) => message.role === 'user')?.content ?? '';
}

/** The number the prompt gave the knowledge block holding `needle`. */
function citationOf(request: ChatRequest, needle: string): string | undefined {
  const blocks = [...lastUserContent(request).matchAll(/<knowledge id="(\d+)" title="[^"]*"[^>]*>\n([\s\S]*?)\n<\/knowledge>/g)];
  return blocks.find((block) => block[2]!.includes(needle))?.[1];
}

function mountApp() {
  const retriever = createKnowledgeRetriever();
  const engine = scriptedEngine((request) => {
    const question = lastUserContent(request);
    if (question.startsWith('At what temperature')) return textChunks(`Quorium boils at 4182 K [${citationOf(request, '4182 kelvin') ?? '?'}], see also [7].`);
    return textChunks(`Use a mild soap spray [${citationOf(request, 'soap spray') ?? '?'}].`);
  }, 2);
  const services = fakeServices(runAgent, {
    prepareRun: (_settings, scope) => ({
      engine,
      tools: noTools,
      toolMode: 'native',
      context: scope
        ? [createKnowledgeContext({ retriever, openDatabase: scope.openDatabase, baseIds: () => scope.knowledgeBaseIds })]
        : [],
    }),
  });
  mount(() => <App services={services} databaseName={DB_NAME} />);
  return engine;
}

async function send(text: string): Promise<void> {
  await userEvent.fill(page.getByRole('textbox', { name: 'Message', exact: true }), text);
  await userEvent.keyboard('{Enter}');
}

const nav = () => page.getByRole('navigation', { name: 'Pages' });

describe('knowledge base in the chat', () => {
  it('answers from an added PDF and HTML page, and [n] opens the right document and page', { timeout: 90_000 }, async () => {
    await configure();
    const engine = mountApp();
    await userEvent.click(nav().getByRole('link', { name: 'Knowledge', ...exact }));
    await userEvent.fill(page.getByLabelText('New knowledge base', exact), 'Manuals');
    await userEvent.click(page.getByRole('button', { name: 'Create', ...exact }));
    const base = page.getByRole('region', { name: 'Manuals', ...exact });
    await expect.element(base).toBeVisible();

    const pdf = await makePdf([
      { heading: 'Quorium handbook', paragraphs: ['Quorium is a fictional metal.', filler('mining', 8)] },
      { heading: 'Physical properties', paragraphs: ['Quorium boils at 4182 kelvin under standard pressure.', filler('storage', 4)] },
    ]);
    await userEvent.upload(base.getByLabelText('Add documents'), [
      fileOf(pdf, 'quorium.pdf', 'application/pdf'),
      fileOf(gardenPage, 'garden.html', 'text/html'),
    ]);
    await expect.element(page.getByText(/^Added quorium\.pdf \(\d+ passages\)\.$/), { timeout: 30_000 }).toBeVisible();
    await expect.element(page.getByText(/^Added garden\.html \(\d+ passages\)\.$/)).toBeVisible();
    const documents = base.getByRole('list', { name: 'Documents in Manuals' });
    await expect.element(documents.getByText('quorium.pdf', exact)).toBeVisible();
    await expect.element(documents.getByText('Garden Guide', exact)).toBeVisible();

    // No conversation is open yet: switching the base on creates one that draws on it.
    await userEvent.click(base.getByRole('checkbox', { name: 'Use in this conversation' }));
    await expect.element(base.getByRole('checkbox', { name: 'Use in this conversation' })).toBeChecked();

    await userEvent.click(nav().getByRole('link', { name: 'Chat', ...exact }));
    await send('At what temperature does quorium boil?');
    const log = page.getByRole('log', { name: 'Conversation' });
    await expect.element(log.getByText(/Quorium boils at 4182 K/)).toBeVisible();

    // The prompt quoted the page-2 passage first, titled with its document and page.
    const prompt = lastUserContent(engine.requests[0]);
    expect(prompt).toMatch(/<knowledge id="1" title="quorium\.pdf — p\. 2"[^>]*>\nPhysical properties\n\nQuorium boils at 4182 kelvin under standard pressure\./);
    expect(citationOf(engine.requests[0]!, '4182 kelvin')).toBe('1');

    // [1] opens the passage; [7] names no source and stays text.
    await expect.element(log.getByText(/see also \[7\]\./)).toBeVisible();
    expect(log.getByRole('button', { name: /^Source 7/ }).query()).toBeNull();
    await userEvent.click(log.getByRole('button', { name: 'Source 1: quorium.pdf — p. 2', ...exact }));
    const dialog = page.getByRole('dialog', { name: 'Source [1]' });
    await expect.element(dialog).toBeVisible();
    await expect.element(dialog.getByText('quorium.pdf — p. 2', exact)).toBeVisible();
    await expect.element(dialog.getByRole('blockquote')).toHaveTextContent(/Quorium boils at 4182 kelvin under standard pressure\./);
    await userEvent.keyboard('{Escape}');
    await expect.element(dialog).not.toBeInTheDocument();

    // The HTML page: its passage is named by its heading.
    await send('How do I get rid of aphids with soap spray?');
    await expect.element(log.getByText(/Use a mild soap spray/)).toBeVisible();
    const second = engine.requests.at(-1)!;
    const n = citationOf(second, 'soap spray');
    expect(n).toBeDefined();
    expect(lastUserContent(second)).toContain(`<knowledge id="${n}" title="Garden Guide — Pests"`);
    await userEvent.click(log.getByRole('button', { name: `Source ${n}: Garden Guide — Pests`, ...exact }));
    await expect.element(page.getByRole('dialog').getByRole('blockquote')).toHaveTextContent(/Aphids are best treated with a mild soap spray/);
    await userEvent.click(page.getByRole('dialog').getByRole('button', { name: 'Close', ...exact }));

    // The conversation stored which base it uses, and the sources with the turn: after a reload the citation still opens.
    const db = await openTabagentDb({ name: DB_NAME });
    const store = new ConversationStore(db, { channelName: false });
    const [conversation] = await store.list();
    store.close();
    db.close();
    expect(conversation?.knowledgeBaseIds).toHaveLength(1);
    unmountAll();
    mountApp();
    await expect.element(page.getByRole('log', { name: 'Conversation' }).getByText(/Quorium boils at 4182 K/)).toBeVisible();
    await userEvent.click(page.getByRole('log', { name: 'Conversation' }).getByRole('button', { name: 'Source 1: quorium.pdf — p. 2', ...exact }));
    await expect.element(page.getByRole('dialog').getByRole('blockquote')).toHaveTextContent(/4182 kelvin/);
  });

  it('a conversation without the base gets no knowledge', { timeout: 60_000 }, async () => {
    await configure();
    const engine = mountApp();
    await userEvent.click(nav().getByRole('link', { name: 'Knowledge', ...exact }));
    await userEvent.fill(page.getByLabelText('New knowledge base', exact), 'Garden');
    await userEvent.click(page.getByRole('button', { name: 'Create', ...exact }));
    const base = page.getByRole('region', { name: 'Garden', ...exact });
    await userEvent.upload(base.getByLabelText('Add documents'), [fileOf(gardenPage, 'garden.html', 'text/html')]);
    await expect.element(page.getByText(/^Added garden\.html/), { timeout: 30_000 }).toBeVisible();
    await userEvent.click(nav().getByRole('link', { name: 'Chat', ...exact }));
    await send('How do I get rid of aphids with soap spray?');
    await expect.element(page.getByText('Use a mild soap spray [?].', exact)).toBeVisible();
    expect(lastUserContent(engine.requests[0])).not.toContain('<knowledge');
  });
});

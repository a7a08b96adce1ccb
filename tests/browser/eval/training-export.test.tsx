import { deleteDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { ChatMessage } from '../../../src/core/types';
import { ConversationStore, defaultSettings, draftsFromTurns, openTabagentDb, saveSettings, type StoredTurn } from '../../../src/store';
import { builtinManifests } from '../../../src/tools/builtins';
import { App } from '../../../src/ui/app';
import { fakeServices } from '../support/fake-services';
import { mount, unmountAll } from '../support/mount';
import { streamingRun } from '../support/scripted-run';

const exact = { exact: true } as const;
let dbName = '';

beforeEach(() => {
  dbName = `tabagent-training-export-${crypto.randomUUID()}`;
});

afterEach(async () => {
  unmountAll();
  vi.restoreAllMocks();
  await deleteDB(dbName);
});

function turn(id: string, userText: string, messages: ChatMessage[], status: StoredTurn['status'] = 'done'): StoredTurn {
  return { id, userText, items: [], messages, status };
}

/** Two stored conversations, neither opted in yet. */
async function seed(): Promise<void> {
  const db = await openTabagentDb({ name: dbName });
  const settings = defaultSettings();
  settings.engine = { ...settings.engine, baseUrl: 'http://127.0.0.1:9/v1', model: 'unused' };
  await saveSettings(db, settings);
  const store = new ConversationStore(db, { channelName: false });
  const diary = await store.create({ title: 'Private diary' });
  await store.appendMessages(diary.id, draftsFromTurns([turn('d1', 'Dear diary, today I felt odd.', [{ role: 'assistant', content: 'Noted.' }])]));
  const maths = await store.create({ title: 'Calculator chat' });
  await store.appendMessages(
    maths.id,
    draftsFromTurns([
      turn('m1', 'What is 2+2?', [
        { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'calculator', arguments: { expression: '2+2' } }] },
        { role: 'tool', toolCallId: 'call_1', name: 'calculator', content: '4' },
        { role: 'assistant', content: 'It is 4.' },
      ]),
      // A turn stopped midway is left out of the export.
      turn('m2', 'And 3+3? (stopped)', [{ role: 'assistant', content: 'Let me' }], 'stopped'),
    ]),
  );
  store.close();
  db.close();
}

/** Captures downloads: the anchor's file name and the Blob's text. */
function captureDownloads(): Array<Promise<{ fileName: string; text: string }>> {
  const downloads: Array<Promise<{ fileName: string; text: string }>> = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const { href, download } = this;
    downloads.push(fetch(href).then(async (response) => ({ fileName: download, text: await response.text() })));
  });
  return downloads;
}

function parseLines(text: string): unknown[] {
  expect(text.endsWith('\n')).toBe(true);
  return text.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
}

describe('training-data export', () => {
  it('opts a conversation in from the list and exports only opted-in conversations as JSONL', async () => {
    await seed();
    const services = fakeServices(streamingRun(() => ['unused']).run, { toolManifests: () => builtinManifests });
    mount(() => <App services={services} databaseName={dbName} />);

    const toggle = page.getByRole('checkbox', { name: 'Use Calculator chat for training data', ...exact });
    await expect.element(toggle).not.toBeChecked();
    await userEvent.click(toggle);
    await expect.element(toggle).toBeChecked();
    await expect.element(toggle).toHaveFocus();
    await expect.element(page.getByRole('checkbox', { name: 'Use Private diary for training data', ...exact })).not.toBeChecked();
    const db = await openTabagentDb({ name: dbName });
    const store = new ConversationStore(db, { channelName: false });
    await expect.poll(async () => (await store.list()).map((conversation) => [conversation.title, conversation.trainingOptIn])).toEqual(
      expect.arrayContaining([
        ['Calculator chat', true],
        ['Private diary', false],
      ]),
    );
    store.close();
    db.close();

    const downloads = captureDownloads();
    await userEvent.click(page.getByRole('link', { name: 'Eval', ...exact }));
    await expect.element(page.getByText('1 of 2 conversations opted in.', exact)).toBeVisible();
    await userEvent.fill(page.getByRole('spinbutton', { name: 'Tool-call weight multiplier', ...exact }), '3');
    await userEvent.click(page.getByRole('button', { name: 'Export', ...exact }));
    await expect.element(page.getByText(/^Exported tabagent-training-openai-\d{4}-\d{2}-\d{2}\.jsonl: 1 lines \(1 from conversations, 0 synthetic\)\.$/)).toBeVisible();
    expect(downloads).toHaveLength(1);
    const openai = await downloads[0];
    expect(openai?.fileName).toMatch(/^tabagent-training-openai-.*\.jsonl$/);
    const [record] = parseLines(openai?.text ?? '') as Array<{
      messages: Array<{ role: string; content?: string; tool_calls?: Array<{ function: { name: string; arguments: string } }>; weight?: number; spans?: Array<{ weight: number; kind: string }> }>;
    }>;
    expect(record?.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(record?.messages[0]?.content).toBe('What is 2+2?');
    expect(record?.messages[1]?.tool_calls?.[0]?.function).toEqual({ name: 'calculator', arguments: '{"expression":"2+2"}' });
    expect(record?.messages[1]?.spans?.find((span) => span.kind === 'call')?.weight).toBe(3);
    expect(openai?.text).not.toContain('diary');
    expect(openai?.text).not.toContain('stopped');

    // ShareGPT with synthetic dialogues added.
    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Format', ...exact }), 'sharegpt');
    await userEvent.click(page.getByRole('checkbox', { name: 'Add synthetic dialogues', ...exact }));
    await userEvent.fill(page.getByRole('spinbutton', { name: 'Synthetic dialogues', ...exact }), '4');
    await userEvent.click(page.getByRole('button', { name: 'Export', ...exact }));
    await expect.element(page.getByText(/: 5 lines \(1 from conversations, 4 synthetic\)\.$/)).toBeVisible();
    const sharegpt = await downloads[1];
    const lines = parseLines(sharegpt?.text ?? '') as Array<{ conversations: Array<{ from: string; value: string }>; tools: string }>;
    expect(lines).toHaveLength(5);
    for (const line of lines) {
      expect(line.conversations[0]?.from === 'human' || line.conversations[0]?.from === 'system').toBe(true);
      expect(Array.isArray(JSON.parse(line.tools))).toBe(true);
    }
    expect(sharegpt?.text).toContain('What is 2+2?');
    expect(sharegpt?.text).not.toContain('diary');
  });

  it('says so when there is nothing to export, and checks the multiplier', async () => {
    await seed();
    const services = fakeServices(streamingRun(() => ['unused']).run, { toolManifests: () => builtinManifests });
    mount(() => <App services={services} databaseName={dbName} />);
    const downloads = captureDownloads();
    await userEvent.click(page.getByRole('link', { name: 'Eval', ...exact }));
    await expect.element(page.getByText('0 of 2 conversations opted in.', exact)).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Export', ...exact }));
    await expect.element(page.getByText(/^Nothing to export/)).toBeVisible();
    await userEvent.fill(page.getByRole('spinbutton', { name: 'Tool-call weight multiplier', ...exact }), '0');
    await userEvent.click(page.getByRole('button', { name: 'Export', ...exact }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('The multiplier must be a number greater than 0.');
    expect(downloads).toHaveLength(0);
  });
});

/** Managing knowledge bases on the Knowledge page: several bases, pasted text, re-adds, deletes, per-conversation switches. */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ConversationStore, openTabagentDb } from '../../../src/store';
import { App } from '../../../src/ui/app';
import { fakeServices } from '../support/fake-services';
import { mount, unmountAll } from '../support/mount';
import { streamingRun } from '../support/scripted-run';
import { fileOf, makePdf } from './documents';

const DB_NAME = 'tabagent-knowledge-page-test';
const exact = { exact: true } as const;

afterEach(async () => {
  unmountAll();
  location.hash = '';
  await deleteDB(DB_NAME);
});

async function openKnowledgePage(): Promise<void> {
  mount(() => <App services={fakeServices(streamingRun(() => ['x']).run)} databaseName={DB_NAME} />);
  await userEvent.click(page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Knowledge', ...exact }));
}

async function createBase(name: string): Promise<void> {
  await userEvent.fill(page.getByLabelText('New knowledge base', exact), name);
  await userEvent.click(page.getByRole('button', { name: 'Create', ...exact }));
  await expect.element(page.getByRole('region', { name, ...exact })).toBeVisible();
}

async function storedConversationBases(): Promise<string[][]> {
  const db = await openTabagentDb({ name: DB_NAME });
  const store = new ConversationStore(db, { channelName: false });
  const list = await store.list();
  store.close();
  db.close();
  return list.map((conversation) => conversation.knowledgeBaseIds);
}

describe('the Knowledge page', () => {
  it('keeps several bases; pasted text is added once; documents and bases can be deleted', { timeout: 60_000 }, async () => {
    await openKnowledgePage();
    await expect.element(page.getByText(/No knowledge bases yet/)).toBeVisible();
    await createBase('Work');
    await createBase('Home');

    const work = page.getByRole('region', { name: 'Work', ...exact });
    await userEvent.click(work.getByText('Paste text', exact));
    await userEvent.fill(work.getByLabelText('Title', exact), 'Meeting notes');
    await userEvent.fill(work.getByLabelText('Text', exact), '# Budget\n\nThe budget for 2026 is 40k.');
    await userEvent.click(work.getByRole('button', { name: 'Add text', ...exact }));
    await expect.element(page.getByText('Added Meeting notes (1 passage).', exact)).toBeVisible();
    const documents = work.getByRole('list', { name: 'Documents in Work' });
    await expect.element(documents.getByText('Meeting notes', exact)).toBeVisible();

    await userEvent.fill(work.getByLabelText('Title', exact), 'Meeting notes');
    await userEvent.fill(work.getByLabelText('Text', exact), '# Budget\n\nThe budget for 2026 is 40k.');
    await userEvent.click(work.getByRole('button', { name: 'Add text', ...exact }));
    await expect.element(page.getByText('Meeting notes is already in this knowledge base, unchanged.', exact)).toBeVisible();
    expect(documents.getByRole('listitem').all()).toHaveLength(1);

    // The same text goes into another base as its own document.
    const home = page.getByRole('region', { name: 'Home', ...exact });
    await userEvent.upload(home.getByLabelText('Add documents'), [fileOf('The budget for 2026 is 40k.', 'budget.txt', 'text/plain')]);
    await expect.element(home.getByRole('list', { name: 'Documents in Home' }).getByText('budget.txt', exact)).toBeVisible();

    await userEvent.click(work.getByRole('button', { name: 'Delete Meeting notes', ...exact }));
    await expect.element(work.getByText('No documents yet.', exact)).toBeVisible();

    await userEvent.click(home.getByRole('button', { name: 'Delete knowledge base', ...exact }));
    await expect.element(home.getByText('Delete "Home" and its 1 document? This cannot be undone.', exact)).toBeVisible();
    await userEvent.click(home.getByRole('button', { name: 'Delete', ...exact }));
    await expect.element(page.getByRole('region', { name: 'Home', ...exact })).not.toBeInTheDocument();
    const db = await openTabagentDb({ name: DB_NAME });
    expect(await db.count('knowledgeDocuments')).toBe(0);
    expect(await db.count('knowledgeChunks')).toBe(0);
    expect((await db.getAll('knowledgeBases')).map((base) => base.name)).toEqual(['Work']);
    db.close();
  });

  it('renames a base, and explains files it cannot read', { timeout: 60_000 }, async () => {
    await openKnowledgePage();
    await createBase('Drafts');
    const drafts = page.getByRole('region', { name: 'Drafts', ...exact });
    await userEvent.click(drafts.getByRole('button', { name: 'Rename', ...exact }));
    await userEvent.fill(page.getByRole('textbox', { name: 'New name for Drafts', ...exact }), 'Final');
    await userEvent.click(page.getByRole('button', { name: 'Save', ...exact }));
    const final = page.getByRole('region', { name: 'Final', ...exact });
    await expect.element(final.getByRole('heading', { name: 'Final', ...exact })).toBeVisible();

    const blankPdf = await makePdf([{ paragraphs: [] }]);
    await userEvent.upload(final.getByLabelText('Add documents'), [
      fileOf('PK\u0003\u0004binary', 'archive.zip', 'application/zip'),
      fileOf(blankPdf, 'scan.pdf', 'application/pdf'),
      fileOf('%PDF-1.4 broken', 'broken.pdf', 'application/pdf'),
    ]);
    await expect.element(page.getByText(/^archive\.zip: "archive\.zip" is not a kind of file Tabagent can read\./), { timeout: 30_000 }).toBeVisible();
    await expect.element(page.getByText(/^scan\.pdf: No text was found in "scan\.pdf"\. It may be a scanned PDF/)).toBeVisible();
    await expect.element(page.getByText(/^broken\.pdf: This file could not be read as a PDF/)).toBeVisible();
    await expect.element(final.getByText('No documents yet.', exact)).toBeVisible();
  });

  it('switches each base on or off for the open conversation', { timeout: 60_000 }, async () => {
    await openKnowledgePage();
    await createBase('Alpha');
    await createBase('Beta');
    const alpha = page.getByRole('region', { name: 'Alpha', ...exact }).getByRole('checkbox', { name: 'Use in this conversation' });
    const beta = page.getByRole('region', { name: 'Beta', ...exact }).getByRole('checkbox', { name: 'Use in this conversation' });
    await userEvent.click(alpha);
    await userEvent.click(beta);
    await expect.element(beta).toBeChecked();
    await expect.poll(async () => (await storedConversationBases())[0]?.length).toBe(2);
    await userEvent.click(alpha);
    await expect.element(alpha).not.toBeChecked();
    await expect.poll(storedConversationBases).toHaveLength(1);
    const [[only]] = (await storedConversationBases()) as [string[]];
    const db = await openTabagentDb({ name: DB_NAME });
    expect((await db.get('knowledgeBases', only!))?.name).toBe('Beta');
    db.close();
  });
});

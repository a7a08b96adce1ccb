/**
 * Images in the composer, in Chromium: attached through the input labelled "Attach image", pasted
 * or dropped; removable by their "Remove <name>" button; refused with a message when too big, of
 * another type or too many; and, in the app, a text-only engine named before anything is sent
 * (the draft kept), then the image sent, shown in the transcript and shown again after a reload.
 */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { ImagePart } from '../../../src/core/types';
import { createRealServices } from '../../../src/app/composition-root';
import { ConversationStore, defaultSettings, openTabagentDb, saveSettings } from '../../../src/store';
import { App } from '../../../src/ui/app';
import { Composer } from '../../../src/ui/components/composer';
import { fakeServices } from '../support/fake-services';
import { mount, unmountAll } from '../support/mount';
import { streamingRun } from '../support/scripted-run';

const DB_NAME = 'tabagent-composer-images-test';
const exact = { exact: true } as const;

afterEach(async () => {
  unmountAll();
  await deleteDB(DB_NAME);
});

/** A 1×1 PNG. */
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='), (char) => char.charCodeAt(0));
const png = (name: string): File => new File([PNG], name, { type: 'image/png' });

function transferOf(files: File[]): DataTransfer {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  return transfer;
}

function mountComposer(acceptsImages: () => boolean = () => true) {
  const sent: { text: string; images: ImagePart[] }[] = [];
  const asked = vi.fn(acceptsImages);
  mount(() => (
    <Composer running={false} configured onSend={(text, images) => sent.push({ text, images })} onStop={() => undefined} onOpenSettings={() => undefined} acceptsImages={asked} />
  ));
  return { sent, asked };
}

const attachInput = () => page.getByLabelText('Attach image', exact);
const messageBox = () => page.getByRole('textbox', { name: 'Message', exact: true });

describe('the composer with images', () => {
  it('attaches through the labelled input, shows a thumbnail, removes it by name, and sends text with images', async () => {
    const { sent, asked } = mountComposer();
    await userEvent.upload(attachInput(), [png('one.png'), png('two.png')]);
    await expect.element(page.getByRole('img', { name: 'one.png' })).toBeVisible();
    await expect.element(page.getByRole('img', { name: 'two.png' })).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Remove one.png', exact: true }));
    await expect.element(page.getByRole('img', { name: 'one.png' })).not.toBeInTheDocument();
    await userEvent.fill(messageBox(), 'What is this?');
    await userEvent.click(page.getByRole('button', { name: 'Send', exact: true }));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(asked).toHaveBeenCalledTimes(1);
    expect(sent[0]?.text).toBe('What is this?');
    expect(sent[0]?.images).toEqual([{ name: 'two.png', mediaType: 'image/png', dataUrl: `data:image/png;base64,${btoa(String.fromCharCode(...PNG))}` }]);
    // Sent: the box and the thumbnails are empty again.
    await expect.element(messageBox()).toHaveValue('');
    await expect.element(page.getByRole('img', { name: 'two.png' })).not.toBeInTheDocument();
  });

  it('takes pasted and dropped images', async () => {
    mountComposer();
    const box = document.querySelector('textarea')!;
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transferOf([png('pasted.png')]), bubbles: true, cancelable: true }));
    await expect.element(page.getByRole('img', { name: 'pasted.png' })).toBeVisible();
    box.dispatchEvent(new DragEvent('drop', { dataTransfer: transferOf([png('dropped.png')]), bubbles: true, cancelable: true }));
    await expect.element(page.getByRole('img', { name: 'dropped.png' })).toBeVisible();
  });

  it('refuses a file that is too big, of another type, or past four, saying why', async () => {
    mountComposer();
    const big = new File([new Uint8Array(10_000_001)], 'huge.png', { type: 'image/png' });
    const pdf = new File(['%PDF'], 'notes.pdf', { type: 'application/pdf' });
    // Made in the page and dropped: 10 MB through the test driver's upload would take most of the time limit.
    const drop = (file: File) => document.querySelector('form')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transferOf([file]), bubbles: true, cancelable: true }));
    drop(big);
    await expect.element(page.getByRole('alert')).toHaveTextContent('huge.png was not attached: it is 10.0 MB, and an image may be at most 10.0 MB.');
    await expect.element(page.getByRole('img', { name: 'huge.png' })).not.toBeInTheDocument();
    drop(pdf);
    await expect.element(page.getByRole('alert')).toHaveTextContent('notes.pdf was not attached: only PNG, JPEG, WebP and GIF images can be attached');
    await userEvent.upload(attachInput(), [png('1.png'), png('2.png'), png('3.png'), png('4.png'), png('5.png')]);
    await expect.element(page.getByRole('alert')).toHaveTextContent('5.png was not attached: a message can hold at most 4 images.');
    await expect.element(page.getByRole('img', { name: '4.png' })).toBeVisible();
    expect(document.querySelectorAll('.image-thumbnails img')).toHaveLength(4);
  });

  it('sends nothing to an engine that does not read images, keeping the text and the images', async () => {
    const { sent } = mountComposer(() => false);
    await userEvent.upload(attachInput(), [png('chart.png')]);
    await userEvent.fill(messageBox(), 'Explain the chart');
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByRole('alert')).toHaveTextContent('Nothing was sent: this model does not read images.');
    expect(sent).toHaveLength(0);
    await expect.element(messageBox()).toHaveValue('Explain the chart');
    await expect.element(page.getByRole('img', { name: 'chart.png' })).toBeVisible();
  });
});

describe('images in the app', () => {
  async function configure(acceptsImages: boolean): Promise<void> {
    const db = await openTabagentDb({ name: DB_NAME });
    const settings = defaultSettings();
    settings.engine = { ...settings.engine, baseUrl: 'http://127.0.0.1:9/v1', model: 'scripted', acceptsImages };
    await saveSettings(db, settings);
    db.close();
  }

  it('refuses a text-only server model before sending; with images allowed, sends them, shows them, and shows them again after a reload', async () => {
    await configure(false);
    const { run, calls } = streamingRun(() => ['A red dot.'], 5);
    const services = () => fakeServices(run, { prepareRun: createRealServices().prepareRun });
    mount(() => <App services={services()} databaseName={DB_NAME} />);
    await expect.element(page.getByRole('button', { name: 'Connect a model' })).not.toBeInTheDocument();
    await userEvent.upload(attachInput(), [png('dot.png')]);
    await userEvent.fill(messageBox(), 'What colour?');
    await userEvent.click(page.getByRole('button', { name: 'Send', exact: true }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('Nothing was sent: this model does not read images.');
    expect(calls).toHaveLength(0);
    await expect.element(messageBox()).toHaveValue('What colour?');

    // The person says the model reads images (as the Settings checkbox does); the draft is still there.
    unmountAll();
    await configure(true);
    mount(() => <App services={services()} databaseName={DB_NAME} />);
    await userEvent.upload(attachInput(), [png('dot.png')]);
    await userEvent.fill(messageBox(), 'What colour?');
    await userEvent.click(page.getByRole('button', { name: 'Send', exact: true }));
    await expect.element(page.getByText('A red dot.', exact)).toBeVisible();
    const user = calls[0]?.messages.at(-1);
    expect(user).toMatchObject({ role: 'user', content: 'What colour?', images: [{ name: 'dot.png', mediaType: 'image/png' }] });
    const transcriptImage = page.getByRole('list', { name: 'Images in this message' }).getByRole('img', { name: 'dot.png' });
    await expect.element(transcriptImage).toBeVisible();

    // A reload once the turn is saved (it is within 250 ms of each change): the conversation opens again with its image.
    await vi.waitFor(async () => {
      const db = await openTabagentDb({ name: DB_NAME });
      const store = new ConversationStore(db, { channelName: false });
      const [conversation] = await store.list();
      const records = conversation ? await store.load(conversation.id) : [];
      store.close();
      db.close();
      expect(records.map((record) => record.content)).toContain('A red dot.');
    }, 5000);
    unmountAll();
    mount(() => <App services={services()} databaseName={DB_NAME} />);
    await expect.element(page.getByText('A red dot.', exact)).toBeVisible();
    await expect.element(page.getByRole('list', { name: 'Images in this message' }).getByRole('img', { name: 'dot.png' })).toBeVisible();
    // Restored from its Blob as a data URL: showing it makes no request.
    expect(document.querySelector<HTMLImageElement>('.user-message img')?.src).toBe(`data:image/png;base64,${btoa(String.fromCharCode(...PNG))}`);
  });
});

/**
 * Attached images in Chromium's IndexedDB: stored with their message as Blobs (bytes equal), kept
 * through the streaming writer's patches, regenerate and edit, restored as data URLs after a
 * "reload" (a fresh read), and carried through a backup as base64 with their type.
 */
import { deleteDB } from 'idb';
import { unwrap } from 'solid-js/store';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/core/agent/events';
import type { RunAgentOptions } from '../../../src/core/agent/options';
import type { ChatMessage, ImagePart } from '../../../src/core/types';
import { ConversationStore, openTabagentDb, restoreTurnsWithImages, type TabagentDb } from '../../../src/store';
import { exportBackup, parseBackup, serializeBackup } from '../../../src/store/backup';
import { importBackup } from '../../../src/store/backup-import';
import { bytesToBase64 } from '../../../src/store/base64';
import { persistedChat } from '../support/persisted-chat';
import { finish, message } from '../support/scripted-run';

const DB_NAME = 'tabagent-images-test';
const COPY_NAME = 'tabagent-images-test-copy';
const opened: TabagentDb[] = [];
const disposers: (() => void)[] = [];

afterEach(async () => {
  for (const dispose of disposers.splice(0)) dispose();
  for (const db of opened.splice(0)) db.close();
  await deleteDB(DB_NAME);
  await deleteDB(COPY_NAME);
});

/** Bytes that are not text and not all alike, so any mangling shows. */
function bytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let index = 0; index < length; index += 1) out[index] = (index * 31 + seed * 17) & 0xff;
  return out;
}

function image(name: string, mediaType: string, data: Uint8Array): ImagePart {
  return { name, mediaType, dataUrl: `data:${mediaType};base64,${bytesToBase64(data)}` };
}

const first = bytes(70_000, 1);
const second = bytes(1_234, 2);
const images = [image('photo.png', 'image/png', first), image('chart.webp', 'image/webp', second)];

/** A run that streams its answer in many pieces (many writer patches), recording what it was given. */
function recordingRun(seen: ChatMessage[][]) {
  return async function* run(options: RunAgentOptions): AsyncGenerator<AgentEvent> {
    seen.push(options.messages);
    yield { type: 'step-start', step: 1 };
    let text = '';
    for (let piece = 0; piece < 20; piece += 1) {
      text += `word${piece} `;
      yield { type: 'text-delta', step: 1, text: `word${piece} ` };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    yield { type: 'step-finish', step: 1, reason: 'stop', text };
    yield message({ role: 'assistant', content: text });
    yield finish(text);
  };
}

function setup(seen: ChatMessage[][]) {
  return persistedChat(DB_NAME, recordingRun(seen), { opened, disposers });
}

async function blobBytes(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

describe('images with their message', () => {
  it('stores them as Blobs with equal bytes, hands them to the run, and restores them after a reload', async () => {
    const seen: ChatMessage[][] = [];
    const { store, id, sink, controller } = await setup(seen);
    await controller.send('What is in these?', images);
    await sink.idle();
    // The run saw them on the user message.
    expect(seen[0]?.at(-1)).toEqual({ role: 'user', content: 'What is in these?', images });

    const records = await store.load(id);
    const opener = records.find((record) => record.role === 'user');
    expect(opener?.images?.map((stored) => [stored.name, stored.mediaType, stored.blob instanceof Blob, stored.blob.type])).toEqual([
      ['photo.png', 'image/png', true, 'image/png'],
      ['chart.webp', 'image/webp', true, 'image/webp'],
    ]);
    expect(await blobBytes(opener!.images![0]!.blob)).toEqual(first);
    expect(await blobBytes(opener!.images![1]!.blob)).toEqual(second);

    const restored = await restoreTurnsWithImages(records);
    expect(restored).toEqual(structuredClone(unwrap(controller.turns)));
    expect(restored[0]?.images).toEqual(images);
  });

  it('keeps them through regenerate and edit, and sends them again', async () => {
    const seen: ChatMessage[][] = [];
    const { store, id, sink, controller } = await setup(seen);
    await controller.send('Describe it', images.slice(0, 1));
    await controller.regenerate();
    await controller.edit(controller.turns[0]!.id, 'Describe it briefly');
    await sink.idle();
    expect(seen.map((messages) => messages.at(-1))).toEqual([
      { role: 'user', content: 'Describe it', images: images.slice(0, 1) },
      { role: 'user', content: 'Describe it', images: images.slice(0, 1) },
      { role: 'user', content: 'Describe it briefly', images: images.slice(0, 1) },
    ]);
    const [turn] = await restoreTurnsWithImages(await store.load(id));
    expect(turn?.images).toEqual(images.slice(0, 1));
  });

  it('travels through a backup as base64 with its type, and comes back as Blobs with equal bytes', async () => {
    const { db, sink, controller } = await setup([]);
    await controller.send('Keep this picture', images);
    await sink.idle();
    const text = serializeBackup(await exportBackup(db));
    const file = parseBackup(text);
    const backedUp = file.data.messages.find((record) => record.images)?.images;
    expect(backedUp).toEqual([
      { name: 'photo.png', mediaType: 'image/png', data: bytesToBase64(first) },
      { name: 'chart.webp', mediaType: 'image/webp', data: bytesToBase64(second) },
    ]);

    const copy = await openTabagentDb({ name: COPY_NAME });
    opened.push(copy);
    await importBackup(copy, file);
    const copyStore = new ConversationStore(copy, { channelName: false });
    const [conversation] = await copyStore.list();
    const records = await copyStore.load(conversation!.id);
    const opener = records.find((record) => record.images);
    expect(opener?.images?.[0]?.blob).toBeInstanceOf(Blob);
    expect(await blobBytes(opener!.images![0]!.blob)).toEqual(first);
    expect(await blobBytes(opener!.images![1]!.blob)).toEqual(second);
    expect((await restoreTurnsWithImages(records))[0]?.images).toEqual(images);
    copyStore.close();
  });

  it('refuses a backup whose image is not base64 or not an image type', () => {
    const bad = (change: Record<string, unknown>) =>
      JSON.stringify({
        format: 'tabagent-backup',
        version: 1,
        exportedAt: new Date(0).toISOString(),
        data: {
          conversations: [{ id: 'c', title: '', createdAt: 0, updatedAt: 0, pinned: false, knowledgeBaseIds: [], trainingOptIn: false }],
          messages: [{ id: 'm', conversationId: 'c', seq: 0, role: 'user', content: 'x', createdAt: 0, updatedAt: 0, images: [{ mediaType: 'image/png', data: 'AAAA', ...change }] }],
          memories: [], knowledgeBases: [], knowledgeDocuments: [], knowledgeChunks: [], vectors: [], tools: [], evalRuns: [], evalExamples: [], mcpServers: [],
        },
      });
    expect(() => parseBackup(bad({}))).not.toThrow();
    expect(() => parseBackup(bad({ data: 'not base64!' }))).toThrow(/images/);
    expect(() => parseBackup(bad({ mediaType: 'text/html' }))).toThrow(/images/);
  });
});

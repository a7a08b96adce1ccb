/**
 * The app's embedding service on the tiny random-weight BERT fixture, through the real worker on
 * WASM: consent before any download, progress, the IndexedDB vector cache, tool retrieval going
 * dense, and knowledge chunks embedded at ingestion or afterwards.
 */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { EmbeddingModelSpec } from '../../../src/embed/types';
import { createBase, createKnowledgeRetriever, embedMissingChunks, ingestDocument } from '../../../src/knowledge';
import { defaultSettings, loadSettings, normalizeSettings, openTabagentDb, saveSettings, type TabagentDb } from '../../../src/store';
import { App } from '../../../src/ui/app';
import { createEmbeddingService } from '../../../src/app/embedding/create-embedding-service';
import type { EmbeddingService, EmbeddingStatus } from '../../../src/app/embedding/embedding-service';
import { createToolRetrieval } from '../../../src/app/tool-retrieval';
import { DEFAULT_TOOLS_PER_TURN } from '../../../src/core/agent-definition';
import { fakeServices } from '../support/fake-services';
import { mount, unmountAll } from '../support/mount';
import { streamingRun } from '../support/scripted-run';
import { createEffect, createRoot } from 'solid-js';

const DB_NAME = 'tabagent-embedding-service-test';
const FIXTURE_MODELS_URL = '/tests/fixtures/generated/models/';
const TIMEOUT = 90_000;
const exact = { exact: true } as const;

const tinyBert: EmbeddingModelSpec = {
  modelId: 'tiny-bert',
  label: 'Tiny BERT (test fixture)',
  dimensions: 32,
  pooling: 'mean',
  normalize: true,
  queryPrefix: 'query: ',
  passagePrefix: 'passage: ',
  languages: 'en',
};

const services: EmbeddingService[] = [];
function fixtureService(): EmbeddingService {
  const service = createEmbeddingService({
    model: tinyBert,
    downloadBytes: 3 * 1024 * 1024,
    // The app's own choice of weights (q8) from the generated folder; nothing remote.
    embedder: { device: 'wasm', localModelPath: FIXTURE_MODELS_URL, allowRemote: false, useBrowserCache: false },
    openDb: () => openTabagentDb({ name: DB_NAME }),
  });
  services.push(service);
  return service;
}

let db: TabagentDb | undefined;
afterEach(async () => {
  unmountAll();
  location.hash = '';
  for (const service of services.splice(0)) await service.current()?.unload();
  db?.close();
  db = undefined;
  await deleteDB(DB_NAME);
});

/** Every status the service passes through, in order. */
function recordStatuses(service: EmbeddingService): EmbeddingStatus[] {
  const seen: EmbeddingStatus[] = [];
  createRoot(() => createEffect(() => void seen.push(service.status())));
  return seen;
}

describe('the embedding service', () => {
  it('loads only when asked, once for concurrent callers, with progress; vectors are cached in IndexedDB', { timeout: TIMEOUT }, async () => {
    const service = fixtureService();
    const statuses = recordStatuses(service);
    expect(service.status()).toEqual({ state: 'off' });
    expect(service.current()).toBeUndefined();
    const [first, second] = await Promise.all([service.load(), service.load()]);
    expect(first).toBe(second);
    expect(service.current()).toBe(first);
    expect(first.id).toBe('tiny-bert:q8');
    expect(service.status()).toEqual({ state: 'ready' });
    expect(statuses.some((status) => status.state === 'loading' && status.progress !== undefined)).toBe(true);

    const [vector] = await first.embed(['a passage about soil'], 'passage');
    expect(vector).toHaveLength(32);
    db = await openTabagentDb({ name: DB_NAME });
    const cached = await db.getAllFromIndex('vectors', 'by-model', 'tiny-bert:q8');
    expect(cached).toHaveLength(1);
    expect(new Float32Array(cached[0]!.vector as Float32Array)).toEqual(vector);
  });

  it('a model that cannot be found is an error status, and can be tried again', { timeout: TIMEOUT }, async () => {
    const service = createEmbeddingService({
      model: { ...tinyBert, modelId: 'no-such-model' },
      embedder: { device: 'wasm', localModelPath: FIXTURE_MODELS_URL, allowRemote: false, useBrowserCache: false },
      openDb: () => openTabagentDb({ name: DB_NAME }),
    });
    await expect(service.load()).rejects.toMatchObject({ code: 'not-found' });
    expect(service.status()).toMatchObject({ state: 'error', message: expect.stringMatching(/no-such-model/) });
    await expect(service.load()).rejects.toMatchObject({ code: 'not-found' });
  });

  it('tool retrieval is keyword-only until the model is loaded, then dense too', { timeout: TIMEOUT }, async () => {
    const service = fixtureService();
    const tools = [
      { name: 'weather', description: 'Current weather for a city.', parameters: { type: 'object', properties: {} } },
      { name: 'calculator', description: 'Evaluates arithmetic expressions.', parameters: { type: 'object', properties: {} } },
    ];
    const select = createToolRetrieval(() => undefined, service)({ pinnedTools: [], toolsPerTurn: DEFAULT_TOOLS_PER_TURN });
    const query = (text: string) => ({ text, parts: { latest: text }, messages: [{ role: 'user' as const, content: text }], signal: new AbortController().signal });
    expect((await select(query('weather in Paris'), tools)).retrievers).toEqual(['bm25']);
    await service.load();
    const selection = await select(query('weather in Paris'), tools);
    expect(selection.retrievers).toContain('dense');
    expect(selection.tools.map((tool) => tool.name)).toContain('weather');
  });

  it('knowledge chunks are embedded when added with the model, or afterwards, and found by both retrievers', { timeout: TIMEOUT }, async () => {
    const service = fixtureService();
    db = await openTabagentDb({ name: DB_NAME });
    const base = await createBase(db, 'Notes');
    const text = (body: string) => new TextEncoder().encode(body).buffer as ArrayBuffer;
    // Added before the model: no vectors yet.
    await ingestDocument(db, base.id, { name: 'early.md', mimeType: 'text/markdown', bytes: text('# Early\n\nThe teal crates hold quorium.') });
    const embedder = await service.load();
    const progress: number[] = [];
    await ingestDocument(db, base.id, { name: 'late.md', mimeType: 'text/markdown', bytes: text('# Late\n\nAphids dislike soap spray.') }, {
      embedder,
      onProgress: (step) => step.phase === 'embedding' && progress.push(step.done),
    });
    expect(progress).toEqual([0, 1]);
    expect(await embedMissingChunks(db, base.id, embedder)).toBe(1);
    expect(await embedMissingChunks(db, base.id, embedder)).toBe(0);

    const retriever = createKnowledgeRetriever({ embedder: () => service.current() });
    const hits = await retriever.search(db, [base.id], 'teal crates quorium', 2);
    expect(hits).toHaveLength(2);
    expect(hits[0]?.document.title).toBe('Early');
    expect(hits[0]?.foundBy).toEqual(['dense', 'bm25']);
    // Dense search always ranks every chunk: the other one is found by it alone.
    expect(hits[1]?.foundBy).toEqual(['dense']);
  });

  it('knowledge follows the newest message when the one before it was about something else', { timeout: TIMEOUT }, async () => {
    db = await openTabagentDb({ name: DB_NAME });
    const base = await createBase(db, 'Notes');
    const text = (body: string) => new TextEncoder().encode(body).buffer as ArrayBuffer;
    await ingestDocument(db, base.id, { name: 'crates.md', mimeType: 'text/markdown', bytes: text('# Crates\n\nThe teal crates hold quorium; teal crates sit in the shed.') });
    await ingestDocument(db, base.id, { name: 'garden.md', mimeType: 'text/markdown', bytes: text('# Garden\n\nAphids dislike soap spray.') });
    const retriever = createKnowledgeRetriever();
    const titles = async (query: Parameters<typeof retriever.search>[2]) => (await retriever.search(db!, [base.id], query, 2)).map((hit) => hit.document.title);
    // As one text, the earlier message's three matching words outvote the newest one's.
    expect(await titles('aphids\nteal crates quorium')).toEqual(['Crates', 'Garden']);
    expect(await titles({ latest: 'aphids', earlier: 'teal crates quorium' })).toEqual(['Garden', 'Crates']);
  });
});

describe('consent on the Knowledge page', () => {
  it('asks with the model and size, remembers the yes in settings, shows progress, and never asks again', { timeout: TIMEOUT }, async () => {
    const seed = await openTabagentDb({ name: DB_NAME });
    await saveSettings(seed, defaultSettings());
    seed.close();
    const service = fixtureService();
    mount(() => <App services={fakeServices(streamingRun(() => ['x']).run, { embedding: service })} databaseName={DB_NAME} />);
    await userEvent.click(page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Knowledge', ...exact }));
    const consent = page.getByRole('region', { name: 'Search by meaning' });
    await expect.element(consent).toHaveTextContent(/Tiny BERT \(test fixture\) \(about 3 MB\)/);
    expect(service.status().state).toBe('off');
    const statuses = recordStatuses(service);
    await userEvent.click(consent.getByRole('button', { name: 'Download the embedding model (≈3 MB)', ...exact }));
    await expect.element(consent.getByText(/Search by meaning is on/), { timeout: 60_000 }).toBeVisible();
    expect(statuses.some((status) => status.state === 'loading')).toBe(true);
    db = await openTabagentDb({ name: DB_NAME });
    expect((await loadSettings(db)).embeddingConsent).toBe('tiny-bert');

    // Next visit (a fresh service, as after a reload): it loads by itself, no question.
    unmountAll();
    const later = fixtureService();
    mount(() => <App services={fakeServices(streamingRun(() => ['x']).run, { embedding: later })} databaseName={DB_NAME} />);
    await userEvent.click(page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Knowledge', ...exact }));
    await expect.element(page.getByText(/Search by meaning is on/), { timeout: 60_000 }).toBeVisible();
    expect(page.getByRole('button', { name: /Download the embedding model/ }).query()).toBeNull();
  });

  it('settings keep the consent only as a model id', () => {
    expect(normalizeSettings({ embeddingConsent: 'Xenova/multilingual-e5-small' }).embeddingConsent).toBe('Xenova/multilingual-e5-small');
    expect(normalizeSettings({ embeddingConsent: true }).embeddingConsent).toBeUndefined();
    expect(normalizeSettings({ embeddingConsent: '  ' }).embeddingConsent).toBeUndefined();
  });
});

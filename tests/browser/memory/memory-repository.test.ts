/** The memory repository over real IndexedDB: add, edit, delete, list, hybrid search, vectors cached. */
import { afterEach, describe, expect, it } from 'vitest';
import { embeddingTextHash } from '../../../src/embed';
import { MemoryRepository } from '../../../src/memory';
import { getVectors } from '../../../src/store';
import { StoreScope } from '../store/support';
import { conceptEmbedder } from './support';

const scope = new StoreScope();
afterEach(() => scope.cleanup());

function clock(start = 1_700_000_000_000): () => number {
  let now = start;
  return () => (now += 1000);
}

describe('MemoryRepository', () => {
  it('adds, lists newest first, edits and deletes memories', async () => {
    const repository = new MemoryRepository(await scope.open(), { now: clock() });
    const first = await repository.add({ text: '  The user is vegetarian. ', tags: ['food', 'food', ' '] });
    expect(first.created).toBe(true);
    expect(first.memory).toMatchObject({ text: 'The user is vegetarian.', tags: ['food'], origin: 'person' });
    expect(first.memory.textHash).toBe(await embeddingTextHash('The user is vegetarian.', 'passage'));
    const second = await repository.add({ text: 'Lives in Berlin.', origin: 'agent' });
    expect((await repository.list()).map((memory) => memory.text)).toEqual(['Lives in Berlin.', 'The user is vegetarian.']);

    // The same fact again is not a second memory; new tags are merged in.
    const again = await repository.add({ text: 'the user is  VEGETARIAN.', tags: ['diet'] });
    expect(again.created).toBe(false);
    expect(again.memory.tags).toEqual(['food', 'diet']);
    expect(await repository.list()).toHaveLength(2);

    // An edit makes the memory the person's and moves it to the top.
    const edited = await repository.update(second.memory.id, { text: 'Lives in Hamburg since 2023.', tags: ['home'] });
    expect(edited).toMatchObject({ text: 'Lives in Hamburg since 2023.', tags: ['home'], origin: 'person' });
    expect(edited.updatedAt).toBeGreaterThan(second.memory.updatedAt);
    expect((await repository.list())[0]?.id).toBe(second.memory.id);

    expect((await repository.delete(first.memory.id))?.text).toBe('The user is vegetarian.');
    expect(await repository.delete(first.memory.id)).toBeUndefined();
    expect((await repository.list()).map((memory) => memory.text)).toEqual(['Lives in Hamburg since 2023.']);
    await expect(repository.update(first.memory.id, { text: 'x' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses empty or oversized memories with a message the person can act on', async () => {
    const repository = new MemoryRepository(await scope.open());
    await expect(repository.add({ text: '   ' })).rejects.toMatchObject({ code: 'invalid-arguments' });
    await expect(repository.add({ text: 'x'.repeat(2001) })).rejects.toMatchObject({ code: 'invalid-arguments', message: expect.stringContaining('2000') });
    await expect(repository.add({ text: 'ok', tags: Array.from({ length: 11 }, (_, index) => `t${index}`) })).rejects.toMatchObject({ code: 'invalid-arguments' });
    expect(await repository.list()).toEqual([]);
  });

  it('finds memories by keywords and marks only clearly related ones relevant', async () => {
    const repository = new MemoryRepository(await scope.open(), { now: clock() });
    await repository.add({ text: 'The user drinks black coffee without sugar.' });
    await repository.add({ text: 'The user likes hiking in the Alps.' });
    await repository.add({ text: "The user's favourite coffee shop is Bonanza in Berlin." });
    await repository.add({ text: '用户喜欢喝绿茶。' });

    const coffee = await repository.search('What coffee do I drink?');
    expect(coffee.map((hit) => hit.memory.text)[0]).toBe('The user drinks black coffee without sugar.');
    expect(coffee[0]).toMatchObject({ relevant: true, matchedTerms: 2 });
    // Shares only "coffee": found by a search, but not pulled into a prompt uninvited.
    expect(coffee.find((hit) => hit.memory.text.includes('Bonanza'))?.relevant).toBe(false);
    expect((await repository.search('What coffee do I drink?', { relevantOnly: true })).map((hit) => hit.memory.text)).toEqual([
      'The user drinks black coffee without sugar.',
    ]);
    // Nothing shared, nothing found.
    expect(await repository.search('quantum chromodynamics')).toEqual([]);
    // Chinese by character pairs.
    const tea = await repository.search('我喜欢喝什么茶？', { relevantOnly: true });
    expect(tea.map((hit) => hit.memory.text)).toEqual(['用户喜欢喝绿茶。']);
    // An edit is seen by the next search, a deletion too.
    const hiking = (await repository.search('hiking'))[0]!.memory;
    await repository.update(hiking.id, { text: 'The user likes sailing.' });
    expect(await repository.search('hiking')).toEqual([]);
    expect((await repository.search('sailing')).map((hit) => hit.memory.id)).toEqual([hiking.id]);
  });

  it('sees changes made through another repository (another tab, the Memory page)', async () => {
    const db = await scope.open();
    const tools = new MemoryRepository(db);
    const page = new MemoryRepository(await scope.open());
    await tools.add({ text: 'The user has a dog named Rex.' });
    expect((await tools.search('dog Rex')).length).toBe(1);
    const [rex] = await page.list();
    await page.delete(rex!.id);
    expect(await tools.search('dog Rex')).toEqual([]);
  });

  it('adds dense similarity when the embedding model is loaded, with vectors cached in IndexedDB', async () => {
    const db = await scope.open();
    const embedder = conceptEmbedder();
    let loaded = false;
    const repository = new MemoryRepository(db, { now: clock(), embedder: () => (loaded ? embedder : undefined) });
    await repository.add({ text: 'The user is vegetarian.' });
    await repository.add({ text: 'The user has a puppy called Rex.' });

    // Keyword search only: no shared word, nothing found; the model was never asked.
    expect(await repository.search('What should I cook for dinner, any food I avoid?', { relevantOnly: true })).toEqual([]);
    expect(embedder.calls).toEqual([]);

    loaded = true;
    const hits = await repository.search('Which food do I avoid eating?', { relevantOnly: true });
    expect(hits.map((hit) => hit.memory.text)).toEqual(['The user is vegetarian.']);
    expect(hits[0]?.cosine).toBeGreaterThan(0.75);
    expect(embedder.calls.map((call) => call.kind)).toEqual(['passage', 'query']);
    // Passage vectors went to the vector cache under the memory's own text hash.
    const [vegetarian] = (await repository.list()).filter((memory) => memory.text.includes('vegetarian'));
    const stored = await getVectors(db, embedder.id, [vegetarian!.textHash]);
    expect(stored.get(vegetarian!.textHash)?.length).toBe(embedder.dimensions);

    // A new repository (a reload) reads the cached vectors instead of embedding the memories again.
    const reloaded = new MemoryRepository(await scope.open(), { embedder: () => embedder });
    const before = embedder.calls.length;
    expect((await reloaded.search('my canine', { relevantOnly: true })).map((hit) => hit.memory.text)).toEqual(['The user has a puppy called Rex.']);
    expect(embedder.calls.slice(before).map((call) => call.kind)).toEqual(['query']);
  });

  it('falls back to keywords when the embedder fails', async () => {
    const failing = { ...conceptEmbedder(), embed: async () => Promise.reject(new Error('worker crashed')) };
    const repository = new MemoryRepository(await scope.open(), { embedder: () => failing });
    await repository.add({ text: 'The user lives in Berlin.' });
    const hits = await repository.search('Berlin');
    expect(hits.map((hit) => hit.memory.text)).toEqual(['The user lives in Berlin.']);
    expect(hits[0]?.cosine).toBeUndefined();
  });
});

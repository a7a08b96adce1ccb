/**
 * Backup in Chromium's IndexedDB: export → wipe (delete the database) → import gives every store
 * back deep-equal (vectors byte-equal); secrets never reach the file; a bad file is refused with a
 * clear error and changes nothing; records that already exist are skipped or imported as copies.
 */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createBase, ingestDocument } from '../../../src/knowledge';
import {
  ConversationStore,
  defaultSettings,
  draftsFromTurns,
  loadSettings,
  openTabagentDb,
  putVectors,
  saveSettings,
  type StoredTurn,
  type TabagentDb,
} from '../../../src/store';
import { createAgentService } from '../../../src/app/agents/agent-service-impl';
import { putAgentRecord } from '../../../src/store/agent-repository';
import { BACKUP_STORES, base64ToBytes, exportBackup, parseBackup, serializeBackup, type BackupFile } from '../../../src/store/backup';
import { applyImport, importBackup, planImport, previewImport } from '../../../src/store/backup-import';
import { BackupPanel } from '../../../src/ui/knowledge/backup-panel';
import { mount, unmountAll } from '../support/mount';

const DB_NAME = 'tabagent-backup-test';
const exact = { exact: true } as const;
const CANARY_KEY = 'sk-canary-0123456789';
const CANARY_MODEL_KEY = 'mk-canary-9876543210';
const CANARY_SECRET = 'secret-canary-value';

const open: TabagentDb[] = [];
async function openDb(): Promise<TabagentDb> {
  const db = await openTabagentDb({ name: DB_NAME });
  open.push(db);
  return db;
}

afterEach(async () => {
  unmountAll();
  for (const db of open.splice(0)) db.close();
  await deleteDB(DB_NAME);
});

/** Fills every store with real records, the way the app writes them. */
async function populate(db: TabagentDb): Promise<void> {
  const settings = defaultSettings();
  settings.engine = { ...settings.engine, baseUrl: 'https://api.example.com/v1', model: 'm', apiKey: CANARY_KEY };
  settings.modelApi = { ...settings.modelApi, baseUrl: 'https://images.example.com/v1', apiKey: CANARY_MODEL_KEY };
  settings.systemPrompt = 'Be brief.';
  settings.embeddingConsent = 'Xenova/multilingual-e5-small';
  await saveSettings(db, settings);

  const base = await createBase(db, 'Manuals', 1000);
  const bytes = new TextEncoder().encode('# Guide\n\nQuorium boils at 4182 kelvin.\n\n## Storage\n\nKeep it in teal crates.').buffer as ArrayBuffer;
  const { document } = await ingestDocument(db, base.id, { name: 'guide.md', mimeType: 'text/markdown', bytes }, { now: 2000 });
  const chunk = (await db.getAllFromIndex('knowledgeChunks', 'by-document', document.id))[0]!;
  await putVectors(db, 'model-a', [
    { textHash: chunk.textHash, vector: new Float32Array([0.1, -2.5, Math.PI, 1e-30]) },
    { textHash: 'other-text', vector: new Float32Array([Number.MAX_VALUE, -0, 7, 0.5]) },
  ], 3000);

  // An agent of the person's (migration 5), with the knowledge base; the conversation belongs to it.
  const agent = createAgentService({ openDatabase: () => Promise.resolve(db), now: () => 4000, createId: () => 'agent-quorium' }).draft();
  await putAgentRecord(db, { ...agent, name: 'Quorium expert', instructions: 'Answer about quorium.', knowledgeBaseIds: [base.id], tools: [{ kind: 'tool', name: 'lookup' }] });

  const store = new ConversationStore(db, { channelName: false });
  const conversation = await store.create({ title: 'About quorium', knowledgeBaseIds: [base.id], trainingOptIn: true, agentId: 'agent-quorium', knowledgeBasesOff: [] });
  const turn: StoredTurn = {
    id: 'turn-1',
    userText: 'When does quorium boil?',
    items: [{ kind: 'assistant', id: 'turn-1.0', step: 1, text: 'At 4182 K [1].', reasoning: 'The handbook gives the boiling point.', streaming: false, incomplete: false }],
    messages: [{ role: 'assistant', content: 'At 4182 K [1].' }],
    status: 'done',
    context: 'Reference material…',
    sources: [{ kind: 'knowledge', title: 'Guide', text: chunk.text, ref: chunk.id }],
  };
  await store.appendMessages(conversation.id, draftsFromTurns([turn]));
  store.close();

  await db.put('memories', { id: 'memory-1', text: 'Likes teal.', textHash: 'h1', conversationId: conversation.id, tags: ['colour'], createdAt: 1, updatedAt: 2 });
  await db.put('tools', {
    name: 'lookup',
    manifest: { name: 'lookup', description: 'Looks things up.', parameters: { type: 'object', properties: {} } } as never,
    source: { kind: 'custom' },
    enabled: true,
    createdAt: 1,
    updatedAt: 1,
  });
  await db.put('evalRuns', { id: 'run-1', dataset: 'sample', model: 'm', startedAt: 5, status: 'done', total: 2, completed: 2, summary: { actionEM: 0.5 } });
  await db.put('evalExamples', { runId: 'run-1', index: 0, result: { score: 1 } });
  await db.put('evalExamples', { runId: 'run-1', index: 1, result: null });
  await db.put('mcpServers', { id: 'mcp-1', url: 'https://mcp.example.com/', name: 'Example', enabled: true, headerSecrets: { Authorization: 'secret-1' }, createdAt: 1, updatedAt: 1 });
  await db.put('secrets', { id: 'secret-1', label: 'Example token', value: CANARY_SECRET, origins: ['https://mcp.example.com'], createdAt: 1 });
  await db.add('networkLog', { time: 1, method: 'GET', url: 'https://api.example.com/v1/models', origin: 'https://api.example.com', outcome: 'allowed' });
}

/** Every record of every backed-up store, plus settings and secrets, in key order. */
async function snapshot(db: TabagentDb): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const store of [...BACKUP_STORES, 'settings', 'secrets'] as const) result[store] = await db.getAll(store);
  return result;
}

/** Vectors as bytes, so that -0 and NaN compare by their bits. */
function vectorBytes(records: unknown[]): number[][] {
  return records.map((record) => {
    const vector = (record as { vector: Float32Array | ArrayBuffer }).vector;
    const bytes = vector instanceof ArrayBuffer ? new Uint8Array(vector) : new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength);
    return [...bytes];
  });
}

async function wipe(): Promise<TabagentDb> {
  for (const db of open.splice(0)) db.close();
  await deleteDB(DB_NAME);
  return openDb();
}

describe('backup', () => {
  it('export → wipe → import gives every store back identical; secrets never reach the file', async () => {
    const db = await openDb();
    await populate(db);
    const before = await snapshot(db);
    const original = await loadSettings(db);
    const text = serializeBackup(await exportBackup(db, new Date('2026-01-02T03:04:05Z')));
    expect(text).not.toContain(CANARY_KEY);
    expect(text).not.toContain(CANARY_MODEL_KEY);
    expect(text).not.toContain(CANARY_SECRET);
    // The model's thinking travels with its turn.
    expect(text).toContain('The handbook gives the boiling point.');
    const file = parseBackup(text);
    expect(file).toMatchObject({ format: 'tabagent-backup', version: 1, exportedAt: '2026-01-02T03:04:05.000Z' });
    expect(Object.keys(file.data)).not.toContain('secrets');
    expect(Object.keys(file.data)).not.toContain('networkLog');
    expect([...base64ToBytes(file.data.vectors[0]!.vector)]).toEqual(vectorBytes([before.vectors![0]])[0]);

    const fresh = await wipe();
    expect((await snapshot(fresh)).conversations).toEqual([]);
    // Confirming every listed security change (engine, model API, MCP server) restores exactly what was there.
    const report = await importBackup(fresh, parseBackup(text), { confirmed: 'all' });
    expect(report.settings).toBe('imported');
    expect(report.trust.declined).toEqual([]);
    for (const store of BACKUP_STORES) expect(report.stores[store], store).toEqual({ added: before[store]!.length, copied: 0, skipped: 0 });

    const after = await snapshot(fresh);
    for (const store of BACKUP_STORES) {
      if (store === 'vectors') continue;
      expect(after[store], store).toEqual(before[store]);
    }
    expect(vectorBytes(after.vectors!)).toEqual(vectorBytes(before.vectors!));
    expect(after.vectors!.map((record) => ({ ...(record as object), vector: undefined }))).toEqual(
      before.vectors!.map((record) => ({ ...(record as object), vector: undefined })),
    );
    // Settings come back without their keys; secrets do not come back at all.
    const settings = await loadSettings(fresh);
    expect(settings).toEqual({ ...original, engine: { ...original.engine, apiKey: '' }, modelApi: { ...original.modelApi, apiKey: '' } });
    expect(after.secrets).toEqual([]);
    // The restored conversation reads back through the store.
    const store = new ConversationStore(fresh, { channelName: false });
    const [conversation] = await store.list();
    expect((await store.load(conversation!.id)).map((message) => message.content)).toEqual(['When does quorium boil?', 'At 4182 K [1].']);
    store.close();
  });

  it('applies nothing security-relevant from a backup until the person confirms exactly those changes', async () => {
    const db = await openDb();
    await populate(db);
    const file = await exportBackup(db);
    file.data.settings = { ...file.data.settings!, strictNetwork: false };
    file.data.tools.push({
      name: 'post_data',
      manifest: { name: 'post_data', description: 'Posts.', parameters: { type: 'object', properties: {} }, kind: 'http', sideEffects: false, allowedOrigins: ['https://evil.example'] } as never,
      source: { kind: 'custom' },
      enabled: true,
      createdAt: 1,
      updatedAt: 1,
    });
    const text = serializeBackup(file);

    // A browser with no saved settings: the case where the settings used to be applied silently.
    const fresh = await wipe();
    const plan = await planImport(fresh, parseBackup(text));
    expect(plan.changes.map((change) => change.id).sort()).toEqual(['endpoint:engine.baseUrl', 'endpoint:modelApi.baseUrl', 'mcp:mcp-1', 'strict-network-off', 'tool:post_data']);
    expect(plan.changes).toContainEqual({ id: 'endpoint:engine.baseUrl', kind: 'endpoint', setting: 'engine.baseUrl', from: '', to: 'https://api.example.com/v1' });
    expect(plan.changes).toContainEqual({ id: 'tool:post_data', kind: 'tool-enabled', name: 'post_data', origins: ['https://evil.example'] });
    // The lookup tool sends nothing anywhere: it needs no confirmation.
    expect(plan.changes.some((change) => change.id === 'tool:lookup')).toBe(false);
    // A confirmation of anything the person was not shown is refused, and nothing is written.
    await expect(applyImport(fresh, plan, [{ id: 'mcp:other', kind: 'mcp-server-enabled', name: 'x', url: 'https://x.example' }])).rejects.toMatchObject({ code: 'config' });
    await expect(applyImport(fresh, plan, [{ ...plan.changes[0]!, id: plan.changes[0]!.id, ...{ to: 'https://elsewhere.example' } } as never])).rejects.toMatchObject({ code: 'config' });
    expect((await snapshot(fresh)).conversations).toEqual([]);

    const report = await applyImport(fresh, plan, []);
    expect(report.trust.applied).toEqual([]);
    expect(report.trust.declined).toHaveLength(5);
    const settings = await loadSettings(fresh);
    expect(settings.strictNetwork).toBeUndefined();
    expect(settings.engine.baseUrl).toBe('');
    expect(settings.modelApi.baseUrl).toBe('');
    // Everything else of the settings and the data is imported.
    expect(settings.systemPrompt).toBe('Be brief.');
    const after = await snapshot(fresh);
    expect(after.conversations).toHaveLength(1);
    expect((after.tools as Array<{ name: string; enabled: boolean }>).map(({ name, enabled }) => ({ name, enabled }))).toEqual([
      { name: 'lookup', enabled: true },
      { name: 'post_data', enabled: false },
    ]);
    expect(after.mcpServers).toMatchObject([{ id: 'mcp-1', enabled: false }]);

    // Confirmed (the same list, in a browser that again has nothing): applied as listed.
    const again = await wipe();
    const confirmedPlan = await planImport(again, parseBackup(text));
    await applyImport(again, confirmedPlan, confirmedPlan.changes);
    const confirmed = await loadSettings(again);
    expect(confirmed.strictNetwork).toBe(false);
    expect(confirmed.engine.baseUrl).toBe('https://api.example.com/v1');
    expect(await again.get('tools', 'post_data')).toMatchObject({ enabled: true });
    expect(await again.get('mcpServers', 'mcp-1')).toMatchObject({ enabled: true });
  });

  it('an agent that talks to its own server is listed, and comes in on the default engine unless confirmed', async () => {
    const db = await openDb();
    const agent = createAgentService({ openDatabase: async () => db }).draft();
    await putAgentRecord(db, { ...agent, id: 'remote-agent', name: 'Remote', engine: { kind: 'server', baseUrl: 'https://llm.example.org/v1', model: 'm' } });
    const text = serializeBackup(await exportBackup(db));

    const declined = await wipe();
    const plan = await planImport(declined, parseBackup(text));
    expect(plan.changes).toContainEqual({ id: 'agent-engine:remote-agent', kind: 'agent-engine', name: 'Remote', url: 'https://llm.example.org/v1' });
    await applyImport(declined, plan, []);
    expect(await declined.get('agents', 'remote-agent')).toMatchObject({ name: 'Remote', engine: { kind: 'default' } });

    const accepted = await wipe();
    const again = await planImport(accepted, parseBackup(text));
    await applyImport(accepted, again, again.changes.filter((change) => change.kind === 'agent-engine'));
    expect(await accepted.get('agents', 'remote-agent')).toMatchObject({ engine: { kind: 'server', baseUrl: 'https://llm.example.org/v1' } });
  });

  it('replacing settings that switched a tool off lists switching it back on', async () => {
    const db = await openDb();
    await populate(db);
    const file = await exportBackup(db);
    await saveSettings(db, { ...(await loadSettings(db)), enabledTools: { fetch_url: false } });
    const plan = await planImport(db, file, { replaceSettings: true });
    expect(plan.changes).toEqual([{ id: 'tool-setting:fetch_url', kind: 'tool-enabled', name: 'fetch_url', origins: [] }]);
    await applyImport(db, plan, []);
    expect((await loadSettings(db)).enabledTools.fetch_url).toBe(false);
  });

  it('refuses a bad file with a clear error and changes nothing', async () => {
    const db = await openDb();
    await populate(db);
    const good = await exportBackup(db);
    const before = await snapshot(db);
    const variant = (change: (file: BackupFile) => void): string => {
      const copy = structuredClone(good);
      change(copy);
      return JSON.stringify(copy);
    };
    const cases: Array<[string, RegExp]> = [
      ['{ not json', /not valid JSON/],
      [JSON.stringify({ hello: 'world' }), /"format" field is not "tabagent-backup"/],
      [variant((file) => ((file as { version: number }).version = 2)), /newer Tabagent \(backup version 2/],
      [variant((file) => ((file as { version: unknown }).version = '1')), /"version" field must be 1/],
      [variant((file) => delete (file.data as Partial<BackupFile['data']>).messages), /data\.messages is missing/],
      [variant((file) => ((file.data.conversations[0] as { title: unknown }).title = 42)), /data\.conversations\[0\]\.title must be string/],
      [variant((file) => (file.data.messages[1]!.conversationId = 'ghost')), /data\.messages\[1\]\.conversationId refers to conversation "ghost"/],
      [variant((file) => (file.data.vectors[0]!.vector = file.data.vectors[0]!.vector.slice(4))), /data\.vectors\[0\]\.vector must hold 4 float32 values/],
      [variant((file) => file.data.knowledgeBases.push({ ...file.data.knowledgeBases[0]! })), /appears twice/],
    ];
    for (const [text, message] of cases) {
      expect(() => parseBackup(text), message.source).toThrow(message);
      try {
        parseBackup(text);
      } catch (error) {
        expect(error).toMatchObject({ code: 'invalid-file' });
      }
    }
    expect(await snapshot(db)).toEqual(before);
  });

  it('never overwrites: existing records are skipped by default, or imported as copies with their references', async () => {
    const db = await openDb();
    await populate(db);
    const file = await exportBackup(db);
    const before = await snapshot(db);

    const preview = await previewImport(db, file);
    expect(preview.stores.conversations).toEqual({ total: 1, existing: 1 });
    expect(preview.settingsConflict).toBe(true);

    const skipped = await importBackup(db, file);
    expect(skipped.settings).toBe('kept');
    for (const store of BACKUP_STORES) expect(skipped.stores[store].added + skipped.stores[store].copied, store).toBe(0);
    expect(await snapshot(db)).toEqual(before);

    const copied = await importBackup(db, file, { onConflict: 'copy' });
    expect(copied.stores.conversations).toEqual({ added: 0, copied: 1, skipped: 0 });
    expect(copied.stores.messages).toEqual({ added: 0, copied: 2, skipped: 0 });
    expect(copied.stores.knowledgeChunks.copied).toBe(before.knowledgeChunks!.length);
    expect(copied.stores.evalExamples).toEqual({ added: 2, copied: 0, skipped: 0 });
    // Same model and text means the same vector; a tool's name is its identity: never duplicated.
    expect(copied.stores.vectors).toEqual({ added: 0, copied: 0, skipped: 2 });
    expect(copied.stores.tools).toEqual({ added: 0, copied: 0, skipped: 1 });

    const after = await snapshot(db);
    // Originals untouched.
    for (const store of BACKUP_STORES) expect(after[store], store).toEqual(expect.arrayContaining(before[store]!));
    const conversations = after.conversations as Array<{ id: string; knowledgeBaseIds: string[] }>;
    const bases = after.knowledgeBases as Array<{ id: string }>;
    const copy = conversations.find((conversation) => conversation.id !== (before.conversations![0] as { id: string }).id)!;
    const copiedBase = bases.find((base) => base.id !== (before.knowledgeBases![0] as { id: string }).id)!;
    expect(copy.knowledgeBaseIds).toEqual([copiedBase.id]);
    const messages = (after.messages as Array<{ id: string; conversationId: string; turnId?: string; sources?: Array<{ ref?: string }> }>).filter(
      (message) => message.conversationId === copy.id,
    );
    expect(messages).toHaveLength(2);
    const opener = messages.find((message) => message.sources)!;
    for (const message of messages) expect(message.turnId).toBe(opener.id);
    const copiedDocuments = (after.knowledgeDocuments as Array<{ id: string; knowledgeBaseId: string }>).filter((document) => document.knowledgeBaseId === copiedBase.id);
    expect(copiedDocuments).toHaveLength(1);
    // The citation follows its chunk to the copy.
    const chunks = after.knowledgeChunks as Array<{ id: string; documentId: string; ordinal: number }>;
    const cited = chunks.find((chunk) => chunk.id === (before.messages as Array<{ sources?: Array<{ ref?: string }> }>).find((message) => message.sources)!.sources![0]!.ref)!;
    const copiedChunk = chunks.find((chunk) => chunk.documentId === copiedDocuments[0]!.id && chunk.ordinal === cited.ordinal)!;
    expect(opener.sources?.[0]?.ref).toBe(copiedChunk.id);
  });

  it('the Backup section exports a file, and imports it into an empty profile; a bad file shows why', { timeout: 30_000 }, async () => {
    const db = await openDb();
    await populate(db);
    const before = await snapshot(db);
    let saved: { text: string; name: string } | undefined;
    mount(() => <BackupPanel openDatabase={openDb} save={(text, name) => (saved = { text, name })} />);
    await userEvent.click(page.getByRole('button', { name: 'Export backup', ...exact }));
    await expect.element(page.getByRole('status')).toHaveTextContent(/^Saved tabagent-backup-\d{4}-\d{2}-\d{2}\.json\.$/);
    expect(saved?.text).toBeDefined();
    unmountAll();

    await wipe();
    mount(() => <BackupPanel openDatabase={openDb} />);
    const input = page.getByLabelText('Import backup', exact);
    await userEvent.upload(input, new File(['{"format":"tabagent-backup","version":1}'], 'broken.json', { type: 'application/json' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent(/^This backup cannot be imported: exportedAt is missing; data is missing\. Nothing was changed\.$/);
    expect((await snapshot(await openDb())).conversations).toEqual([]);

    await userEvent.upload(input, new File([saved!.text], saved!.name, { type: 'application/json' }));
    await expect.element(page.getByText(/^This backup holds \d+ records; 0 of them already exist here\.$/)).toBeVisible();
    await expect.element(page.getByRole('radio', { name: 'Skip them (keep what is here)' })).toBeChecked();
    await userEvent.click(page.getByRole('button', { name: 'Import', ...exact }));
    // The security-relevant changes are listed, and applied only on request.
    const review = page.getByRole('group', { name: 'This backup would also change whom this browser talks to' });
    await expect.element(review.getByText('Send model requests to https://api.example.com/v1', exact)).toBeVisible();
    await expect.element(review.getByText('Connect the MCP server “Example” at https://mcp.example.com/', exact)).toBeVisible();
    expect(review.getByRole('listitem').elements()).toHaveLength(3);
    await userEvent.click(page.getByRole('button', { name: 'Keep my settings', ...exact }));
    await expect.element(page.getByRole('status')).toHaveTextContent(/Imported \d+ records, 0 as copies; skipped 0\. 3 security changes were left out\./);
    expect(await (await openDb()).get('mcpServers', 'mcp-1')).toMatchObject({ enabled: false });
    expect((await loadSettings(await openDb())).engine.baseUrl).toBe('');
    const after = await snapshot(await openDb());
    expect(after.conversations).toEqual(before.conversations);
    expect(after.knowledgeChunks).toEqual(before.knowledgeChunks);
    expect(vectorBytes(after.vectors!)).toEqual(vectorBytes(before.vectors!));
  });
});

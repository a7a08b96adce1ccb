import { deleteDB, openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { ConversationStore, openTabagentDb, restoreTurns, TABAGENT_DB_VERSION, type TabagentDb, type TabagentStoreName } from '../../../src/store';
import { uniqueName } from './support';
import { createAgentService } from '../../../src/app/agents/agent-service-impl';
import { DEFAULT_AGENT_ID } from '../../../src/store/agent-repository';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await deleteDB(name);
});

const ALL_STORES: TabagentStoreName[] = [
  'agents',
  'conversations',
  'evalExamples',
  'evalRuns',
  'knowledgeBases',
  'mcpServers',
  'secrets',
  'knowledgeChunks',
  'knowledgeDocuments',
  'memories',
  'messages',
  'networkLog',
  'settings',
  'tools',
  'vectors',
];

/*
 * The old databases are built as shipped code built them: frozen copies of each migration as it
 * shipped (not today's `runMigrations`, which someone may have edited) and records written as
 * plain literals in the shapes of their time (not typed with today's record types, which change).
 * An edit to a shipped migration, or code that cannot read an old record, fails here.
 */
type OldDb = IDBPDatabase<unknown>;
type OldUpgrade = IDBPTransaction<unknown, string[], 'versionchange'>;

/** Migrations 1.. exactly as they shipped (src/store/migrations.ts); append a copy of each new one. */
const FROZEN_MIGRATIONS: readonly ((db: OldDb, transaction: OldUpgrade) => void)[] = [
  // 1 (commit 6e22eab)
  (db) => {
    db.createObjectStore('settings');
  },
  // 2: engines gain a kind.
  (_db, transaction) => {
    const store = transaction.objectStore('settings');
    void store
      .get('app')
      .then((record: { settings?: { engine?: object } } | undefined) => {
        if (!record || typeof record.settings !== 'object' || record.settings === null) return undefined;
        const settings = record.settings;
        const engine = typeof settings.engine === 'object' && settings.engine !== null ? settings.engine : {};
        if ('kind' in engine) return undefined;
        return store.put({ ...record, settings: { ...settings, engine: { ...engine, kind: 'openai-compatible' } } }, 'app');
      })
      .catch(() => undefined);
  },
  // 3 (commit 99b282a)
  (db) => {
    db.createObjectStore('conversations', { keyPath: 'id' }).createIndex('by-updated', 'updatedAt');
    db.createObjectStore('messages', { keyPath: 'id' }).createIndex('by-conversation-seq', ['conversationId', 'seq'], { unique: true });
    db.createObjectStore('tools', { keyPath: 'name' });
    db.createObjectStore('vectors', { keyPath: ['modelId', 'textHash'] }).createIndex('by-model', 'modelId');
    db.createObjectStore('memories', { keyPath: 'id' }).createIndex('by-updated', 'updatedAt');
    db.createObjectStore('knowledgeDocuments', { keyPath: 'id' }).createIndex('by-base', 'knowledgeBaseId');
    db.createObjectStore('knowledgeChunks', { keyPath: 'id' }).createIndex('by-document', 'documentId');
    db.createObjectStore('networkLog', { keyPath: 'id', autoIncrement: true }).createIndex('by-time', 'time');
  },
  // 4 (commit 5a1f0f8)
  (db) => {
    db.createObjectStore('knowledgeBases', { keyPath: 'id' });
    db.createObjectStore('evalRuns', { keyPath: 'id' }).createIndex('by-started', 'startedAt');
    db.createObjectStore('evalExamples', { keyPath: ['runId', 'index'] }).createIndex('by-run', 'runId');
    db.createObjectStore('mcpServers', { keyPath: 'id' });
    db.createObjectStore('secrets', { keyPath: 'id' });
  },
  // 5: agents; conversations gain agentId (stamped with the default agent's id).
  (db, transaction) => {
    db.createObjectStore('agents', { keyPath: 'id' }).createIndex('by-updated', 'updatedAt');
    const conversations = transaction.objectStore('conversations');
    conversations.createIndex('by-agent', 'agentId');
    const defaultAgentId = 'tabagent';
    type Cursor = Awaited<ReturnType<typeof conversations.openCursor>>;
    const stamp = (cursor: Cursor): Promise<void> | undefined => {
      if (!cursor) return undefined;
      const value = cursor.value as { agentId?: unknown };
      if (typeof value.agentId !== 'string') void cursor.update({ ...value, agentId: defaultAgentId });
      return cursor.continue().then(stamp);
    };
    void conversations.openCursor().then(stamp).catch(() => undefined);
  },
  // 6: the pinned tools and tools per turn of the settings move into the default agent's record.
  (_db, transaction) => {
    const settingsStore = transaction.objectStore('settings');
    const agents = transaction.objectStore('agents');
    void Promise.all([settingsStore.get('app'), agents.get('tabagent')])
      .then(([record, agent]: [{ settings?: unknown } | undefined, { pinnedTools: string[]; toolsPerTurn?: number } | undefined]) => {
        if (!record || !agent || typeof record.settings !== 'object' || record.settings === null) return undefined;
        const { pinnedTools, toolsPerTurn, ...rest } = record.settings as { pinnedTools?: unknown; toolsPerTurn?: unknown };
        if (pinnedTools === undefined && toolsPerTurn === undefined) return undefined;
        const names = Array.isArray(pinnedTools) ? pinnedTools.filter((name): name is string => typeof name === 'string') : [];
        const perTurn = typeof toolsPerTurn === 'number' && Number.isInteger(toolsPerTurn) && toolsPerTurn >= 1 && toolsPerTurn <= 50 ? toolsPerTurn : undefined;
        const moved = {
          ...agent,
          pinnedTools: [...new Set([...agent.pinnedTools, ...names])],
          ...(agent.toolsPerTurn === undefined && perTurn !== undefined ? { toolsPerTurn: perTurn } : {}),
        };
        return Promise.all([agents.put(moved), settingsStore.put({ ...record, settings: rest }, 'app')]);
      })
      .catch(() => undefined);
  },
];

/** Settings as version 1 saved them: no engine kind yet. */
const v1Settings = {
  engine: { baseUrl: 'http://127.0.0.1:8000/v1', model: 'qwen2.5-7b', apiKey: 'sk-canary-123', toolMode: 'hermes', preset: 'vllm' },
  enabledTools: { calculator: true },
  modelApi: { baseUrl: '', model: '', imageModel: '', apiKey: '' },
  systemPrompt: 'Be brief.',
};

// Records as the code of versions 3 and 4 wrote them (src/store/records.ts at commit 99b282a).
const conversation = { id: 'c1', title: 'Kept', createdAt: 1, updatedAt: 2, pinned: true, knowledgeBaseIds: ['kb'], trainingOptIn: true };
const messages = [
  { id: 'm0', conversationId: 'c1', seq: 0, role: 'user', content: 'hi', turnId: 'm0', turn: { status: 'done' }, items: [{ kind: 'tool-call', id: 'm0.0', step: 0, callId: 'k', name: 'calculator', arguments: { expression: '1+1' }, status: 'done', result: '2', durationMs: 3 }], createdAt: 1, updatedAt: 1 },
  { id: 'm1', conversationId: 'c1', seq: 1, role: 'assistant', content: '', toolCalls: [{ id: 'k', name: 'calculator', arguments: { expression: '1+1' } }], turnId: 'm0', createdAt: 1, updatedAt: 1 },
  { id: 'm2', conversationId: 'c1', seq: 2, role: 'tool', content: '2', toolCallId: 'k', name: 'calculator', turnId: 'm0', createdAt: 1, updatedAt: 1 },
];
const tool = {
  name: 'weather',
  manifest: { name: 'weather', description: 'Weather', parameters: { type: 'object', properties: {} }, kind: 'http', sideEffects: false, allowedOrigins: ['https://api.example.com'] },
  source: { kind: 'custom' },
  enabled: true,
  createdAt: 1,
  updatedAt: 1,
};
const vector = { modelId: 'minilm', textHash: 'h1', dims: 4, vector: new Float32Array([0.5, -1, 2, 0]), createdAt: 1 };

const knowledgeBase = { id: 'kb', name: 'Manuals', createdAt: 1, updatedAt: 1 };
const evalRun = { id: 'r1', dataset: 'sample.jsonl', model: 'qwen', startedAt: 2, status: 'done' as const, total: 1, completed: 1, summary: { actionEm: 1 } };
const mcpServer = { id: 'srv', url: 'http://127.0.0.1:3001/mcp', name: 'Everything', enabled: true, headerSecrets: {}, createdAt: 1, updatedAt: 1 };

/** Creates a database at `version` with the frozen shipped migrations and fills every store it has. */
async function createAt(name: string, version: number): Promise<void> {
  const db: OldDb = await openDB(name, version, {
    upgrade(database, oldVersion, newVersion, transaction) {
      for (let step = oldVersion + 1; step <= (newVersion ?? version); step += 1) FROZEN_MIGRATIONS[step - 1]!(database, transaction);
    },
  });
  const has = (store: TabagentStoreName) => db.objectStoreNames.contains(store);
  if (has('settings')) await db.put('settings', { schema: 1, settings: structuredClone(v1Settings) }, 'app');
  if (has('conversations')) await db.put('conversations', conversation);
  if (has('messages')) for (const message of messages) await db.put('messages', message);
  if (has('tools')) await db.put('tools', tool);
  if (has('vectors')) await db.put('vectors', vector);
  if (has('memories')) await db.put('memories', { id: 'mem', text: 'Likes tea', textHash: 'h2', tags: ['pref'], createdAt: 1, updatedAt: 1 });
  if (has('knowledgeDocuments')) {
    await db.put('knowledgeDocuments', { id: 'd', knowledgeBaseId: 'kb', title: 'Doc', source: 'doc.md', mimeType: 'text/markdown', sizeBytes: 10, contentHash: 'h3', chunkCount: 1, createdAt: 1 });
  }
  if (has('knowledgeChunks')) await db.put('knowledgeChunks', { id: 'd#0', documentId: 'd', ordinal: 0, text: 'Tea.', textHash: 'h4', start: 0, end: 4 });
  if (has('networkLog')) await db.add('networkLog', { time: 5, method: 'GET', url: 'https://api.example.com/x', origin: 'https://api.example.com', outcome: 'allowed', status: 200 });
  if (has('knowledgeBases')) await db.put('knowledgeBases', knowledgeBase);
  if (has('evalRuns')) await db.put('evalRuns', evalRun);
  if (has('evalExamples')) await db.put('evalExamples', { runId: 'r1', index: 0, result: { ok: true } });
  if (has('mcpServers')) await db.put('mcpServers', mcpServer);
  if (has('secrets')) await db.put('secrets', { id: 's1', label: 'Weather key', value: 'k-1', origins: ['https://api.example.com'], createdAt: 1 });
  db.close();
}

/** Checks that every record `createAt` wrote into the stores the old database had is still there. */
async function expectDataKept(db: TabagentDb, storesBefore: readonly string[]): Promise<void> {
  const has = (store: TabagentStoreName) => storesBefore.includes(store);
  const settings = await db.get('settings', 'app');
  expect(settings?.settings).toMatchObject({ ...v1Settings, engine: expect.objectContaining(v1Settings.engine) });
  // Migration 5 gives earlier conversations to the default agent; nothing else of theirs changes.
  if (has('conversations')) expect(await db.getAll('conversations')).toEqual([has('agents') ? conversation : { ...conversation, agentId: 'tabagent' }]);
  if (has('messages')) {
    const store = new ConversationStore(db, { channelName: false });
    expect(await store.load('c1')).toEqual(messages);
    // Today's code still reads the old turn: its status and its tool card.
    expect(restoreTurns(await store.load('c1'))).toMatchObject([
      { id: 'm0', userText: 'hi', status: 'done', items: [{ kind: 'tool-call', name: 'calculator', status: 'done', result: '2' }] },
    ]);
    const [next] = await store.appendMessages('c1', [{ role: 'user', content: 'after the upgrade' }]);
    expect(next?.seq).toBe(3);
    store.close();
  }
  if (has('tools')) expect(await db.get('tools', 'weather')).toEqual(tool);
  if (has('vectors')) {
    const stored = await db.get('vectors', ['minilm', 'h1']);
    expect(stored?.vector).toBeInstanceOf(Float32Array);
    expect(stored).toEqual(vector);
  }
  if (has('memories')) expect(await db.count('memories')).toBe(1);
  if (has('knowledgeChunks')) expect(await db.getAllFromIndex('knowledgeChunks', 'by-document', 'd')).toHaveLength(1);
  if (has('networkLog')) expect((await db.getAllFromIndex('networkLog', 'by-time'))[0]).toMatchObject({ id: 1, outcome: 'allowed' });
  if (has('knowledgeBases')) expect(await db.get('knowledgeBases', 'kb')).toEqual(knowledgeBase);
  if (has('evalRuns')) expect(await db.getAllFromIndex('evalRuns', 'by-started')).toEqual([evalRun]);
  if (has('evalExamples')) expect(await db.getAllFromIndex('evalExamples', 'by-run', 'r1')).toHaveLength(1);
  if (has('mcpServers')) expect(await db.get('mcpServers', 'srv')).toEqual(mcpServer);
  if (has('secrets')) expect(await db.count('secrets')).toBe(1);
}

describe('migration 5: agents', () => {
  it('turns version 4 settings into the default agent "Tabagent" on first open, once, and its conversations belong to it', async () => {
    const name = uniqueName('v4-agents');
    names.push(name);
    await createAt(name, 4);
    const db = await openTabagentDb({ name });
    try {
      await db.put('settings', { schema: 1, settings: { ...structuredClone(v1Settings), pinnedTools: ['calculator'] } }, 'app');
      expect(await db.getAllFromIndex('conversations', 'by-agent', DEFAULT_AGENT_ID)).toEqual([{ ...conversation, agentId: DEFAULT_AGENT_ID }]);
      // The upgrade itself writes no agent (it must stay synchronous): the app does, on first open.
      expect(await db.count('agents')).toBe(0);
      const agents = createAgentService({ openDatabase: () => Promise.resolve(db), now: () => 10 });
      const listed = await agents.list();
      const tabagent = listed.find((agent) => agent.id === DEFAULT_AGENT_ID);
      expect(tabagent).toMatchObject({ name: 'Tabagent', instructions: 'Be brief.', pinnedTools: ['calculator'], tools: [{ kind: 'all-tools' }], engine: { kind: 'default' } });
      expect(tabagent?.builtIn).toBeUndefined();
      expect(await agents.defaultAgentId()).toBe(DEFAULT_AGENT_ID);
      // Idempotent: another service (another tab) neither duplicates nor overwrites it.
      await agents.save({ ...tabagent!, instructions: 'Edited.' });
      await createAgentService({ openDatabase: () => Promise.resolve(db), now: () => 20 }).list();
      expect(await db.getAll('agents')).toEqual([expect.objectContaining({ id: DEFAULT_AGENT_ID, instructions: 'Edited.' })]);
      // The conversation's ticked knowledge base is kept as it was.
      expect((await db.get('conversations', 'c1'))?.knowledgeBaseIds).toEqual(['kb']);
    } finally {
      db.close();
    }
  });
});

describe('migration 6: settings keep only what is global', () => {
  const legacy = { pinnedTools: ['calculator', 'current_time'], toolsPerTurn: 3 };

  it("moves the settings' pinned tools and tools per turn into the existing default agent, keeping its own pins and the tool switches", async () => {
    const name = uniqueName('v5-pins');
    names.push(name);
    await createAt(name, 5);
    const old = await openDB(name, 5);
    // The default agent as migration 5's app code wrote it, and settings as the Tools page left them.
    await old.put('agents', { id: 'tabagent', version: 1, name: 'Tabagent', instructions: 'Be brief.', engine: { kind: 'default' }, tools: [{ kind: 'all-tools' }], pinnedTools: ['current_time', 'unit_convert'], createdAt: 1, updatedAt: 1 });
    await old.put('settings', { schema: 1, settings: { ...structuredClone(v1Settings), enabledTools: { model_api: false }, ...legacy } }, 'app');
    old.close();
    const db = await openTabagentDb({ name });
    try {
      expect(await db.get('agents', DEFAULT_AGENT_ID)).toMatchObject({ pinnedTools: ['current_time', 'unit_convert', 'calculator'], toolsPerTurn: 3, instructions: 'Be brief.' });
      const settings = (await db.get('settings', 'app'))?.settings as Record<string, unknown>;
      expect(settings).not.toHaveProperty('pinnedTools');
      expect(settings).not.toHaveProperty('toolsPerTurn');
      expect(settings).toMatchObject({ enabledTools: { model_api: false }, systemPrompt: 'Be brief.' });
    } finally {
      db.close();
    }
  });

  it('gives a version 4 database\'s pins and tools per turn to the default agent the app writes on first open', async () => {
    const name = uniqueName('v4-pins');
    names.push(name);
    await createAt(name, 4);
    const old = await openDB(name, 4);
    await old.put('settings', { schema: 1, settings: { ...structuredClone(v1Settings), ...legacy } }, 'app');
    old.close();
    const db = await openTabagentDb({ name });
    try {
      const tabagent = await createAgentService({ openDatabase: () => Promise.resolve(db) }).get(DEFAULT_AGENT_ID);
      expect(tabagent).toMatchObject({ pinnedTools: ['calculator', 'current_time'], toolsPerTurn: 3, tools: [{ kind: 'all-tools' }] });
    } finally {
      db.close();
    }
  });
});

describe('upgrades from every earlier version', () => {
  it('has a frozen copy of every shipped migration', () => {
    expect(FROZEN_MIGRATIONS, 'append a verbatim copy of the new migration to FROZEN_MIGRATIONS').toHaveLength(TABAGENT_DB_VERSION);
  });

  for (let version = 1; version < TABAGENT_DB_VERSION; version += 1) {
    it(`keeps the data of a version ${version} database and adds every new store`, async () => {
      const name = uniqueName(`v${version}`);
      names.push(name);
      await createAt(name, version);
      const before = await openDB(name, version);
      const storesBefore = [...before.objectStoreNames];
      before.close();
      const db = await openTabagentDb({ name });
      try {
        expect(db.version).toBe(TABAGENT_DB_VERSION);
        expect([...db.objectStoreNames].sort()).toEqual([...ALL_STORES].sort());
        await expectDataKept(db, storesBefore);
      } finally {
        db.close();
      }
    });
  }

  it('keeps the data of a database already at the current version when reopened', async () => {
    const name = uniqueName('current');
    names.push(name);
    await createAt(name, TABAGENT_DB_VERSION);
    const db = await openTabagentDb({ name });
    try {
      await expectDataKept(db, ALL_STORES);
    } finally {
      db.close();
    }
  });

  it('gives a version 1 settings record the engine kind of migration 2', async () => {
    const name = uniqueName('v1-kind');
    names.push(name);
    await createAt(name, 1);
    const db = await openTabagentDb({ name });
    try {
      expect((await db.get('settings', 'app'))?.settings).toMatchObject({ engine: { kind: 'openai-compatible' } });
    } finally {
      db.close();
    }
  });
});

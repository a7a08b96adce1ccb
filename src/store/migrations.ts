import type { TabagentDb, UpgradeTransaction } from './schema';

/**
 * One schema step. Runs inside the upgrade transaction: it must be synchronous (IndexedDB
 * commits the transaction as soon as it has no pending requests, so awaiting anything
 * else — a fetch, a timer — inside it closes it under our feet).
 */
export type Migration = (db: TabagentDb, transaction: UpgradeTransaction) => void;

/**
 * The numbered migrations: entry `n - 1` takes the database from version `n - 1` to `n`.
 * Only append; never edit a migration that has shipped.
 */
export const migrations: readonly Migration[] = [
  // 1: the settings store (one record, keyed by name).
  (db) => {
    db.createObjectStore('settings');
  },
  // 2: engines gain a kind (server, web-llm, transformers.js). Saved settings predate local
  // engines, so they say 'openai-compatible' explicitly; every other field is kept as it was.
  // The get→put chain stays inside the upgrade transaction: idb resolves each request's promise
  // in the request's success callback, before IndexedDB checks for pending work.
  (_db, transaction) => {
    const store = transaction.objectStore('settings');
    // 'app' is the key settings-repository.ts stores under; a shipped migration keeps its own copy.
    void store
      .get('app')
      .then((record) => {
        if (!record || typeof record.settings !== 'object' || record.settings === null) return undefined;
        const settings = record.settings as { engine?: unknown };
        const engine = typeof settings.engine === 'object' && settings.engine !== null ? settings.engine : {};
        if ('kind' in engine) return undefined;
        return store.put({ ...record, settings: { ...settings, engine: { ...engine, kind: 'openai-compatible' } } }, 'app');
      })
      // A record that cannot be rewritten is still read correctly: normalizeSettings treats a
      // missing kind as 'openai-compatible'. Failing the whole upgrade would lock the app out.
      .catch(() => undefined);
  },
  // 3: the user's data: conversations and their messages, tools, cached vectors, memories,
  // knowledge bases and the network log, each with the indexes its queries need. Only creates
  // stores, so every record saved at version 2 is kept as it was.
  (db) => {
    db.createObjectStore('conversations', { keyPath: 'id' }).createIndex('by-updated', 'updatedAt');
    // Unique: even a bug in seq allocation cannot give one position to two messages.
    db.createObjectStore('messages', { keyPath: 'id' }).createIndex('by-conversation-seq', ['conversationId', 'seq'], {
      unique: true,
    });
    db.createObjectStore('tools', { keyPath: 'name' });
    db.createObjectStore('vectors', { keyPath: ['modelId', 'textHash'] }).createIndex('by-model', 'modelId');
    db.createObjectStore('memories', { keyPath: 'id' }).createIndex('by-updated', 'updatedAt');
    db.createObjectStore('knowledgeDocuments', { keyPath: 'id' }).createIndex('by-base', 'knowledgeBaseId');
    db.createObjectStore('knowledgeChunks', { keyPath: 'id' }).createIndex('by-document', 'documentId');
    db.createObjectStore('networkLog', { keyPath: 'id', autoIncrement: true }).createIndex('by-time', 'time');
  },
  // 4: knowledge bases (named groups of documents), evaluation runs with their per-example
  // results, connected MCP servers and secrets (values the network door injects). Only creates
  // stores, so everything saved at version 3 is kept.
  (db) => {
    db.createObjectStore('knowledgeBases', { keyPath: 'id' });
    db.createObjectStore('evalRuns', { keyPath: 'id' }).createIndex('by-started', 'startedAt');
    db.createObjectStore('evalExamples', { keyPath: ['runId', 'index'] }).createIndex('by-run', 'runId');
    db.createObjectStore('mcpServers', { keyPath: 'id' });
    db.createObjectStore('secrets', { keyPath: 'id' });
  },
  // 5: agents (issue 13). The person's agents get a store; conversations gain `agentId` (and an
  // index to find an agent's conversations), and every saved conversation now belongs to the
  // default agent "Tabagent". That agent's record is written by the app on first open
  // (agents/default-agent.ts): it is made from the settings and the tool list, which only the app
  // knows, and nothing here may wait for it. The cursor chain stays inside the upgrade transaction
  // (each step is a request of this transaction, as in migration 2).
  (db, transaction) => {
    db.createObjectStore('agents', { keyPath: 'id' }).createIndex('by-updated', 'updatedAt');
    const conversations = transaction.objectStore('conversations');
    conversations.createIndex('by-agent', 'agentId');
    // The default agent's id (DEFAULT_AGENT_ID in agent-repository.ts); a shipped migration keeps its own copy.
    const defaultAgentId = 'tabagent';
    type Cursor = Awaited<ReturnType<typeof conversations.openCursor>>;
    const stamp = (cursor: Cursor): Promise<void> | undefined => {
      if (!cursor) return undefined;
      if (typeof cursor.value.agentId !== 'string') void cursor.update({ ...cursor.value, agentId: defaultAgentId });
      return cursor.continue().then(stamp);
    };
    // A conversation left unstamped still reads as the default agent's (an absent agentId means it).
    void conversations.openCursor().then(stamp).catch(() => undefined);
  },
  // 6: settings keep only what is global. The pinned tools and tools per turn that Settings and the
  // Tools page still stored move into the default agent's record, where runs read them; its pins
  // come first, then the settings' (none lost). When the default agent is not written yet, the
  // settings are left as they are: agents/default-agent.ts makes it from them on first open. The
  // get→put chain stays inside the upgrade transaction (as in migration 2).
  (_db, transaction) => {
    // 'app' and 'tabagent' are the keys settings-repository.ts and agent-repository.ts use; a shipped migration keeps its own copy.
    const settingsStore = transaction.objectStore('settings');
    const agents = transaction.objectStore('agents');
    void Promise.all([settingsStore.get('app'), agents.get('tabagent')])
      .then(([record, agent]) => {
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
      // Left unmoved, the settings' copies are simply no longer read: failing the upgrade would lock the app out.
      .catch(() => undefined);
  },
];

/** The schema version this code opens: the number of migrations. */
export const TABAGENT_DB_VERSION = migrations.length;

/** Runs every migration after `oldVersion` up to `newVersion`, in order. */
export function runMigrations(
  db: TabagentDb,
  transaction: UpgradeTransaction,
  oldVersion: number,
  newVersion: number,
): void {
  for (let version = oldVersion + 1; version <= newVersion; version += 1) {
    const migration = migrations[version - 1];
    if (migration === undefined) throw new Error(`No migration to database version ${version}.`);
    migration(db, transaction);
  }
}

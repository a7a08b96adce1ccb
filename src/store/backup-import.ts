/**
 * Restores a validated backup (see backup.ts) without ever overwriting: a record whose key is
 * already here is skipped, or imported as a copy under a new id when the person chose so, and
 * every reference to a copied record (a message's conversation, a chunk's document, a
 * conversation's knowledge bases) follows it. Everything is written in one transaction: all or nothing.
 *
 * Importing is "plan → confirm → apply": `planImport` lists the security-relevant changes the
 * file would make (trust-changes.ts), the person confirms exactly those they accept, and
 * `applyImport` writes the data with only the confirmed ones (tools and MCP servers otherwise
 * imported switched off, this browser's strict mode and endpoints kept).
 */
import {
  BACKUP_STORES,
  base64ToBytes,
  keepSecrets,
  SETTINGS_RECORD_KEY,
  withoutSecrets,
  type BackupFile,
  type BackupMessage,
  type BackupStore,
} from './backup';
import type { StoredImage } from './image-blobs';
import type { McpServerRecord, MessageRecord, ToolRecord, VectorRecord } from './records';
import type { AgentDefinition } from '../core/agent-definition';
import type { TabagentDb } from './schema';
import { defaultSettings, normalizeSettings, type Settings } from './settings';
import { toStorageError } from './storage-error';
import { agentEngineTrustChange, confirmedIds, mcpServerTrustChange, settingsTrustChanges, toolTrustChange, withConfirmedSettings, type TrustChange } from './trust-changes';
import { requestAll, writeTransaction } from './write-transaction';

/** What to do with a record whose key already exists here. */
export type ConflictChoice = 'skip' | 'copy';

export interface ImportOptions {
  /** Default 'skip'. Tools (keyed by name) and cached vectors (keyed by their text) are always skipped. */
  onConflict?: ConflictChoice;
  /**
   * Replace this browser's saved settings with the backup's; this browser's API keys are kept.
   * Without it the backup's settings are used only where none were saved yet.
   */
  replaceSettings?: boolean;
}

export interface StoreCounts {
  /** Imported under their own key. */
  added: number;
  /** Imported under a new id because the key existed. */
  copied: number;
  /** Left out because the key existed (or their parent was left out). */
  skipped: number;
}

export interface ImportReport {
  stores: Record<BackupStore, StoreCounts>;
  settings: 'imported' | 'replaced' | 'kept' | 'none';
  /** The security-relevant changes applied (confirmed) and left out (not confirmed). */
  trust: { applied: TrustChange[]; declined: TrustChange[] };
}

/** Per store: how many records the file holds and how many of their keys already exist here. */
export interface ImportPreview {
  stores: Record<BackupStore, { total: number; existing: number }>;
  /** The file has settings, and this browser has saved settings of its own. */
  settingsConflict: boolean;
}

type Key = string;

/** A stable string for any IndexedDB key (vectors and eval examples have array keys). */
function keyString(key: IDBValidKey): Key {
  return typeof key === 'string' ? key : JSON.stringify(key);
}

function keyOf(store: BackupStore, record: Record<string, unknown>): Key {
  switch (store) {
    case 'vectors':
      return keyString([record.modelId as string, record.textHash as string]);
    case 'evalExamples':
      return keyString([record.runId as string, record.index as number]);
    case 'tools':
      return record.name as string;
    default:
      return record.id as string;
  }
}

/** The keys of every backed-up store as they are now, and whether settings were saved. */
async function existingKeys(db: TabagentDb): Promise<{ keys: Record<BackupStore, Set<Key>>; settings: Settings | undefined }> {
  try {
    const tx = db.transaction([...BACKUP_STORES, 'settings']);
    const lists = await requestAll(BACKUP_STORES.map((store) => () => tx.objectStore(store).getAllKeys() as Promise<IDBValidKey[]>));
    const settingsRecord = await tx.objectStore('settings').get(SETTINGS_RECORD_KEY);
    const keys = Object.fromEntries(BACKUP_STORES.map((store, index) => [store, new Set(lists[index]!.map(keyString))])) as Record<BackupStore, Set<Key>>;
    return { keys, settings: settingsRecord ? normalizeSettings(settingsRecord.settings) : undefined };
  } catch (error) {
    throw toStorageError(error, 'read your data');
  }
}

/** How the file's records meet what is here, for the person to choose before importing. */
export async function previewImport(db: TabagentDb, file: BackupFile): Promise<ImportPreview> {
  const { keys, settings } = await existingKeys(db);
  const stores = Object.fromEntries(
    BACKUP_STORES.map((store) => {
      const records = (file.data[store] ?? []) as unknown as Record<string, unknown>[];
      return [store, { total: records.length, existing: records.filter((record) => keys[store].has(keyOf(store, record))).length }];
    }),
  ) as ImportPreview['stores'];
  return { stores, settingsConflict: file.data.settings !== undefined && settings !== undefined };
}

/** The records to add per store, after skipping and copying. */
interface Plan {
  records: Record<BackupStore, Record<string, unknown>[]>;
  counts: Record<BackupStore, StoreCounts>;
}

function plan(file: BackupFile, keys: Record<BackupStore, Set<Key>>, choice: ConflictChoice): Plan {
  const records = Object.fromEntries(BACKUP_STORES.map((store) => [store, []])) as unknown as Plan['records'];
  const counts = Object.fromEntries(BACKUP_STORES.map((store) => [store, { added: 0, copied: 0, skipped: 0 }])) as Plan['counts'];
  const renamed = Object.fromEntries(BACKUP_STORES.map((store) => [store, new Map<string, string>()])) as Record<BackupStore, Map<string, string>>;
  const left = Object.fromEntries(BACKUP_STORES.map((store) => [store, new Set<string>()])) as Record<BackupStore, Set<string>>;
  const idIn = (store: BackupStore, id: string): string => renamed[store].get(id) ?? id;

  /** Adds one record: skipped with its parent, else under its own key, or copied, or skipped. */
  const take = (store: BackupStore, record: Record<string, unknown>, parentLeftOut: boolean, copyable: boolean): void => {
    const id = keyOf(store, record);
    if (parentLeftOut || (keys[store].has(id) && (choice === 'skip' || !copyable))) {
      left[store].add(id);
      counts[store].skipped += 1;
      return;
    }
    if (keys[store].has(id)) {
      const copy = crypto.randomUUID();
      renamed[store].set(id, copy);
      records[store].push({ ...record, id: copy });
      counts[store].copied += 1;
      return;
    }
    records[store].push({ ...record });
    counts[store].added += 1;
  };

  const { data } = file;
  // Agents first: a copied agent's conversations follow it to its new id.
  for (const agent of data.agents ?? []) take('agents', { ...agent }, false, true);
  for (const base of data.knowledgeBases) take('knowledgeBases', { ...base }, false, true);
  for (const document of data.knowledgeDocuments) {
    take('knowledgeDocuments', { ...document, knowledgeBaseId: idIn('knowledgeBases', document.knowledgeBaseId) }, left.knowledgeBases.has(document.knowledgeBaseId), true);
  }
  for (const chunk of data.knowledgeChunks) {
    take('knowledgeChunks', { ...chunk, documentId: idIn('knowledgeDocuments', chunk.documentId) }, left.knowledgeDocuments.has(chunk.documentId), true);
  }
  for (const conversation of data.conversations) {
    const knowledgeBaseIds = conversation.knowledgeBaseIds.map((id) => idIn('knowledgeBases', id));
    const moved = { ...conversation, knowledgeBaseIds };
    if (conversation.agentId !== undefined) moved.agentId = idIn('agents', conversation.agentId);
    if (conversation.knowledgeBasesOff !== undefined) moved.knowledgeBasesOff = conversation.knowledgeBasesOff.map((id) => idIn('knowledgeBases', id));
    take('conversations', moved, false, true);
  }
  for (const message of data.messages) {
    take('messages', { ...message, conversationId: idIn('conversations', message.conversationId) }, left.conversations.has(message.conversationId), true);
  }
  // Within a conversation, messages name their turn by its opening message's id; citations name chunks.
  for (const message of records.messages as unknown as MessageRecord[]) {
    if (message.turnId !== undefined) message.turnId = idIn('messages', message.turnId);
    if (message.sources) message.sources = message.sources.map((source) => (source.ref === undefined ? source : { ...source, ref: idIn('knowledgeChunks', source.ref) }));
  }
  for (const memory of data.memories) {
    const moved = { ...memory };
    if (memory.conversationId !== undefined) moved.conversationId = idIn('conversations', memory.conversationId);
    // An agent's own memory follows its agent when an import renames it.
    if (memory.agentId !== undefined) moved.agentId = idIn('agents', memory.agentId);
    take('memories', moved, false, true);
  }
  // The same model and text always give the same vector: one already here is the same one.
  for (const vector of data.vectors) take('vectors', { ...vector }, false, false);
  // Tools are keyed by the name the model calls them by: a second tool of the same name cannot exist.
  for (const tool of data.tools) take('tools', { ...tool }, false, false);
  for (const run of data.evalRuns) take('evalRuns', { ...run }, false, true);
  for (const example of data.evalExamples) {
    const runId = idIn('evalRuns', example.runId);
    const moved = { ...example, runId };
    // An example's key is (run, index): it is new whenever its run was copied.
    const key = keyOf('evalExamples', moved);
    if (left.evalRuns.has(example.runId) || keys.evalExamples.has(key)) {
      counts.evalExamples.skipped += 1;
      continue;
    }
    records.evalExamples.push(moved);
    counts.evalExamples.added += 1;
  }
  for (const server of data.mcpServers) take('mcpServers', { ...server }, false, true);
  return { records, counts };
}

/** A message from the file with its images' base64 turned back into Blobs. */
function toMessageRecord(record: Record<string, unknown>): MessageRecord {
  const message = record as unknown as BackupMessage;
  if (!message.images) return message as MessageRecord;
  const images = message.images.map(({ data, ...image }): StoredImage => ({ ...image, blob: new Blob([base64ToBytes(data) as BlobPart], { type: image.mediaType }) }));
  return { ...message, images };
}

function toVectorRecord(record: Record<string, unknown>): VectorRecord {
  const bytes = base64ToBytes(record.vector as string);
  return { ...(record as unknown as VectorRecord), vector: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4) };
}

/** What an import would write, and the security-relevant changes among it that need the person's confirmation. */
export interface ImportPlan {
  /** Exactly the changes to list for the person; `applyImport` applies only those confirmed. */
  readonly changes: readonly TrustChange[];
  /** Per store: what would be added, copied and skipped. */
  readonly stores: Record<BackupStore, StoreCounts>;
  readonly settings: ImportReport['settings'];
  /** @internal The records and settings to write. */
  readonly write: { records: Plan['records']; settings: Settings | undefined; base: Settings };
}

/**
 * Plans the import of a validated backup (see `parseBackup`) against this browser's data as it
 * is now: which records are added, copied or skipped, which settings would be written, and the
 * security-relevant changes among them. Writes nothing. Throws TabagentError('storage').
 */
export async function planImport(db: TabagentDb, file: BackupFile, options: ImportOptions = {}): Promise<ImportPlan> {
  const { keys, settings: current } = await existingKeys(db);
  const { records, counts } = plan(file, keys, options.onConflict ?? 'skip');
  let settings: ImportReport['settings'] = 'none';
  let nextSettings: Settings | undefined;
  if (file.data.settings !== undefined) {
    const imported = withoutSecrets(normalizeSettings(file.data.settings));
    if (current === undefined) {
      settings = 'imported';
      nextSettings = imported;
    } else if (options.replaceSettings) {
      settings = 'replaced';
      nextSettings = normalizeSettings(keepSecrets(imported, current));
    } else settings = 'kept';
  }
  // Compared with this browser's settings, or with a fresh install's when none were saved.
  const base = current ?? defaultSettings();
  const changes = [
    ...(nextSettings ? settingsTrustChanges(base, nextSettings) : []),
    ...(records.tools as unknown as ToolRecord[]).map(toolTrustChange),
    ...(records.mcpServers as unknown as McpServerRecord[]).map(mcpServerTrustChange),
    ...((records.agents ?? []) as unknown as AgentDefinition[]).map(agentEngineTrustChange),
  ].filter((change): change is TrustChange => change !== undefined);
  return { changes, stores: counts, settings, write: { records, settings: nextSettings, base } };
}

/**
 * Writes a planned import with only the `confirmed` security-relevant changes (each must be one
 * of `plan.changes`, unchanged): tools and MCP servers not confirmed are imported switched off,
 * settings not confirmed keep this browser's value. Never overwrites: records are only added (an
 * `add` that meets a key written meanwhile by another tab fails the whole import, which then
 * changes nothing). Throws TabagentError('storage'), or TabagentError('config') for a
 * confirmation that is not in the plan.
 */
export async function applyImport(db: TabagentDb, importPlan: ImportPlan, confirmed: readonly TrustChange[]): Promise<ImportReport> {
  const accepted = confirmedIds(importPlan.changes, confirmed);
  const { records, base } = importPlan.write;
  const nextSettings = importPlan.write.settings && withConfirmedSettings(base, importPlan.write.settings, accepted);
  const planned = new Set(importPlan.changes.map((change) => change.id));
  // Only a record whose switching on was listed and not confirmed comes in switched off.
  const switchedOff = (id: string, record: Record<string, unknown>): Record<string, unknown> =>
    planned.has(id) && !accepted.has(id) ? { ...record, enabled: false } : record;
  await writeTransaction(db, [...BACKUP_STORES, 'settings'], () => 'import the backup', async (tx) => {
    const writes: Array<() => Promise<unknown>> = [];
    for (const store of BACKUP_STORES) {
      const objectStore = tx.objectStore(store);
      for (const record of records[store]) {
        let value: unknown = record;
        if (store === 'vectors') value = toVectorRecord(record);
        else if (store === 'messages') value = toMessageRecord(record);
        else if (store === 'tools') value = switchedOff(`tool:${String(record.name)}`, record);
        else if (store === 'mcpServers') value = switchedOff(`mcp:${String(record.id)}`, record);
        // An agent's own server, not confirmed: the agent comes in on the default engine.
        else if (store === 'agents' && planned.has(`agent-engine:${String(record.id)}`) && !accepted.has(`agent-engine:${String(record.id)}`)) value = { ...record, engine: { kind: 'default' } };
        // `add`, never `put`: a key that exists fails the transaction instead of replacing a record.
        writes.push(() => (objectStore.add as (value: unknown) => Promise<IDBValidKey>)(value));
      }
    }
    if (nextSettings) writes.push(() => tx.objectStore('settings').put({ schema: 1, settings: nextSettings }, SETTINGS_RECORD_KEY));
    await requestAll(writes);
  });
  return {
    stores: importPlan.stores,
    settings: importPlan.settings,
    trust: { applied: importPlan.changes.filter((change) => accepted.has(change.id)), declined: importPlan.changes.filter((change) => !accepted.has(change.id)) },
  };
}

/**
 * Imports a validated backup in one step: `planImport`, then `applyImport` with the changes in
 * `confirmed` ('all' confirms every planned change; the default confirms none, so nothing
 * security-relevant is applied). Throws TabagentError('storage').
 */
export async function importBackup(
  db: TabagentDb,
  file: BackupFile,
  options: ImportOptions & { confirmed?: 'all' | readonly TrustChange[] } = {},
): Promise<ImportReport> {
  const importPlan = await planImport(db, file, options);
  const confirmed = options.confirmed === 'all' ? importPlan.changes : (options.confirmed ?? []);
  return applyImport(db, importPlan, confirmed);
}

/**
 * Backup: every piece of the person's data in one JSON file, and back. The file is
 * `{format: 'tabagent-backup', version: 1, exportedAt, data}`; `data` holds one array per store
 * (vectors as base64 of their little-endian Float32 bytes) and the settings with every secret
 * (API keys) emptied. The `secrets` store and the network log are never exported.
 */
import { TabagentError } from '../core/errors';
import { bytesToBase64 } from './base64';
import type { StoredImage } from './image-blobs';
import { backupProblemsV1, type BackupProblems } from './backup-validate';
import type {
  AgentRecord,
  ConversationRecord,
  EvalExampleRecord,
  EvalRunRecord,
  KnowledgeBaseRecord,
  KnowledgeChunkRecord,
  KnowledgeDocumentRecord,
  McpServerRecord,
  MemoryRecord,
  MessageRecord,
  ToolRecord,
  VectorRecord,
} from './records';
import type { TabagentDb } from './schema';
import { normalizeSettings, type Settings } from './settings';
import { toStorageError } from './storage-error';

export { base64ToBytes, bytesToBase64 } from './base64';

export const BACKUP_FORMAT = 'tabagent-backup';
/** The version this code writes; it reads every version up to it. */
export const BACKUP_VERSION = 1;

/** The stores a backup holds, parents before children (the order import writes them). */
export const BACKUP_STORES = [
  'agents',
  'knowledgeBases',
  'knowledgeDocuments',
  'knowledgeChunks',
  'conversations',
  'messages',
  'memories',
  'vectors',
  'tools',
  'evalRuns',
  'evalExamples',
  'mcpServers',
] as const;

export type BackupStore = (typeof BACKUP_STORES)[number];

/** A cached embedding as the file holds it. */
export type BackupVector = Omit<VectorRecord, 'vector'> & {
  /** Base64 of the vector's Float32 bytes (little-endian, as every browser stores them). */
  vector: string;
};

/** An attached image as the file holds it: its type, name and bytes in base64. */
export type BackupImage = Omit<StoredImage, 'blob'> & {
  /** Base64 of the image's bytes. */
  data: string;
};

/** A message as the file holds it: attached images in base64 instead of Blobs. */
export type BackupMessage = Omit<MessageRecord, 'images'> & { images?: BackupImage[] };

export interface BackupData {
  /** The settings with every secret field emptied; absent when none were saved. */
  settings?: Settings;
  conversations: ConversationRecord[];
  messages: BackupMessage[];
  memories: MemoryRecord[];
  knowledgeBases: KnowledgeBaseRecord[];
  knowledgeDocuments: KnowledgeDocumentRecord[];
  knowledgeChunks: KnowledgeChunkRecord[];
  vectors: BackupVector[];
  tools: ToolRecord[];
  evalRuns: EvalRunRecord[];
  evalExamples: EvalExampleRecord[];
  mcpServers: McpServerRecord[];
  /** The person's agents (built-in agents are code, never in a backup); an older file has none. */
  agents: AgentRecord[];
}

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** ISO 8601. */
  exportedAt: string;
  data: BackupData;
}

/** The key of the settings record (settings-repository.ts). */
export const SETTINGS_RECORD_KEY = 'app';

/**
 * Field names that hold secrets, wherever they appear in the settings: `apiKey`, `secret`,
 * `password`, `…Token` (a plural such as `maxTokens` is a number of tokens, not a credential).
 */
const SECRET_FIELD = /(?:^|[a-z0-9_-])(?:api[-_]?key|secret|password|token|authorization)$/i;

/** True for a field name that holds a secret. */
export function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name);
}

/** A deep copy of `value` with every secret string field emptied. Stops API keys reaching a backup file. */
export function withoutSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => withoutSecrets(item)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    copy[key] = isSecretField(key) && typeof field === 'string' ? '' : withoutSecrets(field);
  }
  return copy as T;
}

/** Puts `from`'s secret fields into `into` at the same places (import keeps this browser's API keys). */
export function keepSecrets<T>(into: T, from: unknown): T {
  if (typeof into !== 'object' || into === null || Array.isArray(into) || typeof from !== 'object' || from === null) return into;
  const result: Record<string, unknown> = { ...(into as Record<string, unknown>) };
  const source = from as Record<string, unknown>;
  for (const [key, field] of Object.entries(result)) {
    if (isSecretField(key) && typeof source[key] === 'string') result[key] = source[key];
    else result[key] = keepSecrets(field, source[key]);
  }
  return result as T;
}

/** A stored message with its images' Blobs read into base64 (the file is JSON). */
async function toBackupMessage(record: MessageRecord): Promise<BackupMessage> {
  const { images: stored, ...rest } = record;
  if (!stored) return rest;
  const images = await Promise.all(
    stored.map(async ({ blob, ...image }): Promise<BackupImage> => ({ ...image, data: bytesToBase64(new Uint8Array(await blob.arrayBuffer())) })),
  );
  return { ...rest, images };
}

function vectorBytes(vector: Float32Array | ArrayBuffer): Uint8Array {
  return vector instanceof ArrayBuffer ? new Uint8Array(vector) : new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength);
}

/**
 * Reads every store in one transaction (a consistent snapshot, even while another tab writes)
 * and returns the backup. Throws TabagentError('storage').
 */
export async function exportBackup(db: TabagentDb, now: Date = new Date()): Promise<BackupFile> {
  try {
    const tx = db.transaction([...BACKUP_STORES, 'settings']);
    const [settingsRecord, knowledgeBases, knowledgeDocuments, knowledgeChunks, conversations, messages, memories, vectors, tools, evalRuns, evalExamples, mcpServers, agents] =
      await Promise.all([
        tx.objectStore('settings').get(SETTINGS_RECORD_KEY),
        tx.objectStore('knowledgeBases').getAll(),
        tx.objectStore('knowledgeDocuments').getAll(),
        tx.objectStore('knowledgeChunks').getAll(),
        tx.objectStore('conversations').getAll(),
        tx.objectStore('messages').getAll(),
        tx.objectStore('memories').getAll(),
        tx.objectStore('vectors').getAll(),
        tx.objectStore('tools').getAll(),
        tx.objectStore('evalRuns').getAll(),
        tx.objectStore('evalExamples').getAll(),
        tx.objectStore('mcpServers').getAll(),
        tx.objectStore('agents').getAll(),
      ]);
    const data: BackupData = {
      ...(settingsRecord ? { settings: withoutSecrets(normalizeSettings(settingsRecord.settings)) } : {}),
      conversations,
      // Blobs read from IndexedDB stay readable after their transaction has closed.
      messages: await Promise.all(messages.map(toBackupMessage)),
      memories,
      knowledgeBases,
      knowledgeDocuments,
      knowledgeChunks,
      vectors: vectors.map((record) => ({ ...record, vector: bytesToBase64(vectorBytes(record.vector)) })),
      tools,
      evalRuns,
      evalExamples,
      mcpServers,
      agents,
    };
    return { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now.toISOString(), data };
  } catch (error) {
    throw toStorageError(error, 'read your data for the backup');
  }
}

/** The backup as the text of a .json file. */
export function serializeBackup(file: BackupFile): string {
  return JSON.stringify(file);
}

function invalid({ problems, truncated }: BackupProblems): TabagentError {
  const shown = problems.slice(0, 5);
  const rest = problems.length - shown.length;
  const more = truncated ? ` (and at least ${rest + 1} more)` : rest > 0 ? ` (and ${rest} more)` : '';
  return new TabagentError('invalid-file', `This backup cannot be imported: ${shown.join('; ')}${more}. Nothing was changed.`, {
    data: { problems: [...problems], truncated },
  });
}

/**
 * Reads and validates a backup file's text: its format, version, every record's required fields,
 * the references between records and duplicate keys, reporting at most the first 20 problems
 * (`MAX_BACKUP_PROBLEMS`). Throws TabagentError('invalid-file') naming what is wrong.
 */
export function parseBackup(text: string): BackupFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TabagentError('invalid-file', `This file is not a Tabagent backup: it is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  const head = (typeof value === 'object' && value !== null ? value : {}) as { format?: unknown; version?: unknown };
  if (head.format !== BACKUP_FORMAT) {
    throw new TabagentError('invalid-file', 'This file is not a Tabagent backup: its "format" field is not "tabagent-backup".');
  }
  if (typeof head.version === 'number' && head.version > BACKUP_VERSION) {
    throw new TabagentError(
      'invalid-file',
      `This backup was made by a newer Tabagent (backup version ${head.version}; this one reads version ${BACKUP_VERSION}). Update Tabagent, then import it.`,
    );
  }
  if (head.version !== 1) throw new TabagentError('invalid-file', 'This backup cannot be imported: its "version" field must be 1.');
  // A backup from before agents existed has no `agents`: it reads as having none.
  const data = (value as { data?: unknown }).data;
  if (typeof data === 'object' && data !== null && !Array.isArray(data) && !('agents' in data)) (data as Record<string, unknown>).agents = [];
  const problems = backupProblemsV1(value);
  if (problems.problems.length > 0) throw invalid(problems);
  return value as BackupFile;
}

import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type {
  AgentRecord,
  ConversationRecord,
  EvalExampleRecord,
  EvalRunRecord,
  KnowledgeBaseRecord,
  McpServerRecord,
  SecretRecord,
  KnowledgeChunkRecord,
  KnowledgeDocumentRecord,
  MemoryRecord,
  MessageRecord,
  NetworkLogRecord,
  ToolRecord,
  VectorRecord,
} from './records';

/** The name of Tabagent's IndexedDB database. */
export const TABAGENT_DB_NAME = 'tabagent';

/** One stored settings record; `schema` lets later versions migrate the record itself. */
export interface SettingsRecord {
  schema: 1;
  settings: unknown;
}

/**
 * Every object store Tabagent keeps, with its key and indexes. Each store appears in exactly
 * one migration in `migrations.ts` (the user-data stores in migrations 3, 4 and 5); record shapes are in
 * `records.ts`.
 */
export interface TabagentDbSchema extends DBSchema {
  settings: {
    key: string;
    value: SettingsRecord;
  };
  conversations: {
    key: string;
    value: ConversationRecord;
    /** `by-agent` (migration 5): an agent's conversations. */
    indexes: { 'by-updated': number; 'by-agent': string };
  };
  messages: {
    key: string;
    value: MessageRecord;
    /** Unique: one position holds one message. */
    indexes: { 'by-conversation-seq': [string, number] };
  };
  tools: {
    key: string;
    value: ToolRecord;
  };
  vectors: {
    key: [string, string];
    value: VectorRecord;
    indexes: { 'by-model': string };
  };
  memories: {
    key: string;
    value: MemoryRecord;
    indexes: { 'by-updated': number };
  };
  knowledgeDocuments: {
    key: string;
    value: KnowledgeDocumentRecord;
    indexes: { 'by-base': string };
  };
  knowledgeChunks: {
    key: string;
    value: KnowledgeChunkRecord;
    indexes: { 'by-document': string };
  };
  networkLog: {
    key: number;
    value: NetworkLogRecord;
    indexes: { 'by-time': number };
  };
  knowledgeBases: {
    key: string;
    value: KnowledgeBaseRecord;
  };
  evalRuns: {
    key: string;
    value: EvalRunRecord;
    indexes: { 'by-started': number };
  };
  evalExamples: {
    key: [string, number];
    value: EvalExampleRecord;
    indexes: { 'by-run': string };
  };
  mcpServers: {
    key: string;
    value: McpServerRecord;
  };
  secrets: {
    key: string;
    value: SecretRecord;
  };
  /** The person's agents (migration 5), newest change last in `by-updated`. */
  agents: {
    key: string;
    value: AgentRecord;
    indexes: { 'by-updated': number };
  };
}

/** The name of one of Tabagent's object stores. */
export type TabagentStoreName = StoreNames<TabagentDbSchema>;

/** An open Tabagent database. */
export type TabagentDb = IDBPDatabase<TabagentDbSchema>;

/** The transaction an upgrade runs in. */
export type UpgradeTransaction = IDBPTransaction<TabagentDbSchema, StoreNames<TabagentDbSchema>[], 'versionchange'>;

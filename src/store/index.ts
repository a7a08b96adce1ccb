export { openTabagentDb, type OpenTabagentDbOptions } from './db';
export { databaseExists } from './database-presence';
export { migrations, runMigrations, TABAGENT_DB_VERSION, type Migration } from './migrations';
export { TABAGENT_DB_NAME, type TabagentDb, type TabagentDbSchema, type TabagentStoreName } from './schema';
export {
  defaultSettings,
  isEngineConfigured,
  isStrictNetwork,
  isToolEnabled,
  normalizeSettings,
  settingsToolModes,
  type EngineSettings,
  type LegacyAgentSettings,
  type ModelApiSettings,
  type Settings,
  type SettingsToolMode,
} from './settings';
export { loadLegacyAgentSettings, loadSettings, saveSettings } from './settings-repository';
export { isQuotaExceeded, toStorageError } from './storage-error';
export {
  ConversationStore,
  type ConversationPatch,
  type ConversationStoreOptions,
  type MessageDraft,
  type MessagePatch,
  type MessageUpdate,
  type NewConversation,
} from './conversation-store';
export {
  createMessageWriter,
  type MessageWriter,
  type MessageWriterOptions,
  type MessageWriterTarget,
  type Schedule,
} from './message-writer';
export type * from './records';
export {
  createStoreChangePublisher,
  isStoreChange,
  STORE_CHANNEL_NAME,
  subscribeToStoreChanges,
  type StoreChange,
  type StoreChangePublisher,
  type StoreChangeType,
  type SubscribeOptions,
} from './store-changes';
export {
  draftFromChatMessage,
  draftsFromTurns,
  restoreTurns,
  restoreTurnsWithImages,
  toChatMessage,
  turnMessageId,
  turnOpenerDraft,
  turnOpenerPatch,
  type StoredTurn,
} from './turn-records';
export { fromStoredImage, imageBase64, imageDataUrl, toStoredImage, type StoredImage } from './image-blobs';
export { requestAll, writeTransaction, type WriteTransaction } from './write-transaction';
export { getVectors, putVectors, type CachedVector } from './vector-cache';
export {
  addNetworkLogEntry,
  clearNetworkLog,
  listNetworkLog,
  NETWORK_LOG_LIMIT,
  updateNetworkLogEntry,
} from './network-log';
export {
  addAgentRecordIfAbsent,
  DEFAULT_AGENT_ID,
  deleteAgentRecord,
  getAgentRecord,
  listAgentRecords,
  putAgentRecord,
} from './agent-repository';

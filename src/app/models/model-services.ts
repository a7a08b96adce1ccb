import type { LoadProgress } from '../../core/types';
import type { CapabilityReport } from '../../llm/capabilities';
import type { CatalogModel } from '../../llm/catalog';
import type { LocalModelChoice } from './local-choice';

/** Storage this origin uses and may use, in bytes, and whether it is protected from eviction. */
export interface StorageInfo {
  usageBytes: number;
  quotaBytes: number;
  persisted: boolean;
}

/**
 * What the Models page needs from outside the UI: the catalog, the device probe, the download
 * caches and loading. The real ones talk to web-llm and transformers.js; tests pass stand-ins.
 */
export interface LocalModelServices {
  catalog: () => readonly CatalogModel[];
  probe: () => Promise<CapabilityReport>;
  /** Whether the model's files are in this browser's cache. */
  isCached: (choice: LocalModelChoice) => Promise<boolean>;
  /** Deletes the model's cached files (unloading it first when it is the loaded one). */
  deleteCached: (choice: LocalModelChoice) => Promise<void>;
  /** Downloads (or reads from cache) and loads the model into the engine chat will use. Rejects with TabagentError('aborted') on abort. */
  load: (choice: LocalModelChoice, onProgress: (progress: LoadProgress) => void, signal: AbortSignal) => Promise<void>;
  storage: () => Promise<StorageInfo | undefined>;
  /** Asks the browser to keep this origin's storage; resolves whether it agreed. */
  persist: () => Promise<boolean>;
  /** Frees what the local engine keeps of the open conversation (its key/value cache): called on a conversation switch. */
  resetContext?: () => Promise<void>;
}

/**
 * A connected MCP server as it is saved (the same shape as the store's `McpServerRecord`):
 * credentials are secret ids, never values.
 */
export interface McpServerConfig {
  id: string;
  url: string;
  /** Short label; also the prefix of the server's tool names, so it stays as first given. */
  name: string;
  /** False after Disconnect: kept, but not connected on start. */
  enabled: boolean;
  /** Header name → secret id. */
  headerSecrets: Record<string, string>;
  createdAt: number;
  updatedAt: number;
}

/** Where the manager keeps its servers (IndexedDB in the app, memory in tests and the CLI). */
export interface McpServerStore {
  list(): Promise<McpServerConfig[]>;
  put(config: McpServerConfig): Promise<void>;
  delete(id: string): Promise<void>;
}

/** A store that lives as long as the object (tests, Node). */
export function createMemoryServerStore(initial: readonly McpServerConfig[] = []): McpServerStore & { readonly saved: Map<string, McpServerConfig> } {
  const saved = new Map(initial.map((config) => [config.id, structuredClone(config)]));
  return {
    saved,
    list: () => Promise.resolve([...saved.values()].map((config) => structuredClone(config))),
    put: (config) => {
      saved.set(config.id, structuredClone(config));
      return Promise.resolve();
    },
    delete: (id) => {
      saved.delete(id);
      return Promise.resolve();
    },
  };
}

import type { McpServerConfig } from '../../core/mcp-server-config';

export type { McpServerConfig } from '../../core/mcp-server-config';

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

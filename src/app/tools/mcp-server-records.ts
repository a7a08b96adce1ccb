import type { McpServerRecord, TabagentDb } from '../../store';
import type { McpServerStore } from '../../tools/mcp';

/** The MCP server manager's store over the `mcpServers` object store. */
export function idbServerStore(database: () => Promise<TabagentDb>): McpServerStore {
  return {
    list: async () => (await database()).getAll('mcpServers'),
    put: async (config) => {
      const record: McpServerRecord = { ...config, headerSecrets: { ...config.headerSecrets } };
      await (await database()).put('mcpServers', record);
    },
    delete: async (id) => {
      await (await database()).delete('mcpServers', id);
    },
  };
}

/**
 * The agent import use case the UI calls: plans an import of chosen files or of a share link
 * against what this browser has, then adds one planned agent with exactly the parts the person
 * ticked — its MCP servers saved switched off (never contacted until the person connects them on
 * the Tools page), a typed key kept in the vault for its engine's origin only, the agent saved
 * through the AgentService.
 */
import type { AgentDefinition } from '../../../core/agent-definition';
import type { McpServerRecord, TabagentDb } from '../../../store';
import { builtinManifests } from '../../../tools/builtins';
import { storeSecret } from '../../tools/stored-secrets';
import type { AgentService } from '../agent-service';
import { readShareFragment } from '../share-link';
import { withConfirmed } from './confirmations';
import type { AgentImportFile, AgentImportPlan, ImportContext, ImportedAgent, ImportProblemReason } from './import-plan';
import { planAgentImport } from './plan-import';
import { TabagentError } from '../../../core/errors';

/** A tool as the importer needs to know it (the tool library's `LibraryTool` fits). */
export interface ImportableToolInfo {
  name: string;
  kind: string;
  allowedOrigins: readonly string[];
}

/** Tool kinds whose calls send their arguments to a server (as the executor counts them). */
const NETWORK_KINDS: ReadonlySet<string> = new Set(['http', 'openapi', 'mcp', 'model-api']);

export interface AgentImporterOptions {
  agents: AgentService;
  openDatabase: () => Promise<TabagentDb>;
  /** Every tool this browser has (default: the built-in tools). */
  tools?: () => readonly ImportableToolInfo[];
  newId?: () => string;
  now?: () => number;
}

/** What the person chose in the confirmation. */
export interface ImportChoice {
  /** Ids of the ticked confirmations; everything else stays off. */
  confirmed: ReadonlySet<string>;
  /** The key typed for the engine's missing key (empty or absent: none). */
  key?: string;
}

/** Imports agents from files and share links. */
export interface AgentImporter {
  /** Plans importing the chosen files; writes nothing. */
  plan(files: readonly AgentImportFile[]): Promise<AgentImportPlan>;
  /** Plans importing the agent a share link's fragment carries; writes nothing. */
  planShared(hash: string): Promise<AgentImportPlan>;
  /** Adds one planned agent with the parts the person ticked; resolves to the saved agent. */
  add(imported: ImportedAgent, choice: ImportChoice): Promise<AgentDefinition>;
}

/** The agent importer over the app's database and agent service. */
export function createAgentImporter(options: AgentImporterOptions): AgentImporter {
  const newId = options.newId ?? (() => crypto.randomUUID());
  const now = options.now ?? Date.now;

  const context = async (): Promise<ImportContext> => {
    const db = await options.openDatabase();
    const [knowledgeBaseIds, mcpServers, keyNames, agents] = await Promise.all([
      db.getAllKeys('knowledgeBases'),
      db.getAll('mcpServers'),
      db.getAllKeys('secrets'),
      options.agents.list(),
    ]);
    const tools = new Map((options.tools?.() ?? builtinManifests).map((tool) => [tool.name, tool]));
    return {
      draft: () => options.agents.draft(),
      newId,
      knowledgeBaseIds: new Set(knowledgeBaseIds.map(String)),
      agentIds: new Set(agents.map((agent) => agent.id)),
      mcpServers: mcpServers.map((server) => ({ id: server.id, url: server.url })),
      keyNames: new Set(keyNames.map(String)),
      tool: (name) => {
        const tool = tools.get(name);
        return tool ? { sendsData: (tool.allowedOrigins ?? []).length > 0 || NETWORK_KINDS.has(tool.kind) } : undefined;
      },
    };
  };

  return {
    async plan(files) {
      return planAgentImport(files, await context());
    },

    async planShared(hash) {
      let text: string;
      try {
        text = await readShareFragment(hash);
      } catch (error) {
        if (!TabagentError.is(error)) throw error;
        // A link that cannot be unpacked is damaged (too large stays too large).
        const reason: ImportProblemReason = error.data.reason === 'too-large' ? 'too-large' : 'damaged-link';
        return { agents: [], problems: [{ file: 'share link', reason, message: error.message }] };
      }
      return planAgentImport([{ name: 'share link', size: new TextEncoder().encode(text).byteLength, text: () => Promise.resolve(text) }], await context());
    },

    async add(imported, choice) {
      const { agent, servers } = withConfirmed(imported.agent, imported.mcpServers, imported.confirmations, choice.confirmed);
      const saved = await options.agents.save(agent);
      const db = await options.openDatabase();
      const key = choice.key?.trim() ?? '';
      if (imported.missingKey && key !== '' && saved.engine.kind === 'server') {
        await storeSecret(db, { id: imported.missingKey.keyName, label: imported.missingKey.keyName, value: key, origins: [imported.missingKey.origin], now: now() });
      }
      if (servers.length > 0) {
        const time = now();
        const transaction = db.transaction('mcpServers', 'readwrite');
        const records = servers.map(
          (server): McpServerRecord => ({ id: server.id, url: server.url, name: server.name, enabled: false, headerSecrets: {}, createdAt: time, updatedAt: time }),
        );
        await Promise.all([...records.map((record) => transaction.store.put(record)), transaction.done]);
      }
      return saved;
    },
  };
}

import type { ServerRequestQueue } from './tools/server-requests';
import type { AgentEvent } from '../core/agent/events';
import type { AgentDefinition } from '../core/agent-definition';
import type { AttachedResourceRef } from '../core/transcript';
import type { AgentService } from './agents/agent-service';
import type { RegisteredTool } from '../tools/registry';
import type { RunAgentOptions } from '../core/agent/options';
import type { ProviderPreset } from '../llm';
import type { OpenTabagentDbOptions, Settings, TabagentDb } from '../store';
import type { ToolManifest } from '../tools/manifest';
import type { ChatRunSetup, PrepareRunHooks } from './chat/run-turn';
import type { EmbeddingService } from './embedding/embedding-service';
import type { LocalModelServices } from './models/model-services';
import type { ToolLibraryServices } from './tools/tool-library-services';
import type { CustomToolServices } from './custom-tools/custom-tool-services';
import type { AppUpdates } from './updates';
import type { NetworkServices } from '../net/app-network';

/** Where a chat run happens: what context providers (knowledge, memories) read from. */
export interface RunScope {
  /** The app's database. */
  openDatabase: () => Promise<TabagentDb>;
  /** The open conversation's id (undefined until its first message is saved). */
  conversationId: string | undefined;
  /** The knowledge bases the open conversation draws on. */
  knowledgeBaseIds: readonly string[];
  /** The agent this run is for (absent: the default agent). */
  agent?: AgentDefinition;
  /** Tools offered in this run only, beside the agent's (e.g. the agent builder's draft-editing tools). */
  runTools?: readonly RunTool[];
  /** For an agent called as a tool: the ids of the agents running above it, outermost first (agent-as-tool.ts). */
  callChain?: readonly string[];
  /** Told when the run waits for saved MCP servers still reconnecting, and how the wait ended (the turn shows it). */
  onServerWait?: PrepareRunHooks['onServerWait'];
  /** MCP resources attached to the message this run answers: read as it starts, quoted as untrusted, citable sections. */
  resources?: readonly AttachedResourceRef[];
}

/** A tool that exists for one run only: not registered in the library, never listed elsewhere. */
export type RunTool = Pick<RegisteredTool, 'manifest' | 'implementation' | 'timeoutMs'>;

/** A tool as the settings panel lists it. */
export interface ToolInfo {
  name: string;
  description: string;
}

/** A provider the settings panel offers: picking it fills in the base URL (and a model when none is set). */
export type ProviderPresetOption = Pick<ProviderPreset, 'id' | 'label' | 'baseUrl' | 'exampleModel'> &
  Partial<Pick<ProviderPreset, 'needsKey'>>;

/**
 * Everything the app needs from outside the UI. `main.tsx` passes the real ones; tests pass
 * scripted stand-ins, so the UI never imports an engine or the tool library itself.
 */
export interface AppServices {
  runAgent: (options: RunAgentOptions) => AsyncIterable<AgentEvent>;
  openDb: (options: OpenTabagentDbOptions) => Promise<TabagentDb>;
  /**
   * Whether the app's database existed before this page opened it (main.tsx asks first thing);
   * `false` lets a first visit show default settings without waiting for the database's creation.
   */
  databaseExisted?: Promise<boolean | undefined>;
  /**
   * Engine and tools for a run with these settings; throws TabagentError('config') when incomplete.
   * `scope` (the chat's runs) adds the database and the open conversation, for per-turn context.
   */
  prepareRun: (settings: Settings, scope?: RunScope) => ChatRunSetup | Promise<ChatRunSetup>;
  /**
   * Puts settings in force: which tools are enabled, the `model_api` endpoint, the network door's
   * policy. The one path by which settings reach the tool registry and the door (the app calls it
   * whenever the saved settings change); absent in tests with scripted runs.
   */
  useSettings?: (settings: Settings) => void;
  /** The tools the settings panel can switch on and off. */
  tools: () => ToolInfo[];
  providerPresets: () => ProviderPresetOption[];
  /** Local models (the Models page); absent where the app offers only servers (e.g. tests). */
  models?: LocalModelServices;
  /** The service worker's "new version available" state (main.tsx); absent in tests and without a service worker. */
  updates?: AppUpdates;
  /** The shared embedding model (tool retrieval, memories, knowledge); absent: keyword retrieval only. */
  embedding?: EmbeddingService;
  /** The person's agents and the built-in ones (the Agents page, the chat's agent); absent in tests that need none. */
  agents?: AgentService;
  /** Every tool's manifest (training export: synthetic dialogues, call validation); absent: none. */
  toolManifests?: () => readonly ToolManifest[];
  /** The tool library (Tools page: MCP servers, OpenAPI import, the tools the agent may use); absent: no Tools page controls. */
  toolLibrary?: ToolLibraryServices;
  /** MCP servers' sampling and elicitation requests waiting for the person; absent: servers are not offered those capabilities' dialogs. */
  mcpRequests?: ServerRequestQueue;
  /** Custom tools (the tool editor on the Tools page): saved, registered, testable; absent: no editor. */
  customTools?: CustomToolServices;
  /** The network door: its ledger, secrets and the settings it enforces (the Network page); absent in tests. */
  network?: NetworkServices;
}

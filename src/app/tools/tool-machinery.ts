/**
 * The tool machinery: the registry with the built-in tools, the executor, the tool library (MCP,
 * OpenAPI), custom tools and the run resolver that offers them to the agent. Loaded by a dynamic
 * import (composition-root.ts) after the first screen: with JSON Schema validation, the built-in
 * tools' code and the MCP and OpenAPI clients it made up a third of the initial chunk, and the
 * message box needs none of it.
 */
import type { AgentEvent } from '../../core/agent/events';
import type { RunAgentOptions } from '../../core/agent/options';
import type { KnowledgeRetriever } from '../../knowledge';
import type { MemoryRepository } from '../../memory';
import { memoryToolStore } from '../../memory/tool-store';
import type { AppNetwork } from '../../net/app-network';
import { isToolEnabled, type Settings } from '../../store';
import { createToolExecutor, registerBuiltins, toolGrants, ToolRegistry, type ToolGrant } from '../../tools';
import { completeOnEngine } from '../../tools/mcp/sampling-engine';
import { createAgentRunResolver } from '../agents/agent-run';
import type { CustomToolServices } from '../custom-tools/custom-tool-services';
import { createCustomToolServices } from '../custom-tools/real-custom-tools';
import type { EmbeddingService } from '../embedding/embedding-service';
import { choiceKey } from '../models/local-choice';
import { transformersOptionsOf, type LocalEngineHolder } from '../models/local-engines';
import { modelApiConfigOf } from '../run-config';
import type { ModelTokenCounters } from '../token-counters';
import { createToolRetrieval } from '../tool-retrieval';
import type { ServerRequestQueue } from './server-requests';
import { createToolLibrary, type ToolLibrary } from './tool-library';
import { toolScrubbing } from './tool-output-scrub';

/** What the composition root lends the machinery: collaborators the first screen builds anyway. */
export interface ToolMachineryOptions {
  network?: AppNetwork;
  /** The settings in force (replaced as a whole by the app's `useSettings`). */
  settings: () => Settings;
  memories: () => Promise<MemoryRepository>;
  embedding: EmbeddingService;
  holder: LocalEngineHolder;
  tokenCounters: ModelTokenCounters;
  knowledgeRetriever: KnowledgeRetriever;
  runAgent: (options: RunAgentOptions) => AsyncIterable<AgentEvent>;
  /** Where MCP servers' sampling and elicitation requests wait for the person. */
  mcpRequests: ServerRequestQueue;
  /** Stores a credential the person typed (the door's vault). */
  storeSecret: (secret: { id: string; label: string; value: string; origins: string[] }) => Promise<void>;
}

/** The loaded machinery, as the composition root hands it out. */
export interface ToolMachinery {
  registry: ToolRegistry;
  toolLibrary: ToolLibrary;
  customTools: CustomToolServices;
  /** Engine, tools and context for a run (agents/agent-run.ts). */
  prepareAgentRun: ReturnType<typeof createAgentRunResolver>;
  /** Switches every registered tool on or off as the settings in force say. */
  applyEnabled(): void;
  /** Origins the enabled tools and the connected MCP servers may reach now (strict mode). */
  grants(): ToolGrant[];
}

/** Builds the machinery over the composition root's collaborators (once per app). */
export function createToolMachinery(options: ToolMachineryOptions): ToolMachinery {
  const { network, settings, memories, embedding } = options;
  const registry = new ToolRegistry();
  registerBuiltins(registry, {
    modelApi: () => modelApiConfigOf(settings(), network),
    memory: async () => memoryToolStore(await memories()),
  });
  const tools = createToolExecutor(
    registry,
    network ? { fetchFor: (name) => network.door.as(`tool:${name}`), ...toolScrubbing(network) } : {},
  );
  const toolRetrieval = createToolRetrieval((name) => registry.get(name)?.manifest, embedding);
  const applyEnabled = (): void => {
    for (const manifest of registry.list()) registry.setEnabled(manifest.name, isToolEnabled(settings(), manifest.name));
  };
  // Tools that join later (MCP, OpenAPI, custom) take their switch from the settings in force.
  // `setEnabled` notifies only on a change, so this settles after one pass.
  registry.subscribe(applyEnabled);
  applyEnabled();

  // MCP servers and OpenAPI imports add to this same registry, so their tools reach the agent. With
  // the door: connections and downloads go through it, and credentials live in its vault.
  const toolLibrary = createToolLibrary({
    registry,
    sampling: {
      approve: (request, signal) => options.mcpRequests.approveSampling(request, signal),
      // The engine of the conversation whose tool call the request came during (local or remote);
      // with none, the settings' engine, as a turn of the default agent would use it. Never with tools.
      complete: async (request, signal, engine) => completeOnEngine(engine ?? (await prepareAgentRun(settings())).engine, request, signal),
    },
    elicitation: (request, signal) => options.mcpRequests.elicit(request, signal),
    ...(network
      ? {
          fetchFor: (requester: string) => network.door.as(requester),
          grant: (origins: readonly string[], holder: string) => network.grant(origins, holder),
          secrets: {
            store: options.storeSecret,
            remove: async (ids: readonly string[]) => {
              for (const id of ids) await network.services.removeSecret(id);
            },
            resolve: network.resolveSecret,
          },
        }
      : {}),
  });
  const prepareAgentRun = createAgentRunResolver({
    holder: options.holder,
    runAgent: options.runAgent,
    tools,
    toolRetrieval,
    knowledgeRetriever: options.knowledgeRetriever,
    memories: () => memories().catch(() => undefined),
    catalog: { mcpServers: () => toolLibrary.servers() },
    countTokensFor: (local) =>
      local.engine === 'transformers' ? options.tokenCounters.counterFor(choiceKey(local), transformersOptionsOf(local)) : undefined,
    ...(network ? { network } : {}),
  });
  // Custom tools (HTTP templates, sandboxed JavaScript) join the same registry; with the door, their
  // tests go through it and their secrets travel as placeholders it fills in.
  const customTools = createCustomToolServices({
    registry,
    ...(network
      ? {
          fetchFor: (name: string) => network.door.as(`tool:${name}`),
          resolveSecret: network.resolveSecret,
          storeSecret: options.storeSecret,
        }
      : {}),
  });
  return {
    registry,
    toolLibrary,
    customTools,
    prepareAgentRun,
    applyEnabled,
    // Strict mode lets a tool reach exactly the origins of its manifest (and settings), while it is
    // enabled. Run-time origins come from an address the person typed in Settings (model_api's
    // endpoint): a local server there is meant, as for the engine's URL. A connected MCP server's
    // origin stays granted while the server is enabled (its session, list changes).
    grants: () => [
      ...registry
        .listEnabled()
        .flatMap((manifest) => toolGrants(manifest.name, registry.allowedOrigins(manifest.name), manifest, registry.get(manifest.name)?.origins?.() ?? [])),
      ...toolLibrary.grants(),
    ],
  };
}

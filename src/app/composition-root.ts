import { runAgentLazily as runAgent } from '../core/agent/run-agent-lazy';
import { providerPresets } from '../llm/openai-compatible/provider-presets';
import { memoryToolStore } from '../memory/tool-store';
import type { AppNetwork } from '../net/app-network';
import { defaultSettings, isToolEnabled, openTabagentDb, type Settings, type TabagentDb } from '../store';
import { createToolExecutor, registerBuiltins, toolGrants, ToolRegistry } from '../tools';
import { createCustomToolServices } from './custom-tools/real-custom-tools';
import { createDatabaseOpener } from './database-opener';
import { createLazyKnowledgeRetriever } from './knowledge/lazy-retriever';
import { createEmbeddingService } from './embedding/create-embedding-service';
import { createMemoryAccess } from './memory/memory-access';
import { choiceKey } from './models/local-choice';
import { LocalEngineHolder, transformersOptionsOf } from './models/local-engines';
import { createRealModelServices } from './models/real-model-services';
import { createAgentRunResolver } from './agents/agent-run';
import { withEngineGrants } from './agents/agent-engine-grants';
import { createAgentService } from './agents/agent-service-impl';
import { interfaceLanguageOf } from './interface-language';
import { assertEngineConfigured, modelApiConfigOf } from './run-config';
import type { AppServices } from './services';
import { ModelTokenCounters } from './token-counters';
import { createToolRetrieval } from './tool-retrieval';
import { toolScrubbing } from './tools/tool-output-scrub';
import { createServerRequestQueue } from './tools/server-requests';
import { completeOnEngine } from '../tools/mcp/sampling-engine';
import { createToolLibrary } from './tools/tool-library';

/** What the composition root is built from. */
export interface RealServicesOptions {
  /** The app's network door (src/net); absent in tests that talk to stubs directly. */
  network?: AppNetwork;
  /** Opens the database memories live in (default: the app's database). */
  openDatabase?: () => Promise<TabagentDb>;
}

/**
 * The composition root: the app's real collaborators, built once. The core agent loop, the
 * engine the settings choose (a server over HTTP, web-llm or transformers.js in a worker) and the
 * built-in tools behind the tool executor. Each run's configuration is a value `prepareRun`
 * builds from the settings and scope it is given; the settings in force (enabled tools, the
 * `model_api` endpoint, the door's policy) change only through `useSettings`.
 *
 * With `network` (the app's door, see src/net), every request the engine, the tools and the model
 * downloads make goes through it: each tool as `tool:<name>`, the engine as `engine`; API keys
 * travel as placeholders the door fills in for their own origin only; enabled tools' origins are
 * granted to them; tool results are scrubbed of secret values before the model sees them.
 */
export function createRealServices(options: RealServicesOptions = {}): AppServices {
  const { network } = options;
  const openDatabase = options.openDatabase ?? createDatabaseOpener(() => openTabagentDb());
  // The settings in force, replaced as a whole by `useSettings` (the one path settings take).
  let inForce: Settings = defaultSettings();
  const registry = new ToolRegistry();
  const memories = createMemoryAccess(openDatabase, () => services.embedding);
  const tokenCounters = new ModelTokenCounters();
  registerBuiltins(registry, {
    modelApi: () => modelApiConfigOf(inForce, network),
    memory: async () => memoryToolStore(await memories()),
  });
  const tools = createToolExecutor(
    registry,
    network ? { fetchFor: (name) => network.door.as(`tool:${name}`), ...toolScrubbing(network) } : {},
  );
  const holder = new LocalEngineHolder();
  // One embedding model for the session: tool retrieval, memories and knowledge share it.
  const embedding = createEmbeddingService(network ? { granter: network } : {});
  const toolRetrieval = createToolRetrieval((name) => registry.get(name)?.manifest, embedding);
  const knowledgeRetriever = createLazyKnowledgeRetriever({ embedder: () => embedding.current() });
  const applyEnabled = (): void => {
    for (const manifest of registry.list()) registry.setEnabled(manifest.name, isToolEnabled(inForce, manifest.name));
  };
  // Tools that join later (MCP, OpenAPI, custom) take their switch from the settings in force.
  // `setEnabled` notifies only on a change, so this settles after one pass.
  registry.subscribe(applyEnabled);
  // Strict mode lets a tool reach exactly the origins of its manifest (and settings), while it is
  // enabled. Run-time origins come from an address the person typed in Settings (model_api's
  // endpoint): a local server there is meant, as for the engine's URL.
  network?.addGrantSource(() =>
    registry
      .listEnabled()
      .flatMap((manifest) => toolGrants(manifest.name, registry.allowedOrigins(manifest.name), manifest, registry.get(manifest.name)?.origins?.() ?? [])),
  );

  const storeSecret = async (secret: { id: string; label: string; value: string; origins: string[] }): Promise<void> => {
    await network?.services.addSecret(secret);
  };
  // MCP servers and OpenAPI imports add to this same registry, so their tools reach the agent. With
  // the door: connections and downloads go through it, and credentials live in its vault.
  // MCP servers' sampling and elicitation requests wait here for the person (src/ui/tools/server-request-dialog.tsx).
  const mcpRequests = createServerRequestQueue();
  const toolLibrary = createToolLibrary({
    registry,
    sampling: {
      approve: (request, signal) => mcpRequests.approveSampling(request, signal),
      // The engine of the conversation whose tool call the request came during (local or remote);
      // with none, the settings' engine, as a turn of the default agent would use it. Never with tools.
      complete: async (request, signal, engine) => completeOnEngine(engine ?? (await prepareAgentRun(inForce)).engine, request, signal),
    },
    elicitation: (request, signal) => mcpRequests.elicit(request, signal),
    ...(network
      ? {
          fetchFor: (requester: string) => network.door.as(requester),
          grant: (origins: readonly string[], holder: string) => network.grant(origins, holder),
          secrets: {
            store: storeSecret,
            remove: async (ids: readonly string[]) => {
              for (const id of ids) await network.services.removeSecret(id);
            },
            resolve: network.resolveSecret,
          },
        }
      : {}),
  });
  // A connected MCP server's origin stays granted while the server is enabled (its session, list changes).
  network?.addGrantSource(() => toolLibrary.grants());
  const prepareAgentRun = createAgentRunResolver({
    holder,
    runAgent,
    tools,
    toolRetrieval,
    knowledgeRetriever,
    memories: () => memories().catch(() => undefined),
    catalog: { mcpServers: () => toolLibrary.servers() },
    countTokensFor: (local) => (local.engine === 'transformers' ? tokenCounters.counterFor(choiceKey(local), transformersOptionsOf(local)) : undefined),
    ...(network ? { network } : {}),
  });
  // Agents' own server engines are granted as the Settings engine is (strict mode).
  const agentsWithGrants = withEngineGrants(createAgentService({ openDatabase, language: () => interfaceLanguageOf(inForce) }));
  network?.addGrantSource(agentsWithGrants.grants);
  const services: AppServices = {
    runAgent,
    openDb: openTabagentDb,
    // Each run is for one agent (the scope's, the conversation's, or the default one): see agents/agent-run.ts.
    prepareRun: (settings, scope) => {
      // Runs on the settings' engine are refused at once (synchronously, as callers expect) when it is not set up.
      if (!scope || scope.agent?.engine.kind === 'default') assertEngineConfigured(settings);
      // Agreed to earlier: load it now (usually from the browser's cache); this turn still has keywords.
      if (settings.embeddingConsent === embedding.model.modelId && embedding.status().state === 'off') embedding.load().catch(() => undefined);
      // After a reload, saved MCP servers may still be reconnecting: wait a few seconds at most for their tools.
      // The turn says so while it waits, and whether it went on without some of them.
      // The message's attached resources are read then and come last among the turn's material; one that cannot be read fails the run, naming it.
      const report = scope?.onServerWait;
      const attached = scope?.resources ?? [];
      return toolLibrary
        .waitForServers(report ? { onWaiting: () => report('waiting') } : undefined)
        .then((outcome) => {
          if (outcome !== 'none') report?.(outcome === 'timed-out' ? 'timed-out' : 'settled');
          return prepareAgentRun(settings, scope);
        })
        .then(async (setup) => (attached.length > 0 ? { ...setup, context: [...(setup.context ?? []), await toolLibrary.content.readAttached(attached)] } : setup));
    },
    useSettings(settings) {
      inForce = settings;
      applyEnabled();
      network?.services.useSettings(settings);
    },
    tools: () => registry.list().map((manifest) => ({ name: manifest.name, description: manifest.description })),
    toolManifests: () => registry.list(),
    toolLibrary,
    mcpRequests,
    // Custom tools (HTTP templates, sandboxed JavaScript) join the same registry; with the door, their
    // tests go through it and their secrets travel as placeholders it fills in.
    customTools: createCustomToolServices({
      registry,
      ...(network
        ? {
            fetchFor: (name: string) => network.door.as(`tool:${name}`),
            resolveSecret: network.resolveSecret,
            storeSecret,
          }
        : {}),
    }),
    providerPresets: () => [...providerPresets],
    models: createRealModelServices(holder, network),
    embedding,
    agents: agentsWithGrants.agents,
    ...(network ? { network: network.services } : {}),
  };
  return services;
}

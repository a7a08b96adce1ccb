import { runAgentLazily as runAgent } from '../core/agent/run-agent-lazy';
import { providerPresets } from '../llm/openai-compatible/provider-presets';
import type { AppNetwork } from '../net/app-network';
import { defaultSettings, openTabagentDb, type Settings, type TabagentDb } from '../store';
import { createDatabaseOpener } from './database-opener';
import { createLazyKnowledgeRetriever } from './knowledge/lazy-retriever';
import { createEmbeddingService } from './embedding/create-embedding-service';
import { createMemoryAccess } from './memory/memory-access';
import { LocalEngineHolder } from './models/local-engines';
import { createRealModelServices } from './models/real-model-services';
import { withEngineGrants } from './agents/agent-engine-grants';
import { createAgentService } from './agents/agent-service-impl';
import { interfaceLanguageOf } from './interface-language';
import { assertEngineConfigured } from './run-config';
import type { AppServices } from './services';
import { ModelTokenCounters } from './token-counters';
import { createServerRequestQueue } from './tools/server-requests';
import { lazyCustomTools, lazyToolLibrary, type LazyTarget } from './tools/lazy-tool-services';
import type { ToolMachinery } from './tools/tool-machinery';

/** What the composition root is built from. */
export interface RealServicesOptions {
  /** The app's network door (src/net); absent in tests that talk to stubs directly. */
  network?: AppNetwork;
  /** Opens the database memories live in (default: the app's database). */
  openDatabase?: () => Promise<TabagentDb>;
}

/** The real services, plus the start of the tool machinery's load (main.tsx calls it once the first screen is idle). */
export interface RealServices extends AppServices {
  /** Loads the tool machinery (registry, executor, MCP, OpenAPI, custom tools) now, if not yet; never rejects. */
  preloadTools(): Promise<void>;
}

/**
 * The composition root: the app's real collaborators, built once. The core agent loop, the
 * engine the settings choose (a server over HTTP, web-llm or transformers.js in a worker) and the
 * built-in tools behind the tool executor. Each run's configuration is a value `prepareRun`
 * builds from the settings and scope it is given; the settings in force (enabled tools, the
 * `model_api` endpoint, the door's policy) change only through `useSettings`.
 *
 * The tool machinery (tools/tool-machinery.ts: the registry, JSON Schema validation, the built-in
 * tools, MCP, OpenAPI, custom tools) is a dynamic import, loaded once on first use: the saved
 * tools' start after the settings are read, a run, the Tools page, or `preloadTools` when the first
 * screen is idle. Until then the tool lists are empty and every action on tools waits for it.
 *
 * With `network` (the app's door, see src/net), every request the engine, the tools and the model
 * downloads make goes through it: each tool as `tool:<name>`, the engine as `engine`; API keys
 * travel as placeholders the door fills in for their own origin only; enabled tools' origins are
 * granted to them; tool results are scrubbed of secret values before the model sees them. No
 * tool code runs before the door is installed (main.tsx installs it first).
 */
export function createRealServices(options: RealServicesOptions = {}): RealServices {
  const { network } = options;
  const openDatabase = options.openDatabase ?? createDatabaseOpener(() => openTabagentDb());
  // The settings in force, replaced as a whole by `useSettings` (the one path settings take).
  let inForce: Settings = defaultSettings();
  const memories = createMemoryAccess(openDatabase, () => services.embedding);
  const tokenCounters = new ModelTokenCounters();
  const holder = new LocalEngineHolder();
  // One embedding model for the session: tool retrieval, memories and knowledge share it.
  const embedding = createEmbeddingService(network ? { granter: network } : {});
  const knowledgeRetriever = createLazyKnowledgeRetriever({ embedder: () => embedding.current() });
  const storeSecret = async (secret: { id: string; label: string; value: string; origins: string[] }): Promise<void> => {
    await network?.services.addSecret(secret);
  };
  // MCP servers' sampling and elicitation requests wait here for the person (src/ui/tools/server-request-dialog.tsx).
  const mcpRequests = createServerRequestQueue();

  let machinery: ToolMachinery | undefined;
  let loading: Promise<ToolMachinery> | undefined;
  let markLoaded: (loaded: ToolMachinery) => void = () => undefined;
  const loaded = new Promise<ToolMachinery>((resolve) => (markLoaded = resolve));
  /** The machinery, imported and built once; a failed import (the chunk unreachable) is tried again at the next use. */
  const loadMachinery = (): Promise<ToolMachinery> =>
    (loading ??= import('./tools/tool-machinery').then(
      ({ createToolMachinery }) => {
        machinery = createToolMachinery({
          ...(network ? { network } : {}),
          settings: () => inForce,
          memories,
          embedding,
          holder,
          tokenCounters,
          knowledgeRetriever,
          runAgent,
          mcpRequests,
          storeSecret,
        });
        markLoaded(machinery);
        return machinery;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  /** One part of the machinery, as the stand-ins reach it. */
  const targetOf = <T>(part: (ready: ToolMachinery) => T): LazyTarget<T> => ({
    load: async () => part(await loadMachinery()),
    current: () => (machinery === undefined ? undefined : part(machinery)),
    loaded: loaded.then(part),
  });
  const lazyLibrary = lazyToolLibrary(targetOf((ready) => ready.toolLibrary));
  // Strict mode: the enabled tools' origins and the connected MCP servers' (none before the machinery loads: no tool runs before).
  network?.addGrantSource(() => machinery?.grants() ?? []);
  // Agents' own server engines are granted as the Settings engine is (strict mode).
  const agentsWithGrants = withEngineGrants(createAgentService({ openDatabase, language: () => interfaceLanguageOf(inForce) }));
  network?.addGrantSource(agentsWithGrants.grants);
  const services: RealServices = {
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
      return loadMachinery().then(async ({ toolLibrary, prepareAgentRun }) => {
        // A start asked for before the machinery loaded may reach the library after this point.
        await lazyLibrary.started();
        const outcome = await toolLibrary.waitForServers(report ? { onWaiting: () => report('waiting') } : undefined);
        if (outcome !== 'none') report?.(outcome === 'timed-out' ? 'timed-out' : 'settled');
        const setup = await prepareAgentRun(settings, scope);
        return attached.length > 0 ? { ...setup, context: [...(setup.context ?? []), await toolLibrary.content.readAttached(attached)] } : setup;
      });
    },
    useSettings(settings) {
      inForce = settings;
      machinery?.applyEnabled();
      network?.services.useSettings(settings);
    },
    tools: () => machinery?.registry.list().map((manifest) => ({ name: manifest.name, description: manifest.description })) ?? [],
    toolManifests: () => machinery?.registry.list() ?? [],
    toolLibrary: lazyLibrary,
    mcpRequests,
    customTools: lazyCustomTools(targetOf((ready) => ready.customTools)),
    providerPresets: () => [...providerPresets],
    models: createRealModelServices(holder, network),
    embedding,
    agents: agentsWithGrants.agents,
    ...(network ? { network: network.services } : {}),
    preloadTools: () => loadMachinery().then(
      () => undefined,
      () => undefined,
    ),
  };
  return services;
}

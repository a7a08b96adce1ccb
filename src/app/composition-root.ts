import { runAgent } from '../core/agent/run-agent';
import { TabagentError } from '../core/errors';
import { createOpenAICompatibleEngine, providerPresets } from '../llm';
import { toolModeForModel } from '../llm/catalog';
import { defaultSettings, isEngineConfigured, isToolEnabled, openTabagentDb, type Settings, type TabagentDb } from '../store';
import { engineKindOf } from '../store/settings';
import { createToolExecutor, registerBuiltins, ToolRegistry, type ModelApiConfig } from '../tools';
import type { ChatRunSetup } from '../ui/chat/chat-controller';
import { choiceKey, localChoiceOf } from './models/local-choice';
import { LocalEngineHolder, transformersOptionsOf } from './models/local-engines';
import { createRealModelServices } from './models/real-model-services';
import { t as shellMessages } from '../ui/messages';
import type { AppServices } from './services';
import { createToolLibrary } from './tools/tool-library';
import { createCustomToolServices } from './custom-tools/real-custom-tools';
import { secretPlaceholder } from '../core/secret-placeholder';
import { ENGINE_KEY_SECRET, MODEL_API_KEY_SECRET, type AppNetwork } from '../net/app-network';
import { createToolRetrieval } from './tool-retrieval';
import { createEmbeddingService } from './embedding/create-embedding-service';
import { createKnowledgeContext, createKnowledgeRetriever } from '../knowledge';
import { createMemoryContextProvider, memoryToolStore } from '../memory';
import { ModelTokenCounters } from './token-counters';
import { createMemoryAccess } from './memory/memory-access';
import type { RunScope } from './services';

/** With the network door, keys travel as placeholders that only the door fills in (for their own origin). */
function keyFor(apiKey: string, secretId: string, network: AppNetwork | undefined): string {
  return network ? secretPlaceholder(secretId) : apiKey;
}

function modelApiConfigOf(settings: Settings, network?: AppNetwork): ModelApiConfig | undefined {
  const { baseUrl, model, imageModel, apiKey } = settings.modelApi;
  if (baseUrl.trim() === '') return undefined;
  return {
    baseUrl: baseUrl.trim(),
    model: model.trim(),
    ...(imageModel.trim() ? { imageModel: imageModel.trim() } : {}),
    ...(apiKey ? { apiKey: keyFor(apiKey, MODEL_API_KEY_SECRET, network) } : {}),
  };
}

/** The engine and tool mode the settings choose. Local engines are kept loaded across runs by `holder`. */
function engineSetup(settings: Settings, holder: LocalEngineHolder, network?: AppNetwork): Pick<ChatRunSetup, 'engine' | 'toolMode'> {
  const local = localChoiceOf(settings);
  if (local) {
    // Local models write tools as text in the format their family was trained on (the catalog's).
    return { engine: holder.engineFor(local), toolMode: toolModeForModel(local.engine, local.modelId) };
  }
  const { baseUrl, model, apiKey, toolMode } = settings.engine;
  const engine = createOpenAICompatibleEngine({
    baseUrl: baseUrl.trim(),
    model: model.trim(),
    ...(apiKey ? { apiKey: keyFor(apiKey, ENGINE_KEY_SECRET, network) } : {}),
    ...(network ? { fetch: network.door.as('engine') } : {}),
    nativeToolCalls: toolMode === 'native',
  });
  return { engine, toolMode };
}

/**
 * The app's real collaborators: the core agent loop, the engine the settings choose (a server
 * over HTTP, web-llm or transformers.js in a worker) and the built-in tools behind the tool
 * executor. Each run reads the settings it starts with.
 *
 * With `network` (the app's door, see src/net), every request the engine, the tools and the model
 * downloads make goes through it: each tool as `tool:<name>`, the engine as `engine`; API keys
 * travel as placeholders the door fills in for their own origin only; enabled tools' origins are
 * granted to them; tool results are scrubbed of secret values before the model sees them.
 */
export function createRealServices(options: { network?: AppNetwork } = {}): AppServices {
  const { network } = options;
  let runSettings: Settings = defaultSettings();
  const registry = new ToolRegistry();
  // Memories live in the chat's database (the latest run's scope); tools run only within runs.
  let runScope: RunScope | undefined;
  let fallbackDb: Promise<TabagentDb> | undefined;
  const memories = createMemoryAccess(
    () => runScope?.openDatabase() ?? (fallbackDb ??= openTabagentDb()),
    () => services.embedding,
  );
  const memoryContext = createMemoryContextProvider(() => memories().catch(() => undefined));
  const tokenCounters = new ModelTokenCounters();
  registerBuiltins(registry, {
    modelApi: () => modelApiConfigOf(runSettings, network),
    memory: async () => memoryToolStore(await memories()),
  });
  const tools = createToolExecutor(
    registry,
    network
      ? { fetchFor: (name) => network.door.as(`tool:${name}`), describeSecret: network.secretLabel, redactOutput: network.door.redact }
      : {},
  );
  const holder = new LocalEngineHolder();
  // One embedding model for the session: tool retrieval, memories and knowledge share it.
  const embedding = createEmbeddingService(network ? { granter: network } : {});
  const toolRetrieval = createToolRetrieval((name) => registry.get(name)?.manifest, embedding);
  const knowledgeRetriever = createKnowledgeRetriever({ embedder: () => embedding.current() });
  const applySettings = (settings: Settings): void => {
    runSettings = settings;
    for (const manifest of registry.list()) registry.setEnabled(manifest.name, isToolEnabled(settings, manifest.name));
  };
  // Strict mode lets a tool reach exactly the origins of its manifest (and settings), while it is enabled.
  network?.addGrantSource(() =>
    registry.listEnabled().flatMap((manifest) => registry.allowedOrigins(manifest.name).map((origin) => ({ origin, holder: `tool:${manifest.name}` }))),
  );

  // MCP servers and OpenAPI imports add to this same registry, so their tools reach the agent. With
  // the door: connections and downloads go through it, and credentials live in its vault.
  const toolLibrary = createToolLibrary({
    registry,
    ...(network
      ? {
          fetchFor: (requester: string) => network.door.as(requester),
          grant: (origins: readonly string[], holder: string) => network.grant(origins, holder),
          secrets: {
            store: async (secret: { id: string; label: string; value: string; origins: string[] }) => {
              await network.services.addSecret(secret);
            },
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
  const services: AppServices = {
    runAgent,
    openDb: openTabagentDb,
    prepareRun(settings, scope) {
      if (!isEngineConfigured(settings)) {
        throw new TabagentError('config', shellMessages(engineKindOf(settings) === 'openai-compatible' ? 'noServerModel' : 'noLocalModel'));
      }
      applySettings(settings);
      network?.services.useSettings(settings);
      if (scope) runScope = scope;
      // Agreed to earlier: load it now (usually from the browser's cache); this turn still has keywords.
      if (settings.embeddingConsent === embedding.model.modelId && embedding.status().state === 'off') embedding.load().catch(() => undefined);
      const knowledgeContext = scope
        ? createKnowledgeContext({ retriever: knowledgeRetriever, openDatabase: scope.openDatabase, baseIds: () => scope.knowledgeBaseIds })
        : undefined;
      const local = localChoiceOf(settings);
      // A local transformers.js model counts with its own tokenizer once loaded; others use the estimate.
      const countTokens = local?.engine === 'transformers' ? tokenCounters.counterFor(choiceKey(local), transformersOptionsOf(local)) : undefined;
      return {
        ...engineSetup(settings, holder, network),
        tools,
        selectTools: toolRetrieval(settings),
        context: knowledgeContext ? [memoryContext, knowledgeContext] : [memoryContext],
        ...(countTokens ? { countTokens } : {}),
        ...(settings.systemPrompt.trim() ? { systemPrompt: settings.systemPrompt } : {}),
      };
    },
    tools: () => registry.list().map((manifest) => ({ name: manifest.name, description: manifest.description })),
    toolManifests: () => registry.list(),
    toolLibrary,
    // Custom tools (HTTP templates, sandboxed JavaScript) join the same registry; with the door, their
    // tests go through it and their secrets travel as placeholders it fills in.
    customTools: createCustomToolServices({
      registry,
      ...(network
        ? {
            fetchFor: (name: string) => network.door.as(`tool:${name}`),
            resolveSecret: network.resolveSecret,
            storeSecret: async (secret: { id: string; label: string; value: string; origins: string[] }) => {
              await network.services.addSecret(secret);
            },
          }
        : {}),
    }),
    providerPresets: () => [...providerPresets],
    models: createRealModelServices(holder, network),
    embedding,
    ...(network
      ? {
          network: {
            ...network.services,
            useSettings(settings: Settings) {
              network.services.useSettings(settings);
              applySettings(settings);
            },
          },
        }
      : {}),
  };
  return services;
}

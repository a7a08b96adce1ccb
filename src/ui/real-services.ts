import { runAgent } from '../core/agent/run-agent';
import { TabagentError } from '../core/errors';
import { createOpenAICompatibleEngine, providerPresets } from '../llm';
import { toolModeForModel } from '../llm/catalog';
import { defaultSettings, isEngineConfigured, isToolEnabled, openTabagentDb, type Settings } from '../store';
import { engineKindOf } from '../store/settings';
import { createToolExecutor, registerBuiltins, ToolRegistry, type ModelApiConfig } from '../tools';
import type { ChatRunSetup } from './chat/chat-controller';
import { localChoiceOf } from './models/local-choice';
import { LocalEngineHolder } from './models/local-engines';
import { createRealModelServices } from './models/real-model-services';
import type { AppServices } from './services';
import { createToolRetrieval } from './tool-retrieval';

function modelApiConfigOf(settings: Settings): ModelApiConfig | undefined {
  const { baseUrl, model, imageModel, apiKey } = settings.modelApi;
  if (baseUrl.trim() === '') return undefined;
  return {
    baseUrl: baseUrl.trim(),
    model: model.trim(),
    ...(imageModel.trim() ? { imageModel: imageModel.trim() } : {}),
    ...(apiKey ? { apiKey } : {}),
  };
}

/** The engine and tool mode the settings choose. Local engines are kept loaded across runs by `holder`. */
function engineSetup(settings: Settings, holder: LocalEngineHolder): Pick<ChatRunSetup, 'engine' | 'toolMode'> {
  const local = localChoiceOf(settings);
  if (local) {
    // Local models write tools as text in the format their family was trained on (the catalog's).
    return { engine: holder.engineFor(local), toolMode: toolModeForModel(local.engine, local.modelId) };
  }
  const { baseUrl, model, apiKey, toolMode } = settings.engine;
  const engine = createOpenAICompatibleEngine({
    baseUrl: baseUrl.trim(),
    model: model.trim(),
    ...(apiKey ? { apiKey } : {}),
    nativeToolCalls: toolMode === 'native',
  });
  return { engine, toolMode };
}

/**
 * The app's real collaborators: the core agent loop, the engine the settings choose (a server
 * over HTTP, web-llm or transformers.js in a worker) and the built-in tools behind the tool
 * executor. Each run reads the settings it starts with.
 */
export function createRealServices(): AppServices {
  let runSettings: Settings = defaultSettings();
  const registry = new ToolRegistry();
  registerBuiltins(registry, { modelApi: () => modelApiConfigOf(runSettings) });
  const tools = createToolExecutor(registry);
  const holder = new LocalEngineHolder();
  const toolRetrieval = createToolRetrieval((name) => registry.get(name)?.manifest);

  return {
    runAgent,
    openDb: openTabagentDb,
    prepareRun(settings) {
      if (!isEngineConfigured(settings)) {
        const message =
          engineKindOf(settings) === 'openai-compatible'
            ? 'No model is connected yet. Open Settings and enter a Base URL and a model.'
            : 'No local model is chosen yet. Open Models and pick one.';
        throw new TabagentError('config', message);
      }
      runSettings = settings;
      for (const manifest of registry.list()) registry.setEnabled(manifest.name, isToolEnabled(settings, manifest.name));
      return {
        ...engineSetup(settings, holder),
        tools,
        selectTools: toolRetrieval(settings),
        ...(settings.systemPrompt.trim() ? { systemPrompt: settings.systemPrompt } : {}),
      };
    },
    tools: () => registry.list().map((manifest) => ({ name: manifest.name, description: manifest.description })),
    providerPresets: () => [...providerPresets],
    models: createRealModelServices(holder),
  };
}

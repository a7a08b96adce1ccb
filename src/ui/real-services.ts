import { runAgent } from '../core/agent/run-agent';
import { TabagentError } from '../core/errors';
import { createOpenAICompatibleEngine, providerPresets } from '../llm';
import { defaultSettings, isEngineConfigured, isToolEnabled, openTabagentDb, type Settings } from '../store';
import { createToolExecutor, registerBuiltins, ToolRegistry, type ModelApiConfig } from '../tools';
import type { AppServices } from './services';

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

/**
 * The app's real collaborators: the core agent loop, the openai-compatible engine and the
 * built-in tools behind the tool executor. Each run reads the settings it starts with.
 */
export function createRealServices(): AppServices {
  let runSettings: Settings = defaultSettings();
  const registry = new ToolRegistry();
  registerBuiltins(registry, { modelApi: () => modelApiConfigOf(runSettings) });
  const tools = createToolExecutor(registry);

  return {
    runAgent,
    openDb: openTabagentDb,
    prepareRun(settings) {
      if (!isEngineConfigured(settings)) {
        throw new TabagentError('config', 'No model is connected yet. Open Settings and enter a Base URL and a model.');
      }
      runSettings = settings;
      for (const manifest of registry.list()) registry.setEnabled(manifest.name, isToolEnabled(settings, manifest.name));
      const { baseUrl, model, apiKey, toolMode } = settings.engine;
      const engine = createOpenAICompatibleEngine({
        baseUrl: baseUrl.trim(),
        model: model.trim(),
        ...(apiKey ? { apiKey } : {}),
        nativeToolCalls: toolMode === 'native',
      });
      return {
        engine,
        tools,
        toolMode,
        ...(settings.systemPrompt.trim() ? { systemPrompt: settings.systemPrompt } : {}),
      };
    },
    tools: () => registry.list().map((manifest) => ({ name: manifest.name, description: manifest.description })),
    providerPresets: () => [...providerPresets],
  };
}

import type { AgentDefinition } from '../core/agent-definition';
import { TabagentError } from '../core/errors';
import { secretPlaceholder } from '../core/secret-placeholder';
import { createLazyOpenAICompatibleEngine } from '../llm/openai-compatible/lazy-engine';
import { thinkingForModel, toolModeForModel, type LocalEngineKind } from '../llm/catalog';
import { ENGINE_KEY_SECRET, MODEL_API_KEY_SECRET, type AppNetwork } from '../net/app-network';
import { isEngineConfigured, type Settings } from '../store';
import { engineKindOf } from '../store/settings';
import type { ModelApiConfig } from '../tools';
import { toolModeOf } from './agents/agent-run-config';
import type { ChatRunSetup } from './chat/run-turn';
import { BUILTIN_AI_CHOICE, localChoiceOf, toolModeForChoice } from './models/local-choice';
import type { LocalEngineHolder } from './models/local-engines';

/** With the network door, keys travel as placeholders that only the door fills in (for their own origin). */
function keyFor(apiKey: string, secretId: string, network: AppNetwork | undefined): string {
  return network ? secretPlaceholder(secretId) : apiKey;
}

/** The `model_api` tool's endpoint in these settings; undefined while no base URL is set. */
export function modelApiConfigOf(settings: Settings, network?: AppNetwork): ModelApiConfig | undefined {
  const { baseUrl, model, imageModel, apiKey } = settings.modelApi;
  if (baseUrl.trim() === '') return undefined;
  return {
    baseUrl: baseUrl.trim(),
    model: model.trim(),
    ...(imageModel.trim() ? { imageModel: imageModel.trim() } : {}),
    ...(apiKey ? { apiKey: keyFor(apiKey, MODEL_API_KEY_SECRET, network) } : {}),
  };
}

/** `modelThinks` for a local model that writes a `<think>` block first (the tool grammar admits it); nothing otherwise. */
function thinksFor(engine: Parameters<typeof thinkingForModel>[0], modelId: string): Pick<ChatRunSetup, 'modelThinks'> {
  return thinkingForModel(engine, modelId) ? { modelThinks: true } : {};
}

/**
 * Refuses settings that name no engine. The error's `data.reason` (`noServerModel`,
 * `noLocalModel`) is what the UI translates; the message is its English text.
 */
export function assertEngineConfigured(settings: Settings): void {
  if (isEngineConfigured(settings)) return;
  const server = engineKindOf(settings) === 'openai-compatible';
  throw new TabagentError(
    'config',
    server ? 'No model is connected yet. Open Settings and enter a Base URL and a model.' : 'No local model is chosen yet. Open Models and pick one.',
    { data: { reason: server ? 'noServerModel' : 'noLocalModel' } },
  );
}

/**
 * The engine and tool mode the settings choose, built for one run. Local engines are kept loaded
 * across runs by `holder`; a server engine is cheap and built anew from the settings each time.
 */
export function engineSetup(settings: Settings, holder: LocalEngineHolder, network?: AppNetwork): Pick<ChatRunSetup, 'engine' | 'toolMode' | 'modelThinks' | 'preferNativeTools'> {
  const local = localChoiceOf(settings);
  if (local) {
    // Local models write tools as text in the format their family was trained on (the catalog's),
    // unless the loaded model's own chat template takes tools (transformers.js reads it on load).
    if (local.engine === 'builtin') return { engine: holder.engineFor(local), toolMode: toolModeForChoice(local) };
    return { engine: holder.engineFor(local), toolMode: toolModeForChoice(local), ...thinksFor(local.engine, local.modelId), ...templateToolsFor(local.engine) };
  }
  const { baseUrl, model, apiKey, toolMode, acceptsImages } = settings.engine;
  const engine = createLazyOpenAICompatibleEngine({
    baseUrl: baseUrl.trim(),
    model: model.trim(),
    ...(apiKey ? { apiKey: keyFor(apiKey, ENGINE_KEY_SECRET, network) } : {}),
    ...(network ? { fetch: network.door.as('engine') } : {}),
    nativeToolCalls: toolMode === 'native',
    vision: acceptsImages !== false,
  });
  return { engine, toolMode };
}

/**
 * The engine and tool mode for a run of `agent`: the settings' engine for the default choice, else
 * the agent's own server (its key named in the vault, sent as a placeholder only the network door
 * fills in) or local model. The agent's tool format, unless 'auto', overrides the engine's.
 * Throws TabagentError('config') when the settings' engine is chosen and not configured.
 */
export function agentEngineSetup(
  agent: Pick<AgentDefinition, 'engine' | 'toolFormat'>,
  settings: Settings,
  holder: LocalEngineHolder,
  network?: AppNetwork,
): Pick<ChatRunSetup, 'engine' | 'toolMode' | 'modelThinks' | 'preferNativeTools'> {
  const format = toolModeOf(agent.toolFormat);
  const { engine } = agent;
  switch (engine.kind) {
    case 'default': {
      assertEngineConfigured(settings);
      if (format === undefined) return engineSetup(settings, holder, network);
      // The agent's format replaces the settings' tool mode (a server then sends native calls only for 'native').
      // An explicit format is used as it is, even where a local model's template takes tools.
      return { engine: engineSetup({ ...settings, engine: { ...settings.engine, toolMode: format } }, holder, network).engine, toolMode: format };
    }
    case 'local': {
      const choice = { engine: engine.runtime, modelId: engine.modelId, ...(engine.device ? { device: engine.device } : {}) };
      if (format !== undefined) return { engine: holder.engineFor(choice), toolMode: format, ...thinksFor(engine.runtime, engine.modelId) };
      return { engine: holder.engineFor(choice), toolMode: toolModeForModel(engine.runtime, engine.modelId), ...thinksFor(engine.runtime, engine.modelId), ...templateToolsFor(engine.runtime) };
    }
    case 'builtin':
      return { engine: holder.engineFor(BUILTIN_AI_CHOICE), toolMode: format ?? toolModeForChoice(BUILTIN_AI_CHOICE) };
    case 'server': {
      if (engine.baseUrl.trim() === '' || engine.model.trim() === '') {
        throw new TabagentError('config', 'This agent names a server without a base URL or model. Edit the agent and choose its engine again.', {
          data: { reason: 'noServerModel' },
        });
      }
      const toolMode = format ?? 'native';
      const key = engine.keyName && network ? { apiKey: secretPlaceholder(engine.keyName) } : {};
      return {
        engine: createLazyOpenAICompatibleEngine({
          baseUrl: engine.baseUrl.trim(),
          model: engine.model.trim(),
          ...key,
          ...(network ? { fetch: network.door.as('engine') } : {}),
          nativeToolCalls: toolMode === 'native',
        }),
        toolMode,
      };
    }
  }
}

/**
 * transformers.js models whose chat template takes tools get them natively (rendered by the
 * template, calls parsed in the family's format by the engine); the catalog's format stays the
 * fallback. web-llm keeps the catalog's text format.
 */
function templateToolsFor(engine: LocalEngineKind): Pick<ChatRunSetup, 'preferNativeTools'> {
  return engine === 'transformers' ? { preferNativeTools: true } : {};
}

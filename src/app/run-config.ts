import { TabagentError } from '../core/errors';
import { secretPlaceholder } from '../core/secret-placeholder';
import { createLazyOpenAICompatibleEngine } from '../llm/openai-compatible/lazy-engine';
import { toolModeForModel } from '../llm/catalog';
import { ENGINE_KEY_SECRET, MODEL_API_KEY_SECRET, type AppNetwork } from '../net/app-network';
import { isEngineConfigured, type Settings } from '../store';
import { engineKindOf } from '../store/settings';
import type { ModelApiConfig } from '../tools';
import type { ChatRunSetup } from './chat/run-turn';
import { localChoiceOf } from './models/local-choice';
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
export function engineSetup(settings: Settings, holder: LocalEngineHolder, network?: AppNetwork): Pick<ChatRunSetup, 'engine' | 'toolMode'> {
  const local = localChoiceOf(settings);
  if (local) {
    // Local models write tools as text in the format their family was trained on (the catalog's).
    return { engine: holder.engineFor(local), toolMode: toolModeForModel(local.engine, local.modelId) };
  }
  const { baseUrl, model, apiKey, toolMode } = settings.engine;
  const engine = createLazyOpenAICompatibleEngine({
    baseUrl: baseUrl.trim(),
    model: model.trim(),
    ...(apiKey ? { apiKey: keyFor(apiKey, ENGINE_KEY_SECRET, network) } : {}),
    ...(network ? { fetch: network.door.as('engine') } : {}),
    nativeToolCalls: toolMode === 'native',
  });
  return { engine, toolMode };
}

import type { AgentDefinition } from '../../core/agent-definition';
import type { Settings } from '../../store';
import { BUILTIN_AI_CHOICE, choiceLabel, localChoiceOf, type LocalModelChoice } from '../../app/models/local-choice';

/** Shown instead of an empty label ("Model: @") while no model is set. */
export const NO_MODEL_LABEL = 'no model set';

function localLabel(local: LocalModelChoice): string {
  if (local.engine === 'builtin') return choiceLabel(local);
  const engine = local.engine === 'webllm' ? 'web-llm' : 'transformers.js';
  return `${engine}: ${choiceLabel(local)}${local.device ? ` (${local.device})` : ''}`;
}

function serverLabel(modelName: string, baseUrl: string): string {
  const model = modelName.trim();
  const url = baseUrl.trim();
  let host = url;
  try {
    host = new URL(url).host || url;
  } catch {
    // Not a URL (settings not finished): show it as typed.
  }
  if (model === '' && host === '') return NO_MODEL_LABEL;
  if (host === '') return model;
  return `${model === '' ? NO_MODEL_LABEL : model} @ ${host}`;
}

/**
 * The engine and model a run uses, as runs record them: `model @ host` for a server,
 * `web-llm: id` or `transformers.js: id (device)` for a model in the tab; the agent's own engine
 * when it names one, else the settings'. Never empty ("no model set" while none is). Two runs with
 * the same label ran on the same model, which is what a resume checks.
 */
export function modelLabel(settings: Settings, agent?: Pick<AgentDefinition, 'engine'>): string {
  const engine = agent?.engine;
  if (engine?.kind === 'server') return serverLabel(engine.model, engine.baseUrl);
  if (engine?.kind === 'builtin') return localLabel(BUILTIN_AI_CHOICE);
  if (engine?.kind === 'local') return localLabel({ engine: engine.runtime, modelId: engine.modelId, ...(engine.device ? { device: engine.device } : {}) });
  const local = localChoiceOf(settings);
  if (local) return localLabel(local);
  return serverLabel(settings.engine.model, settings.engine.baseUrl);
}

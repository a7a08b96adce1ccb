import type { Settings } from '../../store';
import { choiceLabel, localChoiceOf } from '../../app/models/local-choice';

/**
 * The engine and model the settings choose, as runs record them: `model @ host` for a server,
 * `web-llm: id` or `transformers.js: id (device)` for a model in the tab. Two runs with the same
 * label ran on the same model, which is what a resume checks.
 */
export function modelLabel(settings: Settings): string {
  const local = localChoiceOf(settings);
  if (local) {
    const engine = local.engine === 'webllm' ? 'web-llm' : 'transformers.js';
    return `${engine}: ${choiceLabel(local)}${local.device ? ` (${local.device})` : ''}`;
  }
  const model = settings.engine.model.trim();
  const baseUrl = settings.engine.baseUrl.trim();
  let host = baseUrl;
  try {
    host = new URL(baseUrl).host || baseUrl;
  } catch {
    // Not a URL (settings not finished): show it as typed.
  }
  return `${model} @ ${host}`;
}

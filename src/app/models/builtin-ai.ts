// The two small modules only, not the engine: the settings panel and pickers import this at start.
import { builtinAiAvailability, type BuiltinAiState } from '../../llm/builtin-ai/availability';
import { findLanguageModel } from '../../llm/builtin-ai/prompt-api';

export type { BuiltinAiState } from '../../llm/builtin-ai/availability';

/**
 * Whether this browser has the Prompt API at all: the picker offers "Built-in AI (Chrome)" only
 * then. Cheap and synchronous (a property read that never throws), so it can decide what renders.
 */
export function builtinAiPresent(): boolean {
  return findLanguageModel() !== undefined;
}

/**
 * The built-in model's state for the picker: 'available' (ready), 'downloadable' or
 * 'downloading' (Chrome fetches its model first), 'unavailable' (this device cannot run it),
 * 'absent' (no Prompt API: hide the entry). Never rejects.
 */
export function builtinAiState(): Promise<BuiltinAiState> {
  return builtinAiAvailability(findLanguageModel());
}

import { findLanguageModel, type LanguageModelApi } from './prompt-api';

/**
 * What the picker shows for the built-in model: 'absent' (no Prompt API: the entry is hidden),
 * 'unavailable' (the API exists but this device cannot run the model), 'downloadable' /
 * 'downloading' (Chrome must fetch its model first), 'available' (ready).
 */
export type BuiltinAiState = 'absent' | 'unavailable' | 'downloadable' | 'downloading' | 'available';

/**
 * Asks the browser whether its model can run, for English text in and out. Never throws:
 * a browser without the API, or whose check fails, reads as 'absent' or 'unavailable'.
 */
export async function builtinAiAvailability(api: LanguageModelApi | undefined = findLanguageModel(), languages: readonly string[] = ['en']): Promise<BuiltinAiState> {
  if (!api) return 'absent';
  try {
    const expected = [{ type: 'text' as const, languages: [...languages] }];
    return await api.availability({ expectedInputs: expected, expectedOutputs: expected });
  } catch {
    return 'unavailable';
  }
}

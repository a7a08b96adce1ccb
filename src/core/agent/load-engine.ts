import { raceAbort } from '../abort';
import { TabagentError, isAbortError, toTabagentError } from '../errors';
import type { ChatEngine } from '../types';
import type { AgentEvent } from './events';

/**
 * Loads the engine before the run reads its capabilities. An engine in a worker learns its
 * model's real capabilities (native tool calls, context window, constrained output) only once the
 * model is loaded; reading them first would pick the tool mode, grammar and budget of a guess.
 * Engines' `load` is idempotent, so a loaded engine costs one resolved promise. Returns false
 * (after yielding the run's last event) when the run cannot go on: stopped, or the load failed.
 */
export async function* loadEngine(engine: ChatEngine, signal: AbortSignal): AsyncGenerator<AgentEvent, boolean> {
  try {
    await raceAbort(engine.load(undefined, signal), signal, () => new TabagentError('aborted', 'Stopped.'));
    return true;
  } catch (error) {
    if (signal.aborted || isAbortError(error)) {
      yield { type: 'finish', text: '', steps: 0, stopped: true, usage: { promptTokens: 0, completionTokens: 0 } };
    } else {
      yield { type: 'error', error: toTabagentError(error), partialText: '' };
    }
    return false;
  }
}

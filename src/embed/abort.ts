/**
 * The embedders' abort error. Kept apart from `errors.ts`, which imports transformers.js, so that
 * the worker proxy and the vector cache stay light enough for the app's main bundle.
 */
import { TabagentError } from '../core/errors';

/** The error every embedder throws when its signal fires. */
export function embedAborted(): TabagentError {
  return new TabagentError('aborted', 'Stopped.');
}

/** Throws the aborted error if `signal` has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw embedAborted();
}

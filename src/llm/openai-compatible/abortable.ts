/** Small helpers that make every wait in the engine stop promptly when the user presses Stop. */
import { raceAbort as raceSignal } from '../../core/abort';
import { TabagentError } from '../../core/errors';

/** The error every aborted request ends with. */
export function abortedError(cause?: unknown): TabagentError {
  return new TabagentError('aborted', 'Stopped.', cause === undefined ? {} : { cause });
}

/** Throws the 'aborted' error when `signal` has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError();
}

/** Settles like `promise`, or rejects with 'aborted' the moment `signal` fires (see core's raceAbort). */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  return raceSignal(promise, signal, abortedError);
}

/** The default retry clock: `setTimeout` that rejects with 'aborted' the moment `signal` fires. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortedError());
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Small helpers that make every wait in the engine stop promptly when the user presses Stop. */
import { TabagentError } from '../../core/errors';

/** The error every aborted request ends with. */
export function abortedError(cause?: unknown): TabagentError {
  return new TabagentError('aborted', 'Stopped.', cause === undefined ? {} : { cause });
}

/** Throws the 'aborted' error when `signal` has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError();
}

/**
 * Settles like `promise`, or rejects with 'aborted' as soon as `signal` fires. Injected `fetch`
 * implementations and body readers may ignore their signal; racing guarantees the 100 ms promise
 * to the user anyway. The losing promise is left to settle on its own (callers cancel its source).
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortedError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
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

import { abortedError } from './errors';

/** Throws the 'aborted' error when `signal` has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError();
}

/**
 * Settles like `promise`, or rejects as soon as `signal` aborts, whichever comes first — with
 * `rejection()` when given, else `signal.reason`. Lets a caller answer Stop promptly even when the
 * awaited work (an injected fetch, a tool, a dialog) ignores its signal. The losing promise's
 * rejection is absorbed; its source is the caller's to cancel.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, rejection?: () => unknown): Promise<T> {
  promise.catch(() => undefined);
  if (!signal) return promise;
  const reason = (): unknown => (rejection ? rejection() : signal.reason);
  if (signal.aborted) return Promise.reject(reason());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(reason());
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

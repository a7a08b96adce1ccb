/**
 * Sends one chat.completions request and waits for its headers, retrying what may succeed on a
 * second try (429, 5xx, timeouts, network failures). Retries happen only here, before the body is
 * read, so no chunk is ever repeated.
 */
import { abortedError, TabagentError } from '../../core/errors';
import { raceAbort } from '../../core/abort';
import { networkError, readErrorResponse, timeoutError, type ErrorContext } from './http-errors';
import type { ResolvedOptions } from './options';
import { retryWaitMs } from './retry-delay';

/** A response whose headers have arrived; `release()` aborts its connection (idempotent). */
export interface Connection {
  response: Response;
  release(): void;
}

export interface SendSettings {
  url: string;
  headers: Record<string, string>;
  body: string;
  options: ResolvedOptions;
  context: ErrorContext;
  /** Overrides `options.maxRetries` for this request (0 once a side-effecting tool was called). */
  maxRetries?: number;
}

/**
 * Resolves with a 2xx response, or throws the typed error of the last attempt. Waits between
 * attempts follow `Retry-After` or capped backoff, at most `maxRetries` of them, each abortable.
 */
export async function sendWithRetries(settings: SendSettings, signal?: AbortSignal): Promise<Connection> {
  const { options, context } = settings;
  for (let attempt = 0; ; attempt += 1) {
    const attempts = attempt + 1;
    let failure: TabagentError;
    let headers: Headers | undefined;
    try {
      const connection = await sendOnce(settings, attempts, signal);
      if (connection.response.ok) return connection;
      headers = connection.response.headers;
      try {
        failure = await readErrorResponse(connection.response, context, attempts, signal);
      } finally {
        connection.release();
      }
    } catch (error) {
      if (signal?.aborted) throw abortedError();
      failure = TabagentError.is(error) ? error : networkError(error, context, attempts);
    }
    if (!failure.isRetryable || attempt >= (settings.maxRetries ?? options.maxRetries)) throw failure;
    const wait = retryWaitMs(headers, attempt, options.random, options.now());
    try {
      await raceAbort(options.sleep(wait, signal), signal, abortedError);
    } catch (error) {
      if (signal?.aborted) throw abortedError();
      throw error;
    }
  }
}

async function sendOnce(settings: SendSettings, attempts: number, signal: AbortSignal | undefined): Promise<Connection> {
  const { options, context } = settings;
  // Our own controller: it follows the caller's signal, the connection timeout, and `release()`.
  const controller = new AbortController();
  const forward = (): void => controller.abort();
  signal?.addEventListener('abort', forward, { once: true });
  let timedOut = false;
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, options.timeoutMs);
  const release = (): void => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
    controller.abort();
  };
  try {
    // `then` turns a synchronous throw of an injected fetch into a rejection.
    const pending = Promise.resolve().then(() =>
      options.fetch(settings.url, {
        method: 'POST',
        headers: settings.headers,
        body: settings.body,
        signal: controller.signal,
        // A redirect could carry the Authorization header to another origin: refuse to follow it.
        redirect: 'error',
      }),
    );
    const response = await raceAbort(pending, controller.signal, abortedError);
    clearTimeout(timer);
    return { response, release };
  } catch (error) {
    release();
    if (signal?.aborted) throw abortedError();
    if (timedOut && options.timeoutMs !== undefined) throw timeoutError(context, options.timeoutMs, attempts);
    throw TabagentError.is(error) ? error : networkError(error, context, attempts);
  }
}

/**
 * Turns HTTP failures into TabagentErrors whose messages say what to do. Every string that
 * leaves this module goes through `redact`, so the API key never appears in an error.
 */
import { TabagentError, type ErrorCode, abortedError } from '../../core/errors';
import { networkErrorData } from '../../core/network-errors';
import { errorCodeForStatus, errorFromStatus } from '../../core/http-status';
import { raceAbort } from '../../core/abort';
import { isRecord, stringField, numberField, recordField, tryParseJson } from './json-value';
import { redact, truncate } from './redact';

/** What an error message may mention about the request (never the key itself). */
export interface ErrorContext {
  /** The endpoint, origin and path only. */
  url: string;
  /** The base URL as shown to the user, origin and path only. */
  baseUrl: string;
  model: string;
  hasKey: boolean;
  /** Strings to scrub from anything the server sends back. */
  secrets: readonly string[];
}

/** Reads an error response's body and builds the typed error for its status. */
export async function readErrorResponse(
  response: Response,
  context: ErrorContext,
  attempts: number,
  signal?: AbortSignal,
): Promise<TabagentError> {
  let body = '';
  try {
    body = await raceAbort(response.text(), signal, abortedError);
  } catch (error) {
    if (signal?.aborted) throw error;
    // The status alone is enough to explain the failure.
  }
  return engineErrorFromStatus(response.status, serverMessage(body), context, attempts);
}

/**
 * The typed error for an HTTP status (code and retry advice from core's `errorFromStatus`), with
 * a message about this engine's settings and the server's own words appended where they help.
 */
export function engineErrorFromStatus(
  status: number,
  rawServerMessage: string | undefined,
  context: ErrorContext,
  attempts: number,
): TabagentError {
  const said = rawServerMessage === undefined ? undefined : truncate(redact(rawServerMessage, context.secrets));
  const suffix = said === undefined || said === '' ? '' : ` The server said: "${said}"`;
  const data: Record<string, unknown> = { status, url: context.url, model: context.model, attempts };
  if (said !== undefined) data.serverMessage = said;
  if (status === 409) {
    // OpenAI answers 409 to a request that collided with another; trying again works.
    return new TabagentError('server', `The server reported a conflict (409). Try again.${suffix}`, { data, isRetryable: true });
  }
  return errorFromStatus(status, `${statusMessage(status, context)}${suffix}`, { data });
}

/** What to tell the person about an error status from the engine's server. */
function statusMessage(status: number, context: ErrorContext): string {
  switch (errorCodeForStatus(status)) {
    case 'auth':
      return context.hasKey
        ? `The server rejected the API key (${status}). Check the API key in Settings.`
        : `The server requires an API key (${status}). Add one in Settings.`;
    case 'not-found':
      return (
        `The server at ${context.baseUrl} has no model "${context.model}" or no chat endpoint (404). ` +
        'Check the model name and the base URL in Settings (most base URLs end in /v1).'
      );
    case 'rate-limited':
      return `The server is limiting requests (429). Wait a moment, then try again.`;
    case 'timeout':
      return `The server timed out (408). Try again.`;
    case 'server':
      return `The server at ${context.baseUrl} failed (${status}). Try again later.`;
    default:
      return `The server rejected the request (${status}).`;
  }
}

/**
 * Builds the error for an error reported inside a stream or a 200 JSON body
 * (`{"error": {...}}` or an SSE `error` event). Such a payload may carry an HTTP-like status.
 */
export function errorFromPayload(
  payload: unknown,
  context: ErrorContext,
  options: { midStream: boolean; nothingYielded: boolean },
): TabagentError {
  let message: string | undefined;
  let type: string | undefined;
  let status: number | undefined;
  if (typeof payload === 'string') message = payload;
  else if (isRecord(payload)) {
    const detail = recordField(payload, 'error') ?? payload;
    message = stringField(detail, 'message') ?? stringField(payload, 'error');
    type = stringField(detail, 'type') ?? stringField(detail, 'code');
    status = numberField(detail, 'status') ?? numberField(detail, 'code');
  }
  const code = codeForPayload(status, type);
  const said = truncate(redact(message ?? 'no details', context.secrets));
  const data: Record<string, unknown> = { url: context.url, model: context.model, serverMessage: said };
  if (status !== undefined) data.status = status;
  if (type !== undefined) data.type = truncate(redact(type, context.secrets), 80);
  if (options.midStream) data.incomplete = true;
  const where = options.midStream ? 'while answering' : 'instead of an answer';
  return new TabagentError(code, `The server reported an error ${where}: "${said}"`, {
    data,
    // Once text has been shown, repeating the request would repeat it; let the caller decide with that in mind.
    isRetryable: (code === 'server' || code === 'rate-limited') && options.nothingYielded,
  });
}

/** The error for a request that never got an HTTP answer. */
export function networkError(cause: unknown, context: ErrorContext, attempts: number): TabagentError {
  const detail = redact(describeCause(cause), context.secrets);
  return new TabagentError(
    'network',
    `Could not reach ${context.baseUrl}. The server may be down, you may be offline, the server may not ` +
      'allow requests from this page (CORS), or it redirected to another address (enter the final URL).',
    // The cause is summarised rather than attached: a foreign error object could carry request headers.
    { data: { url: context.url, model: context.model, attempts, detail: truncate(detail, 200), ...networkErrorData('engine', context.baseUrl) }, isRetryable: true },
  );
}

/** The error for a server that did not answer within `timeoutMs`. */
export function timeoutError(context: ErrorContext, timeoutMs: number, attempts: number): TabagentError {
  return new TabagentError(
    'timeout',
    `${context.baseUrl} did not answer within ${Math.round(timeoutMs / 100) / 10} s. The server may be busy ` +
      'loading the model; try again, or raise the timeout in Settings.',
    { data: { url: context.url, model: context.model, attempts, timeoutMs }, isRetryable: true },
  );
}

/** Extracts a human message from an error body: OpenAI, vLLM, Ollama, FastAPI and plain-text shapes. */
export function serverMessage(body: string): string | undefined {
  const text = body.trim();
  if (text === '') return undefined;
  const parsed = tryParseJson(text);
  if (parsed === undefined) {
    // An HTML error page says nothing useful in a one-line message.
    return /^<(!doctype|html)/i.test(text) ? undefined : text;
  }
  const value = parsed.value;
  if (typeof value === 'string') return value;
  if (!isRecord(value)) return undefined;
  const error = value.error;
  if (typeof error === 'string') return error;
  if (isRecord(error)) return stringField(error, 'message') ?? JSON.stringify(error);
  const message = stringField(value, 'message');
  if (message !== undefined) return message;
  const detail = value.detail;
  if (typeof detail === 'string') return detail;
  if (detail !== undefined) return JSON.stringify(detail);
  return undefined;
}

function codeForPayload(status: number | undefined, type: string | undefined): ErrorCode {
  if (status !== undefined) {
    if (status === 401 || status === 403) return 'auth';
    if (status === 404) return 'not-found';
    if (status === 429) return 'rate-limited';
    if (status === 400 || status === 413 || status === 422) return 'bad-request';
  }
  const kind = (type ?? '').toLowerCase();
  if (kind.includes('rate_limit') || kind.includes('rate-limit')) return 'rate-limited';
  if (kind.includes('auth') || kind.includes('api_key')) return 'auth';
  if (kind.includes('invalid_request') || kind.includes('bad_request')) return 'bad-request';
  if (kind.includes('not_found') || kind === 'model_not_found') return 'not-found';
  return 'server';
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  // undici puts the socket error (ECONNREFUSED, ENOTFOUND…) in `cause`.
  const inner = (cause as { cause?: unknown }).cause;
  const innerCode = isRecord(inner) ? stringField(inner, 'code') : undefined;
  return innerCode === undefined ? cause.message : `${cause.message} (${innerCode})`;
}

/** Errors for answers that break off or break the protocol. All keep the partial answer valid. */
import { TabagentError } from '../../core/errors';
import type { ErrorContext } from './http-errors';
import { redact, truncate } from './redact';

/**
 * The stream ended (or the connection closed) before the answer was complete. Not retryable by
 * the engine: text has already been shown, and repeating the request would repeat it.
 */
export function incompleteStreamError(context: ErrorContext, message: string, detail?: string): TabagentError {
  const data: Record<string, unknown> = { url: context.url, model: context.model, incomplete: true };
  if (detail !== undefined) data.detail = truncate(redact(detail, context.secrets), 200);
  return new TabagentError('malformed-stream', message, { data, isRetryable: false });
}

/** A data line that is not JSON. */
export function badJsonError(context: ErrorContext, line: string): TabagentError {
  return new TabagentError(
    'malformed-stream',
    'The server sent a part of its answer that is not valid JSON, so the answer stopped there. ' +
      'Check that the base URL points at an OpenAI-compatible server.',
    {
      data: { url: context.url, model: context.model, incomplete: true, line: truncate(redact(line, context.secrets), 200) },
      isRetryable: false,
    },
  );
}

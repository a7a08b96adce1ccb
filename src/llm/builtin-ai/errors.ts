import { abortedError, TabagentError } from '../../core/errors';

/**
 * Typed errors of the built-in engine. The Prompt API rejects with DOMExceptions whose `name`
 * says what went wrong; each becomes a TabagentError whose message says what to do.
 */

/** `data.reason` of the engine's errors, for the UI to put into words. */
export type BuiltinAiErrorReason = 'builtinAbsent' | 'builtinUnavailable' | 'builtinNeedsClick' | 'builtinTooLong' | 'builtinDownload' | 'builtinFailed';

/** The browser has no `LanguageModel` at all. */
export function builtinAbsentError(): TabagentError {
  return new TabagentError(
    'config',
    "This browser has no built-in model. Use Chrome 138 or later on a desktop computer (Windows, macOS, Linux or a Chromebook Plus), or choose another engine on the Models page.",
    { data: { reason: 'builtinAbsent' satisfies BuiltinAiErrorReason } },
  );
}

/** `LanguageModel.availability()` said 'unavailable'. */
export function builtinUnavailableError(): TabagentError {
  return new TabagentError(
    'config',
    "Chrome's built-in model cannot run on this device (it needs about 22 GB of free disk space, and a GPU with more than 4 GB of memory or 16 GB of RAM). Choose another engine on the Models page.",
    { data: { reason: 'builtinUnavailable' satisfies BuiltinAiErrorReason } },
  );
}

function domName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const name: unknown = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

/** Turns what the Prompt API threw into a TabagentError; Tabagent errors pass through unchanged. */
export function builtinAiError(error: unknown): TabagentError {
  if (TabagentError.is(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  switch (domName(error)) {
    case 'AbortError':
      return abortedError('Stopped.', { cause: error });
    case 'NotAllowedError':
      return new TabagentError(
        'config',
        "Chrome starts the download of its built-in model only after a click on this page. Press Use beside \"Built-in AI (Chrome)\" on the Models page.",
        { cause: error, data: { reason: 'builtinNeedsClick' satisfies BuiltinAiErrorReason, detail } },
      );
    case 'NotSupportedError':
      return new TabagentError('config', `Chrome's built-in model does not support this request (${detail}). Choose another engine on the Models page.`, {
        cause: error,
        data: { reason: 'builtinUnavailable' satisfies BuiltinAiErrorReason, detail },
      });
    case 'QuotaExceededError':
      return new TabagentError('bad-request', "The conversation is longer than Chrome's built-in model can read. Start a new chat or shorten it.", {
        cause: error,
        data: { reason: 'builtinTooLong' satisfies BuiltinAiErrorReason, detail },
      });
    case 'NetworkError':
      return new TabagentError('network', "Chrome could not download its built-in model. Check the connection and try again.", {
        cause: error,
        isRetryable: true,
        data: { reason: 'builtinDownload' satisfies BuiltinAiErrorReason, detail },
      });
    default:
      return new TabagentError('internal', `Chrome's built-in model failed: ${detail}. Try again; if it keeps failing, restart Chrome.`, {
        cause: error,
        isRetryable: true,
        data: { reason: 'builtinFailed' satisfies BuiltinAiErrorReason, detail },
      });
  }
}

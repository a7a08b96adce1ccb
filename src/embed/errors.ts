/** Maps transformers.js failures to TabagentErrors the UI can explain. */
import { ModelFileNotFoundError } from '@huggingface/transformers';
import { TabagentError, toTabagentError } from '../core/errors';
import { hostOf, isFetchFailure, networkFailure } from '../core/network-errors';

/** Where transformers.js downloads from when no other host is configured. */
const DEFAULT_REMOTE_HOST = 'https://huggingface.co/';

/** A load failure as 'not-found', 'network' (no answer from `data.remoteHost`), 'config' (device unsupported), or the error's own code. */
export function toEmbedLoadError(error: unknown, data: Record<string, unknown>): TabagentError {
  if (TabagentError.is(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  // Single-page-app servers answer a missing config.json with index.html, which fails to parse.
  const servedHtml = error instanceof SyntaxError && /Unexpected token '<'|<!doctype/i.test(message);
  if (error instanceof ModelFileNotFoundError || servedHtml || /not found|404/i.test(message)) {
    return new TabagentError('not-found', `The embedding model "${String(data.modelId)}" could not be found. Check its name and location.`, {
      data: { ...data, detail: message },
      cause: error,
    });
  }
  // The browser's bare "Failed to fetch": say which host, and that nothing was downloaded.
  if (isFetchFailure(error)) {
    const host = hostOf(typeof data.remoteHost === 'string' ? data.remoteHost : DEFAULT_REMOTE_HOST);
    return networkFailure({ source: 'model-hub', host, name: String(data.modelId) }, { detail: message, cause: error, extra: data });
  }
  if (/Unsupported device|no available backend|webgpu/i.test(message)) {
    return new TabagentError('config', `This browser cannot run the embedding model on ${String(data.device)}.`, {
      data: { ...data, detail: message },
      cause: error,
    });
  }
  const wrapped = toTabagentError(error);
  return new TabagentError(wrapped.code, wrapped.message, { data: { ...data, ...wrapped.data }, cause: error });
}

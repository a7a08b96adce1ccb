/** Maps transformers.js failures to TabagentErrors the UI can explain. */
import { ModelFileNotFoundError } from '@huggingface/transformers';
import { TabagentError, toTabagentError } from '../core/errors';

/** A load failure as 'not-found', 'config' (device unsupported), or the error's own code. */
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
  if (/Unsupported device|no available backend|webgpu/i.test(message)) {
    return new TabagentError('config', `This browser cannot run the embedding model on ${String(data.device)}.`, {
      data: { ...data, detail: message },
      cause: error,
    });
  }
  const wrapped = toTabagentError(error);
  return new TabagentError(wrapped.code, wrapped.message, { data: { ...data, ...wrapped.data }, cause: error });
}

import { TabagentError } from '../../core/errors';
import { classifyFetchFailure } from '../../core/network-errors';
import { originOf } from '../../tools/origins';
import type { OpenApiImport } from '../../tools/openapi';
import type { OpenApiPreview, OpenApiSource } from './tool-library-services';

/** Largest OpenAPI document read (real ones are well under 5 MB). */
const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/**
 * The text of an OpenAPI document: pasted, or downloaded from its http(s) address by `download`
 * (which grants that origin for the one request). Typed errors say what went wrong and what to do.
 */
export async function readOpenApiDocument(source: OpenApiSource, download: (url: string) => Promise<Response>): Promise<string> {
  if (source.text !== undefined) return source.text;
  const url = source.url?.trim() ?? '';
  if (!originOf(url) || !/^https?:\/\//i.test(url)) {
    throw new TabagentError('config', `"${url}" is not an http(s) address of an OpenAPI document.`);
  }
  let response: Response;
  try {
    response = await download(url);
  } catch (error) {
    // No answer: the host and what to do, in the person's language (core/network-errors.ts).
    const classified = classifyFetchFailure(error, 'tool', url);
    if (TabagentError.is(classified)) throw classified;
    throw new TabagentError('network', `Could not load ${url}: ${error instanceof Error ? error.message : String(error)}. Check the address and that the server allows this page's origin (CORS).`, { cause: error });
  }
  if (!response.ok) throw new TabagentError(response.status === 404 ? 'not-found' : 'server', `Loading ${url} failed: HTTP ${response.status}.`);
  const text = await response.text();
  if (text.length > MAX_DOCUMENT_BYTES) throw new TabagentError('config', `The document at ${url} is larger than 10 MB.`);
  return text;
}

/** What the Tools page shows of an imported document before the person picks operations (`id` names the preview). */
export function openApiPreviewOf(id: string, result: OpenApiImport): OpenApiPreview {
  return {
    id,
    title: result.title,
    apiVersion: result.apiVersion,
    specVersion: result.specVersion,
    operations: result.tools.map(({ manifest, binding }) => ({
      key: `${binding.method.toUpperCase()} ${binding.path}`,
      name: manifest.name,
      method: binding.method.toUpperCase(),
      path: binding.path,
      description: manifest.description,
      sideEffects: manifest.sideEffects,
      origin: manifest.allowedOrigins[0] ?? '',
    })),
    skipped: result.skipped,
    securitySchemes: result.securitySchemes.map(({ name, kind, label, description }) => ({ name, kind, label, ...(description ? { description } : {}) })),
  };
}

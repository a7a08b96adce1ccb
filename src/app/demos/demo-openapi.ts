import type { ToolLibraryServices } from '../tools/tool-library-services';

/**
 * Makes sure the tools of an OpenAPI document are in the library, importing the missing ones
 * through the library's own import (preview, then add: the same path as the Tools page, so they
 * are saved and their API's origin is the only one they may reach). Idempotent: tools already
 * imported under these names are kept, not imported twice. Returns the names.
 */
export async function ensureOpenApiTools(
  library: ToolLibraryServices,
  document: { text: string; fileName: string },
  names: readonly string[],
): Promise<string[]> {
  const present = new Set(library.tools().filter((tool) => tool.source === 'openapi' && names.includes(tool.name)).map((tool) => tool.name));
  if (names.every((name) => present.has(name))) return [...names];
  const preview = await library.previewOpenApi({ text: document.text, fileName: document.fileName });
  // An operation whose name is taken comes back renamed (`geocodePlace_2`): only the missing ones keep theirs.
  const missing = preview.operations.filter((operation) => names.includes(operation.name) && !present.has(operation.name));
  if (missing.length > 0) await library.addOpenApi(preview, { operations: missing.map((operation) => operation.key), secrets: {} });
  return [...names];
}

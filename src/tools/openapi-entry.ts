import type { ToolManifest } from './manifest';
import type { OpenApiImportOptions } from './openapi';

/**
 * The tool manifests of every operation of an OpenAPI 3.0, 3.1 or Swagger 2.0 document (JSON or
 * YAML text, or an object): one tool per operation, its schema merging path, query, header and
 * body parameters with `$ref`s resolved, its only allowed origin the API's server, credentials as
 * secret references. The parser (@apidevtools/swagger-parser) loads on first use, so it never
 * weighs on the app's start-up. See `src/tools/openapi` for the bindings that run the tools.
 */
export async function importOpenApi(documentTextOrObject: string | object, options: OpenApiImportOptions = {}): Promise<ToolManifest[]> {
  const openapi = await import('./openapi');
  return openapi.importOpenApi(documentTextOrObject, options);
}

/** Loads the OpenAPI module (parser included) on demand. */
export function loadOpenApiModule(): Promise<typeof import('./openapi')> {
  return import('./openapi');
}

/** Loads the MCP client (the MCP SDK included) on demand. */
export function loadMcpModule(): Promise<typeof import('./mcp')> {
  return import('./mcp');
}

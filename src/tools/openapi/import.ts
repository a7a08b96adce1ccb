import { TabagentError } from '../../core/errors';
import type { ToolManifest } from '../manifest';
import { isObject, loadOpenApiDocument, type OpenApiVersion } from './document';
import { buildOperationTool, operationsOf, type OpenApiTool } from './operations';
import { securitySchemesOf, type OpenApiSecurityScheme } from './security';

export interface OpenApiImportOptions {
  /** Where the document was loaded from; relative server URLs resolve against it. */
  specUrl?: string;
  /** The API's base URL, replacing the document's servers. */
  serverUrl?: string;
  /** Security scheme name → secret id; the values are looked up at call time. */
  secrets?: Record<string, string>;
  /** Put before every tool name, with `__` between (default: none). */
  prefix?: string;
  /** Names already taken (the registry's), so imported names stay unique. */
  takenNames?: Iterable<string>;
}

/** A whole import: the tools, and what the person should see before adding them. */
export interface OpenApiImport {
  title: string;
  /** The API's own version (`info.version`). */
  apiVersion: string;
  specVersion: OpenApiVersion;
  tools: OpenApiTool[];
  /** Operations that could not become tools, with why. */
  skipped: Array<{ operation: string; reason: string }>;
  /** The security schemes the tools use, for which the person may give secrets. */
  securitySchemes: OpenApiSecurityScheme[];
}

/**
 * Reads an OpenAPI 3.0, 3.1 or Swagger 2.0 document (JSON or YAML text, or an object) and makes
 * one tool per operation, with the bindings that call the API. See `importOpenApi` for the
 * manifests alone. Throws a TabagentError for a document that is not OpenAPI, or whose server
 * address cannot be worked out (give `serverUrl`).
 */
export async function importOpenApiTools(input: string | object, options: OpenApiImportOptions = {}): Promise<OpenApiImport> {
  const { version, document } = await loadOpenApiDocument(input);
  const info = isObject(document.info) ? document.info : {};
  const title = typeof info.title === 'string' && info.title.trim() ? info.title.trim().slice(0, 100) : 'API';
  const schemes = securitySchemesOf(document, version);
  const context = {
    document,
    version,
    schemes,
    secrets: options.secrets ?? {},
    prefix: options.prefix ?? '',
    taken: new Set(options.takenNames ?? []),
    title,
    ...(options.specUrl ? { specUrl: options.specUrl } : {}),
    ...(options.serverUrl ? { serverUrl: options.serverUrl } : {}),
  };
  const tools: OpenApiTool[] = [];
  const skipped: OpenApiImport['skipped'] = [];
  let serverProblem: TabagentError | undefined;
  for (const entry of operationsOf(document)) {
    try {
      tools.push(buildOperationTool(context, entry));
    } catch (error) {
      if (TabagentError.is(error) && error.code === 'config') serverProblem ??= error;
      skipped.push({ operation: `${entry.method.toUpperCase()} ${entry.path}`, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  if (tools.length === 0 && serverProblem) throw serverProblem;
  const used = new Set(tools.flatMap((tool) => tool.binding.security.flat().map((scheme) => scheme.scheme)));
  return {
    title,
    apiVersion: typeof info.version === 'string' ? info.version : '',
    specVersion: version,
    tools,
    skipped,
    securitySchemes: [...schemes.values()].filter((scheme) => used.has(scheme.name)),
  };
}

/**
 * `src/tools`'s OpenAPI import: the tool manifests of every operation of an OpenAPI 3.0, 3.1 or
 * Swagger 2.0 document (JSON or YAML text, or an object). Each manifest's single JSON Schema
 * merges the operation's path, query and header parameters and its body, with `$ref`s resolved;
 * its only allowed origin is the API's server; credentials appear as secret references. To run
 * the tools, use `importOpenApiTools` and `createOpenApiImplementation` with the bindings.
 */
export async function importOpenApi(documentTextOrObject: string | object, options: OpenApiImportOptions = {}): Promise<ToolManifest[]> {
  const result = await importOpenApiTools(documentTextOrObject, options);
  return result.tools.map((tool) => tool.manifest);
}

import SwaggerParser from '@apidevtools/swagger-parser';
import { parse as parseYaml } from 'yaml';
import { TabagentError } from '../../core/errors';

/** The OpenAPI dialects we import. */
export type OpenApiVersion = '2.0' | '3.0' | '3.1';

import { isObject, type JsonObject } from './json-object';

// Shared with the modules that must not load this one's parsers (see json-object.ts).
export { isObject, type JsonObject };

/** A document after parsing and `$ref` resolution. Shared sub-objects are the same object; recursive schemas form cycles. */
export interface OpenApiDocument {
  version: OpenApiVersion;
  document: JsonObject;
}

/** YAML aliases can blow a small file up exponentially ("billion laughs"); real specs use few. */
const MAX_YAML_ALIASES = 1000;


function invalid(message: string, cause?: unknown): TabagentError {
  return new TabagentError('invalid-manifest', message, cause === undefined ? {} : { cause });
}

/** JSON or YAML text as a value (JSON is YAML, but JSON.parse is much faster on big specs). */
function parseText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') throw invalid('The OpenAPI document is empty.');
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed);
    } catch {
      // Not strict JSON; YAML (a superset) may still read it.
    }
  }
  try {
    return parseYaml(trimmed, { maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw invalid(`The document is neither JSON nor YAML: ${reason}`, error);
  }
}

/** Which dialect a document declares, or a TabagentError naming what it declared. */
export function openApiVersionOf(value: unknown): OpenApiVersion {
  if (!isObject(value)) throw invalid('This is not an OpenAPI document: it is not an object.');
  if (value.swagger === '2.0') return '2.0';
  const declared = value.openapi;
  if (typeof declared === 'string') {
    if (/^3\.0\.\d+$/.test(declared)) return '3.0';
    if (/^3\.1\.\d+$/.test(declared)) return '3.1';
    throw invalid(`OpenAPI ${declared} is not supported; documents in OpenAPI 3.0, 3.1 or Swagger 2.0 are.`);
  }
  throw invalid('This is not an OpenAPI document: it has neither an "openapi" nor a "swagger": "2.0" field.');
}

/**
 * Parses an OpenAPI 3.0 / 3.1 or Swagger 2.0 document (JSON or YAML text, or an object, which is
 * not changed) and resolves its internal `$ref`s with @apidevtools/swagger-parser. References to
 * other files or URLs are not fetched (an imported document must not make us contact addresses
 * nobody approved); they stay unresolved and their schemas accept anything.
 */
export async function loadOpenApiDocument(input: string | object): Promise<OpenApiDocument> {
  const value = typeof input === 'string' ? parseText(input) : input;
  const version = openApiVersionOf(value);
  if (!isObject((value as JsonObject).paths)) {
    throw invalid('The OpenAPI document has no "paths", so there are no operations to import.');
  }
  let document: unknown;
  try {
    // swagger-parser changes the object it is given, so it gets a copy.
    const copy = structuredClone(value) as Parameters<typeof SwaggerParser.dereference>[0];
    document = await SwaggerParser.dereference(copy, { resolve: { external: false }, dereference: { circular: true } });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalid(`The OpenAPI document could not be read: ${reason}`, error);
  }
  if (!isObject(document)) throw invalid('The OpenAPI document could not be read.');
  return { version, document };
}

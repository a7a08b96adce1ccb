import type { JsonSchema } from '../../core/types';
import { isObject, type JsonObject, type OpenApiVersion } from './document';

/** Deeper than any sensible argument; recursive or absurd schemas stop here and accept anything. */
const MAX_DEPTH = 12;
/** Descriptions are untrusted text that goes into the prompt; long ones cost tokens and give room to injected text. */
export const MAX_SCHEMA_DESCRIPTION_CHARS = 600;

/** Keywords whose value is one schema. */
const SCHEMA_KEYWORDS = new Set([
  'additionalProperties',
  'items',
  'additionalItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'unevaluatedProperties',
  'unevaluatedItems',
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', 'dependentSchemas']);
/**
 * OpenAPI-only or identity keywords that are dropped: they mean nothing to a validator, and
 * after `$ref` resolution a repeated `$id` would make the schema invalid.
 */
const DROPPED_KEYWORDS = new Set([
  'xml',
  'externalDocs',
  'discriminator',
  'nullable',
  'example',
  '$id',
  '$anchor',
  '$dynamicAnchor',
  '$dynamicRef',
  '$recursiveAnchor',
  '$recursiveRef',
  '$defs',
  'definitions',
  '$comment',
  '$schema',
  'collectionFormat',
  'allowEmptyValue',
]);

export interface ToJsonSchemaOptions {
  /** Leave out `readOnly` properties (they are never sent in a request). */
  request?: boolean;
}

function jsonCopy(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * An OpenAPI schema (Swagger 2.0, 3.0 or 3.1 Schema Object, `$ref`s already resolved) as a
 * plain JSON Schema 2020-12 that our validator and the model understand: `nullable` and boolean
 * `exclusiveMinimum`/`exclusiveMaximum` (2.0/3.0) rewritten, `type: file` made a binary string,
 * OpenAPI-only keywords and extensions dropped, `example` kept as `examples`. A cycle (recursive
 * schemas after resolution) or a too-deep branch becomes `{}` (any value), so the result is
 * always finite JSON. A `$ref` left unresolved (external file) also becomes `{}`.
 */
export function toJsonSchema(schema: unknown, version: OpenApiVersion, options: ToJsonSchemaOptions = {}): JsonSchema {
  const converted = convert(schema, version, options, new Set(), 0);
  return typeof converted === 'boolean' ? (converted ? {} : { not: {} }) : converted;
}

function convert(node: unknown, version: OpenApiVersion, options: ToJsonSchemaOptions, ancestors: Set<object>, depth: number): JsonSchema | boolean {
  if (typeof node === 'boolean') return node;
  if (!isObject(node) || typeof node.$ref === 'string') return {};
  if (ancestors.has(node) || depth > MAX_DEPTH) {
    return typeof node.description === 'string' ? { description: truncate(node.description) } : {};
  }
  ancestors.add(node);
  try {
    const result: JsonSchema = {};
    for (const [key, value] of Object.entries(node)) {
      if (DROPPED_KEYWORDS.has(key) || key.startsWith('x-')) continue;
      if (SCHEMA_KEYWORDS.has(key)) {
        if (key === 'items' && Array.isArray(value)) {
          // Draft-04 tuple form (never valid in OpenAPI, but seen): as 2020-12 prefixItems.
          result.prefixItems = value.map((item) => convert(item, version, options, ancestors, depth + 1));
        } else {
          result[key] = convert(value, version, options, ancestors, depth + 1);
        }
      } else if (SCHEMA_LIST_KEYWORDS.has(key)) {
        if (Array.isArray(value)) result[key] = value.map((item) => convert(item, version, options, ancestors, depth + 1));
      } else if (SCHEMA_MAP_KEYWORDS.has(key)) {
        if (isObject(value)) result[key] = convertMap(key, value, version, options, ancestors, depth);
      } else if (key === 'description' || key === 'title') {
        if (typeof value === 'string') result[key] = truncate(value);
      } else {
        const copy = jsonCopy(value);
        if (copy !== undefined) result[key] = copy;
      }
    }
    if (version !== '3.1') legacyKeywords(node, result);
    if (node.example !== undefined && result.examples === undefined) {
      const example = jsonCopy(node.example);
      if (example !== undefined) result.examples = [example];
    }
    if (options.request && isObject(node.properties) && Array.isArray(result.required)) {
      const kept = result.properties as JsonObject | undefined;
      result.required = (result.required as unknown[]).filter((name) => typeof name === 'string' && kept !== undefined && name in kept);
      if ((result.required as unknown[]).length === 0) delete result.required;
    }
    return result;
  } finally {
    ancestors.delete(node);
  }
}

function convertMap(
  key: string,
  map: JsonObject,
  version: OpenApiVersion,
  options: ToJsonSchemaOptions,
  ancestors: Set<object>,
  depth: number,
): JsonObject {
  const out: JsonObject = {};
  for (const [name, value] of Object.entries(map)) {
    if (key === 'properties' && options.request && isObject(value) && value.readOnly === true) continue;
    // defineProperty: a property called `__proto__` stays an ordinary key.
    Object.defineProperty(out, name, {
      value: convert(value, version, options, ancestors, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** Swagger 2.0 / OpenAPI 3.0 keywords that JSON Schema 2020-12 spells differently. */
function legacyKeywords(node: JsonObject, result: JsonSchema): void {
  if (result.type === 'file') {
    result.type = 'string';
    result.format = 'binary';
  }
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof node[flag] !== 'boolean') continue;
    delete result[flag];
    if (node[flag] === true && typeof node[bound] === 'number') {
      result[flag] = node[bound];
      delete result[bound];
    }
  }
  if (node.nullable === true || node['x-nullable'] === true) {
    if (typeof result.type === 'string') result.type = [result.type, 'null'];
    if (Array.isArray(result.enum) && !result.enum.includes(null)) result.enum = [...result.enum, null];
  }
}

function truncate(text: string): string {
  return text.length > MAX_SCHEMA_DESCRIPTION_CHARS ? `${text.slice(0, MAX_SCHEMA_DESCRIPTION_CHARS - 1)}…` : text;
}

/** Schema keywords a Swagger 2.0 non-body parameter carries directly. */
const SWAGGER2_PARAMETER_KEYWORDS = [
  'type',
  'format',
  'items',
  'enum',
  'default',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'multipleOf',
  'x-nullable',
] as const;

/** The schema of a Swagger 2.0 path/query/header/formData parameter (its keywords sit on the parameter itself). */
export function swagger2ParameterSchema(parameter: JsonObject): JsonSchema {
  const schema: JsonObject = {};
  for (const key of SWAGGER2_PARAMETER_KEYWORDS) {
    if (parameter[key] !== undefined) schema[key] = parameter[key];
  }
  return toJsonSchema(schema, '2.0', { request: true });
}

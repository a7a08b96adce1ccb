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
  /**
   * Where schemas met more than once go, shared by every `toJsonSchema` call whose results end up
   * in one tool schema; the caller then puts `definitions.defs` at that schema's root as `$defs`.
   * Absent: each result carries its own `$defs`.
   */
  definitions?: SharedDefinitions;
}

/** Serialized size (characters) up to which a shared schema is repeated instead of referenced. */
const INLINE_LIMIT = 160;

/**
 * Schemas that a dereferenced document reaches more than once (one component `$ref`ed from many
 * places), converted once and written once under `$defs`, with a local `$ref` at every use.
 * Stops a few KB of nested shared `$ref`s (7 levels × 10 properties) from expanding into hundreds
 * of MB of tool schema and minutes of work.
 */
export class SharedDefinitions {
  /** The `$defs` to put at the root of the schema that holds every converted result. */
  readonly defs: Record<string, JsonSchema> = {};
  /** A source schema node → its converted result (placed where the node was first met). */
  readonly #converted = new Map<object, JsonSchema>();
  /** Converted results that have been moved into `defs` → their `$ref`. */
  readonly #refs = new WeakMap<JsonSchema, string>();

  /** The `$ref` for a node converted before, moving its result into `defs` the first time it is shared. */
  reuse(node: object): JsonSchema | undefined {
    const result = this.#converted.get(node);
    if (!result) return undefined;
    let ref = this.#refs.get(result);
    if (ref === undefined) {
      // Small schemas (`{"type": "string"}`) are cheaper written again than referenced, and stay readable.
      if (JSON.stringify(result).length <= INLINE_LIMIT) return structuredClone(result);
      const name = `s${Object.keys(this.defs).length}`;
      ref = `#/$defs/${name}`;
      // Moved, not copied: the place where it was first met becomes a `$ref` too, so every
      // schema is written exactly once.
      this.defs[name] = { ...result };
      for (const key of Object.keys(result)) delete result[key];
      result.$ref = ref;
      this.#refs.set(result, ref);
    }
    return { $ref: ref };
  }

  /** Remembers what `node` became. */
  remember(node: object, result: JsonSchema): void {
    this.#converted.set(node, result);
  }
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
 * always finite JSON. A `$ref` left unresolved (external file) also becomes `{}`. A schema met more
 * than once is written once under `$defs` and referenced (see `SharedDefinitions`).
 */
export function toJsonSchema(schema: unknown, version: OpenApiVersion, options: ToJsonSchemaOptions = {}): JsonSchema {
  const definitions = options.definitions ?? new SharedDefinitions();
  const converted = convert(schema, version, { ...options, definitions }, new Set(), 0);
  const result = typeof converted === 'boolean' ? (converted ? {} : { not: {} }) : converted;
  if (options.definitions || Object.keys(definitions.defs).length === 0) return result;
  return { ...result, $defs: definitions.defs };
}

type ConvertOptions = ToJsonSchemaOptions & { definitions: SharedDefinitions };

function convert(node: unknown, version: OpenApiVersion, options: ConvertOptions, ancestors: Set<object>, depth: number): JsonSchema | boolean {
  if (typeof node === 'boolean') return node;
  if (!isObject(node) || typeof node.$ref === 'string') return {};
  if (ancestors.has(node)) {
    return typeof node.description === 'string' ? { description: truncate(node.description) } : {};
  }
  const shared = options.definitions.reuse(node);
  if (shared) return shared;
  if (depth > MAX_DEPTH) {
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
    options.definitions.remember(node, result);
    return result;
  } finally {
    ancestors.delete(node);
  }
}

function convertMap(
  key: string,
  map: JsonObject,
  version: OpenApiVersion,
  options: ConvertOptions,
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

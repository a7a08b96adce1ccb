import { isRecord } from '../is-record';
import type { JsonSchema } from '../types';

/**
 * The part of JSON Schema that the grammar generators understand, as one normalised shape per
 * schema node. Both the EBNF generator and the XGrammar-ready JSON schema are written from this
 * view, so the two constrained modes enforce the same things.
 *
 * Supported: `type` (one or several), `properties` / `required` / `additionalProperties`,
 * `items` / `prefixItems` (and draft-4 array `items`), `minItems` (up to {@link MAX_MIN_ITEMS}),
 * `enum`, `const`, `anyOf`, `oneOf` (as anyOf), `allOf` (merged), local `$ref` to `#`,
 * `#/$defs/…` or `#/definitions/…`, OpenAPI `nullable`.
 * Dropped, so the grammar is looser than the schema there (the arguments are still validated
 * against the real schema after parsing): `pattern`, `format`, string lengths, numeric bounds,
 * `maxItems`, `uniqueItems`, `not`, `if`/`then`/`else`, `patternProperties`, `dependent*`,
 * and anything else. A `false` schema, a remote `$ref` or an unknown `type` means any JSON value.
 */
export type SchemaNode =
  | { kind: 'any' }
  | { kind: 'ref'; ref: string }
  | { kind: 'literal'; values: unknown[] }
  | { kind: 'union'; options: unknown[] }
  | { kind: 'string' | 'number' | 'integer' | 'boolean' | 'null' }
  | { kind: 'array'; items: unknown; prefixItems: unknown[]; minItems: number }
  | ObjectNode;

/** An object: declared properties (strict, no others), or a map, or any object. */
export interface ObjectNode {
  kind: 'object';
  /** Required properties first (in declared order), then optional ones (in declared order). */
  properties: Array<{ name: string; schema: unknown; required: boolean }>;
  /** With no declared properties: the schema of every value (`true`: any object, `false`: `{}` only). */
  additional: unknown;
}

/** `minItems` above this is lowered to it: unrolling is linear in the bound. */
export const MAX_MIN_ITEMS = 16;

/** Keywords that carry no constraint (ignored when deciding whether a base schema constrains). */
const ANNOTATIONS = new Set(['title', 'description', '$comment', 'default', 'examples', '$schema', '$id', 'deprecated', 'readOnly', 'writeOnly']);

export function isSchemaObject(value: unknown): value is JsonSchema {
  return isRecord(value);
}

function own(schema: JsonSchema, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(schema, key) ? schema[key] : undefined;
}

function without(schema: JsonSchema, keys: readonly string[]): JsonSchema {
  const copy: JsonSchema = { ...schema };
  for (const key of keys) delete copy[key];
  return copy;
}

function constrains(schema: JsonSchema): boolean {
  return Object.keys(schema).some((key) => !ANNOTATIONS.has(key));
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function typeList(schema: JsonSchema): string[] | undefined {
  const type = own(schema, 'type');
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? stringList(type) : undefined;
}

/**
 * Both schemas at once, simplified: properties are merged (a property in both gets an allOf),
 * `required` is the union, `type` the intersection; other keywords of `b` win.
 */
export function mergeSchemas(a: JsonSchema, b: JsonSchema): JsonSchema {
  const merged: JsonSchema = { ...a, ...b };
  const pa = own(a, 'properties');
  const pb = own(b, 'properties');
  if (isSchemaObject(pa) && isSchemaObject(pb)) {
    const properties: JsonSchema = { ...pa };
    for (const [key, value] of Object.entries(pb)) {
      properties[key] = Object.prototype.hasOwnProperty.call(pa, key) ? { allOf: [pa[key], value] } : value;
    }
    merged.properties = properties;
  }
  const required = [...new Set([...stringList(own(a, 'required')), ...stringList(own(b, 'required'))])];
  if (required.length > 0) merged.required = required;
  const ta = typeList(a);
  const tb = typeList(b);
  if (ta && tb) {
    const both = ta.filter((type) => tb.includes(type) || (type === 'integer' && tb.includes('number')));
    const fromB = tb.filter((type) => type === 'integer' && ta.includes('number'));
    const type = [...new Set([...both, ...fromB])];
    if (type.length > 0) merged.type = type.length === 1 ? type[0] : type;
  }
  return merged;
}

function objectNode(schema: JsonSchema): ObjectNode {
  const declared = own(schema, 'properties');
  const required = stringList(own(schema, 'required'));
  const entries = isSchemaObject(declared) ? Object.entries(declared) : [];
  const names = new Set(entries.map(([name]) => name));
  // A required name that is not declared may hold anything.
  for (const name of required) if (!names.has(name)) entries.push([name, true]);
  const isRequired = new Set(required);
  const first = entries.filter(([name]) => isRequired.has(name));
  const rest = entries.filter(([name]) => !isRequired.has(name));
  return {
    kind: 'object',
    properties: [...first, ...rest].map(([name, value]) => ({ name, schema: value, required: isRequired.has(name) })),
    additional: own(schema, 'additionalProperties') ?? true,
  };
}

function arrayNode(schema: JsonSchema): SchemaNode {
  const items = own(schema, 'items');
  const prefix = own(schema, 'prefixItems');
  const minItems = own(schema, 'minItems');
  const min = typeof minItems === 'number' && Number.isInteger(minItems) && minItems > 0 ? Math.min(minItems, MAX_MIN_ITEMS) : 0;
  if (Array.isArray(items)) {
    // Draft-4 tuple form: `items` is the prefix, `additionalItems` the rest.
    return { kind: 'array', prefixItems: items, items: own(schema, 'additionalItems') ?? true, minItems: min };
  }
  return { kind: 'array', prefixItems: Array.isArray(prefix) ? prefix : [], items: items ?? true, minItems: min };
}

function typedNode(schema: JsonSchema, type: string): SchemaNode {
  if (type === 'object') return objectNode(schema);
  if (type === 'array') return arrayNode(schema);
  if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean' || type === 'null') return { kind: type };
  return { kind: 'any' };
}

/** The normalised view of one schema node (see {@link SchemaNode}). Never throws. */
export function schemaNode(schema: unknown): SchemaNode {
  if (!isSchemaObject(schema)) return { kind: 'any' };
  const allOf = own(schema, 'allOf');
  if (Array.isArray(allOf)) {
    const parts = allOf.filter(isSchemaObject);
    // A $ref among the parts cannot be merged without resolving it here; keep it as the whole schema.
    const ref = parts.find((part) => typeof own(part, '$ref') === 'string');
    if (ref) return schemaNode(ref);
    return schemaNode(parts.reduce(mergeSchemas, without(schema, ['allOf'])));
  }
  const ref = own(schema, '$ref');
  if (typeof ref === 'string') return { kind: 'ref', ref };
  if (own(schema, 'const') !== undefined) return { kind: 'literal', values: [own(schema, 'const')] };
  const values = own(schema, 'enum');
  if (Array.isArray(values) && values.length > 0) return { kind: 'literal', values: [...values] };
  for (const key of ['anyOf', 'oneOf']) {
    const options = own(schema, key);
    if (!Array.isArray(options) || options.length === 0) continue;
    const base = without(schema, ['anyOf', 'oneOf']);
    // `{type: 'object', properties: …, anyOf: [{required: ['a']}, …]}`: each branch adds to the base.
    const merged = constrains(base) ? options.map((option) => (isSchemaObject(option) ? mergeSchemas(base, option) : option)) : options;
    return { kind: 'union', options: merged };
  }
  let types = typeList(schema);
  if (types && own(schema, 'nullable') === true && !types.includes('null')) types = [...types, 'null'];
  if (types && types.length > 1) return { kind: 'union', options: types.map((type) => ({ ...without(schema, ['nullable']), type })) };
  if (types && types.length === 1) return typedNode(schema, types[0] ?? '');
  if (own(schema, 'properties') !== undefined || own(schema, 'required') !== undefined || own(schema, 'additionalProperties') !== undefined) {
    return objectNode(schema);
  }
  if (own(schema, 'items') !== undefined || own(schema, 'prefixItems') !== undefined) return arrayNode(schema);
  return { kind: 'any' };
}

/**
 * The target of a local `$ref` inside `root` (a tool's parameters): `#`, `#/$defs/<name>` or
 * `#/definitions/<name>`. `undefined` for anything else (remote or deeper pointers).
 */
export function resolveRef(root: unknown, ref: string): { id: string; schema: unknown } | undefined {
  if (ref === '#') return { id: '#', schema: root };
  const match = /^#\/(\$defs|definitions)\/([^/]+)$/.exec(ref);
  if (!match || !isSchemaObject(root)) return undefined;
  const [, section = '', encoded = ''] = match;
  let name: string;
  try {
    name = decodeURIComponent(encoded).replace(/~1/g, '/').replace(/~0/g, '~');
  } catch {
    return undefined;
  }
  const defs = own(root, section);
  if (!isSchemaObject(defs) || !Object.prototype.hasOwnProperty.call(defs, name)) return undefined;
  return { id: `#/${section}/${name}`, schema: defs[name] };
}

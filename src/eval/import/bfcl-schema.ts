import type { JsonSchema } from '../../core/types';
import { isRecord } from '../../core/is-record';

/**
 * BFCL's type names (Python, Java and JavaScript flavoured) → JSON Schema types. `any` and names with
 * no JSON Schema equivalent lose their `type` (any value), which validators and servers accept.
 */
const TYPE_NAMES: Readonly<Record<string, string | null>> = {
  dict: 'object',
  object: 'object',
  hashmap: 'object',
  map: 'object',
  float: 'number',
  double: 'number',
  number: 'number',
  integer: 'integer',
  int: 'integer',
  long: 'integer',
  short: 'integer',
  byte: 'integer',
  string: 'string',
  str: 'string',
  char: 'string',
  boolean: 'boolean',
  bool: 'boolean',
  array: 'array',
  list: 'array',
  tuple: 'array',
  arraylist: 'array',
  set: 'array',
  null: 'null',
  any: null,
};

function mapType(name: unknown): string | null {
  if (typeof name !== 'string') return null;
  return TYPE_NAMES[name.trim().toLowerCase()] ?? null;
}

/**
 * Rewrites a BFCL parameter schema as JSON Schema: `"type": "dict"` → `"object"`, `float` → `number`,
 * `tuple` → `array` and the like (see TYPE_NAMES), recursively through properties, items,
 * additionalProperties and anyOf/oneOf/allOf. The top level is always an object schema.
 */
export function normalizeBfclSchema(schema: unknown, topLevel = true): JsonSchema {
  if (!isRecord(schema)) return topLevel ? { type: 'object', properties: {} } : {};
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'type') {
      const types = (Array.isArray(value) ? value : [value]).map(mapType).filter((type) => type !== null);
      if (types.length === 1) out.type = types[0];
      else if (types.length > 1) out.type = [...new Set(types)];
    } else if (key === 'properties' && isRecord(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, normalizeBfclSchema(inner, false)]));
    } else if ((key === 'items' || key === 'additionalProperties') && isRecord(value)) {
      out[key] = normalizeBfclSchema(value, false);
    } else if ((key === 'anyOf' || key === 'oneOf' || key === 'allOf') && Array.isArray(value)) {
      out[key] = value.map((inner) => normalizeBfclSchema(inner, false));
    } else {
      out[key] = value;
    }
  }
  if (topLevel) {
    out.type = 'object';
    if (!isRecord(out.properties)) out.properties = {};
  }
  return out;
}

/**
 * BFCL names such as `math.factorial` are not valid OpenAI function names (letters, digits, `_`, `-`):
 * BFCL itself rewrites them for OpenAI models, and so do we, in tools and answers alike.
 */
export function bfclToolName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

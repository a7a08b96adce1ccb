import fc from 'fast-check';
import type { JsonSchema, ToolDefinition } from '../../../../src/core/types';

/**
 * Valid argument objects for a tool, generated straight from its JSON schema (written apart from
 * the generator under test, so the two do not share mistakes). Objects list required properties
 * first, then optional ones, each group in declared order: the order the grammar asks for.
 */

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function get(schema: JsonSchema, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(schema, key) ? schema[key] : undefined;
}

/** Strings that stress escaping: quotes, backslashes, controls, non-ASCII, astral, the call markers. */
const stringArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('', '"', '\\', '\n\t\r', '\u0000\u001f', 'é', '😀', '<tool_call>', '</tool_call>', '{"name": "x"}', 'a/b'),
);

// Within ±1e99: the grammar writes positive exponents with two digits at most, so every number stays finite.
const numberArb = fc.oneof(fc.integer(), fc.double({ noNaN: true, min: -1e99, max: 1e99 }), fc.constantFrom(0, -1, 0.5, 1e21, 1e-7));
const integerArb = fc.oneof(fc.integer(), fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER));
const anyArb = fc.jsonValue({ maxDepth: 2 }).filter((value) => !/e\+\d{3}/.test(JSON.stringify(value)));

function merge(parts: unknown[]): JsonSchema {
  const out: JsonSchema = {};
  const properties: JsonSchema = {};
  const required: string[] = [];
  for (const part of parts.filter(isObject)) {
    Object.assign(out, part);
    const props = get(part, 'properties');
    if (isObject(props)) Object.assign(properties, props);
    const req = get(part, 'required');
    if (Array.isArray(req)) required.push(...req.filter((item): item is string => typeof item === 'string'));
  }
  return { ...out, properties, required, type: 'object' };
}

function resolve(root: JsonSchema, ref: string): unknown {
  const match = /^#\/\$defs\/(.+)$/.exec(ref);
  const defs = get(root, '$defs');
  if (!match || !isObject(defs)) throw new Error(`fixture uses an unsupported $ref: ${ref}`);
  return get(defs, match[1] ?? '');
}

/** Strings honouring the keywords the grammar drops, so the values are valid for the real schema. */
function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  const pattern = get(schema, 'pattern');
  if (typeof pattern === 'string') return fc.stringMatching(new RegExp(pattern));
  if (get(schema, 'format') === 'date-time') return fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((date) => date.toISOString());
  const minLength = get(schema, 'minLength');
  const maxLength = get(schema, 'maxLength');
  if (typeof minLength === 'number' || typeof maxLength === 'number') {
    const min = typeof minLength === 'number' ? minLength : 0;
    const max = typeof maxLength === 'number' ? maxLength : min + 10;
    return stringArb.filter((text) => [...text].length >= min && [...text].length <= max);
  }
  return stringArb;
}

function typed(schema: JsonSchema, type: string, root: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringFor(schema);
    case 'number':
      return numberArb;
    case 'integer': {
      const min = get(schema, 'minimum');
      const max = get(schema, 'maximum');
      if (typeof min === 'number' || typeof max === 'number') {
        return fc.integer({ min: typeof min === 'number' ? min : Number.MIN_SAFE_INTEGER, max: typeof max === 'number' ? max : Number.MAX_SAFE_INTEGER });
      }
      return integerArb;
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return arrayArb(schema, root, depth);
    case 'object':
      return objectArb(schema, root, depth);
    default:
      throw new Error(`fixture uses an unknown type: ${type}`);
  }
}

function arrayArb(schema: JsonSchema, root: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const prefix = get(schema, 'prefixItems');
  if (Array.isArray(prefix)) return fc.tuple(...prefix.map((item) => valueArbitrary(item, root, depth + 1)));
  const minItems = get(schema, 'minItems');
  const min = typeof minItems === 'number' ? minItems : 0;
  // Deep down, stop growing (recursive schemas would never end).
  const max = depth > 3 ? min : min + 3;
  return fc.array(valueArbitrary(get(schema, 'items'), root, depth + 1), { minLength: min, maxLength: max });
}

function objectArb(schema: JsonSchema, root: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const properties = get(schema, 'properties');
  const required = get(schema, 'required');
  const requiredNames = Array.isArray(required) ? required.filter((item): item is string => typeof item === 'string') : [];
  const additional = get(schema, 'additionalProperties');
  if (!isObject(properties) || Object.keys(properties).length === 0) {
    if (isObject(additional)) return fc.dictionary(fc.string({ maxLength: 6 }), valueArbitrary(additional, root, depth + 1), { maxKeys: 3 });
    return fc.constant({});
  }
  const names = Object.keys(properties);
  const first = names.filter((name) => requiredNames.includes(name));
  const rest = names.filter((name) => !requiredNames.includes(name));
  const entries = [
    ...first.map((name) => valueArbitrary(properties[name], root, depth + 1).map((value): [string, unknown] | null => [name, value])),
    ...rest.map((name) =>
      depth > 3 ? fc.constant(null) : fc.option(valueArbitrary(properties[name], root, depth + 1).map((value): [string, unknown] => [name, value])),
    ),
  ];
  return fc.tuple(...entries).map((pairs) => Object.fromEntries(pairs.filter((pair): pair is [string, unknown] => pair !== null)));
}

/** An arbitrary of valid instances of `schema` (for the keywords the fixtures use). */
export function valueArbitrary(schema: unknown, root: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (!isObject(schema) || Object.keys(schema).length === 0) return anyArb;
  const ref = get(schema, '$ref');
  if (typeof ref === 'string') return valueArbitrary(resolve(root, ref), root, depth + 1);
  const allOf = get(schema, 'allOf');
  if (Array.isArray(allOf)) return valueArbitrary(merge(allOf), root, depth);
  if (get(schema, 'const') !== undefined) return fc.constant(get(schema, 'const'));
  const values = get(schema, 'enum');
  if (Array.isArray(values)) return fc.constantFrom(...values);
  const options = get(schema, 'anyOf') ?? get(schema, 'oneOf');
  if (Array.isArray(options)) return fc.oneof(...options.map((option) => valueArbitrary(option, root, depth + 1)));
  const type = get(schema, 'type');
  const types = Array.isArray(type) ? type.filter((item): item is string => typeof item === 'string') : typeof type === 'string' ? [type] : ['object'];
  if (get(schema, 'nullable') === true) types.push('null');
  return fc.oneof(...types.map((item) => typed(schema, item, root, depth)));
}

/** Valid `arguments` for `tool`. */
export function argumentsArbitrary(tool: ToolDefinition): fc.Arbitrary<Record<string, unknown>> {
  return valueArbitrary(tool.parameters, tool.parameters).map((value) => value as Record<string, unknown>);
}

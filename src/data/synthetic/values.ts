/**
 * Argument values derived from a tool's JSON Schema and its manifest examples. The values only
 * need to be plausible: every generated call is validated afterwards and dropped when invalid,
 * so this code prefers simple guesses over chasing every schema keyword.
 */
import type { JsonSchema } from '../../core/types';
import type { ToolManifest } from '../../tools/manifest';
import type { Rng } from '../hash';
import { isRecord } from '../../core/is-record';

/** How deep nested objects/arrays are filled before giving up (schemas can be recursive). */
const MAX_DEPTH = 3;

/** Sample values for common string formats, so `format` keywords do not make every call invalid. */
const FORMAT_SAMPLES: Readonly<Record<string, readonly string[]>> = {
  date: ['2024-05-01', '2025-01-15'],
  'date-time': ['2024-05-01T09:30:00Z', '2025-01-15T18:00:00+08:00'],
  time: ['09:30:00Z', '18:00:00+08:00'],
  email: ['alice@example.com', 'wang.wei@example.cn'],
  uri: ['https://example.com/', 'https://example.org/docs'],
  url: ['https://example.com/', 'https://example.org/docs'],
};

function schemaAt(schema: JsonSchema, key: string): JsonSchema | undefined {
  const properties = schema.properties;
  if (!isRecord(properties)) return undefined;
  const child = properties[key];
  return isRecord(child) ? child : undefined;
}

/** Strings quoted in a description (`e.g. "km", "degC"`): authors list typical values there. */
function quotedInDescription(schema: JsonSchema): string[] {
  const description = typeof schema.description === 'string' ? schema.description : '';
  return [...description.matchAll(/["“]([^"”]{1,80})["”]/g)].map((match) => match[1] ?? '').filter((text) => text !== '');
}

/** The values a property takes in the manifest's examples (the best source: a human wrote them). */
function exampleValues(manifest: ToolManifest, path: readonly string[]): unknown[] {
  const values: unknown[] = [];
  for (const example of manifest.examples ?? []) {
    let value: unknown = example.arguments;
    for (const key of path) value = isRecord(value) ? value[key] : undefined;
    if (value !== undefined) values.push(value);
  }
  return values;
}

function typeOf(schema: JsonSchema): string | undefined {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((entry): entry is string => typeof entry === 'string' && entry !== 'null');
  if (isRecord(schema.properties)) return 'object';
  return undefined;
}

function numberValue(schema: JsonSchema, seen: unknown[], rng: Rng, integer: boolean): number {
  const numbers = seen.filter((value): value is number => typeof value === 'number');
  const min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  const max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  if (min === undefined && max === undefined && numbers.length > 0 && rng.next() < 0.5) return rng.pick(numbers);
  const low = min ?? (max !== undefined ? Math.min(0, max - 100) : 1);
  const high = max ?? low + 999;
  if (integer || rng.next() < 0.6) return rng.int(Math.ceil(low), Math.floor(high));
  // One or two decimals: people ask about 42.195 km, not 42.19512345.
  const raw = low + rng.next() * (high - low);
  return Math.min(high, Math.max(low, Math.round(raw * 100) / 100));
}

function stringValue(schema: JsonSchema, seen: unknown[], rng: Rng): string | undefined {
  const candidates = [
    ...seen.filter((value): value is string => typeof value === 'string'),
    ...(Array.isArray(schema.examples) ? schema.examples.filter((value): value is string => typeof value === 'string') : []),
    ...(typeof schema.default === 'string' ? [schema.default] : []),
    ...(typeof schema.format === 'string' ? (FORMAT_SAMPLES[schema.format] ?? []) : []),
    ...quotedInDescription(schema),
  ];
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  const fitting = candidates.filter((text) => text.length >= minLength && text.length <= maxLength);
  return fitting.length > 0 ? rng.pick(fitting) : undefined;
}

/**
 * A value for `schema`, taking hints from the manifest's examples at `path`. Returns undefined
 * when nothing sensible can be made (the property is then left out, or the call fails validation).
 */
export function sampleValue(
  manifest: ToolManifest,
  schema: JsonSchema,
  path: readonly string[],
  rng: Rng,
  depth = 0,
): unknown {
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return rng.pick(schema.enum);
  const seen = exampleValues(manifest, path);
  switch (typeOf(schema)) {
    case 'string':
      return stringValue(schema, seen, rng);
    case 'number':
      return numberValue(schema, seen, rng, false);
    case 'integer':
      return numberValue(schema, seen, rng, true);
    case 'boolean':
      return rng.next() < 0.5;
    case 'array': {
      if (depth >= MAX_DEPTH || !isRecord(schema.items)) return seen.find(Array.isArray) ?? [];
      const minItems = typeof schema.minItems === 'number' ? schema.minItems : 1;
      const length = Math.max(minItems, rng.int(1, 2));
      return Array.from({ length }, () => sampleValue(manifest, schema.items as JsonSchema, [...path, '0'], rng, depth + 1));
    }
    case 'object':
      return depth >= MAX_DEPTH ? {} : sampleObject(manifest, schema, path, rng, depth + 1);
    default:
      return seen.length > 0 ? rng.pick(seen) : undefined;
  }
}

/** An arguments object: every required property, each optional one about half the time. */
export function sampleObject(
  manifest: ToolManifest,
  schema: JsonSchema,
  path: readonly string[],
  rng: Rng,
  depth = 0,
): Record<string, unknown> {
  const properties = isRecord(schema.properties) ? Object.keys(schema.properties) : [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((key) => typeof key === 'string') : []);
  const result: Record<string, unknown> = {};
  for (const key of properties) {
    if (!required.has(key) && rng.next() < 0.5) continue;
    const child = schemaAt(schema, key);
    if (!child) continue;
    let value = sampleValue(manifest, child, [...path, key], rng, depth);
    // A required string with no hint anywhere still needs a value; an optional one is better left out.
    if (value === undefined && required.has(key) && typeOf(child) === 'string') value = `sample ${key}`;
    if (value !== undefined) result[key] = value;
  }
  return result;
}

/** Arguments for one call, and the example request they came from (when they came from one). */
export interface SampledArguments {
  arguments: Record<string, unknown>;
  /** The manifest example's own request text, which is more natural than any template. */
  exampleQuery?: string;
}

/**
 * Arguments for one call to `manifest`. Where the manifest has examples: a third of the time an
 * example as written (the most natural request), a third of the time an example with its numbers
 * re-drawn (its strings stay together, so "km"→"mi" does not become "km"→"degF"), and otherwise
 * a fresh schema-derived object (which reaches enum values and options no example shows).
 */
export function sampleArguments(manifest: ToolManifest, rng: Rng): SampledArguments {
  const examples = manifest.examples ?? [];
  const roll = rng.next();
  if (examples.length > 0 && roll < 2 / 3) {
    const example = rng.pick(examples);
    const args = structuredClone(example.arguments);
    if (roll < 1 / 3) return { arguments: args, exampleQuery: example.query };
    for (const [key, value] of Object.entries(args)) {
      const child = schemaAt(manifest.parameters, key);
      if (typeof value === 'number' && child) args[key] = sampleValue(manifest, child, [key], rng);
    }
    return { arguments: args };
  }
  return { arguments: sampleObject(manifest, manifest.parameters, [], rng) };
}

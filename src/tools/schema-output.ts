import type { OutputUnit, Schema } from '@cfworker/json-schema';
import type { SchemaError } from './schema-errors';

/** Where the validator's schemas live: absolute URI → schema (from `dereference`). */
export type SchemaLookup = Record<string, Schema | boolean>;

/**
 * Units that only say "something below failed": the units after them say what. Dropped, so a
 * message names the actual problem once (`/a must be string`, not also `properties failed`).
 */
const WRAPPERS = new Set([
  'properties',
  'patternProperties',
  '$ref',
  '$recursiveRef',
  'allOf',
  'items',
  'prefixItems',
  'additionalItems',
  'if',
  'dependentSchemas',
]);

const COMBINATORS = new Set(['anyOf', 'oneOf']);

/**
 * The validator puts a failed `anyOf`/`oneOf` before its branches' units; the error grouping
 * (schema-errors.ts) reads the summary after them, so each summary moves behind its branches.
 */
function summariesLast(units: readonly OutputUnit[]): OutputUnit[] {
  const ordered: OutputUnit[] = [];
  let index = 0;
  while (index < units.length) {
    const unit = units[index]!;
    index++;
    if (!COMBINATORS.has(unit.keyword)) {
      ordered.push(unit);
      continue;
    }
    const prefix = `${unit.keywordLocation}/`;
    const start = index;
    while (index < units.length && units[index]!.keywordLocation.startsWith(prefix)) index++;
    ordered.push(...summariesLast(units.slice(start, index)), unit);
  }
  return ordered;
}

/** `#/a/b~1c` (URI-encoded JSON pointer) → `/a/b~1c` (plain JSON pointer, as in messages). */
function plainPointer(location: string): string {
  const pointer = location.startsWith('#') ? location.slice(1) : location;
  try {
    return decodeURIComponent(pointer);
  } catch {
    return pointer;
  }
}

/** The keyword's value in the schema, following `$ref`s on the way; undefined if not found. */
function keywordValue(location: string, root: Schema | boolean, lookup: SchemaLookup): unknown {
  let node: unknown = root;
  for (const raw of plainPointer(location).split('/').slice(1)) {
    if (typeof node !== 'object' || node === null) return undefined;
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const record = node as Record<string, unknown>;
    if (segment === '$ref' && typeof record.__absolute_ref__ === 'string') node = lookup[record.__absolute_ref__];
    else node = Object.hasOwn(record, segment) ? record[segment] : undefined;
  }
  return node;
}

/** The quoted name in a unit's text (`... property "x".`), or the whole text if none. */
function quoted(text: string): string {
  const match = /"(.*)"/s.exec(text);
  return match?.[1] ?? text;
}

/** One unit as an error in the words this app has always used (Ajv's wording). */
function toError(unit: OutputUnit, root: Schema | boolean, lookup: SchemaLookup): SchemaError {
  const value = keywordValue(unit.keywordLocation, root, lookup);
  const base = { instancePath: plainPointer(unit.instanceLocation), schemaPath: unit.keywordLocation, keyword: unit.keyword };
  const text = (message: string, params: Record<string, unknown> = {}): SchemaError => ({ ...base, params, message });
  switch (unit.keyword) {
    case 'type':
      return text(`must be ${Array.isArray(value) ? value.join(',') : String(value)}`, { type: value });
    case 'required':
      return text(`must have required property '${quoted(unit.error)}'`, { missingProperty: quoted(unit.error) });
    case 'enum':
      return text('must be equal to one of the allowed values', { allowedValues: value });
    case 'const':
      return text('must be equal to constant', { allowedValue: value });
    case 'minimum':
      return text(`must be >= ${String(value)}`);
    case 'maximum':
      return text(`must be <= ${String(value)}`);
    case 'exclusiveMinimum':
      return text(`must be > ${String(value)}`);
    case 'exclusiveMaximum':
      return text(`must be < ${String(value)}`);
    case 'multipleOf':
      return text(`must be multiple of ${String(value)}`);
    case 'minLength':
      return text(`must NOT have fewer than ${String(value)} characters`);
    case 'maxLength':
      return text(`must NOT have more than ${String(value)} characters`);
    case 'pattern':
      return text(`must match pattern "${String(value)}"`);
    case 'format':
      return value === 'regex' ? text('must be a valid regular expression') : text(`must match format "${String(value)}"`);
    case 'minItems':
      return text(`must NOT have fewer than ${String(value)} items`);
    case 'maxItems':
      return text(`must NOT have more than ${String(value)} items`);
    case 'uniqueItems': {
      const [first, second] = unit.error.match(/\d+/g) ?? [];
      return text(`must NOT have duplicate items (items ## ${second ?? '?'} and ${first ?? '?'} are identical)`);
    }
    case 'minProperties':
      return text(`must NOT have fewer than ${String(value)} properties`);
    case 'maxProperties':
      return text(`must NOT have more than ${String(value)} properties`);
    case 'anyOf':
      return text('must match a schema in anyOf');
    case 'oneOf':
      return text('must match exactly one schema in oneOf');
    case 'not':
      return text('must NOT be valid');
    case 'false':
      return text('boolean schema is false');
    default:
      return text(unit.error);
  }
}

/**
 * Turns the eval-free validator's output units into the errors the message builders read:
 * wrappers dropped, `additionalProperties: false` as one error naming the property, each
 * `anyOf`/`oneOf` summary after its branches, pointers without URI encoding.
 */
export function toSchemaErrors(units: readonly OutputUnit[], root: Schema | boolean, lookup: SchemaLookup): SchemaError[] {
  const errors: SchemaError[] = [];
  const ordered = summariesLast(units);
  for (let index = 0; index < ordered.length; index++) {
    const unit = ordered[index]!;
    if (unit.keyword === 'additionalProperties' || unit.keyword === 'unevaluatedProperties') {
      if (keywordValue(unit.keywordLocation, root, lookup) !== false) continue;
      const property = quoted(unit.error);
      errors.push({
        instancePath: plainPointer(unit.instanceLocation),
        schemaPath: unit.keywordLocation,
        keyword: 'additionalProperties',
        params: { additionalProperty: property },
        message: 'must NOT have additional properties',
      });
      // The property's own unit ("False boolean schema") says nothing more.
      if (ordered[index + 1]?.keyword === 'false') index++;
      continue;
    }
    if (WRAPPERS.has(unit.keyword)) continue;
    errors.push(toError(unit, root, lookup));
  }
  return errors;
}

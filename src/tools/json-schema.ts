import { dereference, validate, type OutputUnit, type Schema, type SchemaDraft } from '@cfworker/json-schema';
import type { JsonSchema } from '../core/types';
import { META_SCHEMA } from './meta-schema';
import { groupErrors, type SchemaError } from './schema-errors';
import { toSchemaErrors, type SchemaLookup } from './schema-output';

/** The JSON Schema dialects tool parameters may be written in. */
export type SchemaDialect = '2020-12' | 'draft-07';

/**
 * A compiled schema: true when `data` is valid; after a false, `errors` says why (Ajv's calling
 * convention, which the callers were written against).
 */
export interface ValidateFunction {
  (data: unknown): boolean;
  errors: SchemaError[] | null;
}

const DIALECT_URIS: ReadonlyMap<string, SchemaDialect> = new Map([
  ['https://json-schema.org/draft/2020-12/schema', '2020-12'],
  ['http://json-schema.org/draft-07/schema', 'draft-07'],
  ['https://json-schema.org/draft-07/schema', 'draft-07'],
]);

const DRAFTS: Readonly<Record<SchemaDialect, SchemaDraft>> = { '2020-12': '2020-12', 'draft-07': '7' };

/**
 * The dialect a schema declares with `$schema` (2020-12 when it declares none, as OpenAPI 3.1
 * and the OpenAI function shape assume); undefined for a dialect we do not support.
 * MCP servers commonly declare draft-07, which is why it is accepted too.
 */
export function dialectOf(schema: JsonSchema): SchemaDialect | undefined {
  const declared = schema.$schema;
  if (declared === undefined) return '2020-12';
  if (typeof declared !== 'string') return undefined;
  return DIALECT_URIS.get(declared.replace(/#$/, ''));
}

/** One problem found in a schema: where (a JSON pointer inside the schema) and what. */
export interface SchemaProblem {
  pointer: string;
  reason: string;
}

/** `value` as it would travel as JSON (undefined properties dropped); null when it cannot. */
function asJson(value: unknown): unknown {
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? null : (JSON.parse(text) as unknown);
}

/**
 * Runs `schema` (already dereferenced into `lookup`) over `data`. Validation is interpreted, never
 * compiled to code: Ajv built a `new Function` per schema, which the page's Content-Security-Policy
 * (no 'unsafe-eval') forbids. Every error is reported unless `allErrors` is false (then it stops
 * at the first); nothing is coerced or defaulted; only own properties count.
 */
function run(data: unknown, schema: Schema, draft: SchemaDraft, lookup: SchemaLookup, allErrors: boolean): SchemaError[] {
  let units: OutputUnit[];
  try {
    units = validate(data, schema, draft, lookup, !allErrors).errors;
  } catch {
    // The validator refuses values JSON cannot hold (a property set to undefined, a function).
    // Validate what would be sent instead, where such a property is simply absent (as Ajv did).
    try {
      units = validate(asJson(data), schema, draft, lookup, !allErrors).errors;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return [{ instancePath: '', schemaPath: '#', keyword: 'schema', params: {}, message }];
    }
  }
  return units.length === 0 ? [] : toSchemaErrors(units, schema, lookup);
}

/** A validate function over a private copy of `schema` (the validator annotates what it is given). */
function validatorFor(schema: Schema, draft: SchemaDraft, lookup: SchemaLookup, allErrors = true): ValidateFunction {
  const check: ValidateFunction = Object.assign(
    (data: unknown): boolean => {
      const errors = run(data, schema, draft, lookup, allErrors);
      check.errors = errors.length === 0 ? null : errors;
      return errors.length === 0;
    },
    { errors: null as SchemaError[] | null },
  );
  return check;
}

let metaValidator: ValidateFunction | undefined;

/** Checks a schema's shape against the meta-schema (see meta-schema.ts for why draft-07's). */
function metaProblems(schema: JsonSchema): SchemaProblem[] {
  if (!metaValidator) {
    const meta = structuredClone(META_SCHEMA) as Schema;
    metaValidator = validatorFor(meta, '7', dereference(meta));
  }
  if (metaValidator(schema)) return [];
  return groupErrors(metaValidator.errors ?? []).map(({ pointer, reason }) => ({ pointer, reason }));
}

/** `$ref`s of `schema` (annotated by `dereference`) that point at nothing in `lookup`. */
function unresolvedRefs(node: unknown, lookup: SchemaLookup, found: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) unresolvedRefs(item, lookup, found);
  } else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    const target = record.__absolute_ref__;
    if (typeof record.$ref === 'string' && (typeof target !== 'string' || lookup[target] === undefined)) found.push(record.$ref);
    for (const value of Object.values(record)) unresolvedRefs(value, lookup, found);
  }
  return found;
}

/**
 * Checks that `schema` is a usable JSON Schema: valid against the meta-schema, with every `$ref`
 * resolvable and every regular expression valid. Returns a validator, or the problems.
 * Each call works on its own copy of the schema, so two tools whose schemas share an `$id`
 * never see each other's definitions, and frozen schemas can be validated.
 */
export function compileSchema(
  schema: JsonSchema,
  allErrors = true,
): { ok: true; validate: ValidateFunction } | { ok: false; problems: SchemaProblem[] } {
  const dialect = dialectOf(schema);
  if (!dialect) {
    return {
      ok: false,
      problems: [{ pointer: '/$schema', reason: 'must be JSON Schema 2020-12 or draft-07 (or be left out)' }],
    };
  }
  const problems = metaProblems(schema);
  if (problems.length > 0) return { ok: false, problems };
  try {
    const copy = structuredClone(schema) as Schema;
    const lookup = dereference(copy);
    const missing = unresolvedRefs(copy, lookup);
    if (missing.length > 0) {
      return { ok: false, problems: missing.map((ref) => ({ pointer: '', reason: `can't resolve reference ${ref}` })) };
    }
    return { ok: true, validate: validatorFor(copy, DRAFTS[dialect], lookup, allErrors) };
  } catch (error) {
    return { ok: false, problems: [{ pointer: '', reason: error instanceof Error ? error.message : String(error) }] };
  }
}


/**
 * Compiles one of this app's own schemas; a problem in it is a programming error, so it throws.
 * With `allErrors` false the validator stops at a value's first error (one error per bad record).
 */
export function compileOwnSchema(schema: JsonSchema, allErrors = true): ValidateFunction {
  const compiled = compileSchema(schema, allErrors);
  if (!compiled.ok) {
    throw new Error(`Built-in schema ${String(schema.$id ?? '')} is broken: ${compiled.problems.map((p) => `${p.pointer || '/'} ${p.reason}`).join('; ')}`);
  }
  return compiled.validate;
}

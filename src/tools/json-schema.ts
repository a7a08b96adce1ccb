import { Ajv2020 } from 'ajv/dist/2020';
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonSchema } from '../core/types';
import { groupErrors } from './schema-errors';

/** The JSON Schema dialects tool parameters may be written in. */
export type SchemaDialect = '2020-12' | 'draft-07';

/** Ajv's base class; both dialect classes extend it. */
export type SchemaCompiler = Ajv | Ajv2020;

const DIALECT_URIS: ReadonlyMap<string, SchemaDialect> = new Map([
  ['https://json-schema.org/draft/2020-12/schema', '2020-12'],
  ['http://json-schema.org/draft-07/schema', 'draft-07'],
  ['https://json-schema.org/draft-07/schema', 'draft-07'],
]);

/**
 * Options for schemas from the outside world (OpenAPI documents, MCP servers, manifests):
 * report every error, accept unknown keywords, never change the data (no coercion, no
 * defaults, no removal: what the user approves is exactly what runs), and never register a
 * schema's `$id` globally (two tools with the same `$id` would otherwise collide), and look only
 * at the arguments' own properties.
 */
const OPTIONS: Options = {
  allErrors: true,
  strict: false,
  coerceTypes: false,
  useDefaults: false,
  removeAdditional: false,
  addUsedSchema: false,
  validateSchema: false,
  logger: false,
  // Without this Ajv reads `data.constructor` and `data.toString` from Object.prototype, so an
  // optional property named like an inherited member fails every call ("/constructor must be string").
  ownProperties: true,
};

const instances = new Map<SchemaDialect, SchemaCompiler>();

/** The shared Ajv instance for one dialect, created on first use (creation costs milliseconds). */
export function compilerFor(dialect: SchemaDialect): SchemaCompiler {
  let ajv = instances.get(dialect);
  if (!ajv) {
    ajv = dialect === 'draft-07' ? new Ajv(OPTIONS) : new Ajv2020(OPTIONS);
    addFormats(ajv);
    instances.set(dialect, ajv);
  }
  return ajv;
}

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

/**
 * Checks that `schema` is a usable JSON Schema: valid against its dialect's meta-schema and
 * compilable (which also catches unresolvable `$ref`s and broken regular expressions).
 * Returns the compiled validator, or the problems.
 */
export function compileSchema(
  schema: JsonSchema,
): { ok: true; validate: ValidateFunction } | { ok: false; problems: SchemaProblem[] } {
  const dialect = dialectOf(schema);
  if (!dialect) {
    return {
      ok: false,
      problems: [{ pointer: '/$schema', reason: 'must be JSON Schema 2020-12 or draft-07 (or be left out)' }],
    };
  }
  const ajv = compilerFor(dialect);
  if (!ajv.validateSchema(schema)) {
    const problems = groupErrors(ajv.errors ?? []).map(({ pointer, reason }) => ({ pointer, reason }));
    return { ok: false, problems };
  }
  try {
    return { ok: true, validate: ajv.compile(schema) };
  } catch (error) {
    return { ok: false, problems: [{ pointer: '', reason: error instanceof Error ? error.message : String(error) }] };
  }
}

/** Drops a schema's compiled validator from Ajv's cache (when its tool goes away). */
export function forgetSchema(schema: JsonSchema): void {
  const dialect = dialectOf(schema);
  if (dialect) compilerFor(dialect).removeSchema(schema);
}

import type { ValidationOutcome } from '../core/tool-runner';
import type { JsonSchema } from '../core/types';
import { compileSchema, type ValidateFunction } from './json-schema';
import { groupErrors, joinLimited, type ErrorDescription, type SchemaError } from './schema-errors';

interface CachedValidator {
  schema: JsonSchema;
  validate: ValidateFunction;
}

/**
 * One error as the model reads it: `/expression must be string`, `missing required property "x"`,
 * `/location: missing required property "city"`.
 */
function toMessage(error: ErrorDescription): string {
  if (error.keyword === 'required' || error.keyword === 'additionalProperties') {
    return error.parentPointer === '' ? error.reason : `${error.parentPointer}: ${error.reason}`;
  }
  return `${error.pointer === '' ? 'arguments' : error.pointer} ${error.reason}`;
}

/** The validation errors of one arguments object, as messages for the model. */
export function argumentErrorMessages(errors: readonly SchemaError[]): string[] {
  return groupErrors(errors).map(toMessage);
}

/**
 * Validates tool arguments against each tool's JSON Schema. Compiled validators are cached
 * per tool name and recompiled when that tool's schema object changes. Nothing is coerced or
 * defaulted: the arguments that pass are exactly the arguments that run.
 */
export class ArgumentValidator {
  readonly #cache = new Map<string, CachedValidator>();

  /** Checks `args` for tool `toolName` whose parameters schema is `schema`. */
  validate(toolName: string, schema: JsonSchema, args: unknown): ValidationOutcome {
    const validate = this.#validatorFor(toolName, schema);
    if (typeof validate === 'string') {
      return { ok: false, message: `Tool ${toolName} has an unusable parameters schema: ${validate}` };
    }
    if (validate(args)) return { ok: true };
    const messages = argumentErrorMessages(validate.errors ?? []);
    return { ok: false, message: `Invalid arguments for ${toolName}: ${joinLimited(messages)}` };
  }

  /** Drops the cached validator of a tool that was removed or replaced. */
  forget(toolName: string): void {
    this.#cache.delete(toolName);
  }

  /** Drops cached validators of tools for which `keep` says no (after tools were removed). */
  prune(keep: (toolName: string) => boolean): void {
    for (const toolName of [...this.#cache.keys()]) if (!keep(toolName)) this.forget(toolName);
  }

  #validatorFor(toolName: string, schema: JsonSchema): ValidateFunction | string {
    const cached = this.#cache.get(toolName);
    if (cached?.schema === schema) return cached.validate;
    if (cached) this.forget(toolName);
    const compiled = compileSchema(schema);
    if (!compiled.ok) return joinLimited(compiled.problems.map((problem) => `${problem.pointer || '/'} ${problem.reason}`));
    this.#cache.set(toolName, { schema, validate: compiled.validate });
    return compiled.validate;
  }
}

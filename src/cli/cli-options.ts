/** What every CLI's argument parser shares: strict flag parsing and one kind of usage error. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** The flags a CLI accepts, in `parseArgs`'s form. */
export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** A bad command line: the CLI prints the message and the usage and exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Node's `parseArgs`, strict and without positionals; an unknown or malformed flag becomes a UsageError. */
export function parseOptions<const T extends OptionsConfig>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The value of a required flag; throws a UsageError naming it when it is missing or blank. */
export function required(value: string | undefined, name: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${name} is required`);
  return value;
}

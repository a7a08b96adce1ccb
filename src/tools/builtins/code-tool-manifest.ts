/**
 * The manifest of a code-running built-in (run_javascript, run_python): the wording both share
 * (isolated, what to use it for, the limits it really runs with), the `code` parameter and the
 * sandbox kind in one place; each language says only what is its own.
 */
import type { ToolExample, ToolManifest } from '../manifest';
import { DEFAULT_SANDBOX_LIMITS } from '../sandbox/limits';
import type { SandboxLimits } from '../sandbox/types';
import { builtinManifest } from './builtin-manifest';

/** What one code-running tool says of itself. */
export interface CodeToolFields {
  name: string;
  /** The code it runs, as the first sentence names it: `Python 3`. */
  language: string;
  /** The interpreter, named after "isolated sandbox" where the model benefits from knowing it: `Pyodide`. */
  interpreter?: string;
  /** What the code's printing is called: `printed output`. */
  output: string;
  /** Tasks it suits beyond those every code tool suits (inserted before "dates"). */
  alsoFor?: readonly string[];
  /** How the result and the output come back, and what a run keeps. */
  results: string;
  /** What the code can and cannot use. */
  environment: string;
  /** The limits it runs with, over the sandbox's defaults (the description states them). */
  limits?: Readonly<Partial<SandboxLimits>>;
  /** A last sentence, when there is one more thing to know. */
  note?: string;
  /** The `code` parameter's description. */
  code: string;
  examples: ToolExample[];
}

/** The longest code a call may carry. */
const MAX_CODE_CHARS = 20_000;

/** The description: the shared sentences around the language's own. */
export function codeToolDescription(fields: Omit<CodeToolFields, 'name' | 'code' | 'examples'>): string {
  const { cpuTimeMs, memoryBytes } = { ...DEFAULT_SANDBOX_LIMITS, ...fields.limits };
  const uses = ['exact computation', 'counting', 'data transformation', 'string processing', ...(fields.alsoFor ?? []), 'dates'];
  return [
    `Runs ${fields.language} code in an isolated sandbox${fields.interpreter ? ` (${fields.interpreter})` : ''} and returns its result and ${fields.output}.`,
    `Use it for ${uses.join(', ')} and small algorithms.`,
    fields.results,
    fields.environment,
    `Limits: ${cpuTimeMs / 1000} s of computing time and ${memoryBytes / (1024 * 1024)} MB of memory per run.`,
    ...(fields.note ? [fields.note] : []),
  ].join(' ');
}

/** A code-running tool's manifest (kind `sandbox`, one required `code` string). */
export function codeToolManifest(fields: CodeToolFields): ToolManifest {
  return builtinManifest({
    name: fields.name,
    description: codeToolDescription(fields),
    // No side effects although it runs code: the code cannot reach anything outside its sandbox (no network, storage or page).
    kind: 'sandbox',
    parameters: {
      type: 'object',
      properties: {
        code: { type: 'string', minLength: 1, maxLength: MAX_CODE_CHARS, description: fields.code },
      },
      required: ['code'],
      additionalProperties: false,
    },
    examples: fields.examples,
  });
}

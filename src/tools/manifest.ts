import { TabagentError } from '../core/errors';
import type { JsonSchema, ToolDefinition } from '../core/types';
import { implementationProblems } from './custom/check-implementation';
import type { CustomImplementation } from './custom/implementation';
import { compileOwnSchema, compileSchema, type ValidateFunction } from './json-schema';
import { TOOL_NAME_PATTERN, toolManifestSchema, type TOOL_KINDS } from './manifest-schema';
import { isHttpOrigin } from './origins';
import { groupErrors, joinLimited, pointerToFieldPath } from './schema-errors';
import { argumentErrorMessages } from './validator';
import { NotJsonDataError, deepCopyJson } from './frozen-copy';
import { isRecord } from '../core/is-record';

/** Where a tool's implementation comes from. */
export type ToolKind = (typeof TOOL_KINDS)[number];

/** A secret the tool needs, by reference: the value lives in the user's settings, never here. */
export interface SecretReference {
  name: string;
  description: string;
}

/** An example request and the call it should produce (used for retrieval and prompting). */
export interface ToolExample {
  query: string;
  arguments: Record<string, unknown>;
}

/** A tool's public description: the OpenAI function shape plus what the agent needs to run it safely. */
export interface ToolManifest {
  name: string;
  description: string;
  /** JSON Schema of the arguments object (`type: 'object'`). */
  parameters: JsonSchema;
  kind: ToolKind;
  /** True when the tool acts on the world or sends data away: the user confirms each call. */
  sideEffects: boolean;
  /** The only origins (`https://host[:port]`) the tool may contact. */
  allowedOrigins: string[];
  /**
   * The person allowed this tool's origins although they are on their own machine or private
   * network (loopback, link-local, private ranges). Without it the door refuses such origins.
   * Set only from an address the person typed (tool editor, a base URL, an MCP server URL).
   */
  privateNetwork?: boolean;
  /**
   * The tool's output is computed here from its arguments alone (no outside text), so its results
   * do not make the context untrusted. Honoured only for built-in tools without origins: an
   * imported manifest cannot talk its way out of the injection defences.
   */
  trustedOutput?: boolean;
  secrets?: SecretReference[];
  examples?: ToolExample[];
  version?: string;
  /** Custom tools only: how the tool runs (an HTTP request template or sandboxed JavaScript). */
  implementation?: CustomImplementation;
}

/**
 * Names that are members of every plain object. A registry keyed by a plain object would find
 * them on any lookup, so they are refused outright (registries use Maps as well).
 */
const RESERVED_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

const NAME_RE = new RegExp(TOOL_NAME_PATTERN);

/**
 * True for a name a tool may have: the OpenAI function-name alphabet and not an
 * `Object.prototype` member (stops prototype lookups such as `tools["constructor"]`).
 */
export function isSafeToolName(name: unknown): name is string {
  return typeof name === 'string' && NAME_RE.test(name) && !RESERVED_NAMES.has(name);
}

let manifestValidator: ValidateFunction | undefined;

function validateShape(value: unknown): string[] {
  manifestValidator ??= compileOwnSchema(toolManifestSchema);
  if (manifestValidator(value)) return [];
  return groupErrors(manifestValidator.errors ?? []).map((error) => {
    const field = pointerToFieldPath(error.pointer) || '(manifest)';
    if (error.keyword === 'required') return `${field}: is required`;
    if (error.keyword === 'additionalProperties') return `${field}: is not a known manifest field`;
    return `${field}: ${error.reason}`;
  });
}

/**
 * Checks that JSON Schema cannot express. Each runs only when its field already has the right
 * shape, so one broken field does not hide problems in the others.
 */
function validateSemantics(value: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const { name, allowedOrigins, parameters } = value;
  if (typeof name === 'string' && RESERVED_NAMES.has(name)) {
    problems.push(`name: "${name}" is reserved (a member of every JavaScript object); choose another name`);
  }
  if (Array.isArray(allowedOrigins)) {
    allowedOrigins.forEach((origin: unknown, index) => {
      if (typeof origin === 'string' && !isHttpOrigin(origin)) {
        problems.push(
          `allowedOrigins[${index}]: ${JSON.stringify(origin)} is not an http(s) origin; give scheme, lower-case host and port only, like "https://api.example.com"`,
        );
      }
    });
  }
  problems.push(...implementationProblems(value));
  if (isRecord(parameters) && parameters.type === 'object') {
    const compiled = compileSchema(parameters);
    if (!compiled.ok) {
      for (const problem of compiled.problems) {
        problems.push(`${pointerToFieldPath(problem.pointer, 'parameters')}: ${problem.reason}`);
      }
    } else if (Array.isArray(value.examples)) {
      // An example the tool's own schema rejects would teach the model a wrong call.
      value.examples.forEach((example: unknown, index) => {
        if (!isRecord(example) || !isRecord(example.arguments) || compiled.validate(example.arguments)) return;
        for (const message of argumentErrorMessages(compiled.validate.errors ?? [])) {
          problems.push(`examples[${index}].arguments: ${message}`);
        }
      });
    }
  }
  return problems;
}

/**
 * Validates an untrusted manifest (from JSON, an OpenAPI import or an MCP server) and returns a
 * detached copy, so later changes to `value` cannot change the registered tool.
 * Throws TabagentError 'invalid-manifest' naming each bad field and why.
 */
export function validateManifest(value: unknown): ToolManifest {
  // Validate a copy and return that same copy: getters or later edits on `value` cannot make
  // the registered manifest differ from the one that was checked.
  let copy: unknown;
  try {
    copy = deepCopyJson(value);
  } catch (error) {
    if (!(error instanceof NotJsonDataError)) throw error;
    throw manifestError(value, [error.message]);
  }
  const problems = validateShape(copy);
  if (isRecord(copy)) problems.push(...validateSemantics(copy));
  if (problems.length > 0) throw manifestError(copy, problems);
  return copy as ToolManifest;
}

function manifestError(value: unknown, problems: string[]): TabagentError {
  const name = isRecord(value) ? value.name : undefined;
  const label = typeof name === 'string' ? ` "${name.slice(0, 64)}"` : '';
  return new TabagentError('invalid-manifest', `Invalid tool manifest${label}: ${joinLimited(problems)}`, {
    data: { problems },
  });
}

/** The manifest as the model sees it: the OpenAI function shape. */
export function toDefinition(manifest: ToolManifest): ToolDefinition {
  return { name: manifest.name, description: manifest.description, parameters: manifest.parameters };
}

/**
 * The manifest as a public JSON file: fields in a fixed order, two-space indent, final newline
 * (so regenerating an unchanged manifest gives an identical file).
 */
export function manifestToJson(manifest: ToolManifest): string {
  const ordered: Record<string, unknown> = {
    name: manifest.name,
    description: manifest.description,
    kind: manifest.kind,
    sideEffects: manifest.sideEffects,
    ...(manifest.trustedOutput !== undefined ? { trustedOutput: manifest.trustedOutput } : {}),
    allowedOrigins: manifest.allowedOrigins,
    ...(manifest.secrets ? { secrets: manifest.secrets } : {}),
    ...(manifest.version ? { version: manifest.version } : {}),
    parameters: manifest.parameters,
    ...(manifest.examples ? { examples: manifest.examples } : {}),
    ...(manifest.implementation ? { implementation: manifest.implementation } : {}),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

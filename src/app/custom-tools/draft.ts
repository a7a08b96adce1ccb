/**
 * The editor's form as plain data, and its conversion to a manifest. Validation is the tool
 * library's own (`validateManifest`), so the editor accepts exactly what the registry accepts;
 * each problem keeps its field path and is matched to the input it concerns.
 */
import { TabagentError } from '../../core/errors';
import { placeholderIds } from '../../core/secret-placeholder';
import type { JsonSchema } from '../../core/types';
import { BODY_METHODS, HTTP_METHODS, type HttpMethod } from '../../tools/custom/implementation';
import { splitUrlTemplate } from '../../tools/custom/url-template';
import { isPrivateOrigin } from '../../tools/private-address';
import { validateManifest, type SecretReference, type ToolExample, type ToolManifest } from '../../tools/manifest';

export type ToolType = 'http' | 'javascript';

/** Everything the form edits, as the inputs hold it. */
export interface ToolDraft {
  name: string;
  description: string;
  type: ToolType;
  sideEffects: boolean;
  method: HttpMethod;
  url: string;
  /** One `Name: value` per line. */
  headers: string;
  /** JSON template (methods with a body). */
  body: string;
  code: string;
  /** The parameters' JSON Schema, as JSON text. */
  parameters: string;
  /** Kept from an imported or saved manifest (the form does not edit them). */
  examples: ToolExample[];
  version?: string;
}

/** The inputs a problem can point at. */
export type EditorField = 'name' | 'description' | 'url' | 'headers' | 'body' | 'code' | 'parameters' | 'other';

export interface FieldProblem {
  /** The manifest path, e.g. `parameters.properties.city.type` or `implementation.url`. */
  path: string;
  message: string;
  field: EditorField;
}

/** Which input a manifest path belongs to. */
export function fieldOf(path: string): EditorField {
  const head = path.split(/[.[]/)[0] ?? '';
  if (head === 'name' || head === 'description' || head === 'parameters') return head;
  if (head === 'examples') return 'parameters';
  if (head === 'allowedOrigins' || path.startsWith('implementation.url')) return 'url';
  if (head === 'secrets' || path.startsWith('implementation.headers')) return 'headers';
  if (path.startsWith('implementation.body')) return 'body';
  if (path.startsWith('implementation.code')) return 'code';
  return 'other';
}

function problem(path: string, message: string): FieldProblem {
  return { path, message, field: fieldOf(path) };
}

const STARTER_SCHEMAS: Record<ToolType, JsonSchema> = {
  http: {
    type: 'object',
    properties: { query: { type: 'string', minLength: 1, description: 'What to look up.' } },
    required: ['query'],
    additionalProperties: false,
  },
  javascript: {
    type: 'object',
    properties: { text: { type: 'string', description: 'The text to work on.' } },
    required: ['text'],
    additionalProperties: false,
  },
};

/** A new, empty tool of `type`, with a small example schema to start from. */
export function emptyDraft(type: ToolType): ToolDraft {
  return {
    name: '',
    description: '',
    type,
    sideEffects: false,
    method: 'GET',
    url: type === 'http' ? 'https://' : '',
    headers: '',
    body: '',
    code: type === 'javascript' ? '// `args` holds the call\'s arguments; return the result.\nreturn args.text.toUpperCase();' : '',
    parameters: JSON.stringify(STARTER_SCHEMAS[type], null, 2),
    examples: [],
  };
}

/** The form for an existing manifest. */
export function draftFromManifest(manifest: ToolManifest): ToolDraft {
  const implementation = manifest.implementation;
  const http = implementation?.type === 'http' ? implementation : undefined;
  return {
    name: manifest.name,
    description: manifest.description,
    type: implementation?.type === 'javascript' ? 'javascript' : 'http',
    sideEffects: manifest.sideEffects,
    method: http?.method ?? 'GET',
    url: http?.url ?? '',
    headers: Object.entries(http?.headers ?? {})
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n'),
    body: http?.body ?? '',
    code: implementation?.type === 'javascript' ? implementation.code : '',
    parameters: JSON.stringify(manifest.parameters, null, 2),
    examples: manifest.examples ?? [],
    ...(manifest.version ? { version: manifest.version } : {}),
  };
}

/** `Name: value` lines → headers; blank lines are skipped. */
export function parseHeaderLines(text: string): { headers: Record<string, string>; problems: FieldProblem[] } {
  const headers: Record<string, string> = {};
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      problems.push(problem('implementation.headers', `line ${index + 1}: write each header as "Name: value"`));
      return;
    }
    const name = line.slice(0, colon).trim();
    if (seen.has(name.toLowerCase())) {
      problems.push(problem(`implementation.headers.${name}`, `line ${index + 1}: the header ${name} is given twice`));
      return;
    }
    seen.add(name.toLowerCase());
    Object.defineProperty(headers, name, { value: line.slice(colon + 1).trim(), enumerable: true, writable: true, configurable: true });
  });
  return { headers, problems };
}

function splitProblem(text: string): FieldProblem {
  const at = text.indexOf(': ');
  return at < 0 ? problem('', text) : problem(text.slice(0, at), text.slice(at + 2));
}

function validate(manifest: ToolManifest): FieldProblem[] {
  try {
    validateManifest(manifest);
    return [];
  } catch (error) {
    if (!TabagentError.is(error)) throw error;
    const problems = Array.isArray(error.data.problems) ? error.data.problems.map(String) : [error.message];
    return problems.map(splitProblem);
  }
}

/** The secrets the headers refer to, declared for the manifest (ids only). */
function secretsOf(headers: Record<string, string>, origin: string | undefined): SecretReference[] {
  const secrets = new Map<string, SecretReference>();
  for (const [header, value] of Object.entries(headers)) {
    for (const id of placeholderIds(value)) {
      if (!secrets.has(id)) secrets.set(id, { name: id, description: `Sent in the ${header} header${origin ? ` to ${origin}` : ''}.` });
    }
  }
  return [...secrets.values()];
}

/** The origin of an HTTP draft's URL, when it has a valid one. */
export function draftOrigin(draft: Pick<ToolDraft, 'type' | 'url'>): string | undefined {
  if (draft.type !== 'http') return undefined;
  const split = splitUrlTemplate(draft.url);
  return 'problem' in split ? undefined : split.origin;
}

/**
 * Builds the manifest the form describes and lists every problem with it. `allowedOrigins` is
 * the URL's origin and `secrets` are the `{{secret:ID}}` references in the headers: both derived,
 * so they cannot disagree with the template. Examples the new schema rejects are dropped.
 */
export function draftToManifest(draft: ToolDraft): { manifest: ToolManifest; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  let parameters: JsonSchema = { type: 'object' };
  try {
    const parsed = JSON.parse(draft.parameters) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) parameters = parsed as JsonSchema;
    else problems.push(problem('parameters', 'must be a JSON object (a JSON Schema with "type": "object")'));
  } catch (error) {
    problems.push(problem('parameters', `is not valid JSON: ${error instanceof Error ? error.message : String(error)}`));
  }
  let base: ToolManifest;
  if (draft.type === 'http') {
    const parsedHeaders = parseHeaderLines(draft.headers);
    problems.push(...parsedHeaders.problems);
    const origin = draftOrigin(draft);
    const secrets = secretsOf(parsedHeaders.headers, origin);
    const hasBody = draft.body.trim() !== '';
    base = {
      name: draft.name.trim(),
      description: draft.description.trim(),
      kind: 'http',
      sideEffects: draft.sideEffects,
      allowedOrigins: origin ? [origin] : [],
      // The person typed this address; the editor warns them when it is a private one.
      ...(origin && isPrivateOrigin(origin) ? { privateNetwork: true } : {}),
      ...(secrets.length > 0 ? { secrets } : {}),
      parameters,
      implementation: {
        type: 'http',
        method: HTTP_METHODS.includes(draft.method) ? draft.method : 'GET',
        url: draft.url.trim(),
        ...(Object.keys(parsedHeaders.headers).length > 0 ? { headers: parsedHeaders.headers } : {}),
        ...(hasBody ? { body: draft.body } : {}),
      },
    };
  } else {
    base = {
      name: draft.name.trim(),
      description: draft.description.trim(),
      kind: 'sandbox',
      sideEffects: draft.sideEffects,
      allowedOrigins: [],
      parameters,
      implementation: { type: 'javascript', code: draft.code },
    };
  }
  if (draft.version) base.version = draft.version;
  let manifest: ToolManifest = draft.examples.length > 0 ? { ...base, examples: draft.examples } : base;
  let found = validate(manifest);
  if (found.some((item) => item.path.startsWith('examples'))) {
    manifest = base;
    found = validate(manifest);
  }
  return { manifest, problems: [...problems, ...found] };
}

/** The methods the editor offers, and those that send a body (they change things: ask first by default). */
export const DRAFT_METHODS: readonly HttpMethod[] = HTTP_METHODS;
export { BODY_METHODS };

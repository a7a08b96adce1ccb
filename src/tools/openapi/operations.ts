import type { JsonSchema } from '../../core/types';
import type { SecretReference, ToolManifest } from '../manifest';
import { sanitizeToolName, uniqueToolName } from '../tool-names';
import { HTTP_METHODS, type BodyBinding, type HttpMethod, type OpenApiBinding, type ParameterBinding, type SecurityBinding } from './binding';
import { isSpreadable, planBody } from './body';
import { isObject, type JsonObject, type OpenApiVersion } from './document';
import { mergedParameters, parameterBinding, planParameters, undeclaredPathParameters } from './parameters';
import { securityAlternatives, type OpenApiSecurityScheme } from './security';
import { serverOrigin, serverUrlFor, type ServerOptions } from './servers';
import { SharedDefinitions } from './schema';
import { originOf } from '../origins';
import { isPrivateOrigin } from '../private-address';

/** Longest tool description kept (the document's text is untrusted and costs prompt tokens). */
export const MAX_OPERATION_DESCRIPTION_CHARS = 1500;
/** Methods that, by HTTP's own rules, only read: calls to them need no per-call approval. */
const SAFE_METHODS: ReadonlySet<HttpMethod> = new Set(['get', 'head', 'options']);

/** One imported operation: the tool the model sees and how to call the API. */
export interface OpenApiTool {
  manifest: ToolManifest;
  binding: OpenApiBinding;
  /** What was left out of this operation, if anything. */
  notes: string[];
}

export interface BuildContext extends ServerOptions {
  document: JsonObject;
  version: OpenApiVersion;
  schemes: ReadonlyMap<string, OpenApiSecurityScheme>;
  /** Security scheme name → secret id. */
  secrets: Readonly<Record<string, string>>;
  /** Put before every tool name (`petstore__addPet`). */
  prefix: string;
  /** Names already in use; filled as tools are named. */
  taken: Set<string>;
  /** The API's title, for descriptions and secret names. */
  title: string;
}

/** Every operation of a document, in document order. */
export function* operationsOf(document: JsonObject): Generator<{ path: string; method: HttpMethod; pathItem: JsonObject; operation: JsonObject }> {
  if (!isObject(document.paths)) return;
  for (const [path, pathItem] of Object.entries(document.paths)) {
    if (!isObject(pathItem) || !path.startsWith('/')) continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (isObject(operation)) yield { path, method, pathItem, operation };
    }
  }
}

function operationDescription(operation: JsonObject, method: HttpMethod, path: string): string {
  const summary = typeof operation.summary === 'string' ? operation.summary.trim() : '';
  const detail = typeof operation.description === 'string' ? operation.description.trim() : '';
  const text = [summary, detail && detail !== summary ? detail : ''].filter(Boolean).join(summary.endsWith('.') ? ' ' : '. ');
  const signature = `${method.toUpperCase()} ${path}`;
  const body = text ? `${text} (${signature})` : signature;
  return body.length > MAX_OPERATION_DESCRIPTION_CHARS ? `${body.slice(0, MAX_OPERATION_DESCRIPTION_CHARS - 1)}…` : body;
}

/** Property names of the merged schema: a parameter keeps its name unless another one already has it. */
function claim(properties: Record<string, JsonSchema>, name: string, location: string): string {
  if (!(name in properties) && name !== '__proto__') return name;
  let candidate = `${location}_${name}`;
  for (let counter = 2; candidate in properties; counter += 1) candidate = `${location}_${name}_${counter}`;
  return candidate;
}

function secretName(title: string, scheme: string): string {
  const base = `${title}.${scheme}`.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[^A-Za-z_]+/, '');
  return (base || `api.${scheme}`).slice(0, 64);
}

/**
 * One operation as a tool: a single JSON Schema merging its path, query and header parameters
 * and its body (an object body's properties become top-level arguments when no name clashes;
 * any other body is the argument `body`), and the binding that turns arguments back into the
 * request. Throws a TabagentError when the operation's server cannot be worked out.
 */
export function buildOperationTool(
  context: BuildContext,
  entry: { path: string; method: HttpMethod; pathItem: JsonObject; operation: JsonObject },
): OpenApiTool {
  const { path, method, pathItem, operation } = entry;
  const notes: string[] = [];
  const serverUrl = serverUrlFor(context.document, context.version, context, pathItem, operation);
  const rawParameters = mergedParameters(pathItem, operation);
  // One per tool: a schema used in several places of this tool's arguments is written once.
  const definitions = new SharedDefinitions();
  const plans = planParameters(rawParameters, context.version, notes, definitions);
  plans.push(...undeclaredPathParameters(path, plans));
  // Path first: those are the arguments a model must never leave out.
  plans.sort((a, b) => Number(b.in === 'path') - Number(a.in === 'path'));

  const properties: Record<string, JsonSchema> = Object.create(null) as Record<string, JsonSchema>;
  const required: string[] = [];
  const parameters: ParameterBinding[] = [];
  for (const plan of plans) {
    const argument = claim(properties, plan.name, plan.in);
    properties[argument] = plan.schema;
    if (plan.required) required.push(argument);
    parameters.push(parameterBinding(plan, argument));
  }

  let body: BodyBinding | undefined;
  const bodyPlan = planBody(rawParameters, operation, context.document, context.version, definitions);
  if (bodyPlan) {
    const spreadable = isSpreadable(bodyPlan.schema) && Object.keys(bodyPlan.schema.properties).every((name) => !(name in properties) && name !== '__proto__');
    if (spreadable || bodyPlan.fields) {
      const bodyProperties = (bodyPlan.schema.properties ?? {}) as Record<string, JsonSchema>;
      const bodyRequired = new Set(Array.isArray(bodyPlan.schema.required) ? bodyPlan.schema.required : []);
      const spread: Array<{ argument: string; name: string }> = [];
      for (const [name, schema] of Object.entries(bodyProperties)) {
        const argument = claim(properties, name, 'body');
        properties[argument] = schema;
        // A property the body requires is required only when the body itself is.
        if (bodyPlan.required && bodyRequired.has(name)) required.push(argument);
        spread.push({ argument, name });
      }
      body = { mode: 'spread', properties: spread, contentType: bodyPlan.contentType, required: bodyPlan.required };
    } else {
      const argument = claim(properties, 'body', 'request');
      properties[argument] = bodyPlan.schema;
      if (bodyPlan.required) required.push(argument);
      body = { mode: 'whole', argument, contentType: bodyPlan.contentType, required: bodyPlan.required };
    }
  }

  const alternatives = securityAlternatives(operation, context.document, context.schemes);
  const security: SecurityBinding[][] = alternatives.map((names) =>
    names.map((name) => {
      const scheme = context.schemes.get(name)!;
      const secretId = context.secrets[name];
      return { scheme: name, kind: scheme.kind, in: scheme.in, parameter: scheme.parameter, ...(secretId ? { secretId } : {}) };
    }),
  );
  const usedSchemes = [...new Set(alternatives.flat())];
  const origin = serverOrigin(serverUrl);
  const privateNetwork = privateNetworkGrant(origin, context);
  if (isPrivateOrigin(origin) && !privateNetwork) {
    notes.push(
      `the server ${origin} is on this computer or a private network; its calls are refused unless you give it yourself as the base URL`,
    );
  }
  const secrets: SecretReference[] = usedSchemes.map((name) => ({
    name: secretName(context.title, name),
    description: `${context.schemes.get(name)!.label} for ${context.title}, sent only to ${origin}.`,
  }));

  const operationId = typeof operation.operationId === 'string' && operation.operationId.trim() ? operation.operationId.trim() : undefined;
  const name = uniqueToolName(sanitizeToolName(operationId ?? `${method} ${path}`, context.prefix), context.taken);
  const parametersSchema: JsonSchema = { type: 'object', properties: { ...properties }, additionalProperties: false };
  if (required.length > 0) parametersSchema.required = [...new Set(required)];
  if (Object.keys(definitions.defs).length > 0) parametersSchema.$defs = definitions.defs;

  const manifest: ToolManifest = {
    name,
    description: operationDescription(operation, method, path),
    parameters: parametersSchema,
    kind: 'openapi',
    sideEffects: !SAFE_METHODS.has(method),
    allowedOrigins: [origin],
    ...(privateNetwork ? { privateNetwork: true } : {}),
    ...(secrets.length > 0 ? { secrets } : {}),
  };
  const binding: OpenApiBinding = {
    method,
    path,
    serverUrl,
    ...(operationId ? { operationId } : {}),
    parameters,
    ...(body ? { body } : {}),
    security,
  };
  return { manifest, binding, notes };
}

/**
 * Whether a private-network server may be granted: only when the person typed its address (the
 * base URL, or the URL they loaded the document from). A document's own `servers` entry cannot
 * point a tool at 169.254.169.254 or a router.
 */
function privateNetworkGrant(origin: string, context: ServerOptions): boolean {
  if (!isPrivateOrigin(origin)) return false;
  const typed = [context.serverUrl, context.specUrl].map((url) => (url ? originOf(url) : undefined));
  return typed.includes(origin);
}

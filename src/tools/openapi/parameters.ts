import type { JsonSchema } from '../../core/types';
import type { ParameterBinding, ParameterStyle } from './binding';
import { isObject, type JsonObject, type OpenApiVersion } from './document';
import { MAX_SCHEMA_DESCRIPTION_CHARS, swagger2ParameterSchema, toJsonSchema, type SharedDefinitions } from './schema';

/** A parameter ready to merge into the tool's schema. */
export interface ParameterPlan {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
  style: ParameterStyle;
  explode: boolean;
  allowReserved: boolean;
}

/** Headers the OpenAPI specification says to ignore as parameters (the request sets them itself). */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

const SWAGGER2_FORMATS: Record<string, { style: ParameterStyle; explode: boolean }> = {
  csv: { style: 'form', explode: false },
  ssv: { style: 'spaceDelimited', explode: false },
  tsv: { style: 'tabDelimited', explode: false },
  pipes: { style: 'pipeDelimited', explode: false },
  multi: { style: 'form', explode: true },
};

/**
 * The parameters of one operation: the path item's, overridden by the operation's of the same
 * name and location. Cookie parameters (a browser page cannot set cookies for another origin)
 * and Swagger's `body`/`formData` (handled as the body) are not returned here.
 */
export function mergedParameters(pathItem: JsonObject, operation: JsonObject): JsonObject[] {
  const byKey = new Map<string, JsonObject>();
  for (const list of [pathItem.parameters, operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const parameter of list) {
      if (isObject(parameter) && typeof parameter.name === 'string' && typeof parameter.in === 'string') {
        byKey.set(`${parameter.in}:${parameter.name}`, parameter);
      }
    }
  }
  return [...byKey.values()];
}

function describe(schema: JsonSchema, parameter: JsonObject): JsonSchema {
  const description = typeof parameter.description === 'string' ? parameter.description.trim() : '';
  if (!description || typeof schema.description === 'string') return schema;
  return { ...schema, description: description.slice(0, MAX_SCHEMA_DESCRIPTION_CHARS) };
}

/** How a Swagger 2.0 parameter is planned. */
function swagger2Plan(parameter: JsonObject, location: ParameterPlan['in']): ParameterPlan {
  const array = parameter.type === 'array';
  const format = SWAGGER2_FORMATS[typeof parameter.collectionFormat === 'string' ? parameter.collectionFormat : 'csv'] ?? SWAGGER2_FORMATS.csv!;
  const style: ParameterStyle = location === 'query' ? format.style : 'simple';
  return {
    name: String(parameter.name),
    in: location,
    required: location === 'path' || parameter.required === true,
    schema: describe(swagger2ParameterSchema(parameter), parameter),
    style: array ? style : location === 'query' ? 'form' : 'simple',
    explode: array && location === 'query' ? format.explode : false,
    allowReserved: false,
  };
}

/** How an OpenAPI 3.x parameter is planned (its `schema`, or a `content` entry sent as JSON). */
function openApi3Plan(parameter: JsonObject, location: ParameterPlan['in'], version: OpenApiVersion, definitions: SharedDefinitions): ParameterPlan {
  let schema: JsonSchema = {};
  let style: ParameterStyle = location === 'query' ? 'form' : 'simple';
  if (isObject(parameter.schema)) {
    schema = toJsonSchema(parameter.schema, version, { request: true, definitions });
  } else if (isObject(parameter.content)) {
    const first = Object.values(parameter.content)[0];
    if (isObject(first) && isObject(first.schema)) schema = toJsonSchema(first.schema, version, { request: true, definitions });
    style = 'json';
  }
  if (typeof parameter.style === 'string' && style !== 'json') style = parameter.style as ParameterStyle;
  const explode = typeof parameter.explode === 'boolean' ? parameter.explode : style === 'form';
  return {
    name: String(parameter.name),
    in: location,
    required: location === 'path' || parameter.required === true,
    schema: describe(schema, parameter),
    style,
    explode,
    allowReserved: parameter.allowReserved === true,
  };
}

/**
 * The path, query and header parameters of an operation, planned; `notes` collects what was left
 * out and why; schemas they share go into `definitions`.
 */
export function planParameters(parameters: JsonObject[], version: OpenApiVersion, notes: string[], definitions: SharedDefinitions): ParameterPlan[] {
  const plans: ParameterPlan[] = [];
  for (const parameter of parameters) {
    const location = parameter.in;
    if (location === 'body' || location === 'formData') continue;
    if (location === 'cookie') {
      notes.push(`cookie parameter "${String(parameter.name)}" left out (a browser page cannot set it)`);
      continue;
    }
    if (location !== 'path' && location !== 'query' && location !== 'header') continue;
    if (location === 'header' && IGNORED_HEADERS.has(String(parameter.name).toLowerCase())) continue;
    plans.push(version === '2.0' ? swagger2Plan(parameter, location) : openApi3Plan(parameter, location, version, definitions));
  }
  return plans;
}

/** Path placeholders no parameter defines (a common mistake in real documents): each becomes a required string. */
export function undeclaredPathParameters(path: string, plans: readonly ParameterPlan[]): ParameterPlan[] {
  const declared = new Set(plans.filter((plan) => plan.in === 'path').map((plan) => plan.name));
  const missing: ParameterPlan[] = [];
  for (const match of path.matchAll(/\{([^{}]+)\}/g)) {
    const name = match[1]!;
    if (declared.has(name)) continue;
    declared.add(name);
    missing.push({ name, in: 'path', required: true, schema: { type: 'string' }, style: 'simple', explode: false, allowReserved: false });
  }
  return missing;
}

/** The binding of a planned parameter under its argument name. */
export function parameterBinding(plan: ParameterPlan, argument: string): ParameterBinding {
  return {
    argument,
    name: plan.name,
    in: plan.in,
    style: plan.style,
    explode: plan.explode,
    ...(plan.allowReserved ? { allowReserved: true } : {}),
  };
}

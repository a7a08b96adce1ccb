import type { JsonSchema } from '../../core/types';
import { isObject, type JsonObject, type OpenApiVersion } from './document';
import { MAX_SCHEMA_DESCRIPTION_CHARS, swagger2ParameterSchema, toJsonSchema, type SharedDefinitions } from './schema';

/** An operation's request body, ready to merge into the tool's schema. */
export interface BodyPlan {
  contentType: string;
  required: boolean;
  schema: JsonSchema;
  /** Swagger 2.0 form fields are separate parameters: they are always spread as top-level arguments. */
  fields?: boolean;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

/** The media type we send when a body allows several: JSON first (models write it best), then forms, then text. */
export function preferredMediaType(types: readonly string[]): string | undefined {
  return (
    types.find((type) => JSON_TYPE.test(type)) ??
    types.find((type) => /^application\/x-www-form-urlencoded\b/i.test(type)) ??
    types.find((type) => /^multipart\/form-data\b/i.test(type)) ??
    types.find((type) => /^text\/plain\b/i.test(type)) ??
    types.find((type) => !type.includes('*')) ??
    types[0]
  );
}

function withDescription(schema: JsonSchema, description: unknown): JsonSchema {
  if (typeof description !== 'string' || !description.trim() || typeof schema.description === 'string') return schema;
  return { ...schema, description: description.trim().slice(0, MAX_SCHEMA_DESCRIPTION_CHARS) };
}

/** OpenAPI 3.x `requestBody`. */
function openApi3Body(operation: JsonObject, version: OpenApiVersion, definitions: SharedDefinitions): BodyPlan | undefined {
  const body = operation.requestBody;
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const contentType = preferredMediaType(Object.keys(body.content));
  if (contentType === undefined) return undefined;
  const media = body.content[contentType];
  const schema = isObject(media) && media.schema !== undefined ? toJsonSchema(media.schema, version, { request: true, definitions }) : {};
  return { contentType, required: body.required === true, schema: withDescription(schema, body.description) };
}

/** Swagger 2.0 `in: body` or `in: formData` parameters. */
function swagger2Body(parameters: JsonObject[], operation: JsonObject, document: JsonObject, definitions: SharedDefinitions): BodyPlan | undefined {
  const consumes = (Array.isArray(operation.consumes) ? operation.consumes : Array.isArray(document.consumes) ? document.consumes : []).filter(
    (type): type is string => typeof type === 'string',
  );
  const body = parameters.find((parameter) => parameter.in === 'body');
  if (body) {
    const schema = isObject(body.schema) ? toJsonSchema(body.schema, '2.0', { request: true, definitions }) : {};
    return {
      contentType: preferredMediaType(consumes.length > 0 ? consumes : ['application/json']) ?? 'application/json',
      required: body.required === true,
      schema: withDescription(schema, body.description),
    };
  }
  const fields = parameters.filter((parameter) => parameter.in === 'formData' && typeof parameter.name === 'string');
  if (fields.length === 0) return undefined;
  const multipart = fields.some((field) => field.type === 'file') || (consumes.length > 0 && !consumes.some((type) => /urlencoded/i.test(type)));
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const field of fields) {
    const name = String(field.name);
    properties[name] = withDescription(swagger2ParameterSchema(field), field.description);
    if (field.required === true) required.push(name);
  }
  return {
    contentType: multipart ? 'multipart/form-data' : 'application/x-www-form-urlencoded',
    required: required.length > 0,
    schema: { type: 'object', properties, ...(required.length > 0 ? { required } : {}) },
    fields: true,
  };
}

/** The request body of an operation, if it takes one; schemas it shares with the parameters go into `definitions`. */
export function planBody(
  parameters: JsonObject[],
  operation: JsonObject,
  document: JsonObject,
  version: OpenApiVersion,
  definitions: SharedDefinitions,
): BodyPlan | undefined {
  return version === '2.0' ? swagger2Body(parameters, operation, document, definitions) : openApi3Body(operation, version, definitions);
}

/** Whether a body schema is a plain object whose properties can be offered as top-level arguments. */
export function isSpreadable(schema: JsonSchema): schema is JsonSchema & { properties: JsonObject } {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return (
    isObject(schema.properties) &&
    Object.keys(schema.properties).length > 0 &&
    (schema.type === undefined || (types.includes('object') && !types.includes('null'))) &&
    schema.oneOf === undefined &&
    schema.anyOf === undefined &&
    schema.allOf === undefined &&
    schema.not === undefined &&
    schema.if === undefined &&
    schema.patternProperties === undefined &&
    (schema.additionalProperties === undefined || schema.additionalProperties === false)
  );
}

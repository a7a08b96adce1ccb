// Types only from the SDK: the form helpers load with the UI, without the SDK's code.
import type { ElicitRequest, ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import type { JsonSchema } from '../../core/types';
import { compileSchema } from '../json-schema';
import { argumentErrorMessages } from '../validator';
import type { McpRequester } from './sampling-types';

/** One field of an elicitation form: the spec allows a flat object of these only. */
export interface ElicitationField {
  name: string;
  /** The label shown (the schema's `title`, else the property name). */
  label: string;
  description?: string;
  type: 'string' | 'number' | 'integer' | 'boolean' | 'choice' | 'choices';
  required: boolean;
  /** For `choice` and `choices`: the values and their labels. */
  options?: Array<{ value: string; label: string }>;
  /** `email`, `uri`, `date`, `date-time` for strings. */
  format?: string;
  default?: string | number | boolean | string[];
}

/** What a server asks the person for: a form, or a URL to open in the browser. */
export type McpElicitation =
  | { mode: 'form'; server: McpRequester; message: string; fields: ElicitationField[]; schema: JsonSchema }
  | { mode: 'url'; server: McpRequester; message: string; url: string; elicitationId: string };

/** The person's answer, in the SDK's `ElicitResult` shape. */
export type McpElicitationAnswer =
  | { action: 'accept'; content?: Record<string, string | number | boolean | string[]> }
  | { action: 'decline' }
  | { action: 'cancel' };

/** Shows the request to the person and resolves with their answer (cancel when the signal fires). */
export type McpElicitationHandler = (request: Readonly<McpElicitation>, signal: AbortSignal) => Promise<McpElicitationAnswer>;

type FormParams = Extract<ElicitRequest['params'], { requestedSchema: unknown }>;

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function optionsOf(schema: Record<string, unknown>): Array<{ value: string; label: string }> | undefined {
  if (Array.isArray(schema.enum)) {
    const names = Array.isArray(schema.enumNames) ? schema.enumNames : [];
    return schema.enum.map((value, index) => ({ value: String(value), label: typeof names[index] === 'string' ? names[index] : String(value) }));
  }
  const variants = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  if (!variants) return undefined;
  return variants.map((variant) => {
    const { const: value, title } = record(variant);
    return { value: String(value), label: typeof title === 'string' ? title : String(value) };
  });
}

/** The form's fields from a `requestedSchema`, in the server's order. */
export function elicitationFields(requestedSchema: FormParams['requestedSchema']): ElicitationField[] {
  const required = new Set(requestedSchema.required ?? []);
  return Object.entries(requestedSchema.properties).map(([name, definition]) => {
    const schema = record(definition);
    const title = typeof schema.title === 'string' && schema.title ? schema.title : name;
    const options = schema.type === 'array' ? optionsOf(record(schema.items)) : optionsOf(schema);
    const type: ElicitationField['type'] =
      schema.type === 'array' ? 'choices' : options ? 'choice' : schema.type === 'number' || schema.type === 'integer' || schema.type === 'boolean' ? schema.type : 'string';
    const fallback = schema.default;
    return {
      name,
      label: title,
      ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
      type,
      required: required.has(name),
      ...(options ? { options } : {}),
      ...(typeof schema.format === 'string' ? { format: schema.format } : {}),
      ...(typeof fallback === 'string' || typeof fallback === 'number' || typeof fallback === 'boolean' || Array.isArray(fallback)
        ? { default: Array.isArray(fallback) ? fallback.map(String) : fallback }
        : {}),
    };
  });
}

/**
 * Turns what the form holds (text of inputs, checkbox states, chosen options) into the content
 * the server asked for: numbers as numbers, empty optional fields left out.
 */
export function elicitationContent(
  fields: readonly ElicitationField[],
  values: Readonly<Record<string, string | boolean | readonly string[] | undefined>>,
): Record<string, string | number | boolean | string[]> {
  const content: Record<string, string | number | boolean | string[]> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.type === 'boolean') {
      if (typeof value === 'boolean') content[field.name] = value;
      continue;
    }
    if (field.type === 'choices') {
      if (Array.isArray(value) && (value.length > 0 || field.required)) content[field.name] = [...(value as readonly string[])];
      continue;
    }
    if (typeof value !== 'string' || value === '') continue;
    const number = Number(value);
    content[field.name] = (field.type === 'number' || field.type === 'integer') && value.trim() !== '' && Number.isFinite(number) ? number : value;
  }
  return content;
}

/**
 * Checks content against the server's schema (the project's validator): the messages to show
 * beside the form, empty when it may be sent.
 */
export function elicitationErrors(schema: JsonSchema, content: unknown): string[] {
  const compiled = compileSchema(schema);
  if (!compiled.ok) return compiled.problems.map((problem) => `The server's form is unusable: ${problem.pointer} ${problem.reason}`);
  if (compiled.validate(content)) return [];
  return argumentErrorMessages(compiled.validate.errors ?? []);
}

/** The request as shown to the person, from the SDK's params. */
export function elicitationFrom(params: ElicitRequest['params'], server: McpRequester): McpElicitation {
  if ('url' in params && params.mode === 'url') {
    return { mode: 'url', server: { ...server }, message: params.message, url: params.url, elicitationId: params.elicitationId };
  }
  const form = params as FormParams;
  const schema = structuredClone(form.requestedSchema) as JsonSchema;
  return { mode: 'form', server: { ...server }, message: form.message, fields: elicitationFields(form.requestedSchema), schema };
}

/**
 * Asks the person, then checks an accepted form once more against the schema before it leaves:
 * content that does not match is never sent (the person is asked again by the UI; here it is a cancel).
 */
export async function answerElicitation(request: McpElicitation, handler: McpElicitationHandler, signal: AbortSignal): Promise<ElicitResult> {
  const answer = await handler(Object.freeze(request), signal);
  if (answer.action !== 'accept') return { action: answer.action };
  if (request.mode === 'url') return { action: 'accept' };
  const content = answer.content ?? {};
  if (elicitationErrors(request.schema, content).length > 0) return { action: 'cancel' };
  return { action: 'accept', content };
}

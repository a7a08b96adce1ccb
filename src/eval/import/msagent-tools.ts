/** Tool declarations inside MSAgent-Bench system prompts → our ToolDefinitions. */
import type { JsonSchema, ToolDefinition } from '../../core/types';
import { readJsonValue } from '../../core/formats/json-repair';
import type { EvalCall } from '../types';
import { isRecord } from '../../core/is-record';

/**
 * Finds every tool declared in a system prompt. MSAgent-Bench lists plugins as numbered JSON objects,
 * `1. {"plugin_name": …, "plugin_schema_for_model": {"name", "description", "paths": [{…,
 * "parameters": [{"name", "description", "required": "True"}]}]}}`; older copies put the schema
 * object (`name`, `description`, `paths`) there directly, and some give JSON Schema `parameters`.
 */
export function toolsInSystemPrompt(text: string): ToolDefinition[] {
  const tools: ToolDefinition[] = [];
  let index = text.indexOf('{');
  while (index !== -1) {
    const read = readJsonValue(text, index);
    const tool = read.error === undefined && !read.truncated ? toTool(read.value) : null;
    if (tool && !tools.some((known) => known.name === tool.name)) tools.push(tool);
    index = text.indexOf('{', tool ? Math.max(read.end, index + 1) : index + 1);
  }
  return tools;
}

function toTool(value: unknown): ToolDefinition | null {
  if (!isRecord(value)) return null;
  const schema = isRecord(value.plugin_schema_for_model) ? value.plugin_schema_for_model : value;
  const name = [value.plugin_name, schema.name, value.api_name].find((candidate) => typeof candidate === 'string');
  if (typeof name !== 'string' || name === '') return null;
  const paths = Array.isArray(schema.paths) ? schema.paths : [];
  const firstPath = isRecord(paths[0]) ? paths[0] : undefined;
  const declared = schema.parameters ?? firstPath?.parameters;
  // Without parameters or a plugin marker this is some other JSON in the prompt (an example output).
  if (declared === undefined && value.plugin_name === undefined) return null;
  const description = [schema.description, value.description, firstPath?.description].find(
    (candidate) => typeof candidate === 'string',
  );
  return { name, description: typeof description === 'string' ? description : '', parameters: toSchema(declared) };
}

/** A parameter list `[{name, description, required}]` (ModelScope plugins: all strings) → JSON Schema. */
function toSchema(declared: unknown): JsonSchema {
  if (isRecord(declared)) return { type: 'object', properties: {}, ...declared };
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const parameter of Array.isArray(declared) ? declared : []) {
    if (!isRecord(parameter) || typeof parameter.name !== 'string') continue;
    // ModelScope plugin declarations carry no types; every value in MSAgent-Bench is a string.
    properties[parameter.name] = {
      type: 'string',
      description: typeof parameter.description === 'string' ? parameter.description : '',
    };
    if (String(parameter.required).trim().toLowerCase() === 'true') required.push(parameter.name);
  }
  return { type: 'object', properties, required };
}

/**
 * A minimal declaration for a tool the gold answer calls but the prompt does not declare, so the
 * correct call is not counted as hallucinated: its arguments, typed from the gold values.
 */
export function toolFromCall(call: EvalCall): ToolDefinition {
  const properties: Record<string, JsonSchema> = {};
  for (const [name, value] of Object.entries(call.arguments)) {
    const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value === 'object' ? 'object' : typeof value;
    properties[name] = { type: type === 'bigint' ? 'integer' : type };
  }
  return { name: call.name, description: '', parameters: { type: 'object', properties } };
}

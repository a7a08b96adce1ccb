import type { ToolDefinition } from '../types';
import { getOwn } from './call-shape';
import { isPlainObject } from './json-repair';

/**
 * Argument values of the XML-style families (Qwen3-Coder `<parameter=x>`, GLM-4.5 `<arg_value>`):
 * the template writes strings raw and everything else as JSON, so a value is JSON when it parses and
 * a string otherwise. Where the tool's schema says a parameter is a string, the raw text is kept (a
 * string "42" stays "42").
 */

/** The `properties` of tool `name`'s parameter schema, when the caller gave definitions. */
function schemaProperties(tools: ReadonlyArray<ToolDefinition | string> | undefined, name: string): Record<string, unknown> | undefined {
  const tool = tools?.find((item): item is ToolDefinition => typeof item !== 'string' && item.name === name);
  const parameters: unknown = tool?.parameters;
  const properties = isPlainObject(parameters) ? getOwn(parameters, 'properties') : undefined;
  return isPlainObject(properties) ? properties : undefined;
}

/** The parameter names of tool `name`, when the caller gave its definition. */
function parameterKeys(tools: ReadonlyArray<ToolDefinition | string> | undefined, name: string): string[] | undefined {
  const properties = schemaProperties(tools, name);
  return properties === undefined ? undefined : Object.keys(properties);
}

/** The JSON-schema `type` of parameter `key` of tool `name`, when the caller gave definitions. */
export function schemaType(tools: ReadonlyArray<ToolDefinition | string> | undefined, name: string, key: string): unknown {
  const properties = schemaProperties(tools, name);
  const property = properties === undefined ? undefined : getOwn(properties, key);
  return isPlainObject(property) ? getOwn(property, 'type') : undefined;
}

/**
 * The one parameter of tool `name`, when its schema has exactly one and that one is a string: a
 * plain-text Action Input can only mean that parameter.
 */
export function soleStringParameter(tools: ReadonlyArray<ToolDefinition | string> | undefined, name: string): string | undefined {
  const keys = parameterKeys(tools, name);
  const key = keys?.length === 1 ? keys[0] : undefined;
  return key !== undefined && schemaType(tools, name, key) === 'string' ? key : undefined;
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** Reads one raw value: surrounding whitespace is layout; JSON when it parses, else the text. */
export function decodeValue(raw: string, type: unknown): unknown {
  const trimmed = raw.trim();
  if (type === 'string') {
    // A string the renderer had to JSON-encode (it looked like JSON) comes back decoded.
    const decoded = trimmed.startsWith('"') ? parseJson(trimmed) : undefined;
    return typeof decoded?.value === 'string' ? decoded.value : trimmed;
  }
  const c = trimmed.charAt(0);
  // Only text that can start JSON is tried, so plain prose is not run through JSON.parse.
  if (trimmed === '' || !/[-\d{["tfn]/.test(c)) return trimmed;
  const parsed = parseJson(trimmed);
  return parsed === undefined ? trimmed : parsed.value;
}

/** JSON with `</` escaped, so a value can never close the tag it sits in. */
function safeJson(value: unknown): string {
  return JSON.stringify(value).split('</').join('<\\/');
}

/**
 * Writes one value so that {@link decodeValue} returns it: strings raw unless they would read back
 * as something else (JSON-looking text, surrounding whitespace, a `</` that could close the tag).
 */
export function encodeValue(value: unknown): string {
  if (typeof value === 'string') {
    const ambiguous = value !== value.trim() || value.includes('</') || value.startsWith('"') || parseJson(value) !== undefined;
    return ambiguous ? safeJson(value) : value;
  }
  return safeJson(value ?? null);
}

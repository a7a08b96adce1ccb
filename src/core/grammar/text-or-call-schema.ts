import type { JsonSchema, ToolDefinition } from '../types';
import { toolCallJsonSchema } from './tool-call-schema';

/** The key of the text branch: `{"text": "…"}` is an answer in words. */
export const TEXT_OR_CALL_TEXT_KEY = 'text';

/** Marks the schema so that an engine can tell it from any other JSON schema it is given. */
export const TEXT_OR_CALL_SCHEMA_TITLE = 'tabagent-text-or-tool-call';

/**
 * A JSON schema for engines that constrain output by JSON schema only (Chrome's Prompt API):
 * an answer is either `{"text": "…"}` or `{"name": <an offered tool>, "arguments": {…}}` with
 * schema-valid arguments (as `toolCallJsonSchema`). The engine turns the first into text and the
 * second into a tool call, so the agent sees what a text-format engine would write.
 * Throws a RangeError for an empty tool list, like `toolCallJsonSchema`.
 */
export function textOrCallJsonSchema(tools: readonly ToolDefinition[]): JsonSchema {
  const { $defs, ...calls } = toolCallJsonSchema(tools);
  const callBranches = Array.isArray(calls.anyOf) ? (calls.anyOf as JsonSchema[]) : [calls];
  const text: JsonSchema = {
    type: 'object',
    properties: { [TEXT_OR_CALL_TEXT_KEY]: { type: 'string' } },
    required: [TEXT_OR_CALL_TEXT_KEY],
    additionalProperties: false,
  };
  return { title: TEXT_OR_CALL_SCHEMA_TITLE, anyOf: [text, ...callBranches], ...($defs === undefined ? {} : { $defs }) };
}

/** Whether `schema` is one `textOrCallJsonSchema` built. */
export function isTextOrCallSchema(schema: JsonSchema): boolean {
  return schema.title === TEXT_OR_CALL_SCHEMA_TITLE;
}

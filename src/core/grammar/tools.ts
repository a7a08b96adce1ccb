import type { JsonSchema, ToolDefinition } from '../types';
import { schemaNode } from './schema-model';

/** `tools` without repeated names (the first of each name wins, as a registry lookup would). */
export function uniqueTools(tools: readonly ToolDefinition[]): ToolDefinition[] {
  const seen = new Set<string>();
  return tools.filter((tool) => {
    if (seen.has(tool.name)) return false;
    seen.add(tool.name);
    return true;
  });
}

const ANY_OBJECT: JsonSchema = { type: 'object' };

/**
 * The schema the `arguments` value must follow. Arguments are always a JSON object (that is what
 * `ToolCall.arguments` holds), so a missing, empty or non-object parameters schema means any object.
 */
export function argumentsSchema(parameters: unknown): unknown {
  const kind = schemaNode(parameters).kind;
  return kind === 'object' || kind === 'ref' || kind === 'union' ? parameters : ANY_OBJECT;
}

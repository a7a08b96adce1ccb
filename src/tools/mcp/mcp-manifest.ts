import { isPrivateOrigin } from '../private-address';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { JsonSchema } from '../../core/types';
import { dialectOf } from '../json-schema';
import type { ToolManifest } from '../manifest';
import { isRecord } from '../../core/is-record';

/** Longest description kept from a server (descriptions are untrusted text in the prompt). */
export const MAX_MCP_DESCRIPTION_CHARS = 2000;

export interface McpManifestOptions {
  /** The registry name (already sanitised and unique). */
  name: string;
  /** The server's origin: the only one the tool's calls reach. */
  origin: string;
  /** The server's display name, said in the description so the model and the person know where the tool lives. */
  serverName: string;
}

/**
 * A server's `inputSchema` as our manifest's `parameters`: always `type: 'object'` with
 * `properties`, and a `$schema` we cannot check (draft-04, 2019-09) dropped so the schema is read
 * as 2020-12, which such simple argument schemas almost always are.
 */
export function mcpInputSchema(inputSchema: unknown): JsonSchema {
  const schema: JsonSchema = isRecord(inputSchema) ? structuredClone(inputSchema) : {};
  if (schema.$schema !== undefined && dialectOf(schema) === undefined) delete schema.$schema;
  schema.type = 'object';
  if (!isRecord(schema.properties)) schema.properties = {};
  return schema;
}

/**
 * The manifest of one MCP tool. It needs the person's approval per call (`sideEffects`) unless
 * the server marks it read-only (`annotations.readOnlyHint`), and it reaches only its server's
 * origin. The description says which server it comes from.
 */
export function mcpToolToManifest(tool: Tool, options: McpManifestOptions): ToolManifest {
  const text = (tool.description ?? '').trim() || (tool.title ?? tool.annotations?.title ?? '').trim() || `The ${tool.name} tool.`;
  const origin = ` (MCP server ${options.serverName})`;
  const description = `${text.slice(0, MAX_MCP_DESCRIPTION_CHARS)}${origin}`;
  return {
    name: options.name,
    description,
    parameters: mcpInputSchema(tool.inputSchema),
    kind: 'mcp',
    sideEffects: tool.annotations?.readOnlyHint !== true,
    allowedOrigins: [options.origin],
    // The person typed this server's address to connect it: a local server is what they meant.
    ...(isPrivateOrigin(options.origin) ? { privateNetwork: true } : {}),
  };
}

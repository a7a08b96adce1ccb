import type { JsonSchema } from '../core/types';
import { customImplementationSchema } from './custom/implementation';

/** Tool kinds: where a tool's implementation comes from. */
export const TOOL_KINDS = ['builtin', 'http', 'openapi', 'mcp', 'model-api', 'sandbox'] as const;

/**
 * Tool names. Letters, digits, `_` and `-`, at most 64 characters: what OpenAI-style function
 * calling accepts, and nothing a prompt format could mistake for syntax.
 */
export const TOOL_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_-]{0,63}$';

/** Secret reference names, e.g. `OPENAI_API_KEY` or `model_api.apiKey`. */
export const SECRET_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_.-]{0,63}$';

/**
 * The public manifest format (JSON Schema 2020-12). Unknown fields are rejected so that a typo
 * such as `side_effects` fails loudly instead of silently dropping a safety setting. Checks that
 * JSON Schema cannot express well (reserved names, origins, whether `parameters` is itself a
 * valid schema) live in `validateManifest`.
 */
export const toolManifestSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://tabagent.local/schemas/tool-manifest.json',
  title: 'Tabagent tool manifest',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'description', 'parameters', 'kind', 'sideEffects', 'allowedOrigins'],
  properties: {
    name: { type: 'string', pattern: TOOL_NAME_PATTERN },
    description: { type: 'string', minLength: 1, maxLength: 8192 },
    parameters: {
      type: 'object',
      required: ['type'],
      properties: { type: { const: 'object' } },
    },
    kind: { enum: [...TOOL_KINDS] },
    sideEffects: { type: 'boolean' },
    trustedOutput: { type: 'boolean' },
    allowedOrigins: { type: 'array', uniqueItems: true, items: { type: 'string' } },
    privateNetwork: { type: 'boolean' },
    secrets: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'description'],
        properties: {
          name: { type: 'string', pattern: SECRET_NAME_PATTERN },
          description: { type: 'string', minLength: 1 },
        },
      },
    },
    examples: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['query', 'arguments'],
        properties: {
          query: { type: 'string', minLength: 1 },
          arguments: { type: 'object' },
        },
      },
    },
    version: { type: 'string', minLength: 1, maxLength: 64 },
    implementation: customImplementationSchema,
  },
};

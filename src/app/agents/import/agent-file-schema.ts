/**
 * The published JSON Schema of Tabagent's agent file (`*.agent.json`, format "tabagent-agent",
 * version 1), the same text docs/agents.md shows. Importers validate with it before reading a
 * field, so a file of the wrong shape is refused with the place of its first problems.
 */
import type { JsonSchema } from '../../../core/types';
import { TOOLS_PER_TURN_LIMITS } from '../../../core/agent-definition';
import { compileOwnSchema, type ValidateFunction } from '../../../tools/json-schema';
import { groupErrors } from '../../../tools/schema-errors';

/** The `format` value of every agent file. */
export const AGENT_FILE_FORMAT = 'tabagent-agent';
/** The file version this code writes and reads. */
export const AGENT_FILE_VERSION = 1;

const text = (maxLength: number): JsonSchema => ({ type: 'string', maxLength });
const id = { type: 'string', minLength: 1, maxLength: 200 } as const;

/** One entry of the agent's tool list; MCP servers are named by the file's own `mcpServers[].ref`. */
const toolRef: JsonSchema = {
  oneOf: [
    { type: 'object', properties: { kind: { const: 'tool' }, name: id }, required: ['kind', 'name'], additionalProperties: false },
    { type: 'object', properties: { kind: { const: 'mcp-server' }, serverId: id }, required: ['kind', 'serverId'], additionalProperties: false },
    {
      type: 'object',
      properties: { kind: { const: 'mcp-tool' }, serverId: id, name: id },
      required: ['kind', 'serverId', 'name'],
      additionalProperties: false,
    },
    { type: 'object', properties: { kind: { const: 'agent' }, agentId: id }, required: ['kind', 'agentId'], additionalProperties: false },
    // Every tool switched on in the importing browser (the default agent's list).
    { type: 'object', properties: { kind: { const: 'all-tools' } }, required: ['kind'], additionalProperties: false },
  ],
};

const engine: JsonSchema = {
  oneOf: [
    { type: 'object', properties: { kind: { const: 'default' } }, required: ['kind'], additionalProperties: false },
    {
      type: 'object',
      properties: {
        kind: { const: 'server' },
        baseUrl: { type: 'string', pattern: '^https?://', maxLength: 2000 },
        model: text(500),
        keyName: { type: 'string', minLength: 1, maxLength: 200, description: 'The name of a key kept in the importing browser; never the key.' },
      },
      required: ['kind', 'baseUrl', 'model'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: {
        kind: { const: 'local' },
        runtime: { enum: ['webllm', 'transformers'] },
        modelId: { type: 'string', minLength: 1, maxLength: 500 },
        device: { enum: ['webgpu', 'wasm'] },
      },
      required: ['kind', 'runtime', 'modelId'],
      additionalProperties: false,
    },
    { type: 'object', properties: { kind: { const: 'builtin' } }, required: ['kind'], additionalProperties: false },
  ],
};

const avatar: JsonSchema = {
  oneOf: [
    { type: 'object', properties: { kind: { const: 'emoji' }, emoji: { type: 'string', minLength: 1, maxLength: 32 } }, required: ['kind', 'emoji'], additionalProperties: false },
    {
      type: 'object',
      properties: { kind: { const: 'image' }, dataUrl: { type: 'string', pattern: '^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$', maxLength: 200000 } },
      required: ['kind', 'dataUrl'],
      additionalProperties: false,
    },
  ],
};

/** An MCP server the agent uses: where it is, never its credentials (header names only). */
const mcpServer: JsonSchema = {
  type: 'object',
  properties: {
    ref: id,
    name: text(100),
    url: { type: 'string', pattern: '^https?://', maxLength: 2000 },
    headers: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200 }, maxItems: 20, description: 'Header names the server needs; the importing person supplies the values.' },
  },
  required: ['ref', 'name', 'url'],
  additionalProperties: false,
};

/** The agent: `AgentDefinition` without `id`, `version`, timestamps and `builtIn`. */
const agent: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    avatar,
    description: text(5000),
    instructions: text(200000),
    starterPrompts: { type: 'array', items: text(2000), maxItems: 50 },
    engine,
    toolFormat: { enum: ['auto', 'native', 'hermes', 'react', 'modelscope'] },
    tools: { type: 'array', items: toolRef, maxItems: 500 },
    pinnedTools: { type: 'array', items: id, maxItems: 100 },
    toolsPerTurn: { type: 'integer', minimum: TOOLS_PER_TURN_LIMITS.min, maximum: TOOLS_PER_TURN_LIMITS.max },
    knowledgeBaseIds: { type: 'array', items: id, maxItems: 100 },
    memory: { enum: ['off', 'own', 'shared'] },
    stepLimit: { type: 'integer', minimum: 1, maximum: 100 },
    approval: { enum: ['side-effects', 'every-call'] },
    temperature: { type: 'number', minimum: 0, maximum: 2 },
    thinking: { type: 'boolean' },
  },
  required: ['name', 'avatar', 'description', 'instructions', 'starterPrompts', 'engine', 'toolFormat', 'tools', 'pinnedTools', 'knowledgeBaseIds', 'memory', 'stepLimit', 'approval'],
  additionalProperties: false,
};

/** The whole file (JSON Schema 2020-12). */
export const agentFileSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://tabagent.dev/schemas/agent-file-v1.json',
  title: 'Tabagent agent file',
  type: 'object',
  properties: {
    format: { const: AGENT_FILE_FORMAT },
    version: { const: AGENT_FILE_VERSION },
    agent,
    mcpServers: { type: 'array', items: mcpServer, maxItems: 50 },
  },
  required: ['format', 'version', 'agent'],
  additionalProperties: false,
};

let validator: ValidateFunction | undefined;

/** The problems of `value` as an agent file (at most `limit`, as `/agent/name must be string`); empty when valid. */
export function agentFileProblems(value: unknown, limit = 5): string[] {
  validator ??= compileOwnSchema(agentFileSchema);
  if (validator(value)) return [];
  return groupErrors(validator.errors ?? [])
    .slice(0, limit)
    .map((error) => `${error.pointer === '' ? '(file)' : error.pointer} ${error.reason}`);
}

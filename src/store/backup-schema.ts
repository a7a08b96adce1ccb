/**
 * The JSON Schema of backup version 1: every store's records with the fields Tabagent needs to
 * read them back. Unknown fields are allowed, so a backup from a later release that only added
 * optional fields still imports.
 */

const string = { type: 'string' } as const;
const nonEmpty = { type: 'string', minLength: 1 } as const;
const number = { type: 'number' } as const;
const integer = { type: 'integer', minimum: 0 } as const;
const boolean = { type: 'boolean' } as const;
const strings = { type: 'array', items: string } as const;

function record(required: Record<string, object>, optional: Record<string, object> = {}): object {
  return { type: 'object', required: Object.keys(required), properties: { ...required, ...optional } };
}

const conversation = record(
  { id: nonEmpty, title: string, createdAt: number, updatedAt: number, pinned: boolean, knowledgeBaseIds: strings, trainingOptIn: boolean },
  { agentId: string, knowledgeBasesOff: strings },
);

const base64 = { type: 'string', pattern: '^[A-Za-z0-9+/]*={0,2}$' } as const;

/** An image attached to a message: its media type (an image type) and its bytes in base64. */
const image = record({ mediaType: { type: 'string', pattern: '^image/[a-z0-9.+-]+$' }, data: base64 }, { name: string });

const message = record(
  { id: nonEmpty, conversationId: nonEmpty, seq: integer, role: { enum: ['system', 'user', 'assistant', 'tool'] }, content: string, createdAt: number, updatedAt: number },
  {
    turnId: string,
    toolCallId: string,
    name: string,
    context: string,
    incomplete: boolean,
    toolCalls: { type: 'array' },
    items: { type: 'array' },
    sources: { type: 'array' },
    resources: { type: 'array' },
    images: { type: 'array', items: image },
  },
);

const memory = record({ id: nonEmpty, text: string, textHash: string, tags: strings, createdAt: number, updatedAt: number }, { conversationId: string, agentId: string });

const knowledgeBase = record({ id: nonEmpty, name: string, createdAt: number, updatedAt: number });

const knowledgeDocument = record({
  id: nonEmpty,
  knowledgeBaseId: nonEmpty,
  title: string,
  source: string,
  mimeType: string,
  sizeBytes: integer,
  contentHash: string,
  chunkCount: integer,
  createdAt: number,
});

const knowledgeChunk = record(
  { id: nonEmpty, documentId: nonEmpty, ordinal: integer, text: string, textHash: string, start: integer, end: integer },
  { page: { type: 'integer', minimum: 1 }, heading: string },
);

const vector = record({
  modelId: nonEmpty,
  textHash: nonEmpty,
  dims: { type: 'integer', minimum: 1 },
  vector: base64,
  createdAt: number,
});

const tool = record({ name: nonEmpty, manifest: { type: 'object', required: ['name'] }, source: { type: 'object', required: ['kind'] }, enabled: boolean, createdAt: number, updatedAt: number });

const evalRun = record(
  { id: nonEmpty, dataset: string, model: string, startedAt: number, status: { enum: ['running', 'done', 'stopped', 'error'] }, total: integer, completed: integer },
  { finishedAt: number, summary: { type: 'object', additionalProperties: number }, error: string, format: string },
);

const evalExample = record({ runId: nonEmpty, index: integer, result: {} });

const mcpServer = record({
  id: nonEmpty,
  url: string,
  name: string,
  enabled: boolean,
  headerSecrets: { type: 'object', additionalProperties: string },
  createdAt: number,
  updatedAt: number,
});

/** A person's agent (migration 5): the fields an agent needs to be read back; the rest is optional. */
const agent = record(
  {
    id: nonEmpty,
    version: { type: 'integer', minimum: 1 },
    name: string,
    instructions: string,
    engine: { type: 'object', required: ['kind'] },
    tools: { type: 'array', items: { type: 'object', required: ['kind'] } },
    createdAt: number,
    updatedAt: number,
  },
  { description: string, starterPrompts: strings, pinnedTools: strings, toolsPerTurn: { type: 'integer', minimum: 1 }, knowledgeBaseIds: strings, stepLimit: { type: 'integer', minimum: 1 } },
);

const list = (items: object): object => ({ type: 'array', items });

/** Each backed-up store's record schema: records are validated one at a time (backup-validate.ts). */
export const backupRecordSchemas = {
  conversations: conversation,
  messages: message,
  memories: memory,
  knowledgeBases: knowledgeBase,
  knowledgeDocuments: knowledgeDocument,
  knowledgeChunks: knowledgeChunk,
  vectors: vector,
  tools: tool,
  evalRuns: evalRun,
  evalExamples: evalExample,
  mcpServers: mcpServer,
  agents: agent,
} as const;

/** Stores a backup may leave out: they came after backup version 1 was defined (an older file has none). */
export const OPTIONAL_BACKUP_STORES: ReadonlySet<string> = new Set(['agents']);

const storeNames = Object.keys(backupRecordSchemas) as Array<keyof typeof backupRecordSchemas>;

/**
 * The file's outer shape with each store only checked to be an array: its records are checked
 * one by one so that a file with a million bad records stops at the first few problems instead
 * of collecting every one of them.
 */
export const backupHeadSchemaV1 = {
  type: 'object',
  required: ['format', 'version', 'exportedAt', 'data'],
  properties: {
    format: { const: 'tabagent-backup' },
    version: { const: 1 },
    exportedAt: string,
    data: {
      type: 'object',
      required: storeNames.filter((store) => !OPTIONAL_BACKUP_STORES.has(store)),
      properties: { settings: { type: 'object' }, ...Object.fromEntries(storeNames.map((store) => [store, { type: 'array' }])) },
    },
  },
} as const;

/** Version 1 of the backup file, whole (the import validates it in parts: head, then each record). */
export const backupSchemaV1 = {
  ...backupHeadSchemaV1,
  properties: {
    ...backupHeadSchemaV1.properties,
    data: {
      ...backupHeadSchemaV1.properties.data,
      properties: { settings: { type: 'object' }, ...Object.fromEntries(storeNames.map((store) => [store, list(backupRecordSchemas[store])])) },
    },
  },
} as const;

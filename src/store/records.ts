/**
 * The shapes of the records Tabagent keeps in IndexedDB (see `schema.ts` for the stores).
 * Records are plain structured-clone data: no classes, no functions, so they survive a reload,
 * another tab and a schema upgrade unchanged.
 */
import type { AgentDefinition } from '../core/agent-definition';
import type { LedgerEntry } from '../core/ledger-entry';
import type { McpServerConfig } from '../core/mcp-server-config';
import type { Turn, TurnState } from '../core/transcript';
import type { ChatMessage, ToolCall } from '../core/types';
import type { ToolManifest } from '../tools/manifest';
import type { OpenApiBinding } from '../tools/openapi/binding';
import type { StoredImage } from './image-blobs';

/** One conversation: its title, ordering data and per-conversation options. */
export interface ConversationRecord {
  id: string;
  title: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** Bumped by every change to the conversation or its messages; the list is ordered by it. */
  updatedAt: number;
  pinned: boolean;
  /** The knowledge bases retrieval draws on in this conversation. */
  knowledgeBaseIds: string[];
  /** The agent this conversation is with (absent before migration 5 ran: the default agent). */
  agentId?: string;
  /** The agent's knowledge bases switched off in this conversation (they are searched unless listed here). */
  knowledgeBasesOff?: string[];
  /** The person agreed that this conversation may go into a training-data export. */
  trainingOptIn: boolean;
}

/**
 * One message of a conversation: the `ChatMessage` fields the model sees, plus what the chat needs
 * to show it again after a reload.
 *
 * A turn is stored as its opening user message, which carries `turn` (status, error) and `items`
 * (the assistant text and tool-call cards, in order), followed by one record per message the run
 * added to the model's history (each with the same `turnId`). `seq` orders a conversation; the
 * store allocates it inside the write transaction, so tabs writing at once never share one.
 */
export interface MessageRecord {
  id: string;
  conversationId: string;
  /** Position in the conversation, from 0; unique per conversation. */
  seq: number;
  role: ChatMessage['role'];
  content: string;
  /** Assistant messages: the calls the model made. */
  toolCalls?: ToolCall[];
  /** Tool messages: the call answered and the tool's name. */
  toolCallId?: string;
  name?: string;
  /** The turn this message belongs to (the id of the turn's opening user message). */
  turnId?: string;
  /** Only on a turn's opening user message: how the turn stands. */
  turn?: TurnState;
  /**
   * Only on a turn's opening user message: the images the person attached, as Blobs. Written with
   * the opener when the turn starts; the streaming writer's patches leave them as they are.
   */
  images?: StoredImage[];
  /** Only on a turn's opening user message: the MCP resources the person attached (which, not their text). */
  resources?: Turn['resources'];
  /** Only on a turn's opening user message: what the chat showed, cards included. */
  items?: Turn['items'];
  /** Only on a turn's opening user message: what the model was shown with it (repeated verbatim later). */
  context?: string;
  /** Only on a turn's opening user message: the tools retrieval offered, with scores. */
  retrievedTools?: Turn['retrievedTools'];
  /** Only on a turn's opening user message: the material quoted for it (citations point here). */
  sources?: Turn['sources'];
  /** Only on a turn's opening user message: how its last prompt used the context budget. */
  budget?: Turn['budget'];
  /** The text was cut off (the run stopped, failed, or the tab closed while it streamed). */
  incomplete?: boolean;
  createdAt: number;
  updatedAt: number;
}

/** Where a stored tool came from. */
export type StoredToolSource =
  | { kind: 'custom' }
  | { kind: 'openapi'; specUrl?: string }
  | { kind: 'mcp'; serverUrl: string }
  | { kind: 'file'; fileName: string };

/** A custom or imported tool, keyed by its name. The tools layer re-validates `manifest` on load. */
export interface ToolRecord {
  name: string;
  manifest: ToolManifest;
  source: StoredToolSource;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
  /** OpenAPI tools: how arguments become the HTTP request (secret ids only, never values). */
  openapi?: OpenApiBinding;
}

/** One cached embedding, keyed by the model and a hash of the embedded text. */
export interface VectorRecord {
  modelId: string;
  textHash: string;
  dims: number;
  /** `dims` float32 values. */
  vector: Float32Array | ArrayBuffer;
  createdAt: number;
}

/** One long-term memory. */
export interface MemoryRecord {
  id: string;
  text: string;
  /** Hash of `text`: finds its vector in `vectors`. */
  textHash: string;
  /** The conversation it was learned in, when there is one. */
  conversationId?: string;
  tags: string[];
  /**
   * Who wrote it: the person (Memory page) or the agent (the `remember` tool, possibly prompted by
   * outside text). Agent-written memories are quoted as untrusted until the person edits them.
   * Absent in records from before this field: treated as the person's.
   */
  origin?: 'person' | 'agent';
  /** The agent whose own memory this is (agents with memory 'own'); absent: shared by every agent. */
  agentId?: string;
  createdAt: number;
  updatedAt: number;
}

/** One document of a knowledge base. Its text lives in `knowledgeChunks`. */
export interface KnowledgeDocumentRecord {
  id: string;
  knowledgeBaseId: string;
  title: string;
  /** File name or URL, shown in citations. */
  source: string;
  mimeType: string;
  sizeBytes: number;
  /** Hash of the whole content: re-importing an unchanged document is a no-op. */
  contentHash: string;
  chunkCount: number;
  createdAt: number;
}

/** One retrievable piece of a document. */
export interface KnowledgeChunkRecord {
  id: string;
  documentId: string;
  /** Position in the document, from 0. */
  ordinal: number;
  text: string;
  /** Hash of `text`: finds its vector in `vectors`. */
  textHash: string;
  /** Character offsets in the document's text, for citations. */
  start: number;
  end: number;
  /** The 1-based page it is on (PDFs), for citations. */
  page?: number;
  /** The nearest heading above it, for citations. */
  heading?: string;
}

/** One outbound request, as the network door saw it (core's ledger entry). `id` is given by the store. */
export type NetworkLogRecord = LedgerEntry & { id?: number };

/** A named group of documents; each conversation chooses which bases it draws on. */
export interface KnowledgeBaseRecord {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
}

/** One evaluation run: what was run, how far it got, and its summary once scored. */
export interface EvalRunRecord {
  id: string;
  /** The dataset's name (file name or bundled sample). */
  dataset: string;
  /** The engine and model, as shown to the person. */
  model: string;
  startedAt: number;
  finishedAt?: number;
  status: 'running' | 'done' | 'stopped' | 'error';
  total: number;
  completed: number;
  /** Metric name → value (0..1), when scored. */
  summary?: Record<string, number>;
  error?: string;
  /** How tools were offered and calls read (the eval layer's format name); a resume uses the same. */
  format?: string;
}

/** One scored example of a run (the eval layer defines `result`'s exact shape). */
export interface EvalExampleRecord {
  runId: string;
  index: number;
  /** The example's result; null until it is run. */
  result: unknown;
  /** The example itself (the eval layer's shape), kept so an interrupted run can resume after a reload. */
  example?: unknown;
}

/** A connected MCP server, stored as core's config (credentials are secret references, never values). */
export type McpServerRecord = McpServerConfig;

/** A secret the network door injects into requests to its granted origins only. */
export interface SecretRecord {
  id: string;
  /** Shown in the UI instead of the value. */
  label: string;
  value: string;
  /** Origins (scheme://host[:port]) the value may be sent to. */
  origins: string[];
  createdAt: number;
}

/** A person's agent, stored as core's definition (built-in agents are code constants, never stored). */
export type AgentRecord = AgentDefinition;

/**
 * The seam types shared by core, engines, tools and UI. Core owns them so that it depends on
 * nothing; `src/llm/chat-engine.ts` re-exports the engine part.
 */

/** A JSON Schema object (draft 2020-12 / OpenAPI 3.1 dialect). */
export type JsonSchema = { [keyword: string]: unknown };

/** A tool as the model sees it: the OpenAI function shape. */
export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: JsonSchema;
}

/** One tool call the model made. `arguments` is already parsed JSON. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

/**
 * An image in a message, as a `data:` URL with its media type (`image/png`…). Core holds no DOM
 * types (Blob, File): the data URL is what engines send (OpenAI `image_url` parts) and what the
 * chat shows; the store keeps the bytes as a Blob. `name`: the file name the person attached.
 */
export interface ImagePart {
  mediaType: string;
  dataUrl: string;
  name?: string;
}

/** Chat transcript messages, engine-neutral. */
export type ChatMessage =
  | { role: 'system'; content: string }
  /**
   * `context`: what the turn showed the model with this message (retrieved tools, memories,
   * knowledge). Kept with the message so every later prompt repeats it verbatim: the prompt
   * only grows at its end, and prefix caches stay valid across turns.
   * `images`: pictures the person attached, sent only to engines whose `capabilities.vision` is true.
   */
  | { role: 'user'; content: string; context?: string; images?: ImagePart[] }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  /** `images`: pictures in the tool's answer (an MCP image block), passed on to engines that read images. */
  | { role: 'tool'; toolCallId: string; name: string; content: string; images?: ImagePart[] };

export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

/** What the agent asks an engine for: the OpenAI chat.completions shape, engine-neutral. */
export interface ChatRequest {
  messages: ChatMessage[];
  /** Sent natively when the engine supports it; prompt formats put them in the system text instead. */
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  temperature?: number;
  maxTokens?: number;
  stop?: string[];
  /**
   * Thinking on or off, for models with a switch for it (Qwen3, DeepSeek style chat templates):
   * absent means the model's default. Engines and models without such a switch ignore it.
   */
  thinking?: boolean;
  /**
   * Constrains decoding, for engines whose `capabilities.constrainedOutput` says they can:
   * an EBNF grammar (XGrammar dialect) or a JSON schema. Engines that cannot ignore it.
   */
  responseFormat?: { type: 'grammar'; grammar: string } | { type: 'json-schema'; schema: JsonSchema };
  /**
   * Set once a side-effecting tool was called in this run: a failed request is then reported to
   * the person, never repeated automatically (a repeated step could act on the world again).
   */
  noRetry?: boolean;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  /** Prompt tokens served from a prefix cache, where the engine reports it. */
  cachedPromptTokens?: number;
}

export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'other';

/**
 * A streamed piece of an answer. Tool-call deltas are keyed by `index`; `id` and `name`
 * arrive on the first delta of a call, `argumentsDelta` is a fragment of its JSON text.
 * `reasoning-delta` is the model's thinking (a server's `reasoning_content`/`reasoning`, a text
 * model's `<think>` block): shown apart from the answer, never parsed for calls, never sent back.
 */
export type ChatChunk =
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  | { type: 'tool-call-delta'; index: number; id?: string; name?: string; argumentsDelta: string }
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; reason: FinishReason };

export interface EngineCapabilities {
  /** The engine accepts `tools` and returns structured tool calls. */
  nativeToolCalls: boolean;
  /** How the engine can constrain decoding. */
  constrainedOutput: 'none' | 'json-schema' | 'grammar';
  /** Context window in tokens. */
  contextWindow: number;
  /**
   * The model reads images in user messages (`ChatMessage.images`). Absent means no: the chat
   * refuses to send images to such an engine rather than dropping them silently.
   */
  vision?: boolean;
}

export interface LoadProgress {
  /** 0..1 */
  progress: number;
  text: string;
  loadedBytes?: number;
  totalBytes?: number;
}

/** The model seam. Implemented in-process and by worker proxies alike. */
export interface ChatEngine {
  readonly id: string;
  readonly capabilities: EngineCapabilities;
  load(onProgress?: (progress: LoadProgress) => void, signal?: AbortSignal): Promise<void>;
  unload(): Promise<void>;
  /**
   * Forgets what the engine kept of earlier requests (a local engine's key/value cache), freeing
   * its memory: called when the person switches conversation. Optional: engines that keep nothing
   * leave it out. Never needed for correctness: a cache is only reused for a prompt that continues it.
   */
  resetContext?(): Promise<void>;
  /** Streams one answer. Throws TabagentError (code 'aborted' when `signal` fires). */
  chat(request: ChatRequest, signal?: AbortSignal): AsyncIterable<ChatChunk>;
}

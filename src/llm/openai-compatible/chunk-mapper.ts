/**
 * Maps OpenAI response payloads (stream chunks or a whole completion) to ChatChunks. Stateful
 * because a stream spreads one answer over many payloads: it remembers tool-call indexes, the
 * finish reason and the latest usage, and emits usage and finish once, at the end.
 */
import type { ChatChunk, FinishReason, Usage } from '../../core/types';
import { arrayField, isRecord, numberField, recordField, stringField, type JsonRecord } from './json-value';

export interface ChunkMapper {
  /** The chunks carried by one payload (text, tool-call deltas); usage and finish are held back. */
  map(payload: JsonRecord): ChatChunk[];
  /** The closing chunks: usage (when the server sent any), then finish. */
  close(): ChatChunk[];
  /** Whether any payload carried a finish reason. */
  readonly finished: boolean;
}

/** Creates a mapper for one answer. */
export function createChunkMapper(): ChunkMapper {
  let finishReason: FinishReason | undefined;
  let usage: Usage | undefined;
  let sawToolCall = false;
  const indexes = createToolCallIndexer();

  return {
    map(payload) {
      const reported = readUsage(payload.usage);
      if (reported !== undefined) usage = reported;
      const choice = firstChoice(payload);
      if (choice === undefined) return [];
      const reason = stringField(choice, 'finish_reason');
      if (reason !== undefined) finishReason = mapFinishReason(reason);
      // Streams carry `delta`; whole completions carry `message`; both have the same fields.
      const delta = recordField(choice, 'delta') ?? recordField(choice, 'message');
      if (delta === undefined) return [];
      const chunks = [...textChunks(delta), ...toolCallChunks(delta, indexes)];
      if (chunks.some((chunk) => chunk.type === 'tool-call-delta')) sawToolCall = true;
      return chunks;
    },
    close() {
      const chunks: ChatChunk[] = [];
      if (usage !== undefined) chunks.push({ type: 'usage', usage });
      // A server that ends with [DONE] but no finish_reason still finished; infer the reason.
      chunks.push({ type: 'finish', reason: finishReason ?? (sawToolCall ? 'tool-calls' : 'stop') });
      return chunks;
    },
    get finished() {
      return finishReason !== undefined;
    },
  };
}

/** Maps OpenAI finish reasons (and the spellings other servers use) to Tabagent's. */
export function mapFinishReason(reason: string): FinishReason {
  switch (reason) {
    case 'stop':
    case 'eos':
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'length':
    case 'max_tokens':
      return 'length';
    case 'tool_calls':
    case 'function_call':
    case 'tool_use':
      return 'tool-calls';
    case 'content_filter':
      return 'content-filter';
    default:
      return 'other';
  }
}

/**
 * The choice of the first answer (index 0; a choice without an index is taken as 0). With n > 1, or
 * a proxy that sends several answers anyway, a payload that carries only answer 1 or 2 has none:
 * falling back to its first choice would interleave the answers' text and let another answer's
 * finish reason win.
 */
function firstChoice(payload: JsonRecord): JsonRecord | undefined {
  return arrayField(payload, 'choices')
    .filter(isRecord)
    .find((choice) => (numberField(choice, 'index') ?? 0) === 0);
}

function textChunks(delta: JsonRecord): ChatChunk[] {
  const chunks: ChatChunk[] = [];
  const reasoning = reasoningText(delta);
  if (reasoning !== '') chunks.push({ type: 'reasoning-delta', text: reasoning });
  const text = contentText(delta.content);
  if (text !== '') chunks.push({ type: 'text-delta', text });
  // A refusal is the model's answer to the person; show it like text.
  const refusal = stringField(delta, 'refusal');
  if (refusal !== undefined && refusal !== '') chunks.push({ type: 'text-delta', text: refusal });
  return chunks;
}

/**
 * The model's thinking in a delta or message. DeepSeek, xAI and older vLLM reasoning parsers send
 * `reasoning_content`; OpenRouter, Groq, Ollama and newer vLLM send `reasoning`. Some vLLM
 * versions send both with the same text, so one of them is read: `reasoning_content` first.
 * Mistral's reasoning models send content parts of type `thinking` instead.
 */
function reasoningText(delta: JsonRecord): string {
  const named = stringField(delta, 'reasoning_content') || stringField(delta, 'reasoning');
  if (named) return named;
  if (!Array.isArray(delta.content)) return '';
  return delta.content
    .filter(isRecord)
    .filter((part) => part.type === 'thinking')
    .map((part) => (typeof part.thinking === 'string' ? part.thinking : contentText(part.thinking)))
    .join('');
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  // Some servers send content as an array of parts (thinking parts are read by `reasoningText`).
  if (Array.isArray(content)) {
    return content
      .filter(isRecord)
      .filter((part) => part.type !== 'thinking')
      .map((part) => stringField(part, 'text') ?? '')
      .join('');
  }
  return '';
}

function toolCallChunks(delta: JsonRecord, indexes: ToolCallIndexer): ChatChunk[] {
  const chunks: ChatChunk[] = [];
  for (const call of arrayField(delta, 'tool_calls').filter(isRecord)) {
    const fn = recordField(call, 'function') ?? {};
    const id = stringField(call, 'id');
    const chunk: ChatChunk = {
      type: 'tool-call-delta',
      index: indexes.indexOf(numberField(call, 'index'), id),
      argumentsDelta: argumentsText(fn.arguments),
    };
    if (id !== undefined && id !== '') chunk.id = id;
    const name = stringField(fn, 'name');
    if (name !== undefined && name !== '') chunk.name = name;
    chunks.push(chunk);
  }
  // The legacy single `function_call` (pre-tools API, still sent by a few servers) is call 0.
  const legacy = recordField(delta, 'function_call');
  if (legacy !== undefined) {
    const chunk: ChatChunk = { type: 'tool-call-delta', index: 0, argumentsDelta: argumentsText(legacy.arguments) };
    const name = stringField(legacy, 'name');
    if (name !== undefined && name !== '') chunk.name = name;
    chunks.push(chunk);
  }
  return chunks;
}

function argumentsText(value: unknown): string {
  if (typeof value === 'string') return value;
  // Some servers send arguments as an object rather than JSON text.
  if (isRecord(value)) return JSON.stringify(value);
  return '';
}

interface ToolCallIndexer {
  indexOf(index: number | undefined, id: string | undefined): number;
}

/**
 * Tool-call deltas are keyed by `index`. A few servers omit it (each call whole, in one delta);
 * then a new id means a new call and a delta without id continues the last one.
 */
function createToolCallIndexer(): ToolCallIndexer {
  const byId = new Map<string, number>();
  let next = 0;
  let last = 0;
  return {
    indexOf(index, id) {
      let resolved: number;
      if (index !== undefined) resolved = index;
      else if (id !== undefined && id !== '') resolved = byId.get(id) ?? next;
      else resolved = last;
      if (id !== undefined && id !== '' && !byId.has(id)) byId.set(id, resolved);
      next = Math.max(next, resolved + 1);
      last = resolved;
      return resolved;
    },
  };
}

function readUsage(value: unknown): Usage | undefined {
  if (!isRecord(value)) return undefined;
  const promptTokens = numberField(value, 'prompt_tokens');
  const completionTokens = numberField(value, 'completion_tokens');
  if (promptTokens === undefined && completionTokens === undefined) return undefined;
  const usage: Usage = { promptTokens: promptTokens ?? 0, completionTokens: completionTokens ?? 0 };
  const details = recordField(value, 'prompt_tokens_details');
  // DeepSeek reports cache hits as prompt_cache_hit_tokens.
  const cached =
    (details === undefined ? undefined : numberField(details, 'cached_tokens')) ??
    numberField(value, 'prompt_cache_hit_tokens');
  if (cached !== undefined) usage.cachedPromptTokens = cached;
  return usage;
}

/**
 * A typed declaration of the subset of Chrome's Prompt API (`LanguageModel`,
 * https://github.com/webmachinelearning/prompt-api) that the built-in engine uses. The API has
 * renamed members between Chrome versions, so the older names are declared optional beside the
 * current ones and read through `session-usage.ts`.
 */

/** Whether the browser can give a session for these options, now or after a download. */
export type LanguageModelAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

/** One message of a prompt. `system` is only allowed first, in `initialPrompts`. */
export interface LanguageModelMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The languages a session reads or writes (`expectedInputs` / `expectedOutputs`). */
export interface LanguageModelExpected {
  type: 'text';
  languages?: string[];
}

/** Options `availability()` and `create()` share. */
export interface LanguageModelCoreOptions {
  expectedInputs?: LanguageModelExpected[];
  expectedOutputs?: LanguageModelExpected[];
  /** Chrome requires `topK` whenever `temperature` is given, and the other way round. */
  temperature?: number;
  topK?: number;
}

/** The download-progress event: `loaded` is a fraction of `total` (1 in current Chrome). */
export interface LanguageModelDownloadProgress extends Event {
  readonly loaded: number;
  readonly total?: number;
}

/** What `monitor` receives: an event target for 'downloadprogress'. */
export interface LanguageModelMonitor {
  addEventListener(type: 'downloadprogress', listener: (event: LanguageModelDownloadProgress) => void): void;
}

/** Options of `LanguageModel.create()`. */
export interface LanguageModelCreateOptions extends LanguageModelCoreOptions {
  initialPrompts?: LanguageModelMessage[];
  signal?: AbortSignal;
  monitor?: (monitor: LanguageModelMonitor) => void;
}

/** Options of `prompt()` / `promptStreaming()`. */
export interface LanguageModelPromptOptions {
  signal?: AbortSignal;
  /** A JSON Schema (or RegExp) the answer must follow. */
  responseConstraint?: Record<string, unknown>;
}

/** What `prompt()` accepts: a string (one user message) or messages. */
export type LanguageModelPrompt = string | LanguageModelMessage[];

/** Sampling limits of this browser's model (`LanguageModel.params()`). */
export interface LanguageModelParams {
  defaultTopK: number;
  maxTopK: number;
  defaultTemperature: number;
  maxTemperature: number;
}

/** A session: the model with a conversation so far. */
export interface LanguageModelSession {
  prompt(input: LanguageModelPrompt, options?: LanguageModelPromptOptions): Promise<string>;
  /** Text chunks: deltas in current Chrome, the whole answer so far in Chrome before 131. */
  promptStreaming(input: LanguageModelPrompt, options?: LanguageModelPromptOptions): ReadableStream<string>;
  /** Tokens the session holds (current name). */
  readonly contextUsage?: number;
  /** Tokens the session can hold (current name). */
  readonly contextWindow?: number;
  /** Older names of the same two figures (Chrome 131–147). */
  readonly inputUsage?: number;
  readonly inputQuota?: number;
  /** Oldest names (Chrome before 131). */
  readonly tokensSoFar?: number;
  readonly maxTokens?: number;
  /** Tokens `input` would take (`measureContextUsage` now, `measureInputUsage` before). */
  measureContextUsage?(input: LanguageModelPrompt, options?: LanguageModelPromptOptions): Promise<number>;
  measureInputUsage?(input: LanguageModelPrompt, options?: LanguageModelPromptOptions): Promise<number>;
  clone(options?: { signal?: AbortSignal }): Promise<LanguageModelSession>;
  destroy(): void;
}

/** The static side: `globalThis.LanguageModel`. */
export interface LanguageModelApi {
  availability(options?: LanguageModelCoreOptions): Promise<LanguageModelAvailability>;
  create(options?: LanguageModelCreateOptions): Promise<LanguageModelSession>;
  /** Present only in extensions and experimental contexts in current Chrome. */
  params?(): Promise<LanguageModelParams | null>;
}

function isApi(value: unknown): value is LanguageModelApi {
  if ((typeof value !== 'function' && typeof value !== 'object') || value === null) return false;
  const candidate = value as Partial<Record<'availability' | 'create', unknown>>;
  return typeof candidate.availability === 'function' && typeof candidate.create === 'function';
}

/**
 * The browser's `LanguageModel`, or undefined where there is none (any browser but a recent
 * Chrome, Node, a worker without it). Never throws: reading a global a browser guards (a
 * permissions policy, a detached frame) counts as absent.
 */
export function findLanguageModel(scope: object = globalThis): LanguageModelApi | undefined {
  try {
    const value: unknown = Reflect.get(scope, 'LanguageModel');
    return isApi(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

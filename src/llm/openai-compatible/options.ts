/** Options of the openai-compatible engine, and the defaults filled in once at creation. */

/** The subset of `fetch` the engine uses; injected so tests need no network. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Waits `ms` milliseconds; must reject promptly when `signal` aborts. Injected so tests need no real time. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface OpenAICompatibleOptions {
  /** The server's base URL, e.g. `https://api.openai.com/v1` (a URL ending in `/chat/completions` is accepted too). */
  baseUrl: string;
  /** The model name the server expects, e.g. `gpt-4o-mini` or `qwen2.5:7b`. */
  model: string;
  /** Sent as `Authorization: Bearer …` only when set. Never appears in errors. */
  apiKey?: string;
  /** Extra request headers (OpenRouter's `HTTP-Referer`, a proxy's key header…). */
  headers?: Record<string, string>;
  /** Default: `globalThis.fetch`, looked up at call time. */
  fetch?: FetchLike;
  /** Clock for retry waits. Default: an abortable `setTimeout`. */
  sleep?: Sleep;
  /** Jitter source in [0, 1). Default: `Math.random`. */
  random?: () => number;
  /** Wall clock (ms since epoch) used to read HTTP-date `Retry-After` headers. Default: `Date.now`. */
  now?: () => number;
  /** Retries after a 429, a 5xx, a timeout or a network failure, before any chunk arrived. Default 3. */
  maxRetries?: number;
  /** Send `tools` in the request and read structured `tool_calls`. Default true. */
  nativeToolCalls?: boolean;
  /** Context window in tokens, reported in `capabilities`. Default 8192. */
  contextWindow?: number;
  /**
   * The model reads images (`capabilities.vision`): user messages' images are sent as `image_url`
   * parts. Default true: a server's model cannot be known for sure, so the person says otherwise.
   */
  vision?: boolean;
  /** Ask for a server-sent event stream. Default true. */
  stream?: boolean;
  /** Milliseconds to wait for the response headers before giving up on a connection. Default: no limit. */
  timeoutMs?: number;
}

/** Options with every default filled in. */
export interface ResolvedOptions {
  model: string;
  apiKey: string | undefined;
  headers: Record<string, string>;
  fetch: FetchLike;
  sleep: Sleep;
  random: () => number;
  now: () => number;
  maxRetries: number;
  nativeToolCalls: boolean;
  contextWindow: number;
  vision: boolean;
  stream: boolean;
  timeoutMs: number | undefined;
}

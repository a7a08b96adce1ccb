import type {
  AppConfig,
  ChatCompletionChunk,
  ChatCompletionRequestStreaming,
  InitProgressReport,
} from '@mlc-ai/web-llm';

/**
 * The part of web-llm's `MLCEngineInterface` this adapter uses. web-llm's `MLCEngine` (run by the
 * adapter inside `workers/webllm.worker.ts`) satisfies it, and unit tests pass a small fake, so
 * the adapter's logic runs in Node without a GPU.
 */
export interface MLCEngineLike {
  setInitProgressCallback(callback: (report: InitProgressReport) => void): void;
  setAppConfig?(appConfig: AppConfig): void;
  reload(modelId: string): Promise<void>;
  chatCompletion(request: ChatCompletionRequestStreaming): Promise<AsyncIterable<ChatCompletionChunk>>;
  /** Stops the running generation; the stream then ends early. */
  interruptGenerate(): void;
  /** Frees the model; during a reload it also aborts the download. */
  unload(): Promise<void>;
}

/** What web-llm's `response_format` accepts for constrained decoding. */
export type WebLLMResponseFormat =
  | { type: 'grammar'; grammar: string }
  | { type: 'json_object'; schema?: string };

import type { ChatCompletionChunk, ChatCompletionRequestStreaming, InitProgressReport } from '@mlc-ai/web-llm';
import type { MLCEngineLike } from '../../../src/llm/webllm';

/** A chunk in web-llm's streaming shape. */
export function chunk(delta: ChatCompletionChunk.Choice.Delta, finish: ChatCompletionChunk.Choice['finish_reason'] = null): ChatCompletionChunk {
  return { id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] };
}

/** The usage chunk web-llm sends last when `stream_options.include_usage` is set. */
export function usageChunk(prompt: number, completion: number): ChatCompletionChunk {
  return {
    id: 'c',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'm',
    choices: [],
    usage: {
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
      extra: { e2e_latency_s: 0, prefill_tokens_per_s: 0, decode_tokens_per_s: 0, time_to_first_token_s: 0, time_per_output_token_s: 0 },
    },
  };
}

export interface FakeOptions {
  /** Reports the fake sends during reload. */
  progress?: InitProgressReport[];
  /** Makes reload fail with this (web-llm's worker sends strings). */
  reloadError?: unknown;
  /** Only the first reload fails. */
  failOnce?: boolean;
  /** Makes reload wait until unload is called. */
  reloadHangs?: boolean;
  /** Chunks per chatCompletion call; `'hang'` waits until interruptGenerate. */
  answers?: Array<ChatCompletionChunk[] | 'hang'>;
  chatError?: unknown;
}

/**
 * A web-llm engine stand-in that behaves like the real one where the adapter relies on it:
 * a generation holds a lock until its stream finishes or is closed, interruptGenerate ends the
 * running stream (finish_reason 'abort'), unload aborts a reload in progress.
 */
export class FakeMLCEngine implements MLCEngineLike {
  readonly requests: ChatCompletionRequestStreaming[] = [];
  readonly calls: string[] = [];
  private progressCallback: ((report: InitProgressReport) => void) | undefined;
  private interrupted = false;
  private locked = false;
  private wake: (() => void) | undefined;
  private rejectReload: ((reason: unknown) => void) | undefined;

  constructor(private readonly options: FakeOptions = {}) {}

  setInitProgressCallback(callback: (report: InitProgressReport) => void): void {
    this.progressCallback = callback;
  }

  async reload(modelId: string): Promise<void> {
    this.calls.push(`reload:${modelId}`);
    for (const report of this.options.progress ?? []) this.progressCallback?.(report);
    if (this.options.reloadHangs) {
      await new Promise<void>((_resolve, reject) => {
        this.rejectReload = reject;
      });
    }
    const error = this.options.reloadError;
    if (error !== undefined && (!this.options.failOnce || this.calls.filter((call) => call.startsWith('reload')).length === 1)) throw error;
  }

  async chatCompletion(request: ChatCompletionRequestStreaming): Promise<AsyncIterable<ChatCompletionChunk>> {
    this.calls.push('chatCompletion');
    if (this.locked) throw new Error('LockedError: the previous generation still holds the model lock');
    if (this.options.chatError !== undefined) throw this.options.chatError;
    this.requests.push(request);
    const answer = this.options.answers?.[this.requests.length - 1] ?? [chunk({ content: 'ok' }, 'stop')];
    this.locked = true;
    this.interrupted = false;
    const release = (): void => {
      this.locked = false;
    };
    const wait = (): Promise<void> =>
      new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    const isInterrupted = (): boolean => this.interrupted;
    async function* stream(): AsyncGenerator<ChatCompletionChunk> {
      try {
        if (answer === 'hang') {
          yield chunk({ content: 'partial ' });
          if (!isInterrupted()) await wait();
          yield chunk({}, 'abort');
          return;
        }
        for (const item of answer) yield item;
      } finally {
        release();
      }
    }
    return stream();
  }

  interruptGenerate(): void {
    this.calls.push('interruptGenerate');
    this.interrupted = true;
    this.wake?.();
  }

  async unload(): Promise<void> {
    this.calls.push('unload');
    this.rejectReload?.('Error: Engine.unload() is called.');
  }
}

import type {
  LanguageModelApi,
  LanguageModelAvailability,
  LanguageModelCreateOptions,
  LanguageModelMessage,
  LanguageModelParams,
  LanguageModelPrompt,
  LanguageModelPromptOptions,
  LanguageModelSession,
} from '../../src/llm/builtin-ai/prompt-api';

/**
 * A fake of Chrome's Prompt API (`LanguageModel`) that follows the documented behaviour:
 * availability states, a download reported through `monitor`'s 'downloadprogress' events,
 * `system` only as the first initial prompt, sessions that remember their conversation, streaming
 * that errors with an AbortError DOMException on abort, token counts and a quota that rejects with
 * QuotaExceededError. Answers are scripted; every create and prompt is recorded.
 */

/** One scripted answer: its chunks (deltas), or a function of what was asked that returns them. */
export type FakeAnswer = string[] | ((input: LanguageModelMessage[], options: LanguageModelPromptOptions) => string[]);

export interface FakeLanguageModelOptions {
  availability?: LanguageModelAvailability;
  /** Download fractions reported by `create` while 'downloadable' (default 0, 0.5, 1). */
  downloadSteps?: number[];
  answers?: FakeAnswer[];
  /** Chunks as deltas (current Chrome) or as the whole answer so far (Chrome before 131). */
  chunkMode?: 'delta' | 'cumulative';
  /** Which names the session's figures have: current (contextUsage), 2025 (inputUsage), legacy (tokensSoFar). */
  naming?: 'current' | 'input' | 'legacy';
  /** The session's window in tokens (default 6144). */
  quota?: number;
  /** Whether `LanguageModel.params()` exists (it does only for extensions in current Chrome). */
  params?: LanguageModelParams | null;
}

/** What a prompt call received. */
export interface FakePromptCall {
  session: number;
  input: LanguageModelMessage[];
  options: LanguageModelPromptOptions;
}

/** The fake and what it recorded. */
export interface FakeLanguageModel extends LanguageModelApi {
  readonly creates: LanguageModelCreateOptions[];
  readonly prompts: FakePromptCall[];
  /** Sessions made so far, with whether each was destroyed. */
  readonly sessions: Array<{ id: number; destroyed: boolean; history: LanguageModelMessage[] }>;
  setAvailability(state: LanguageModelAvailability): void;
}

/** A rough token count: a quarter of the characters, at least one per message. */
export function fakeTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const abortError = (): DOMException => new DOMException('The operation was aborted.', 'AbortError');
const asMessages = (input: LanguageModelPrompt): LanguageModelMessage[] => (typeof input === 'string' ? [{ role: 'user', content: input }] : input);

/** Creates a fake `LanguageModel`. Install it with `globalThis.LanguageModel = fake` where a test needs the page to see it. */
export function createFakeLanguageModel(options: FakeLanguageModelOptions = {}): FakeLanguageModel {
  let availability: LanguageModelAvailability = options.availability ?? 'available';
  const answers = [...(options.answers ?? [])];
  const quota = options.quota ?? 6144;
  const naming = options.naming ?? 'current';
  const creates: LanguageModelCreateOptions[] = [];
  const prompts: FakePromptCall[] = [];
  const sessions: FakeLanguageModel['sessions'] = [];

  function makeSession(history: LanguageModelMessage[]): LanguageModelSession {
    const record = { id: sessions.length, destroyed: false, history };
    sessions.push(record);
    const used = (): number => record.history.reduce((sum, message) => sum + fakeTokens(message.content), 0);
    const figures = (): Record<string, number> =>
      naming === 'current' ? { contextUsage: used(), contextWindow: quota } : naming === 'input' ? { inputUsage: used(), inputQuota: quota } : { tokensSoFar: used(), maxTokens: quota };
    const measure = async (input: LanguageModelPrompt): Promise<number> => asMessages(input).reduce((sum, message) => sum + fakeTokens(message.content), 0);
    const session: LanguageModelSession = {
      prompt: async (input, promptOptions = {}) => {
        let text = '';
        const reader = session.promptStreaming(input, promptOptions).getReader();
        for (;;) {
          const next = await reader.read();
          if (next.done) return text;
          text = options.chunkMode === 'cumulative' ? next.value : text + next.value;
        }
      },
      promptStreaming(input, promptOptions = {}) {
        const messages = asMessages(input);
        prompts.push({ session: record.id, input: structuredClone(messages), options: promptOptions });
        const { signal } = promptOptions;
        let cancelled = false;
        return new ReadableStream<string>({
          async start(controller) {
            if (record.destroyed) return controller.error(new DOMException('The session was destroyed.', 'InvalidStateError'));
            if (messages.some((message) => message.role === 'system')) return controller.error(new DOMException('system is only allowed first in initialPrompts', 'NotSupportedError'));
            if (used() + (await measure(messages)) > quota) return controller.error(new DOMException('The input is too large.', 'QuotaExceededError'));
            const answer = answers.shift();
            if (!answer) return controller.error(new DOMException('The fake has no scripted answer left.', 'OperationError'));
            const chunks = typeof answer === 'function' ? answer(messages, promptOptions) : answer;
            let soFar = '';
            for (const chunk of chunks) {
              await tick();
              if (cancelled) return;
              if (signal?.aborted) return controller.error(abortError());
              soFar += chunk;
              controller.enqueue(options.chunkMode === 'cumulative' ? soFar : chunk);
            }
            await tick();
            if (signal?.aborted) return controller.error(abortError());
            record.history.push(...messages, { role: 'assistant', content: soFar });
            controller.close();
          },
          cancel() {
            cancelled = true;
          },
        });
      },
      ...figures(),
      ...(naming === 'current' ? { measureContextUsage: measure } : { measureInputUsage: measure }),
      async clone() {
        return makeSession(structuredClone(record.history));
      },
      destroy() {
        record.destroyed = true;
      },
    };
    // The figures change as the conversation grows: read them live.
    for (const name of Object.keys(figures())) Object.defineProperty(session, name, { get: () => figures()[name], enumerable: true });
    return session;
  }

  const fake: FakeLanguageModel = {
    creates,
    prompts,
    sessions,
    setAvailability(state) {
      availability = state;
    },
    async availability() {
      return availability;
    },
    async create(createOptions = {}) {
      creates.push({ ...createOptions });
      const { signal } = createOptions;
      if (signal?.aborted) throw abortError();
      if (availability === 'unavailable') throw new DOMException('The model is not available.', 'NotSupportedError');
      if ((createOptions.temperature === undefined) !== (createOptions.topK === undefined)) {
        throw new DOMException('temperature and topK must be given together', 'NotSupportedError');
      }
      const initial = createOptions.initialPrompts ?? [];
      if (initial.some((message, index) => message.role === 'system' && index > 0)) throw new TypeError('system is only allowed first');
      const monitor = new EventTarget();
      createOptions.monitor?.(monitor as Parameters<NonNullable<LanguageModelCreateOptions['monitor']>>[0]);
      if (availability !== 'available') {
        for (const loaded of options.downloadSteps ?? [0, 0.5, 1]) {
          await tick();
          if (signal?.aborted) throw abortError();
          monitor.dispatchEvent(Object.assign(new Event('downloadprogress'), { loaded, total: 1 }));
        }
        availability = 'available';
      }
      await tick();
      if (signal?.aborted) throw abortError();
      return makeSession(structuredClone(initial));
    },
    ...(options.params === null ? {} : { params: async () => options.params ?? { defaultTopK: 3, maxTopK: 8, defaultTemperature: 1, maxTemperature: 2 } }),
  };
  return fake;
}

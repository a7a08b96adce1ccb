import { raceAbort, throwIfAborted } from '../../core/abort';
import { abortedError, TabagentError } from '../../core/errors';
import { isTextOrCallSchema } from '../../core/grammar';
import type { ChatChunk, ChatEngine, ChatRequest, FinishReason, LoadProgress, Usage } from '../../core/types';
import { BUILTIN_AI_ENGINE_ID, builtinAiCapabilities, DEFAULT_CONTEXT_WINDOW } from './capabilities';
import { createStopMatcher } from '../transformers/stop-strings';
import { builtinAbsentError, builtinAiError, builtinUnavailableError } from './errors';
import type { LanguageModelApi, LanguageModelCoreOptions, LanguageModelParams, LanguageModelPromptOptions, LanguageModelSession } from './prompt-api';
import { findLanguageModel } from './prompt-api';
import { planSession, type SessionPlan } from './session-plan';
import { measureTokens, sessionUsage, sessionWindow } from './session-usage';
import { createDeltaReader, readChunks } from './stream-text';
import { TextOrCallOutput } from './text-or-call-output';


export interface BuiltinAiEngineOptions {
  /** The Prompt API; default: the page's `LanguageModel`, looked up at load. */
  languageModel?: LanguageModelApi;
  /** Languages the conversation is in (`expectedInputs`/`expectedOutputs`); default English. */
  languages?: readonly string[];
  /** Ids for tool calls. */
  createId?: () => string;
}

/** A session kept for the next request, with what it was prompted with (its answer follows). */
interface LiveSession {
  session: LanguageModelSession;
  prompt: SessionPlan['prompt'];
  /** Sampling it was created with: a request with other sampling needs another session. */
  samplingKey: string;
}

function progressOf(loaded: number, total: number | undefined): number {
  const fraction = total !== undefined && total > 0 ? loaded / total : loaded;
  return Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
}

let callCounter = 0;
const defaultCallId = (): string => {
  callCounter += 1;
  return `builtin_call_${Date.now().toString(36)}_${callCounter}`;
};

/**
 * A ChatEngine on the browser's own model (Chrome's Prompt API). The model has no native tool
 * calls: the agent renders tools as text, and when it offers tools it passes a "text or a call"
 * JSON schema (`textOrCallJsonSchema`) that becomes the Prompt API's `responseConstraint`, so the
 * model can only answer in words or call an offered tool with valid arguments.
 *
 * Sessions keep the conversation inside the browser's model: a request that extends the previous
 * one (its messages, the answer, then new user messages such as tool results) is appended to the
 * same session; any other request gets a fresh session with the earlier turns as `initialPrompts`.
 */
export function createBuiltinAiEngine(options: BuiltinAiEngineOptions = {}): ChatEngine {
  const languages = [...(options.languages ?? ['en'])];
  const core: LanguageModelCoreOptions = {
    expectedInputs: [{ type: 'text', languages }],
    expectedOutputs: [{ type: 'text', languages }],
  };
  const createId = options.createId ?? defaultCallId;
  let api: LanguageModelApi | undefined;
  let params: LanguageModelParams | undefined;
  let contextWindow = DEFAULT_CONTEXT_WINDOW;
  let loading: Promise<void> | undefined;
  let live: LiveSession | undefined;

  const drop = (entry: LiveSession | LanguageModelSession | undefined): void => {
    if (!entry) return;
    const session = 'session' in entry ? entry.session : entry;
    try {
      session.destroy();
    } catch {
      // Already destroyed (the page's model went away): nothing left to free.
    }
  };

  async function loadOnce(onProgress: ((progress: LoadProgress) => void) | undefined, signal: AbortSignal | undefined): Promise<void> {
    const found = options.languageModel ?? findLanguageModel();
    if (!found) throw builtinAbsentError();
    const availability = await raceAbort(found.availability(core), signal, () => abortedError()).catch((error: unknown) => {
      throw builtinAiError(error);
    });
    if (availability === 'unavailable') throw builtinUnavailableError();
    const downloading = availability !== 'available';
    onProgress?.({ progress: 0, text: downloading ? "Downloading Chrome's built-in model…" : "Starting Chrome's built-in model…" });
    // create() downloads the model where needed; its monitor reports how far the download is.
    const probe = await raceAbort(
      found.create({
        ...core,
        ...(signal ? { signal } : {}),
        monitor(monitor) {
          monitor.addEventListener('downloadprogress', (event) => {
            onProgress?.({ progress: progressOf(event.loaded, event.total), text: "Downloading Chrome's built-in model…" });
          });
        },
      }),
      signal,
      () => abortedError(),
    ).catch((error: unknown) => {
      throw builtinAiError(error);
    });
    contextWindow = sessionWindow(probe) ?? DEFAULT_CONTEXT_WINDOW;
    // The probe has no system text (which only `initialPrompts` can hold), so chat makes its own sessions.
    drop(probe);
    params = (await found.params?.().catch(() => null)) ?? undefined;
    api = found;
    onProgress?.({ progress: 1, text: "Chrome's built-in model is ready." });
  }

  function load(onProgress?: (progress: LoadProgress) => void, signal?: AbortSignal): Promise<void> {
    if (api) return Promise.resolve();
    if (loading) return raceAbort(loading, signal, () => abortedError());
    const run = loadOnce(onProgress, signal);
    loading = run;
    const forget = (): void => {
      if (loading === run) loading = undefined;
    };
    run.then(forget, forget);
    return run;
  }

  /** Chrome takes temperature only with topK (and the other way round): both, or neither where params() is missing. */
  function sampling(request: ChatRequest): Pick<LanguageModelCoreOptions, 'temperature' | 'topK'> {
    if (request.temperature === undefined || !params) return {};
    return { temperature: Math.min(Math.max(request.temperature, 0), params.maxTemperature), topK: params.defaultTopK };
  }

  async function sessionFor(plan: SessionPlan, samplingKey: string, request: ChatRequest, signal: AbortSignal | undefined): Promise<LanguageModelSession> {
    const previous = live;
    live = undefined;
    if (plan.kind === 'reuse' && previous && previous.samplingKey === samplingKey) return previous.session;
    drop(previous);
    if (!api) throw builtinAbsentError();
    const initialPrompts = plan.kind === 'fresh' ? plan.initialPrompts : [];
    return raceAbort(
      api.create({ ...core, ...sampling(request), ...(initialPrompts.length > 0 ? { initialPrompts } : {}), ...(signal ? { signal } : {}) }),
      signal,
      () => abortedError(),
    ).catch((error: unknown) => {
      throw builtinAiError(error);
    });
  }

  async function* chat(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatChunk> {
    throwIfAborted(signal);
    await load(undefined, signal);
    const samplingKey = JSON.stringify(sampling(request));
    // A session made with other sampling cannot serve this request: plan as if there were none.
    const plan = planSession(live && live.samplingKey === samplingKey ? live.prompt : undefined, request.messages);
    if (plan.input.length === 0) {
      throw new TabagentError('bad-request', "The built-in model was asked to answer nothing: the conversation has no message after its instructions. Write a message first.");
    }
    const session = await sessionFor(plan, samplingKey, request, signal);
    const cached = plan.kind === 'reuse' ? sessionUsage(session) : undefined;
    const schema = request.responseFormat?.type === 'json-schema' ? request.responseFormat.schema : undefined;
    const structured = schema && isTextOrCallSchema(schema) ? new TextOrCallOutput() : undefined;
    const stops = createStopMatcher(structured ? [] : request.stop);
    const promptOptions: LanguageModelPromptOptions = { ...(signal ? { signal } : {}), ...(schema ? { responseConstraint: schema } : {}) };
    let answer = '';
    let cut = false;
    let finished = false;
    try {
      const toDelta = createDeltaReader();
      for await (const chunk of readChunks(session.promptStreaming(plan.input, promptOptions))) {
        if (signal?.aborted) throw abortedError();
        const delta = toDelta(chunk);
        answer += delta;
        if (structured) {
          yield* structured.push(delta);
          continue;
        }
        const step = stops.push(delta);
        if (step.text !== '') yield { type: 'text-delta', text: step.text };
        if (step.stopped) {
          cut = true;
          break;
        }
      }
      throwIfAborted(signal);
      const tail = structured ? structured.finish(createId()) : [{ type: 'text-delta', text: stops.flush() } satisfies ChatChunk];
      for (const chunk of tail) if (chunk.type !== 'text-delta' || chunk.text !== '') yield chunk;
      const usage = await usageAfter(session, answer, cached);
      if (usage) yield { type: 'usage', usage };
      const reason: FinishReason = tail.some((chunk) => chunk.type === 'tool-call-delta') ? 'tool-calls' : 'stop';
      yield { type: 'finish', reason };
      finished = true;
    } catch (error) {
      throw signal?.aborted ? abortedError() : builtinAiError(error);
    } finally {
      // Only a session whose answer is complete holds what the agent will send back next time.
      if (finished && !cut) live = { session, prompt: plan.prompt, samplingKey };
      else drop(session);
    }
  }

  return {
    id: BUILTIN_AI_ENGINE_ID,
    get capabilities() {
      return builtinAiCapabilities(contextWindow);
    },
    load,
    async unload() {
      drop(live);
      live = undefined;
      api = undefined;
      loading = undefined;
    },
    chat,
  };
}

/**
 * Usage after an answer: the session's token count now, of which the answer is what measuring
 * its text gives (a quarter of its characters where the browser cannot measure); `cached` is
 * what a reused session already held.
 */
async function usageAfter(session: LanguageModelSession, answer: string, cached: number | undefined): Promise<Usage | undefined> {
  const total = sessionUsage(session);
  if (total === undefined) return undefined;
  const completionTokens = (await measureTokens(session, answer)) ?? Math.ceil(answer.length / 4);
  const promptTokens = Math.max(0, total - completionTokens);
  return { promptTokens, completionTokens, ...(cached !== undefined && cached > 0 ? { cachedPromptTokens: Math.min(cached, promptTokens) } : {}) };
}

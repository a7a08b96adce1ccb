import { TabagentError } from '../errors';
import { getFormat } from '../formats';
import { textOrCallJsonSchema, toolCallGrammar } from '../grammar';
import type { ParseProblem, ToolCallFormat } from '../formats/types';
import type { ChatMessage, ChatRequest, Usage } from '../types';
import { callModel } from './call-model';
import type { AgentEvent } from './events';
import { extractCalls, visibleText } from './extract-calls';
import { createVisibleStream } from './visible-stream';
import type { RunAgentOptions, ToolMode } from './options';
import { PromptBudgeter, type HistoryPlan, type PromptShape } from './budget';
import { buildPrompt, commonPrefixLength, DEFAULT_SYSTEM_PROMPT, flattenPrompt, promptSystemText, renderTranscript, toolSyntaxText } from './prompt';
import { estimateTokens } from './token-count';
import { runTools } from './run-tools';
import { loadEngine } from './load-engine';
import { prepareTurn, type PreparedTurn, type TurnText } from './prepare-turn';
import { afterSections, withSources, taintOfHistory, traitsOf, type Taint } from './taint';

const DEFAULT_MAX_STEPS = 8;
const DEFAULT_MAX_REPAIRS = 2;

/**
 * Runs one user turn: model → tool calls → results → model … until a final answer, the step
 * limit, an error or a stop. Yields typed events; emits a `message` event for every message it
 * adds to the transcript, so a consumer that persists those has the whole, consistent transcript:
 * every tool call is followed by exactly one result, even when stopped.
 */
export async function* runAgent(options: RunAgentOptions): AsyncGenerator<AgentEvent, void> {
  const signal = options.signal ?? new AbortController().signal;
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  const maxRepairs = options.maxRepairs ?? DEFAULT_MAX_REPAIRS;
  const createId = options.createId ?? defaultIdMaker();
  // Loaded first: the capabilities read below (tool mode, grammar, budget) are the model's own.
  if (!(yield* loadEngine(options.engine, signal))) return;
  const mode = resolveToolMode(options);
  const format = mode === 'native' ? null : getFormat(mode);
  const enabledTools = options.tools.definitions();
  const transcript: ChatMessage[] = [...options.messages];
  const prepared: PreparedTurn = yield* prepareTurn(options, enabledTools, format, signal);
  // The model is shown the selected tools; a call to another enabled tool still runs (it may
  // have been offered in an earlier turn).
  // The grammar admits the tools listed earlier in the conversation too: they stay valid by name.
  const responseFormat = constrainedFormat(options, prepared.offered, format);
  const usage: Usage = { promptTokens: 0, completionTokens: 0 };
  // Keeps which earlier turns are left out for this run: once dropped, a turn stays dropped.
  const budgeter = new PromptBudgeter(budgetLimit(options), options.countTokens ?? estimateTokens, newestTurnStart(options.messages));
  let overflowReported = false;
  let previousPrompt = '';
  // The newest message's context as the 'turn-context' event last reported it.
  let reportedContext = prepared.context ?? '';
  let failedRepairs = 0;
  // After a side-effecting call the engine request is never retried automatically (ChatRequest.noRetry).
  let sideEffectCalled = false;
  let lastText = '';
  // Outside text already in the context (earlier tool results, quoted documents) taints the turn
  // from its start; each step's tool results may add more.
  let taint: Taint = afterSections(
    taintOfHistory(options.messages, (name) => traitsOf(options.tools, name)),
    prepared.sections,
  );
  if (options.inheritedUntrustedSources?.length) taint = withSources(taint, options.inheritedUntrustedSources);

  // Model steps taken by agents this run called as tools: they count against this run's limit.
  let nestedSteps = 0;

  for (let step = 1; step + nestedSteps <= maxSteps; step += 1) {
    if (signal.aborted) {
      yield finish(lastText, step - 1, true, usage, taint);
      return;
    }
    yield { type: 'step-start', step };
    const { request, plan, render, context } = makeRequest(options, prepared, transcript, format, budgeter, responseFormat);
    if ((context ?? '') !== reportedContext) {
      // Stored as sent, the message reads the same in the next turns' prompts.
      reportedContext = context ?? '';
      yield { type: 'turn-context', context: reportedContext };
    }
    if (sideEffectCalled) request.noRetry = true;
    const flat = flattenPrompt(request.messages);
    yield {
      type: 'prompt',
      step,
      prompt: {
        messageCount: request.messages.length,
        estimatedTokens: plan.budget.total,
        prefixReuse: flat.length === 0 ? 0 : commonPrefixLength(previousPrompt, flat) / flat.length,
        toolMode: mode,
        budget: plan.budget,
        omittedMessages: plan.omitted,
        truncatedResults: plan.truncatedResults,
      },
    };
    if (!plan.fits && !overflowReported) {
      overflowReported = true;
      yield { type: 'context-overflow', step, budget: plan.budget, message: overflowMessage(plan) };
    }

    const turn = yield* callModel(options.engine, request, step, signal, createVisibleStream(format));
    if (turn.usage) {
      addUsage(usage, turn.usage);
      yield { type: 'usage', step, usage: turn.usage };
    }
    if (turn.error) {
      const partial = visibleText(turn.text, format);
      if (turn.error.code === 'aborted') {
        // Keep what was shown; drop half-written calls, which would have no result.
        if (partial) yield* append(transcript, { role: 'assistant', content: partial });
        yield finish(partial, step, true, usage, taint);
      } else {
        yield { type: 'error', error: turn.error, partialText: partial };
      }
      return;
    }
    const extracted = extractCalls(turn, format, enabledTools, createId);
    // The streamed deltas were a live view; this is the authoritative text of the step.
    yield { type: 'step-finish', step, reason: turn.finishReason, text: extracted.content };
    lastText = extracted.content;
    if (extracted.calls.length === 0) {
      const unreadable = extracted.problems.filter(isCallFailure);
      if (unreadable.length === 0) {
        yield* append(transcript, { role: 'assistant', content: extracted.content });
        yield finish(extracted.content, step, false, usage, taint);
        return;
      }
      // The model tried to call a tool but the call could not be read: tell it why, bounded.
      failedRepairs += 1;
      yield* append(transcript, { role: 'assistant', content: turn.text });
      previousPrompt = flat + flattenPrompt(render(transcript.slice(-1)));
      if (failedRepairs > maxRepairs) {
        yield { type: 'error', error: repairLimitError(unreadable), partialText: extracted.content };
        return;
      }
      yield* append(transcript, { role: 'user', content: correctionText(unreadable) });
    } else {
      yield* append(transcript, { role: 'assistant', content: extracted.content, toolCalls: extracted.calls });
      // What a prefix-caching engine holds after this step: the prompt plus the answer it wrote
      // (the history is only appended to, so the next prompt starts with both).
      previousPrompt = flat + flattenPrompt(render(transcript.slice(-1)));
      if (extracted.calls.some((call) => traitsOf(options.tools, call.name).sideEffects)) sideEffectCalled = true;
      const outcome = yield* runTools(extracted.calls, options.tools, step, signal, options.approve, extracted.unreadable, taint, maxSteps - step - nestedSteps, options.approvalPolicy, options.engine);
      taint = outcome.taint;
      nestedSteps += outcome.nestedSteps;
      for (const message of outcome.messages) yield* append(transcript, message);
      if (signal.aborted) {
        yield finish(extracted.content, step, true, usage, taint);
        return;
      }
      failedRepairs = outcome.invalidCount === extracted.calls.length ? failedRepairs + 1 : 0;
      if (failedRepairs > maxRepairs) {
        yield {
          type: 'error',
          error: new TabagentError(
            'invalid-arguments',
            `The model kept making invalid tool calls (${failedRepairs} steps in a row). Try rephrasing, or a model that is better at tool use.`,
          ),
          partialText: extracted.content,
        };
        return;
      }
    }
  }
  yield {
    type: 'error',
    error: new TabagentError(
      'step-limit',
      `The agent stopped after ${maxSteps} steps without a final answer. Ask again to continue, or split the task into smaller requests.`,
      { data: { maxSteps } },
    ),
    partialText: lastText,
  };
}

function resolveToolMode(options: RunAgentOptions): ToolMode {
  if (options.preferNativeTools && options.engine.capabilities.nativeToolCalls) return 'native';
  if (options.toolMode) return options.toolMode;
  return options.engine.capabilities.nativeToolCalls ? 'native' : 'hermes';
}

/**
 * Engines that can constrain decoding get a grammar that admits only well-formed Hermes calls to
 * the current tools, or plain text: a small model then cannot misspell a tool or break the JSON.
 * Built once per run; the tool list does not change within one.
 */
function constrainedFormat(
  options: RunAgentOptions,
  tools: ReturnType<RunAgentOptions['tools']['definitions']>,
  format: ToolCallFormat | null,
): ChatRequest['responseFormat'] {
  if (format?.name !== 'hermes' || tools.length === 0) return undefined;
  const { constrainedOutput } = options.engine.capabilities;
  // Engines that constrain by JSON schema only (Chrome's Prompt API) get "text or a call" as JSON; they hand back text or a call.
  if (constrainedOutput === 'json-schema') return { type: 'json-schema', schema: textOrCallJsonSchema(tools) };
  if (constrainedOutput !== 'grammar') return undefined;
  // A thinking model writes its <think> block first (the engine shows it as reasoning).
  // With thinking turned off, a thinking model may not open the block in its text either (`false`).
  const thinking = options.modelThinks === true ? options.thinking !== false : undefined;
  return { type: 'grammar', grammar: toolCallGrammar(tools, { format: 'hermes', allowText: true, ...(thinking === undefined ? {} : { thinking }) }) };
}

/**
 * One step's request, built once: the budgeter chooses which earlier turns fit (and shortens this
 * turn's tool results if it must); the prompt is then built from what it kept. When earlier turns
 * are left out, the newest message lists every tool of the turn, since the signatures those turns
 * listed are gone with them. `render` shows further messages as this prompt shows them;
 * `context` is the newest user message's context as this prompt shows it.
 */
function makeRequest(
  options: RunAgentOptions,
  prepared: PreparedTurn,
  transcript: readonly ChatMessage[],
  format: ToolCallFormat | null,
  budgeter: PromptBudgeter,
  responseFormat?: ChatRequest['responseFormat'],
): {
  request: ChatRequest;
  plan: HistoryPlan;
  render: (messages: readonly ChatMessage[]) => ChatMessage[];
  context: string | undefined;
} {
  const { tools } = prepared;
  const base = { systemPrompt: options.systemPrompt ?? DEFAULT_SYSTEM_PROMPT, tools, format, toolsInTurn: prepared.toolsInTurn };
  const systemText = promptSystemText(base);
  const shapeOf = (text: TurnText): PromptShape => ({
    systemText,
    render: (messages, newest) =>
      renderTranscript(messages, format, (message, index) =>
        newest && index === 0 && text.context !== undefined ? text.context : message.context,
      ),
    nativeTools: !format && tools.length > 0 ? JSON.stringify(tools) : '',
    systemToolText: !format ? '' : prepared.toolsInTurn ? toolSyntaxText(format) : tools.length === 0 ? '' : format.render(tools),
    messageToolText: text.toolText,
    contextText: prepared.material,
  });
  let text: TurnText = prepared;
  let plan = budgeter.plan(transcript, shapeOf(text));
  if (plan.omitted > 0 && prepared.full.context !== prepared.context) {
    text = prepared.full;
    plan = budgeter.plan(transcript, shapeOf(text));
  }
  const messages = buildPrompt({
    ...base,
    transcript: plan.messages,
    turnContext: text.context,
    omittedMessages: plan.omitted,
    turnStart: budgeter.newestStart - plan.omitted,
  });
  const request: ChatRequest = { messages };
  if (!format && tools.length > 0) {
    request.tools = tools;
    request.toolChoice = 'auto';
  }
  if (format && format.stopSequences.length > 0) request.stop = [...format.stopSequences];
  if (responseFormat) request.responseFormat = responseFormat;
  if (options.temperature !== undefined) request.temperature = options.temperature;
  if (options.thinking !== undefined) request.thinking = options.thinking;
  if (options.maxTokens !== undefined) request.maxTokens = options.maxTokens;
  return { request, plan, render: (added) => renderTranscript(added, format, (message) => message.context), context: text.context };
}

/** Default answer reserve: a quarter of the window, at most this many tokens. */
const DEFAULT_ANSWER_RESERVE = 1024;

/** The most tokens a prompt may hold (see `RunAgentOptions.contextBudget`). */
function budgetLimit(options: RunAgentOptions): number {
  const size = options.contextBudget?.contextWindow ?? options.engine.capabilities.contextWindow;
  // An engine that states no usable context size is not budgeted.
  if (!Number.isFinite(size) || size <= 0) return Number.POSITIVE_INFINITY;
  const reserve = options.contextBudget?.reserveForAnswer ?? options.maxTokens ?? Math.min(DEFAULT_ANSWER_RESERVE, Math.floor(size / 4));
  return Math.max(1, size - reserve);
}

/** Index of the newest turn's user message: the run's input ends with it. */
function newestTurnStart(messages: readonly ChatMessage[]): number {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    if (messages[index]?.role === 'user') return index;
  }
  return 0;
}

function overflowMessage(plan: HistoryPlan): string {
  const { total, limit } = plan.budget;
  return (
    `This message needs about ${total} tokens but the model reads at most ${limit} here, even with all earlier messages left out` +
    `${plan.truncatedResults > 0 ? ' and tool results shortened' : ''}. Shorten the message, enable fewer tools, or choose a model with a longer context.`
  );
}

function* append(transcript: ChatMessage[], message: ChatMessage): Generator<AgentEvent, void> {
  transcript.push(message);
  yield { type: 'message', message };
}

function finish(text: string, steps: number, stopped: boolean, usage: Usage, taint: Taint): AgentEvent {
  return { type: 'finish', text, steps, stopped, usage: { ...usage }, ...(taint.untrusted ? { untrustedSources: [...taint.sources] } : {}) };
}

function addUsage(total: Usage, step: Usage): void {
  total.promptTokens += step.promptTokens;
  total.completionTokens += step.completionTokens;
  if (step.cachedPromptTokens !== undefined) {
    total.cachedPromptTokens = (total.cachedPromptTokens ?? 0) + step.cachedPromptTokens;
  }
}

function isCallFailure(problem: ParseProblem): boolean {
  return problem.kind !== 'repaired';
}

function correctionText(problems: readonly ParseProblem[]): string {
  const reasons = problems.map((problem) => `- ${problem.message}`).join('\n');
  return `Your last tool call could not be used:\n${reasons}\nWrite the call again correctly, or answer without a tool.`;
}

function repairLimitError(problems: readonly ParseProblem[]): TabagentError {
  return new TabagentError(
    'invalid-arguments',
    `The model's tool calls could not be read: ${problems.map((problem) => problem.message).join('; ')}`,
    { data: { problems: problems.map((problem) => problem.kind) } },
  );
}

function defaultIdMaker(): () => string {
  let counter = 0;
  const prefix = Math.random().toString(36).slice(2, 8);
  return () => `call_${prefix}${(counter += 1)}`;
}

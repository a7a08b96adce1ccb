import { runAgent } from '../../src/core/agent/run-agent';
import type { ToolMode } from '../../src/core/agent/options';
import type { ContextProvider, SelectTools } from '../../src/core/agent/turn-context';
import { commonPrefixLength, flattenPrompt } from '../../src/core/agent/prompt';
import type { ChatChunk, ChatMessage, ChatRequest, ToolDefinition } from '../../src/core/types';
import { ToolSelector } from '../../src/retrieval';
import { createFakeToolRunner } from './fake-tool-runner';
import { modelCallText } from './model-call-text';
import { createScriptedEngine, textChunks, toolCallChunks } from './scripted-engine';

/** One scripted turn: the question, the tool-name fragment its calls use, and its model requests. */
export interface SessionTurn {
  question: string;
  domain: string;
  /** Requests in the turn: (steps - 1) tool calls, then the answer. */
  steps: number;
}

/** How the session runs: tool mode (default Hermes), tools per turn, and an optional context window. */
export interface PrefixSessionOptions {
  mode?: ToolMode;
  /** Tools retrieved per turn (default 5). */
  k?: number;
  /** The engine's context window in tokens (default: the scripted engine's 8192). */
  contextWindow?: number;
  /** The fixed system text, e.g. an agent's instructions (default: the loop's own). */
  systemPrompt?: string;
  /** Per-turn material (memories, knowledge) that goes into the newest user message. */
  context?: ContextProvider[];
  /** Replaces the BM25 selector (k = `k`) that picks each turn's tools. */
  selectTools?: SelectTools;
}

/** Prefix reuse of each request after the first, and the indexes of those that open a turn. */
export interface PrefixSession {
  perRequest: number[];
  /**
   * Characters of each request (after the first) that a prefix-caching engine must read anew:
   * everything after the part it shares with the previous request.
   */
  newChars: number[];
  turnStarts: number[];
  /**
   * The same share against what a prefix-caching engine holds after the previous request: that
   * prompt plus the answer it wrote (web-llm's KV cache keeps both).
   */
  perRequestWithAnswers: number[];
  /** Requests (after the first) that do not start with the whole previous request. */
  breaks: number;
  /** Of those, the ones whose prompt left out more earlier messages than the previous one (budget drops). */
  budgetBreaks: number;
  /**
   * Requests (after the first) that do not start with the previous request followed by the
   * answer exactly as the model wrote it (text formats only; 0 in native mode).
   */
  answerBreaks: number;
  /** Every request as flattened text, in order (native tool lists first, as chat templates put them). */
  prompts: string[];
}

/**
 * Runs a multi-turn session through the real loop with tool retrieval on (k = 5 by default),
 * carrying each turn's stored context into the history as the app does, and measures for every
 * request the share of its prompt that repeats the previous request's prompt as an exact prefix,
 * and counts the requests that break that prefix (and which of them dropped earlier turns). The
 * scripted model writes its calls as models of the format's family do (see model-call-text.ts).
 */
export async function runPrefixSession(
  tools: readonly ToolDefinition[],
  turns: readonly SessionTurn[],
  options: PrefixSessionOptions = {},
): Promise<PrefixSession> {
  const mode = options.mode ?? 'hermes';
  const runner = createFakeToolRunner(tools.map((definition) => ({ definition, run: async (args) => ({ echoed: args }) })));
  const selector = new ToolSelector({ k: options.k ?? 5 });
  let history: ChatMessage[] = [];
  let previous = '';
  let held = '';
  let previousOmitted = 0;
  const session: PrefixSession = { perRequest: [], newChars: [], turnStarts: [], perRequestWithAnswers: [], breaks: 0, budgetBreaks: 0, answerBreaks: 0, prompts: [] };
  for (const turn of turns) {
    if (previous) session.turnStarts.push(session.perRequest.length);
    const call = tools.find((tool) => tool.name.includes(turn.domain)) ?? tools[0];
    const calls = Array.from({ length: turn.steps - 1 }, (_, index) => ({ name: call?.name ?? '', arguments: { query: `q${index}` } }));
    const answers = [...calls.map((each) => (mode === 'native' ? '' : modelCallText(mode, each))), 'Here is what I found.'];
    const steps: ChatChunk[][] = answers.map((answer, index) =>
      mode === 'native' && index < calls.length ? toolCallChunks([calls[index]!]) : textChunks(answer, 64),
    );
    const engine = createScriptedEngine(steps, {
      nativeToolCalls: mode === 'native',
      ...(options.contextWindow ? { contextWindow: options.contextWindow } : {}),
    });
    const omitted: number[] = [];
    let context = '';
    const added: ChatMessage[] = [];
    for await (const event of runAgent({
      engine,
      tools: runner,
      toolMode: mode,
      messages: [...history, { role: 'user', content: turn.question }],
      selectTools: options.selectTools ?? ((query, offered) => selector.select(query.parts, offered, query.signal)),
      ...(options.systemPrompt !== undefined ? { systemPrompt: options.systemPrompt } : {}),
      ...(options.context ? { context: options.context } : {}),
    })) {
      if (event.type === 'turn-context') context = event.context;
      if (event.type === 'message') added.push(event.message);
      if (event.type === 'prompt') omitted.push(event.prompt.omittedMessages);
      if (event.type === 'error') throw event.error;
    }
    engine.requests.forEach((request, index) => {
      const flat = flattenRequest(request);
      session.prompts.push(flat);
      if (previous) {
        const shared = commonPrefixLength(previous, flat);
        session.perRequest.push(shared / flat.length);
        session.newChars.push(flat.length - shared);
        session.perRequestWithAnswers.push(commonPrefixLength(held, flat) / flat.length);
        if (shared < previous.length) {
          session.breaks += 1;
          if ((omitted[index] ?? 0) > previousOmitted) session.budgetBreaks += 1;
        }
        if (mode !== 'native' && !flat.startsWith(held)) session.answerBreaks += 1;
      }
      previous = flat;
      previousOmitted = omitted[index] ?? 0;
      held = flat + flattenPrompt([{ role: 'assistant', content: answers[index] ?? '' }]);
    });
    history = [...history, { role: 'user', content: turn.question, context }, ...added];
  }
  return session;
}

/** A request as one text: native tool definitions first (chat templates put them in the system turn), then the messages. */
function flattenRequest(request: ChatRequest): string {
  const tools = request.tools ? `<tools>${JSON.stringify(request.tools)}\n` : '';
  return tools + flattenPrompt(request.messages);
}

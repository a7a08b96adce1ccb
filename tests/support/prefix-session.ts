import { runAgent } from '../../src/core/agent/run-agent';
import { commonPrefixLength, flattenPrompt } from '../../src/core/agent/prompt';
import type { ChatMessage, ToolDefinition } from '../../src/core/types';
import { ToolSelector } from '../../src/retrieval';
import { createFakeToolRunner } from './fake-tool-runner';
import { createScriptedEngine, textChunks } from './scripted-engine';

/** One scripted turn: the question, the tool-name fragment its calls use, and its model requests. */
export interface SessionTurn {
  question: string;
  domain: string;
  /** Requests in the turn: (steps - 1) tool calls, then the answer. */
  steps: number;
}

/** Prefix reuse of each request after the first, and the indexes of those that open a turn. */
export interface PrefixSession {
  perRequest: number[];
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
}

/**
 * Runs a multi-turn session through the real loop in Hermes mode with tool retrieval on (k = 5),
 * carrying each turn's stored context into the history as the app does, and measures for every
 * request the share of its prompt that repeats the previous request's prompt as an exact prefix,
 * and counts the requests that break that prefix (and which of them dropped earlier turns).
 */
export async function runPrefixSession(tools: readonly ToolDefinition[], turns: readonly SessionTurn[]): Promise<PrefixSession> {
  const runner = createFakeToolRunner(tools.map((definition) => ({ definition, run: async (args) => ({ echoed: args }) })));
  const selector = new ToolSelector({ k: 5 });
  let history: ChatMessage[] = [];
  let previous = '';
  let held = '';
  let previousOmitted = 0;
  const perRequest: number[] = [];
  const perRequestWithAnswers: number[] = [];
  const turnStarts: number[] = [];
  let breaks = 0;
  let budgetBreaks = 0;
  for (const turn of turns) {
    if (previous) turnStarts.push(perRequest.length);
    const call = tools.find((tool) => tool.name.includes(turn.domain));
    const answers = [
      ...Array.from({ length: turn.steps - 1 }, (_, index) => `<tool_call>\n{"name": "${call?.name}", "arguments": {"query": "q${index}"}}\n</tool_call>`),
      'Here is what I found.',
    ];
    const engine = createScriptedEngine(answers.map((answer) => textChunks(answer, 64)), { nativeToolCalls: false });
    const omitted: number[] = [];
    let context = '';
    const added: ChatMessage[] = [];
    for await (const event of runAgent({
      engine,
      tools: runner,
      toolMode: 'hermes',
      messages: [...history, { role: 'user', content: turn.question }],
      selectTools: (query, offered) => selector.select(query.text, offered, query.signal),
    })) {
      if (event.type === 'turn-context') context = event.context;
      if (event.type === 'message') added.push(event.message);
      if (event.type === 'prompt') omitted.push(event.prompt.omittedMessages);
    }
    engine.requests.forEach((request, index) => {
      const flat = flattenPrompt(request.messages);
      if (previous) {
        const shared = commonPrefixLength(previous, flat);
        perRequest.push(shared / flat.length);
        perRequestWithAnswers.push(commonPrefixLength(held, flat) / flat.length);
        if (shared < previous.length) {
          breaks += 1;
          if ((omitted[index] ?? 0) > previousOmitted) budgetBreaks += 1;
        }
      }
      previous = flat;
      previousOmitted = omitted[index] ?? 0;
      held = flat + flattenPrompt([{ role: 'assistant', content: answers[index] ?? '' }]);
    });
    history = [...history, { role: 'user', content: turn.question, context }, ...added];
  }
  return { perRequest, turnStarts, perRequestWithAnswers, breaks, budgetBreaks };
}

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
}

/**
 * Runs a multi-turn session through the real loop in Hermes mode with tool retrieval on (k = 5),
 * carrying each turn's stored context into the history as the app does, and measures for every
 * request the share of its prompt that repeats the previous request's prompt as an exact prefix.
 */
export async function runPrefixSession(tools: readonly ToolDefinition[], turns: readonly SessionTurn[]): Promise<PrefixSession> {
  const runner = createFakeToolRunner(tools.map((definition) => ({ definition, run: async (args) => ({ echoed: args }) })));
  const selector = new ToolSelector({ k: 5 });
  let history: ChatMessage[] = [];
  let previous = '';
  const perRequest: number[] = [];
  const turnStarts: number[] = [];
  for (const turn of turns) {
    if (previous) turnStarts.push(perRequest.length);
    const call = tools.find((tool) => tool.name.includes(turn.domain));
    const script = Array.from({ length: turn.steps - 1 }, (_, index) =>
      textChunks(`<tool_call>\n{"name": "${call?.name}", "arguments": {"query": "q${index}"}}\n</tool_call>`, 64),
    );
    const engine = createScriptedEngine([...script, textChunks('Here is what I found.', 64)], { nativeToolCalls: false });
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
    }
    for (const request of engine.requests) {
      const flat = flattenPrompt(request.messages);
      if (previous) perRequest.push(commonPrefixLength(previous, flat) / flat.length);
      previous = flat;
    }
    history = [...history, { role: 'user', content: turn.question, context }, ...added];
  }
  return { perRequest, turnStarts };
}

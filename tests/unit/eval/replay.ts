/**
 * A replay engine for eval tests: answers each request with the gold answer of the example whose
 * conversation it carries (found by its last user message), natively or in a text format.
 */
import type { ChatChunk, ChatEngine, ChatRequest } from '../../../src/core/types';
import type { ToolCallFormat } from '../../../src/core/formats/types';
import { goldCalls, type EvalCall, type EvalExample } from '../../../src/eval/types';

export interface ReplayOptions {
  /** Write calls as text in this format instead of native tool calls. */
  textFormat?: ToolCallFormat;
  /** Change the calls of one example before answering (to inject mistakes). */
  edit?: (id: string, calls: EvalCall[]) => EvalCall[];
  /** Called before each answer (to count or to stall). */
  onRequest?: (id: string, request: ChatRequest) => void | Promise<void>;
}

/** The text of the last user message of a request (a text format's result turns excluded). */
export function lastUserText(request: ChatRequest): string {
  for (let index = request.messages.length - 1; index >= 0; index -= 1) {
    const message = request.messages[index];
    if (message?.role === 'user' && !message.content.includes('<tool_response>') && !message.content.includes('<|startofexec|>')) {
      return message.content;
    }
  }
  return '';
}

/** Chunks that stream `text` in pieces, as engines do. */
export function textChunks(text: string): ChatChunk[] {
  const chunks: ChatChunk[] = [];
  for (let offset = 0; offset < text.length; offset += 5) chunks.push({ type: 'text-delta', text: text.slice(offset, offset + 5) });
  chunks.push({ type: 'finish', reason: 'stop' });
  return chunks;
}

/** Chunks of native tool calls, arguments split across deltas. */
export function callChunks(calls: readonly EvalCall[]): ChatChunk[] {
  const chunks: ChatChunk[] = [];
  calls.forEach((call, index) => {
    const json = JSON.stringify(call.arguments);
    chunks.push({ type: 'tool-call-delta', index, id: `call_${index}`, name: call.name, argumentsDelta: '' });
    for (let offset = 0; offset < json.length; offset += 4) {
      chunks.push({ type: 'tool-call-delta', index, argumentsDelta: json.slice(offset, offset + 4) });
    }
  });
  chunks.push({ type: 'finish', reason: 'tool-calls' });
  return chunks;
}

/** The engine. A request whose last message is a tool result gets the example's final answer. */
export function createReplayEngine(examples: readonly EvalExample[], options: ReplayOptions = {}): ChatEngine & { requests: ChatRequest[] } {
  const byQuestion = new Map<string, EvalExample>();
  for (const example of examples) {
    const users = example.messages.filter((message) => message.role === 'user');
    byQuestion.set(users[users.length - 1]?.content ?? '', example);
  }
  const requests: ChatRequest[] = [];
  return {
    id: 'replay',
    capabilities: { nativeToolCalls: options.textFormat === undefined, constrainedOutput: 'none', contextWindow: 32768 },
    requests,
    async load() {},
    async unload() {},
    async *chat(request) {
      requests.push(request);
      const question = lastUserText(request);
      const example = [...byQuestion.entries()].find(([text]) => question.startsWith(text))?.[1];
      if (example === undefined) throw new Error(`replay: no example for ${JSON.stringify(question)}`);
      await options.onRequest?.(example.id, request);
      await new Promise((resolve) => setTimeout(resolve, 0));
      const last = request.messages[request.messages.length - 1];
      const isFollowUp = last?.role === 'tool' || (last?.role === 'user' && last.content !== question);
      let chunks: ChatChunk[];
      if (isFollowUp) chunks = textChunks(example.finalAnswer ?? '');
      else if ('text' in example.gold) chunks = textChunks(example.gold.text);
      else {
        const calls = options.edit?.(example.id, structuredClone(goldCalls(example.gold))) ?? goldCalls(example.gold);
        if (calls.length === 0) chunks = textChunks('I cannot help with that using these tools.');
        else if (options.textFormat) chunks = textChunks(options.textFormat.renderCalls(calls));
        else chunks = callChunks(calls);
      }
      yield* chunks;
    },
  };
}

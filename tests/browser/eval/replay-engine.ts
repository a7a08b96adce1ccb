/**
 * A scripted engine (tests/support) that answers eval requests with the gold answers of the
 * examples it is given: the calls (optionally edited, to inject a mistake), the reference text,
 * and the final answer once the gold calls' results are shown.
 */
import type { ChatChunk, ChatEngine, ChatRequest } from '../../../src/core/types';
import { goldCalls, type EvalCall, type EvalExample } from '../../../src/eval/types';
import { createScriptedEngine, textChunks, toolCallChunks } from '../../support/scripted-engine';
import { pause } from '../support/scripted-run';

export interface ReplayOptions {
  /** Changes the calls of an example before they are answered. */
  edit?: (id: string, calls: EvalCall[]) => EvalCall[];
  /** Waits this long before each answer (to watch progress, or to stop midway). */
  delayMs?: number;
}

/** The replay engine; `asked` lists example ids in the order their first request came. */
export interface ReplayEngine extends ChatEngine {
  asked: string[];
}

/** The user question a request is about: the last user message. */
export function questionOf(request: ChatRequest): string {
  return request.messages.findLast((message) => message.role === 'user')?.content ?? '';
}

/** Creates the engine. */
export function createReplayEngine(examples: readonly EvalExample[], options: ReplayOptions = {}): ReplayEngine {
  const asked: string[] = [];
  const answer = (request: ChatRequest): ChatChunk[] => {
    const question = questionOf(request);
    const example = examples.find((candidate) => {
      const text = candidate.messages.findLast((message) => message.role === 'user')?.content;
      return text !== undefined && question.startsWith(text);
    });
    if (!example) throw new Error(`replay: no example asks ${JSON.stringify(question)}`);
    if (request.messages.at(-1)?.role === 'tool') return textChunks(example.finalAnswer ?? '');
    asked.push(example.id);
    if ('text' in example.gold) return textChunks(example.gold.text);
    const calls = options.edit?.(example.id, structuredClone(goldCalls(example.gold))) ?? goldCalls(example.gold);
    return calls.length === 0 ? textChunks('I cannot help with that using these tools.') : toolCallChunks(calls);
  };
  const scripted = createScriptedEngine(Array.from({ length: 500 }, () => answer));
  return {
    id: 'replay',
    capabilities: scripted.capabilities,
    asked,
    load: scripted.load,
    unload: scripted.unload,
    async *chat(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatChunk> {
      if (options.delayMs !== undefined && !(await pause(options.delayMs, signal))) {
        throw Object.assign(new Error('Stopped.'), { name: 'AbortError' });
      }
      yield* scripted.chat(request, signal);
    },
  };
}

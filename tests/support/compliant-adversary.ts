/**
 * A "compliant adversary": a ChatEngine that does whatever injected text tells it. It makes
 * injection tests deterministic: they measure our enforcement (quoting, taint, confirmation, the
 * network door), not whether some model happens to resist.
 *
 * Injected instructions are written in a machine-readable form anywhere in the prompt a model
 * would read them (a tool result, a quoted document, an earlier turn):
 *
 *   <<do tool_name>>{"json": "arguments"}<</do>>     call this tool with these arguments
 *   <<say>>any text<</say>>                          end with this answer
 *
 * The engine first makes the calls the person's request needs (`plan`), then obeys every
 * directive it finds, in the order they appear, one call per step (or all at once with
 * `batch`), then answers.
 */
import type { ChatChunk, ChatEngine, ChatMessage, ChatRequest } from '../../src/core/types';
import { textChunks, toolCallChunks } from './scripted-engine';

export interface AdversaryCall {
  name: string;
  arguments: Record<string, unknown>;
}

export interface AdversaryOptions {
  /** Calls made for the person's own request, before any injection is read. */
  plan?: AdversaryCall[];
  /** Emit every pending directive in one step (a model making parallel calls). */
  batch?: boolean;
  /** Write calls as Hermes `<tool_call>` text instead of native tool calls. */
  textMode?: boolean;
}

export interface CompliantAdversary extends ChatEngine {
  /** Every request it received (deep copies), to check what the model was shown. */
  readonly requests: ChatRequest[];
  /** Every call it made, in order. */
  readonly calls: AdversaryCall[];
}

const DIRECTIVE = /<<do\s+([^>\s]+)\s*>>([\s\S]*?)<<\/do>>/g;
const SAY = /<<say>>([\s\S]*?)<<\/say>>/;

/** Every string inside a JSON value, in order. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

/**
 * The text a model reads in a message (user context included). A JSON tool result is read the
 * way a model reads it, through its escaping: the strings inside it.
 */
function readable(message: ChatMessage): string {
  if (message.role === 'user') return `${message.content}\n${message.context ?? ''}`;
  if (message.role !== 'tool') return '';
  try {
    return stringsIn(JSON.parse(message.content) as unknown).join('\n');
  } catch {
    return message.content;
  }
}

/** Directives in the order they appear in the prompt (the prompt only grows, so the order is stable). */
function directivesIn(request: ChatRequest): AdversaryCall[] {
  const found: AdversaryCall[] = [];
  for (const message of request.messages) {
    for (const match of readable(message).matchAll(DIRECTIVE)) {
      let args: unknown;
      try {
        args = JSON.parse(match[2] as string);
      } catch {
        continue;
      }
      if (typeof args === 'object' && args !== null && !Array.isArray(args)) {
        found.push({ name: match[1] as string, arguments: args as Record<string, unknown> });
      }
    }
  }
  return found;
}

function answerIn(request: ChatRequest): string | undefined {
  for (const message of [...request.messages].reverse()) {
    const match = SAY.exec(readable(message));
    if (match) return match[1];
  }
  return undefined;
}

function hermesText(calls: readonly AdversaryCall[]): ChatChunk[] {
  const text = calls.map((call) => `<tool_call>\n${JSON.stringify({ name: call.name, arguments: call.arguments })}\n</tool_call>`).join('\n');
  return textChunks(text, 16);
}

/** Creates an engine that obeys every injected directive it reads. */
export function createCompliantAdversary(options: AdversaryOptions = {}): CompliantAdversary {
  const requests: ChatRequest[] = [];
  const calls: AdversaryCall[] = [];
  const plan = [...(options.plan ?? [])];
  let obeyed = 0;
  let ids = 0;
  return {
    id: 'compliant-adversary',
    capabilities: { nativeToolCalls: !options.textMode, constrainedOutput: 'none', contextWindow: 32_768 },
    requests,
    calls,
    async load() {},
    async unload() {},
    async *chat(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatChunk> {
      requests.push(structuredClone(request));
      let next: AdversaryCall[];
      const planned = plan.shift();
      if (planned) {
        next = [planned];
      } else {
        const pending = directivesIn(request).slice(obeyed);
        next = options.batch ? pending : pending.slice(0, 1);
        obeyed += next.length;
      }
      calls.push(...next);
      const chunks =
        next.length === 0
          ? textChunks(answerIn(request) ?? 'Done.', 16)
          : options.textMode
            ? hermesText(next)
            : toolCallChunks(next.map((call) => ({ id: `adv_${(ids += 1)}`, name: call.name, arguments: call.arguments })), 64);
      for (const chunk of chunks) {
        await Promise.resolve();
        if (signal?.aborted) return;
        yield chunk;
      }
    },
  };
}

/** An injected instruction to call `name` with `args`, as the adversary reads it. */
export function inject(name: string, args: Record<string, unknown>): string {
  return `<<do ${name}>>${JSON.stringify(args)}<</do>>`;
}

/** An injected instruction to answer with `text`. */
export function injectAnswer(text: string): string {
  return `<<say>>${text}<</say>>`;
}

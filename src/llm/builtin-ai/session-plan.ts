import type { ChatMessage } from '../../core/types';
import type { LanguageModelMessage } from './prompt-api';

/**
 * How one request reaches a Prompt API session: a fresh session whose `initialPrompts` hold the
 * system text and earlier turns, or the session of the previous request with only the new
 * messages (the model's own answer is already in it).
 */
export type SessionPlan = (
  | { kind: 'fresh'; initialPrompts: LanguageModelMessage[]; input: LanguageModelMessage[] }
  | { kind: 'reuse'; input: LanguageModelMessage[] }
) & {
  /** The whole request as the session will hold it before its answer: the next plan's `previous`. */
  prompt: LanguageModelMessage[];
};

/**
 * One of our messages as the Prompt API takes it. Text-format engines get tool results as user
 * messages already (the agent renders them); a native-shape tool message is quoted the same way.
 */
export function toPromptMessage(message: ChatMessage): LanguageModelMessage {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content };
    case 'user':
      return { role: 'user', content: message.context ? `${message.content}\n\n${message.context}` : message.content };
    case 'assistant':
      return { role: 'assistant', content: message.content };
    case 'tool':
      return { role: 'user', content: `Result of ${message.name}:\n${message.content}` };
  }
}

function sameMessage(a: LanguageModelMessage, b: LanguageModelMessage): boolean {
  return a.role === b.role && a.content === b.content;
}

/**
 * The Prompt API allows `system` only as the first initial prompt: every system text is joined
 * into that one, in order, and the rest keep their order.
 */
function withOneSystem(messages: readonly LanguageModelMessage[]): LanguageModelMessage[] {
  const system = messages.filter((message) => message.role === 'system').map((message) => message.content);
  const rest = messages.filter((message) => message.role !== 'system');
  return system.length === 0 ? rest : [{ role: 'system', content: system.join('\n\n') }, ...rest];
}

/** Index just after the last assistant message (0 if none): what follows is this request's input. */
function inputStart(messages: readonly LanguageModelMessage[]): number {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    if (messages[index]?.role === 'assistant') return index + 1;
  }
  return 0;
}

/**
 * Plans a request against the messages the live session was prompted with (`previous`, without
 * its answer). The session is reused when the request repeats them exactly, then has one assistant
 * message (the answer the session wrote, in whatever form the agent shows it) and then only new
 * user messages; anything else — an edit, a regenerated answer, a dropped old turn — starts afresh.
 */
export function planSession(previous: readonly LanguageModelMessage[] | undefined, messages: readonly ChatMessage[]): SessionPlan {
  const prompt = withOneSystem(messages.map(toPromptMessage));
  if (previous && prompt.length > previous.length + 1) {
    const repeats = previous.every((message, index) => {
      const current = prompt[index];
      return current !== undefined && sameMessage(message, current);
    });
    const added = prompt.slice(previous.length + 1);
    if (repeats && prompt[previous.length]?.role === 'assistant' && added.every((message) => message.role === 'user')) {
      return { kind: 'reuse', input: added, prompt };
    }
  }
  const start = inputStart(prompt);
  // A request that ends with an assistant message (a continuation) still needs some input: the last message.
  const cut = start < prompt.length ? start : Math.max(prompt.length - 1, 0);
  const head = prompt.slice(0, cut);
  const input = prompt.slice(cut);
  // System text cannot be prompt input; with no earlier turns it is still an initial prompt.
  if (input[0]?.role === 'system') return { kind: 'fresh', initialPrompts: input.slice(0, 1), input: input.slice(1), prompt };
  return { kind: 'fresh', initialPrompts: head, input, prompt };
}

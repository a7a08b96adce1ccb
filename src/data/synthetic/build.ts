/** Turns a request and its calls into a full transcript (user → calls → results → answer). */
import type { ChatMessage, ToolCall, ToolDefinition } from '../../core/types';
import { dedupKey } from '../dedup';
import { hashId } from '../hash';
import type { Dialogue, DialogueSource, Language } from '../types';
import { SYSTEM_PROMPTS, answerText, resultPlaceholder } from './templates';

/** One planned call: which tool, which (already validated) arguments. */
export interface PlannedCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** What {@link buildDialogue} needs. */
export interface DialoguePlan {
  language: Language;
  source: DialogueSource;
  userText: string;
  calls: readonly PlannedCall[];
  tools: readonly ToolDefinition[];
}

/**
 * The transcript: each call in its own assistant turn followed by its result, as an agent that
 * chains calls produces it (a later call may depend on an earlier result), then the answer.
 * Call ids are positional (`call_1`, …) so that output does not depend on any random source.
 */
export function buildDialogue(plan: DialoguePlan): Dialogue {
  const messages: ChatMessage[] = [
    { role: 'system', content: SYSTEM_PROMPTS[plan.language] },
    { role: 'user', content: plan.userText },
  ];
  const results: Array<{ tool: string; placeholder: string }> = [];
  plan.calls.forEach((planned, index) => {
    const call: ToolCall = { id: `call_${index + 1}`, name: planned.name, arguments: planned.arguments };
    const placeholder = resultPlaceholder(planned.name, index + 1);
    messages.push({ role: 'assistant', content: '', toolCalls: [call] });
    messages.push({ role: 'tool', toolCallId: call.id, name: call.name, content: placeholder });
    results.push({ tool: planned.name, placeholder });
  });
  messages.push({ role: 'assistant', content: answerText(results, plan.language) });
  return {
    id: hashId(dedupKey(messages)),
    language: plan.language,
    kind: plan.calls.length > 1 ? 'multi' : 'single',
    source: plan.source,
    messages,
    tools: [...plan.tools].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}

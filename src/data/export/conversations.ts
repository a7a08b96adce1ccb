/**
 * The user's stored conversations as training dialogues. Only conversations the user opted in
 * are used; secret-named arguments are removed; a conversation with a call that fails its tool's
 * schema (or calls an unknown tool) is dropped, so the model is never trained on a bad call.
 */
import type { ChatMessage, ToolDefinition } from '../../core/types';
import { ArgumentValidator } from '../../tools/validator';
import { dedupKey } from '../dedup';
import { hashId } from '../hash';
import { languageOf } from '../synthetic/templates';
import type { Dialogue, StoredConversation } from '../types';
import { stripSecrets } from './secrets';

/** Counts for the summary. */
export interface ConversationStats {
  optedIn: number;
  /** Conversations left out because the user did not opt in. */
  notOptedIn: number;
  /** Opted-in conversations dropped for an invalid or unknown call. */
  invalidDropped: number;
  /** Opted-in conversations with no user or no assistant turn. */
  empty: number;
  secretsRemoved: number;
}

function sortedTools(tools: readonly ToolDefinition[]): ToolDefinition[] {
  return [...tools].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Converts opted-in conversations; `fallbackTools` describe tools when a conversation carries none. */
export function conversationsToDialogues(
  conversations: readonly StoredConversation[],
  fallbackTools: readonly ToolDefinition[],
): { dialogues: Dialogue[]; stats: ConversationStats } {
  const validator = new ArgumentValidator();
  const stats: ConversationStats = { optedIn: 0, notOptedIn: 0, invalidDropped: 0, empty: 0, secretsRemoved: 0 };
  const dialogues: Dialogue[] = [];
  for (const conversation of conversations) {
    // Strictly `true`: a missing or truthy-but-not-true flag is not consent.
    if (conversation.optIn !== true) {
      stats.notOptedIn++;
      continue;
    }
    stats.optedIn++;
    const tools = sortedTools(conversation.tools ?? fallbackTools);
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    const removed = { count: 0 };
    const messages: ChatMessage[] = conversation.messages.map((message) =>
      message.role === 'assistant' && message.toolCalls
        ? { ...message, toolCalls: message.toolCalls.map((call) => ({ ...call, arguments: stripSecrets(call.arguments, removed) })) }
        : { ...message },
    );
    stats.secretsRemoved += removed.count;
    const calls = messages.flatMap((message) => (message.role === 'assistant' ? (message.toolCalls ?? []) : []));
    const valid = calls.every((call) => {
      const tool = byName.get(call.name);
      return tool !== undefined && validator.validate(call.name, tool.parameters, call.arguments).ok;
    });
    if (!valid) {
      stats.invalidDropped++;
      continue;
    }
    const userText = messages.flatMap((message) => (message.role === 'user' ? [message.content] : [])).join('\n');
    if (userText === '' || !messages.some((message) => message.role === 'assistant')) {
      stats.empty++;
      continue;
    }
    dialogues.push({
      id: hashId(dedupKey(messages)),
      language: languageOf(userText),
      kind: 'conversation',
      source: 'conversation',
      messages,
      tools,
    });
  }
  return { dialogues, stats };
}

/**
 * The ShareGPT-with-tools line that LLaMA-Factory reads (`formatting: "sharegpt"`, columns
 * `messages: conversations`, `tools: tools`): roles human / gpt / function_call / observation,
 * an optional leading system turn, and the tool list as a JSON string.
 */
import type { ChatMessage } from '../../core/types';
import type { Dialogue } from '../types';
import { stripSecrets } from './secrets';

/** The `from` values of LLaMA-Factory's default sharegpt tags. */
export type ShareGPTRole = 'system' | 'human' | 'gpt' | 'function_call' | 'observation';

/** One turn. */
export interface ShareGPTTurn {
  from: ShareGPTRole;
  value: string;
}

/** One line of the ShareGPT-format JSONL file. */
export interface ShareGPTRecord {
  conversations: ShareGPTTurn[];
  /** JSON array of `{name, description, parameters}`. */
  tools: string;
}

/** Whether a role is a prompt-side turn (LLaMA-Factory's odd positions) or a model-side one. */
function side(role: ShareGPTRole): 'prompt' | 'model' | 'system' {
  if (role === 'system') return 'system';
  return role === 'human' || role === 'observation' ? 'prompt' : 'model';
}

function toTurns(message: ChatMessage, secretsRemoved: { count: number } | undefined): ShareGPTTurn[] {
  switch (message.role) {
    case 'system':
      return [{ from: 'system', value: message.content }];
    case 'user':
      return [{ from: 'human', value: message.content }];
    case 'tool':
      return [{ from: 'observation', value: message.content }];
    case 'assistant': {
      const calls = (message.toolCalls ?? []).map((call) => ({
        name: call.name,
        arguments: stripSecrets(call.arguments, secretsRemoved),
      }));
      // The format has no place for prose beside a call, so a calling turn keeps only its calls.
      if (calls.length === 0) return [{ from: 'gpt', value: message.content }];
      return [{ from: 'function_call', value: JSON.stringify(calls.length === 1 ? calls[0] : calls) }];
    }
  }
}

/**
 * Makes turns alternate as LLaMA-Factory requires (prompt side at odd positions, model side at
 * even ones, ending on the model side, a system turn only first): results of parallel calls
 * become one observation holding a JSON array, consecutive user or answer turns are joined, and
 * a trailing prompt is dropped. Two different turns on the same side in a row (rare in stored
 * conversations) cannot both stay; the first is kept.
 */
function alternate(turns: ShareGPTTurn[]): ShareGPTTurn[] {
  const merged: ShareGPTTurn[] = [];
  const place = (turn: ShareGPTTurn): void => {
    const last = merged.at(-1);
    if (turn.from === 'system' && last && last.from !== 'system') return;
    if (!last || side(last.from) !== side(turn.from)) {
      merged.push({ ...turn });
    } else if (last.from === turn.from && turn.from !== 'function_call' && turn.from !== 'observation') {
      last.value = `${last.value}\n\n${turn.value}`;
    }
  };
  const observations: string[] = [];
  const flush = (): void => {
    if (observations.length === 0) return;
    place({ from: 'observation', value: observations.length === 1 ? (observations[0] ?? '') : JSON.stringify(observations) });
    observations.length = 0;
  };
  for (const turn of turns) {
    if (turn.from === 'observation') {
      observations.push(turn.value);
      continue;
    }
    flush();
    place(turn);
  }
  flush();
  while (merged.length > 0 && side((merged.at(-1) as ShareGPTTurn).from) !== 'model') merged.pop();
  return merged;
}

/**
 * A dialogue as one ShareGPT example, or undefined when nothing trainable is left after making
 * the turns alternate (e.g. a stored conversation without any assistant turn).
 */
export function toShareGPTRecord(dialogue: Dialogue, secretsRemoved?: { count: number }): ShareGPTRecord | undefined {
  const turns = alternate(dialogue.messages.flatMap((message) => toTurns(message, secretsRemoved)));
  const first = turns.find((turn) => turn.from !== 'system');
  if (!first || first.from !== 'human') return undefined;
  return {
    conversations: turns,
    tools: JSON.stringify(dialogue.tools.map((tool) => ({ name: tool.name, description: tool.description, parameters: tool.parameters }))),
  };
}

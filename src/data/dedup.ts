/** Deduplication and the deterministic train/test split. */
import type { ChatMessage } from '../core/types';
import { hash53, stableStringify } from './hash';
import type { Dialogue, Split } from './types';

/** User text as compared for duplicates: Unicode-normalised, case- and spacing-insensitive. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s.!?。！？]+$/u, '')
    .trim();
}

/**
 * What makes two dialogues the same example: the user turns (normalised) and the calls made
 * (names and arguments, key order ignored). Answers and placeholders do not count: two
 * dialogues that ask the same and call the same teach the same thing.
 */
export function dedupKey(messages: readonly ChatMessage[]): string {
  const users = messages.filter((message) => message.role === 'user').map((message) => normalizeText(message.content));
  const calls = messages.flatMap((message) =>
    message.role === 'assistant' ? (message.toolCalls ?? []).map((call) => [call.name, call.arguments]) : [],
  );
  return stableStringify({ users, calls });
}

/** Dialogues collected as they are made, the first of each group of duplicates kept (see `dedupKey`). */
export interface DialogueCollector {
  /** The kept dialogues, in the order they were added. */
  readonly dialogues: Dialogue[];
  /** Keeps `dialogue` unless it repeats one kept earlier; says whether it was kept. */
  add(dialogue: Dialogue): boolean;
}

/** Creates an empty collector. */
export function createDialogueCollector(): DialogueCollector {
  const seen = new Set<string>();
  const dialogues: Dialogue[] = [];
  return {
    dialogues,
    add(dialogue) {
      const key = dedupKey(dialogue.messages);
      if (seen.has(key)) return false;
      seen.add(key);
      dialogues.push(dialogue);
      return true;
    },
  };
}

/** Keeps the first of each group of duplicates, in input order. */
export function dedupeDialogues(dialogues: readonly Dialogue[]): { dialogues: Dialogue[]; removed: number } {
  const collector = createDialogueCollector();
  for (const dialogue of dialogues) collector.add(dialogue);
  return { dialogues: collector.dialogues, removed: dialogues.length - collector.dialogues.length };
}

/**
 * The split a dialogue belongs to, from a hash of its content alone: the same dialogue lands in
 * the same split in every run, whatever else is in the dataset (so a test example never leaks
 * into a later training set). `testRatio` is the expected share of the test split (0..1).
 */
export function splitOf(dialogue: Pick<Dialogue, 'messages'>, testRatio: number): Split {
  if (!(testRatio >= 0 && testRatio <= 1)) throw new RangeError(`testRatio must be within 0..1, got ${testRatio}`);
  const bucket = hash53(`split:${dedupKey(dialogue.messages)}`) / 2 ** 53;
  return bucket < testRatio ? 'test' : 'train';
}

/** Both splits, each in input order. */
export function splitDialogues(dialogues: readonly Dialogue[], testRatio: number): Record<Split, Dialogue[]> {
  const result: Record<Split, Dialogue[]> = { train: [], test: [] };
  for (const dialogue of dialogues) result[splitOf(dialogue, testRatio)].push(dialogue);
  return result;
}

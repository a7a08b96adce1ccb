/**
 * Separates a text model's thinking from its answer. Qwen3, DeepSeek-R1 and their kin write a
 * `<think>…</think>` block before the answer (or before a tool call); engines that stream raw text
 * (transformers.js, web-llm) pass their deltas through here so the block arrives as
 * `reasoning-delta` chunks and only the text after it as `text-delta`, where call parsing reads it.
 *
 * Only a block at the very start of the answer counts (leading whitespace allowed): a `<think>`
 * later in an answer is the answer's own text. Tags split across deltas are recognised: a delta
 * that ends with what may be the start of a tag is held back until the next one settles it.
 */
import type { ChatChunk } from './types';

export const THINK_OPEN = '<think>';
export const THINK_CLOSE = '</think>';

/** Leading whitespace after which an answer is taken not to start with a think block. */
const MAX_LEADING_WHITESPACE = 64;

export interface ThinkSplitterOptions {
  /**
   * The prompt already opened the block (templates that end the generation prompt with `<think>`,
   * as DeepSeek-R1 and Qwen3 thinking variants do): the answer starts inside it.
   */
  startsInside?: boolean;
}

/** A stateful splitter for one answer: feed it text deltas in order, then call `end`. */
export interface ThinkSplitter {
  /** The chunks one text delta makes (possibly none: the end of a delta may be held back). */
  push(text: string): ChatChunk[];
  /** What was held back, at the end of the answer. An unclosed block is all thinking. */
  end(): ChatChunk[];
}

type State = 'start' | 'thinking' | 'after-think' | 'text';

/** Creates a splitter for one answer. */
export function createThinkSplitter(options: ThinkSplitterOptions = {}): ThinkSplitter {
  let state: State = options.startsInside === true ? 'thinking' : 'start';
  // Text not yet given out: leading whitespace, or what may be a partial tag.
  let pending = '';
  // Whitespace right after `<think>` is layout, not thought.
  let thoughtStarted = false;

  const reasoning = (text: string, out: ChatChunk[]): void => {
    const shown = thoughtStarted ? text : text.trimStart();
    if (shown === '') return;
    thoughtStarted = true;
    out.push({ type: 'reasoning-delta', text: shown });
  };
  const answer = (text: string, out: ChatChunk[]): void => {
    if (text !== '') out.push({ type: 'text-delta', text });
  };

  return {
    push(text) {
      const out: ChatChunk[] = [];
      pending += text;
      for (;;) {
        if (state === 'start') {
          const trimmed = pending.trimStart();
          if (trimmed.startsWith(THINK_OPEN)) {
            pending = trimmed.slice(THINK_OPEN.length);
            state = 'thinking';
            continue;
          }
          const undecided = trimmed === '' ? pending.length <= MAX_LEADING_WHITESPACE : THINK_OPEN.startsWith(trimmed);
          if (undecided) return out;
          state = 'text';
          continue;
        }
        if (state === 'thinking') {
          const close = pending.indexOf(THINK_CLOSE);
          if (close >= 0) {
            reasoning(pending.slice(0, close), out);
            pending = pending.slice(close + THINK_CLOSE.length);
            state = 'after-think';
            continue;
          }
          const held = partialTagLength(pending, THINK_CLOSE);
          reasoning(pending.slice(0, pending.length - held), out);
          pending = pending.slice(pending.length - held);
          return out;
        }
        if (state === 'after-think') {
          // The blank lines between the block and the answer are layout.
          pending = pending.trimStart();
          if (pending === '') return out;
          state = 'text';
          continue;
        }
        answer(pending, out);
        pending = '';
        return out;
      }
    },
    end() {
      const out: ChatChunk[] = [];
      if (state === 'thinking') reasoning(pending, out);
      else if (state === 'start' || state === 'text') answer(pending, out);
      pending = '';
      return out;
    },
  };
}

/** Whether a rendered prompt ends inside an opened think block (the answer will start inside it). */
export function promptOpensThinking(promptTail: string): boolean {
  const trimmed = promptTail.trimEnd();
  return trimmed.endsWith(THINK_OPEN);
}

/**
 * A chat stream with its think block split off: text deltas go through a splitter, everything else
 * passes unchanged; what the splitter held back comes out before the `finish` chunk (or at the
 * end of a stream without one).
 */
export async function* splitThinking(chunks: AsyncIterable<ChatChunk>, options: ThinkSplitterOptions = {}): AsyncGenerator<ChatChunk, void, undefined> {
  const splitter = createThinkSplitter(options);
  let ended = false;
  for await (const chunk of chunks) {
    if (chunk.type === 'text-delta') {
      yield* splitter.push(chunk.text);
      continue;
    }
    if (chunk.type === 'finish' && !ended) {
      ended = true;
      yield* splitter.end();
    }
    yield chunk;
  }
  if (!ended) yield* splitter.end();
}

/** The length of the longest end of `text` that is a proper start of `tag` (a tag cut by a delta boundary). */
function partialTagLength(text: string, tag: string): number {
  for (let length = Math.min(text.length, tag.length - 1); length > 0; length -= 1) {
    if (tag.startsWith(text.slice(text.length - length))) return length;
  }
  return 0;
}

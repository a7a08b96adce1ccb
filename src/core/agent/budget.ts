/**
 * Token budgeting: what of the conversation fits in the model's context window.
 *
 * Policy, applied at every model step of a run:
 * 1. The system text, the tool definitions, the newest turn (the person's new message, its
 *    retrieved context, and everything this run added) are never dropped.
 * 2. When the prompt is over the limit (context window minus the room reserved for the answer),
 *    the oldest whole turns go first. A turn is a user message and everything up to the next
 *    user message, so a tool call always leaves together with its result. The system text then
 *    ends with one short note ("N earlier messages omitted …").
 * 3. Drops only grow within a run (a turn once dropped stays dropped: no oscillation), and they
 *    happen at fixed points of the history: a turn can be the first one kept only where the
 *    running token total of the history crosses a multiple of a quarter of the limit. Those points
 *    do not move as the conversation grows, so the kept history keeps the same start, and the
 *    prompt the same prefix, until about a quarter of the window's worth of newer text has
 *    arrived: prefix-caching engines re-read the whole prompt about once per quarter window,
 *    not once per turn. The price is at most a quarter of the window left unused after a drop.
 * 4. If the newest turn alone is still too long, its tool results are shortened, oldest first,
 *    each keeping its beginning and a marker saying how much was cut (a call is never separated
 *    from its result). Shortening also only grows within a run.
 * 5. If even that does not fit (a huge message, too many tool definitions), the plan says so
 *    (`fits: false`); the agent reports it and sends the request anyway, since the engine's
 *    stated window may be an underestimate and the engine gives its own error otherwise.
 */
import type { ChatMessage } from '../types';
import { messagesTokens, type CountTokens } from './token-count';

/** How large a prompt may be. */
export interface ContextBudget {
  /** The model's context window in tokens. */
  contextWindow: number;
  /** Tokens kept free for the answer. */
  reserveForAnswer: number;
}

/** Where a prompt's tokens go, for the person and for tuning. */
export interface BudgetSplit {
  /** The fixed system text (and the omission note). */
  system: number;
  /** Tool definitions: native, in the system text, or listed with the newest message. */
  tools: number;
  /** Material retrieved for the newest message (memories, knowledge) and the caller's turn context. */
  context: number;
  /** Every message: earlier turns kept, the newest message and what this run added. */
  history: number;
  total: number;
  /** The most the prompt may hold: context window minus the answer's reserve. */
  limit: number;
}

/** What one step's prompt is made of; the budgeter measures it and chooses what to keep. */
export interface PromptShape {
  /** The system message's fixed text (the omission note is added after it when turns are dropped). */
  systemText: string;
  /**
   * The transcript messages as the prompt shows them (text formats turn calls and results into
   * text). `newest`: the slice is the newest turn, its user message shown with this turn's context.
   */
  render(messages: readonly ChatMessage[], newest: boolean): ChatMessage[];
  /** Tool definitions as the engine sees them when sent natively (their JSON), else ''. */
  nativeTools: string;
  /** The tool list's text where it is part of the system text, else ''. */
  systemToolText: string;
  /** The tool list's text where it travels with the newest message, else ''. */
  messageToolText: string;
  /** This turn's retrieved material and turn context as shown with the newest message ('' when none). */
  contextText: string;
}

/** The messages one step sends, and how they were chosen. */
export interface HistoryPlan {
  /** Transcript messages left out from the start (whole turns). */
  omitted: number;
  /** The transcript from `omitted` on, with shortened tool results where needed. */
  messages: ChatMessage[];
  /** Tool results of the newest turn that were shortened. */
  truncatedResults: number;
  budget: BudgetSplit;
  /** False when the prompt is over the limit even with every earlier turn left out. */
  fits: boolean;
}

/** Share of the limit between two points where history may start (see the policy above). */
export const DROP_QUANTUM = 0.25;
/** A shortened tool result keeps at least this many tokens of its beginning. */
export const MIN_RESULT_TOKENS = 32;

/** The note that replaces left-out messages, appended to the system text. */
export function omissionNote(omitted: number): string {
  return `(${omitted} earlier message${omitted === 1 ? '' : 's'} omitted to fit the context length.)`;
}

/** The marker that ends a shortened tool result. */
export function truncationMarker(kept: number, total: number): string {
  return `\n[… truncated to fit the context length: ${kept} of ${total} characters shown]`;
}

interface HistoryTurn {
  start: number;
  end: number;
  tokens: number;
}

/**
 * Plans each step's prompt of one run under a token limit (see the policy at the top of this
 * file). Keeps the run's sticky state: how many earlier turns are dropped and which results are
 * shortened. `newestStart` is the index of the newest turn's user message in the transcript.
 */
export class PromptBudgeter {
  private droppedTurns = 0;
  private readonly shortened = new Map<ChatMessage, number>();
  private turns: HistoryTurn[] | undefined;

  constructor(
    private readonly limit: number,
    private readonly count: CountTokens,
    readonly newestStart: number,
  ) {}

  /**
   * The messages to send for `transcript` (which starts with the run's input and grows). With
   * `commit` false the plan leaves the sticky state as it was (for measurement only).
   */
  plan(transcript: readonly ChatMessage[], shape: PromptShape, commit = true): HistoryPlan {
    const turns = this.historyTurns(transcript, shape);
    const fixed = this.count(shape.nativeTools);
    const cumulative = [0];
    for (const turn of turns) cumulative.push(cumulative.at(-1)! + turn.tokens);
    const historyTotal = cumulative.at(-1)!;
    const fixedSystem = messagesTokens([{ role: 'system', content: shape.systemText }], this.count);
    const systemTokens = (dropped: number): number =>
      dropped === 0 ? fixedSystem : fixedSystem + this.count(`\n\n${omissionNote(turns[dropped - 1]!.end)}`);

    const shortened = new Map(this.shortened);
    const originals = transcript.slice(this.newestStart);
    let newestTokens = messagesTokens(shape.render(this.newestTurn(originals, shortened), true), this.count);
    const totalWith = (dropped: number): number => systemTokens(dropped) + fixed + historyTotal - cumulative[dropped]! + newestTokens;

    let dropped = turns.length;
    for (const candidate of this.startPoints(cumulative)) {
      if (candidate < this.droppedTurns) continue;
      if (totalWith(candidate) <= this.limit) {
        dropped = candidate;
        break;
      }
    }
    let total = totalWith(dropped);
    // Every earlier turn is gone and the newest still overflows: shorten its results, oldest
    // first. Token counts of a cut text are estimated from its share of characters, so a few
    // passes may be needed.
    for (let pass = 0; pass < 3 && total > this.limit && dropped === turns.length; pass += 1) {
      let changed = false;
      for (const message of originals) {
        if (total <= this.limit) break;
        if (message.role !== 'tool') continue;
        const kept = shortenTo(message.content, this.count(message.content), total - this.limit, shortened.get(message));
        if (kept === undefined) continue;
        shortened.set(message, kept);
        changed = true;
        newestTokens = messagesTokens(shape.render(this.newestTurn(originals, shortened), true), this.count);
        total = totalWith(dropped);
      }
      if (!changed) break;
    }
    if (commit) {
      this.droppedTurns = dropped;
      for (const [message, kept] of shortened) this.shortened.set(message, kept);
    }

    const omitted = dropped === 0 ? 0 : turns[dropped - 1]!.end;
    const tools = fixed + this.count(shape.systemToolText) + this.count(shape.messageToolText);
    const system = Math.max(0, systemTokens(dropped) - this.count(shape.systemToolText));
    const context = this.count(shape.contextText);
    return {
      omitted,
      messages: [...transcript.slice(omitted, this.newestStart), ...this.newestTurn(originals, shortened)],
      truncatedResults: originals.filter((message) => shortened.has(message)).length,
      fits: total <= this.limit,
      budget: { system, tools, context, history: Math.max(0, total - system - tools - context), total, limit: this.limit },
    };
  }

  /** The earlier turns and their tokens, measured once per run (they never change within one). */
  private historyTurns(transcript: readonly ChatMessage[], shape: PromptShape): HistoryTurn[] {
    if (this.turns) return this.turns;
    const turns: HistoryTurn[] = [];
    let start = 0;
    for (let index = 1; index <= this.newestStart; index += 1) {
      if (index === this.newestStart || transcript[index]?.role === 'user') {
        if (index > start) {
          const tokens = messagesTokens(shape.render(transcript.slice(start, index), false), this.count);
          turns.push({ start, end: index, tokens });
        }
        start = index;
      }
    }
    this.turns = turns;
    return turns;
  }

  /**
   * Where the kept history may start: the first turn (nothing dropped), each turn at which the
   * running total crosses a multiple of the quantum, and the end (everything dropped).
   */
  private startPoints(cumulative: readonly number[]): number[] {
    const quantum = Math.max(1, Math.floor(this.limit * DROP_QUANTUM));
    const points = [0];
    for (let index = 1; index < cumulative.length; index += 1) {
      if (Math.floor(cumulative[index]! / quantum) > Math.floor(cumulative[index - 1]! / quantum)) points.push(index);
    }
    if (points.at(-1) !== cumulative.length - 1) points.push(cumulative.length - 1);
    return points;
  }

  /** The newest turn with shortened results replaced by their shortened copies. */
  private newestTurn(originals: readonly ChatMessage[], shortened: ReadonlyMap<ChatMessage, number>): ChatMessage[] {
    return originals.map((message) => {
      const kept = shortened.get(message);
      if (kept === undefined || message.role !== 'tool') return message;
      return { ...message, content: message.content.slice(0, kept) + truncationMarker(kept, message.content.length) };
    });
  }
}

/**
 * How many characters of a result to keep so that about `excess` tokens go, never below
 * {@link MIN_RESULT_TOKENS}, never more than an earlier shortening kept. Undefined: leave it.
 */
function shortenTo(content: string, tokens: number, excess: number, earlier: number | undefined): number | undefined {
  const current = earlier ?? content.length;
  if (tokens <= MIN_RESULT_TOKENS) return undefined;
  const currentTokens = Math.ceil((tokens * current) / content.length);
  // The marker costs tokens of its own (about 20); ask for that much more.
  const targetTokens = Math.max(MIN_RESULT_TOKENS, currentTokens - excess - 20);
  if (targetTokens >= currentTokens) return undefined;
  const kept = Math.floor((content.length * targetTokens) / tokens);
  return kept < current ? kept : undefined;
}

/**
 * The chat-run use case: runs the agent on a turn's user message and folds its events into the
 * turn, saving as it goes. Knows nothing of Solid: the view state applies each change through
 * `update` (a store's `produce` in the chat controller).
 */
import { runOptionsFrom } from './run-options';
import type { AgentApprovalPolicy } from '../../core/agent-definition';
import type { AgentEvent } from '../../core/agent/events';
import type { RunAgentOptions, ToolMode } from '../../core/agent/options';
import type { ContextBudget } from '../../core/agent/budget';
import type { CountTokens } from '../../core/agent/token-count';
import type { ContextProvider, SelectTools } from '../../core/agent/turn-context';
import { toTabagentError } from '../../core/errors';
import type { ApproveCall, ToolRunner } from '../../core/tool-runner';
import type { ChatEngine, ChatMessage } from '../../core/types';
import type { ServerWaitState } from '../../core/transcript';
import { repairMessages, type Turn } from './transcript';
import { consumeEvents } from './consume-events';
import { closeInterruptedTurn, foldAgentEvent } from './fold-event';
import type { TurnSink } from './turn-persister';

/** What one run needs, read from the current settings when the run starts. */
export interface ChatRunSetup {
  engine: ChatEngine;
  tools: ToolRunner;
  systemPrompt?: string;
  toolMode?: ToolMode;
  /** Native tool calls win over `toolMode` where the loaded engine offers them (RunAgentOptions.preferNativeTools). */
  preferNativeTools?: boolean;
  /** Tool retrieval: the tools each turn's prompt holds (absent: every enabled tool). */
  selectTools?: SelectTools;
  /** Memories, knowledge… retrieved for each turn. */
  context?: readonly ContextProvider[];
  /** The model's own token counter, where one is loaded (absent: the estimate). */
  countTokens?: CountTokens;
  /** How large prompts may be (absent: the engine's context window). */
  contextBudget?: ContextBudget;
  /** Model steps per turn (the agent's step limit; absent: the loop's default). */
  maxSteps?: number;
  /** Sampling temperature (the agent's; absent: the engine's default). */
  temperature?: number;
  /** Thinking on or off where the model has a switch for it (the agent's; absent: the model's default). */
  thinking?: boolean;
  /** The model writes a `<think>` block first (the catalog's `thinking`): the tool grammar admits one. */
  modelThinks?: boolean;
  /** Which calls the person confirms (the agent's policy; absent: those with side effects). */
  approvalPolicy?: AgentApprovalPolicy;
}

/**
 * Where the wait for reconnecting MCP servers before a run stands: 'waiting' (the turn says so),
 * then 'settled' (every saved server answered) or 'timed-out' (the turn went on without some).
 */
export type ServerWaitReport = ServerWaitState | 'settled';

/** What a turn lends the preparation of its run. */
export interface PrepareRunHooks {
  /** Reports the wait for MCP servers still reconnecting after a reload (called only when there is one). */
  onServerWait?: (report: ServerWaitReport) => void;
}

export interface RunTurnOptions {
  /** The turn being answered: the plain object the view state holds, changed only through `update`. */
  turn: Turn;
  /** Its place in the conversation (0 names the conversation). */
  index: number;
  /** The conversation as the model sees it, ending with the turn's user message. */
  history: ChatMessage[];
  runAgent: (options: RunAgentOptions) => AsyncIterable<AgentEvent>;
  /** Builds the run's setup for `turn` (its attached resources become the run's context); `hooks` say where it reports its wait for reconnecting MCP servers. */
  prepareRun: (turn: Turn, hooks: PrepareRunHooks) => ChatRunSetup | Promise<ChatRunSetup>;
  approve: ApproveCall;
  signal: AbortSignal;
  /** After Stop, how long the run may take to send its last events before it is left behind (ms). */
  stopGraceMs: number;
  /** How long the end of a run waits for its last state to be saved (ms). */
  saveGraceMs: number;
  /** Where the turn is saved as it changes. */
  sink: TurnSink | undefined;
  /** Applies a change to the turn (the view state's way of mutating it). */
  update: (change: (turn: Turn) => void) => void;
}

/** The loop's options for a run with `setup` on `history` (the run's setup as the core loop reads it). */
export function runOptionsOf(setup: ChatRunSetup, history: ChatMessage[], approve: ApproveCall, signal: AbortSignal): RunAgentOptions {
  return { ...runOptionsFrom(setup), messages: history, approve, signal };
}

/** Events after Stop that could still change what the person sees; they are dropped. */
const IGNORED_AFTER_STOP = new Set<AgentEvent['type']>(['text-delta', 'reasoning-delta', 'tool-call', 'tool-call-progress', 'approval-requested', 'step-start']);

/** Waits for `work`, or `ms` at most. */
function within(work: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs one turn to its end. Every event is folded into the turn and handed to the sink; a run that
 * ignores Stop is left behind after the grace period (its half-answered calls get results); the
 * turn always ends closed, and resolves once its last state is saved (or `saveGraceMs` passed).
 */
export async function runTurn(options: RunTurnOptions): Promise<void> {
  const { turn, sink, signal, update } = options;
  sink?.started(turn, options.index);
  try {
    // A wait for reconnecting servers is shown in the turn while it lasts, and stays if it timed out.
    const setup = await options.prepareRun(turn, {
      onServerWait: (report) =>
        update((draft) => {
          if (report === 'settled') delete draft.serverWait;
          else draft.serverWait = report;
        }),
    });
    const events = options.runAgent(runOptionsOf(setup, options.history, options.approve, signal));
    const outcome = await consumeEvents(events, signal, options.stopGraceMs, (event) => {
      if (signal.aborted && IGNORED_AFTER_STOP.has(event.type)) return;
      update((draft) => foldAgentEvent(draft, event));
      sink?.changed(turn);
    });
    if (outcome === 'left-behind') {
      update((draft) => {
        draft.messages = repairMessages(draft.messages);
      });
    }
  } catch (error) {
    const failure = toTabagentError(error);
    update((draft) => foldAgentEvent(draft, { type: 'error', error: failure, partialText: '' }));
  } finally {
    // A run that ended without `finish` or `error` (left behind, or a broken stand-in) is closed here.
    update(closeInterruptedTurn);
    // The run counts as over once its last state is saved (a reload right after loses nothing),
    // but a store that hangs must not keep the chat busy: wait at most `saveGraceMs`.
    if (sink) await within(sink.ended(turn), options.saveGraceMs);
  }
}

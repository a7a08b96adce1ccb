import { createSignal, type Accessor } from 'solid-js';
import { createStore, produce, unwrap } from 'solid-js/store';
import type { AgentEvent } from '../../core/agent/events';
import type { RunAgentOptions } from '../../core/agent/options';
import type { ApprovalDecision } from '../../core/tool-runner';
import type { AttachedResourceRef } from '../../core/transcript';
import type { ImagePart } from '../../core/types';
import { runTurn, type ChatRunSetup, type PrepareRunHooks } from '../../app/chat/run-turn';
import type { TurnSink } from '../../app/chat/turn-persister';
import { createApprovalGate, type PendingApproval } from './approval-gate';
import { historyOf, type Turn } from './transcript';

/** The run setup the controller's `prepareRun` returns (defined with the use case). */
export type { ChatRunSetup };

export interface ChatControllerOptions {
  /** The agent loop (`runAgent` from src/core, or a scripted stand-in in tests). */
  runAgent: (options: RunAgentOptions) => AsyncIterable<AgentEvent>;
  /**
   * Builds engine and tools for a run of `turn` (absent: asked ahead of a run, e.g. whether the engine
   * reads images). Throw a TabagentError('config') when settings are incomplete. `hooks` (a turn's
   * run only) says where the run reports its wait for reconnecting MCP servers.
   */
  prepareRun: (turn?: Turn, hooks?: PrepareRunHooks) => ChatRunSetup | Promise<ChatRunSetup>;
  /** Makes turn ids; injected for deterministic tests. */
  createId?: () => string;
  /** After Stop, how long a run may take to send its last events before it is left behind (ms). Default 1000. */
  stopGraceMs?: number;
  /** How long the end of a run waits for its last state to be saved (ms). Default 2000. */
  saveGraceMs?: number;
  /** Where turns are saved as they happen, asked when a turn starts (the open conversation's). */
  persistence?: () => TurnSink | undefined;
}

export interface ChatController {
  /** The transcript, one turn per user message (a reactive store: read it in effects or JSX). */
  readonly turns: readonly Turn[];
  /** Whether a run is in progress. */
  running: Accessor<boolean>;
  /** A side-effecting call waiting for the person's decision. */
  pendingApproval: Accessor<PendingApproval | undefined>;
  /**
   * Sends a user message (with any attached images and MCP resources) and runs the agent on it.
   * Ignored while running or when blank.
   */
  send(text: string, images?: readonly ImagePart[], resources?: readonly AttachedResourceRef[]): Promise<void>;
  /**
   * Whether the engine the next run would use reads images (`capabilities.vision`). Asked before
   * sending images, so a text-only engine is named before anything is sent. True when the run
   * cannot be prepared (the run itself then says what is missing).
   */
  acceptsImages(): Promise<boolean>;
  /** Stops the current run; its turn keeps what was shown, marked incomplete. */
  stop(): void;
  /** Replaces a sent user message, drops every later turn, and runs again from there. */
  edit(turnId: string, text: string): Promise<void>;
  /** Runs the last user message again, replacing its answer. */
  regenerate(): Promise<void>;
  /** Answers the pending approval. */
  answerApproval(decision: ApprovalDecision): void;
  /** Stops any run and empties the transcript. */
  clear(): Promise<void>;
  /** Stops any run and waits until it has ended (its last state handed to persistence). */
  halt(): Promise<void>;
  /** Stops any run and shows these turns (a restored conversation); nothing is saved. */
  replaceTurns(turns: Turn[]): Promise<void>;
}

/**
 * The chat's view state: the transcript of turns (a Solid store), whether a run is going, the
 * pending approval. Each run is the `runTurn` use case (src/app/chat), which changes the turn only
 * through this store; the view just reads it.
 */
export function createChatController(options: ChatControllerOptions): ChatController {
  let counter = 0;
  const createId = options.createId ?? (() => `turn-${(counter += 1)}`);
  const stopGraceMs = options.stopGraceMs ?? 1000;
  const saveGraceMs = options.saveGraceMs ?? 2000;
  const [state, setState] = createStore<{ turns: Turn[] }>({ turns: [] });
  const [running, setRunning] = createSignal(false);
  let abortController: AbortController | undefined;
  let currentRun: Promise<void> | undefined;

  const updateTurn = (turnId: string, change: (turn: Turn) => void): void => {
    // Runs change the last turn: found at once, without a scan of the whole transcript.
    const last = state.turns.length - 1;
    if (state.turns[last]?.id === turnId) setState('turns', last, produce(change));
    else setState('turns', (turn) => turn.id === turnId, produce(change));
  };

  // The decision reaches the transcript as the run's `approval-resolved` event, not from here.
  const gate = createApprovalGate();

  const newTurn = (userText: string, images?: readonly ImagePart[], resources?: readonly AttachedResourceRef[]): Turn => ({
    id: createId(),
    userText,
    ...(images && images.length > 0 ? { images: images.map((image) => ({ ...image })) } : {}),
    ...(resources && resources.length > 0 ? { resources: resources.map((resource) => ({ ...resource })) } : {}),
    items: [],
    messages: [],
    status: 'running',
  });

  async function runLastTurn(sink: TurnSink | undefined): Promise<void> {
    const index = state.turns.length - 1;
    // The use case sees the plain object under the store (Solid's proxies cannot be structured-cloned
    // into IndexedDB). The store mutates it in place, and nothing replaces it while this run lasts
    // (edit, regenerate and clear stop the run first), so one lookup serves every event.
    const turn = unwrap(state.turns)[index];
    if (!turn) return;
    const controller = new AbortController();
    abortController = controller;
    setRunning(true);
    try {
      await runTurn({
        turn,
        index,
        history: historyOf(unwrap(state.turns)),
        runAgent: options.runAgent,
        prepareRun: options.prepareRun,
        approve: gate.approve,
        signal: controller.signal,
        stopGraceMs,
        saveGraceMs,
        sink,
        update: (change) => updateTurn(turn.id, change),
      });
    } finally {
      if (abortController === controller) abortController = undefined;
      gate.answer('deny');
      setRunning(false);
    }
  }

  function start(sink = options.persistence?.()): Promise<void> {
    const run = runLastTurn(sink);
    currentRun = run;
    return run;
  }

  async function stopAndWait(): Promise<void> {
    abortController?.abort();
    await currentRun;
  }

  return {
    get turns() {
      return state.turns;
    },
    running,
    pendingApproval: gate.pending,
    async send(text, images = [], resources = []) {
      if (running() || (text.trim() === '' && images.length === 0 && resources.length === 0)) return;
      setState('turns', state.turns.length, newTurn(text, images, resources));
      await start();
    },
    async acceptsImages() {
      try {
        const setup = await options.prepareRun();
        return setup.engine.capabilities.vision === true;
      } catch {
        return true;
      }
    },
    stop() {
      abortController?.abort();
    },
    async edit(turnId, text) {
      if (text.trim() === '') return;
      await stopAndWait();
      const index = state.turns.findIndex((turn) => turn.id === turnId);
      if (index < 0) return;
      const sink = options.persistence?.();
      sink?.replaced(unwrap(state.turns).slice(0, index));
      // Editing changes the text; the images and resources attached to the message stay with it.
      const edited = unwrap(state.turns)[index];
      setState('turns', [...state.turns.slice(0, index), newTurn(text, edited?.images, edited?.resources)]);
      await start(sink);
    },
    async regenerate() {
      await stopAndWait();
      const last = state.turns.at(-1);
      if (!last) return;
      const sink = options.persistence?.();
      sink?.replaced(unwrap(state.turns).slice(0, -1));
      setState('turns', [...state.turns.slice(0, -1), newTurn(last.userText, unwrap(last).images, unwrap(last).resources)]);
      await start(sink);
    },
    answerApproval(decision) {
      gate.answer(decision);
    },
    async clear() {
      await stopAndWait();
      setState('turns', []);
    },
    halt: stopAndWait,
    async replaceTurns(turns) {
      await stopAndWait();
      setState('turns', turns);
    },
  };
}

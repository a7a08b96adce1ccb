import type { AgentEvent } from '../../core/agent/events';
import type { ToolCall } from '../../core/types';
import type { ToolResult } from '../../core/tool-runner';
import type { AssistantItem, ToolCallItem, ToolCallStatus, Turn } from './transcript';

function streamingAssistant(turn: Turn, step: number): AssistantItem | undefined {
  const last = turn.items.at(-1);
  return last?.kind === 'assistant' && last.step === step && last.streaming ? last : undefined;
}

/** The card of a call, created (with `status`) when the call has none yet. */
function cardFor(turn: Turn, step: number, call: ToolCall, status: ToolCallStatus): ToolCallItem {
  const existing = turn.items.find((item): item is ToolCallItem => item.kind === 'tool-call' && item.callId === call.id);
  if (existing) return existing;
  const card: ToolCallItem = {
    kind: 'tool-call',
    id: `${turn.id}.${turn.items.length}`,
    step,
    callId: call.id,
    name: call.name,
    arguments: { ...call.arguments },
    status,
  };
  turn.items.push(card);
  return card;
}

function resultStatus(result: ToolResult): ToolCallStatus {
  if (!result.isError) return 'done';
  if (result.error?.code === 'denied') return 'denied';
  if (result.error?.code === 'aborted') return 'stopped';
  return 'error';
}

/**
 * Ends the turn's open pieces: streaming text stops (marked incomplete if cut off), open calls stop.
 * Returns whether some text was cut off.
 */
function closeOpenItems(turn: Turn, cutOff: boolean): boolean {
  let cut = false;
  for (const item of turn.items) {
    if (item.kind === 'assistant' && item.streaming) {
      item.streaming = false;
      if (cutOff) {
        item.incomplete = true;
        // Text cut off counts; an item that only thought so far shows none of the partial answer.
        if (item.text !== '') cut = true;
      }
    }
    if (item.kind === 'tool-call' && (item.status === 'running' || item.status === 'awaiting-approval')) {
      item.status = 'stopped';
    }
    if (item.kind === 'tool-call') delete item.progress;
    if (item.kind === 'tool-call' && item.nested) closeInterruptedTurn(item.nested);
  }
  return cut;
}

/** Shows the partial text of a failed step when none of it is on screen yet, marked incomplete. */
function keepPartialText(turn: Turn, partialText: string): void {
  if (partialText.trim() === '') return;
  if (turn.items.some((item) => item.kind === 'assistant' && item.text === partialText)) return;
  turn.items.push({
    kind: 'assistant',
    id: `${turn.id}.${turn.items.length}`,
    step: 0,
    text: partialText,
    streaming: false,
    incomplete: true,
  });
}

/**
 * Closes a turn whose run ended without `finish` or `error` (left behind after Stop, a broken
 * stand-in, or a tab closed mid-run): open text is marked incomplete, open calls stopped.
 * Does nothing to a turn that is no longer running.
 */
export function closeInterruptedTurn(turn: Turn): void {
  if (turn.status !== 'running') return;
  closeOpenItems(turn, true);
  turn.status = 'stopped';
}

/**
 * Folds one agent event into a turn (mutating it: call inside a store's `produce`).
 * Text deltas grow the step's assistant text; tool events create and update cards keyed by
 * call id; `message` events extend the history; `finish` and `error` close everything still open,
 * so the turn is consistent whatever happened.
 */
export function foldAgentEvent(turn: Turn, event: AgentEvent): void {
  switch (event.type) {
    case 'text-delta': {
      const item = streamingAssistant(turn, event.step);
      if (item) item.text += event.text;
      else {
        turn.items.push({
          kind: 'assistant',
          id: `${turn.id}.${turn.items.length}`,
          step: event.step,
          text: event.text,
          streaming: true,
          incomplete: false,
        });
      }
      return;
    }
    case 'reasoning-delta': {
      // Thinking comes first in a step: it opens the step's item, whose text follows it.
      const item = streamingAssistant(turn, event.step);
      if (item) item.reasoning = (item.reasoning ?? '') + event.text;
      else {
        turn.items.push({
          kind: 'assistant',
          id: `${turn.id}.${turn.items.length}`,
          step: event.step,
          text: '',
          reasoning: event.text,
          streaming: true,
          incomplete: false,
        });
      }
      return;
    }
    case 'step-finish': {
      // The deltas were a live view; the step's final text replaces them (markup a model wrote
      // before it was recognised as a call disappears here). A step that only thought before its
      // calls keeps its item for the thinking.
      const item = streamingAssistant(turn, event.step);
      if (item && event.text.trim() === '' && item.reasoning === undefined) {
        turn.items.splice(turn.items.indexOf(item), 1);
      } else if (item) {
        item.text = event.text;
        item.streaming = false;
      } else if (event.text.trim() !== '') {
        turn.items.push({
          kind: 'assistant',
          id: `${turn.id}.${turn.items.length}`,
          step: event.step,
          text: event.text,
          streaming: false,
          incomplete: false,
        });
      }
      return;
    }
    case 'tool-call':
      cardFor(turn, event.step, event.call, 'running');
      return;
    case 'tool-call-invalid': {
      const card = cardFor(turn, event.step, event.call, 'error');
      card.status = 'error';
      card.result = event.message;
      card.durationMs = 0;
      return;
    }
    case 'approval-requested':
      cardFor(turn, event.step, event.call, 'awaiting-approval').status = 'awaiting-approval';
      return;
    case 'approval-resolved': {
      // Allowed: the call runs now. Denied: its 'denied' (or 'stopped') result follows.
      const card = cardFor(turn, event.step, event.call, 'awaiting-approval');
      if (event.decision === 'allow' && card.status === 'awaiting-approval') card.status = 'running';
      return;
    }
    case 'tool-call-progress': {
      // A late report (after the result or a stop) changes nothing.
      const card = cardFor(turn, event.step, event.call, 'running');
      if (card.status === 'running') card.progress = { ...event.progress };
      return;
    }
    case 'tool-result': {
      const card = cardFor(turn, event.step, event.call, 'running');
      delete card.progress;
      card.status = resultStatus(event.result);
      card.result = event.result.content;
      if (event.result.images && event.result.images.length > 0) card.images = event.result.images.map((image) => ({ ...image }));
      card.durationMs = event.result.durationMs;
      return;
    }
    case 'tool-progress': {
      // The called agent's own run, folded the same way into the card; its history is its own
      // business (the caller's history holds only the call and its result).
      if (event.event.type === 'message') return;
      const card = cardFor(turn, event.step, event.call, 'running');
      card.nested ??= { id: `${card.id}.run`, userText: typeof event.call.arguments.task === 'string' ? event.call.arguments.task : '', items: [], messages: [], status: 'running' };
      foldAgentEvent(card.nested, event.event);
      return;
    }
    case 'message':
      turn.messages.push(event.message);
      return;
    case 'finish':
      closeOpenItems(turn, event.stopped);
      if (!event.stopped && !turn.items.some((item) => item.kind === 'assistant' && item.text !== '') && event.text.trim() !== '') {
        turn.items.push({
          kind: 'assistant',
          id: `${turn.id}.${turn.items.length}`,
          step: event.steps,
          text: event.text,
          streaming: false,
          incomplete: false,
        });
      }
      turn.status = event.stopped ? 'stopped' : 'done';
      return;
    case 'error':
      if (!closeOpenItems(turn, true)) keepPartialText(turn, event.partialText);
      if (event.error.code === 'aborted') {
        turn.status = 'stopped';
      } else {
        turn.status = 'error';
        turn.error = { code: event.error.code, message: event.error.message };
      }
      return;
    case 'tools-selected':
      turn.retrievedTools = {
        searched: event.selection.searched,
        retrievers: [...event.selection.retrievers],
        tools: event.selection.tools.map(({ name, score, pinned }) => ({ name, score, pinned })),
      };
      return;
    case 'context':
      turn.sources = event.sections.map(({ kind, title, text, ref }) => (ref === undefined ? { kind, title, text } : { kind, title, text, ref }));
      return;
    case 'turn-context':
      if (event.context) turn.context = event.context;
      else delete turn.context;
      return;
    case 'prompt': {
      // The last step's prompt is the one shown: it holds everything the turn added.
      const { budget, omittedMessages, truncatedResults } = event.prompt;
      turn.budget = { ...budget, omittedMessages, truncatedResults };
      return;
    }
    case 'context-overflow':
      turn.budget = { ...(turn.budget ?? { ...event.budget, omittedMessages: 0, truncatedResults: 0 }), overflow: true };
      return;
    case 'step-start':
    case 'usage':
      return;
  }
}

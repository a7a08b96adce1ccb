import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../../src/core/agent/events';
import type { ToolCall } from '../../../../src/core/types';
import { foldAgentEvent } from '../../../../src/app/chat/fold-event';
import type { ToolCallItem, Turn } from '../../../../src/app/chat/transcript';

const call: ToolCall = { id: 'call-1', name: 'everything__long', arguments: { steps: 3 } };
const newTurn = (): Turn => ({ id: 't1', userText: 'go', items: [], messages: [], status: 'running' });
const card = (turn: Turn): ToolCallItem | undefined => turn.items.find((item): item is ToolCallItem => item.kind === 'tool-call');
const progress = (value: number): AgentEvent => ({ type: 'tool-call-progress', step: 1, call, progress: { progress: value, total: 3, message: `step ${value}` } });

/** A call's progress reports on its card: the latest while it runs, none once it ended. */
describe('folding tool-call progress', () => {
  it('keeps the latest report while the call runs and drops it with the result; a late report changes nothing', () => {
    const turn = newTurn();
    foldAgentEvent(turn, { type: 'tool-call', step: 1, call });
    foldAgentEvent(turn, progress(1));
    foldAgentEvent(turn, progress(2));
    expect(card(turn)?.progress).toEqual({ progress: 2, total: 3, message: 'step 2' });
    foldAgentEvent(turn, { type: 'tool-result', step: 1, call, result: { content: 'ok', isError: false, durationMs: 5 } });
    expect(card(turn)?.progress).toBeUndefined();
    foldAgentEvent(turn, progress(3));
    expect(card(turn)?.progress).toBeUndefined();
    expect(card(turn)?.status).toBe('done');
  });

  it('a stop removes the report with the running state', () => {
    const turn = newTurn();
    foldAgentEvent(turn, { type: 'tool-call', step: 1, call });
    foldAgentEvent(turn, progress(1));
    foldAgentEvent(turn, { type: 'finish', text: '', steps: 1, stopped: true, usage: { promptTokens: 0, completionTokens: 0 } });
    expect(card(turn)?.status).toBe('stopped');
    expect(card(turn)?.progress).toBeUndefined();
  });
});

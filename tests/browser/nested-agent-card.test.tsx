/**
 * An agent called as a tool shows its run inside the caller's tool card while it streams: its
 * text, its own tool cards, and an approval question's state — folded from the same events the
 * loop emits (`tool-progress`).
 */
import { createStore, produce } from 'solid-js/store';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { AgentEvent } from '../../src/core/agent/events';
import { foldAgentEvent } from '../../src/app/chat/fold-event';
import type { ToolCallItem, Turn } from '../../src/ui/chat/transcript';
import { ToolCallCard } from '../../src/ui/components/tool-call-card';
import { mount, unmountAll } from './support/mount';

afterEach(unmountAll);

const call = { id: 'c1', name: 'agent_researcher', arguments: { task: 'Find the release date.' } };
const inner = { id: 'r1', name: 'read_page', arguments: { url: 'https://example.com' } };
const progress = (event: AgentEvent): AgentEvent => ({ type: 'tool-progress', step: 1, call, event });

describe('a nested agent run inside its tool card', () => {
  it('streams the callee’s text and tool cards into the caller’s card, then its result', async () => {
    const [turn, setTurn] = createStore<Turn>({ id: 't1', userText: 'When?', items: [], messages: [], status: 'running' });
    const apply = (event: AgentEvent) => setTurn(produce((draft) => foldAgentEvent(draft, event)));
    apply({ type: 'tool-call', step: 1, call });
    mount(() => <ToolCallCard item={turn.items[0] as ToolCallItem} />);
    const card = page.getByRole('article', { name: 'Tool call: agent_researcher', exact: true });
    await expect.element(card).toBeVisible();

    apply(progress({ type: 'step-start', step: 1 }));
    apply(progress({ type: 'tool-call', step: 1, call: inner }));
    const steps = card.getByRole('region', { name: 'Steps of agent_researcher' });
    await expect.element(steps).toBeVisible();
    const innerCard = steps.getByRole('article', { name: 'Tool call: read_page', exact: true });
    await expect.element(innerCard.getByText('Running')).toBeVisible();

    apply(progress({ type: 'tool-result', step: 1, call: inner, result: { content: 'May 5', isError: false, durationMs: 3 } }));
    await expect.element(innerCard.getByText('Done')).toBeVisible();
    apply(progress({ type: 'text-delta', step: 2, text: 'It is May' }));
    await expect.element(steps.getByText('It is May')).toBeVisible();
    // The caller's card is still running while its agent writes.
    await expect.element(card).toHaveAttribute('aria-busy', 'true');

    apply(progress({ type: 'step-finish', step: 2, reason: 'stop', text: 'It is May 5.' }));
    apply(progress({ type: 'finish', text: 'It is May 5.', steps: 2, stopped: false, usage: { promptTokens: 0, completionTokens: 0 } }));
    apply({ type: 'tool-result', step: 1, call, result: { content: 'It is May 5.', isError: false, durationMs: 40, nestedSteps: 2 } });
    await expect.element(card).toHaveAttribute('aria-busy', 'false');
    await expect.element(steps).toHaveAttribute('aria-busy', 'false');
    await expect.element(steps.getByText('It is May 5.')).toBeVisible();
    // The caller's history holds only its own call and result, not the callee's messages.
    apply(progress({ type: 'message', message: { role: 'assistant', content: 'It is May 5.' } }));
    expect(turn.messages).toEqual([]);
  });

  it('closes the nested run when the caller is stopped', () => {
    const draft: Turn = { id: 't2', userText: 'Go', items: [], messages: [], status: 'running' };
    foldAgentEvent(draft, { type: 'tool-call', step: 1, call });
    foldAgentEvent(draft, progress({ type: 'tool-call', step: 1, call: inner }));
    foldAgentEvent(draft, { type: 'finish', text: '', steps: 1, stopped: true, usage: { promptTokens: 0, completionTokens: 0 } });
    const nested = (draft.items[0] as ToolCallItem).nested!;
    expect(nested.status).toBe('stopped');
    expect(nested.items[0]).toMatchObject({ kind: 'tool-call', status: 'stopped' });
  });
});

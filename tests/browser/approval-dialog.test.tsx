import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createApprovalGate } from '../../src/ui/chat/approval-gate';
import { ApprovalDialog } from '../../src/ui/components/approval-dialog';
import { mount, unmountAll } from './support/mount';
import { Show } from 'solid-js';

afterEach(unmountAll);

const call = { id: 'call-9', name: 'send_email', arguments: { to: 'boss@example.com', body: 'Quarterly numbers' } };

/** The gate and its dialog, as the chat view wires them. */
function mountGate() {
  const gate = createApprovalGate();
  mount(() => (
    <Show when={gate.pending()} keyed>
      {(pending) => <ApprovalDialog call={pending.call} onDecision={(decision) => gate.answer(decision)} />}
    </Show>
  ));
  return gate;
}

describe('approval dialog', () => {
  it('shows the exact tool name and arguments', async () => {
    const gate = mountGate();
    void gate.approve(call, new AbortController().signal);
    const dialog = page.getByRole('dialog', { name: 'Allow this tool call?' });
    await expect.element(dialog).toBeVisible();
    await expect.element(dialog.getByText('send_email', { exact: true })).toBeVisible();
    const shown = dialog.getByLabelText('Arguments').element().textContent ?? '';
    expect(JSON.parse(shown)).toEqual(call.arguments);
    gate.answer('deny');
  });

  it('allows once by keyboard: Tab to "Allow once", Enter', async () => {
    const gate = mountGate();
    const decision = gate.approve(call, new AbortController().signal);
    const dialog = page.getByRole('dialog');
    await expect.element(dialog).toBeVisible();
    await expect.element(dialog.getByRole('button', { name: 'Deny' })).toHaveFocus();
    await userEvent.keyboard('{Tab}');
    await expect.element(dialog.getByRole('button', { name: 'Allow once' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(decision).resolves.toBe('allow');
    await expect.element(page.getByRole('dialog')).not.toBeInTheDocument();
  });

  it('denies by keyboard: Enter on the focused "Deny"', async () => {
    const gate = mountGate();
    const decision = gate.approve(call, new AbortController().signal);
    await expect.element(page.getByRole('button', { name: 'Deny' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(decision).resolves.toBe('deny');
    await expect.element(page.getByRole('dialog')).not.toBeInTheDocument();
  });

  it('denies on Escape', async () => {
    const gate = mountGate();
    const decision = gate.approve(call, new AbortController().signal);
    await expect.element(page.getByRole('dialog')).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await expect(decision).resolves.toBe('deny');
  });

  it('denies and closes when the run is stopped', async () => {
    const gate = mountGate();
    const stop = new AbortController();
    const decision = gate.approve(call, stop.signal);
    await expect.element(page.getByRole('dialog')).toBeVisible();
    stop.abort();
    await expect(decision).resolves.toBe('deny');
    await expect.element(page.getByRole('dialog')).not.toBeInTheDocument();
  });

  it('shows a frozen copy: changing the call afterwards changes nothing shown or approved', async () => {
    const gate = mountGate();
    const mutable = { id: 'call-1', name: 'send_email', arguments: { to: 'friend@example.com' } as Record<string, unknown> };
    void gate.approve(mutable, new AbortController().signal);
    mutable.arguments.to = 'attacker@evil.example';
    const pending = gate.pending();
    expect(pending?.call.arguments).toEqual({ to: 'friend@example.com' });
    expect(Object.isFrozen(pending?.call.arguments)).toBe(true);
    await expect.element(page.getByText('friend@example.com')).toBeVisible();
    gate.answer('deny');
  });
});

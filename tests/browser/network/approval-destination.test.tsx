import { Show } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createApprovalGate } from '../../../src/ui/chat/approval-gate';
import { ChatView } from '../../../src/ui/components/chat-view';
import { ApprovalDialog } from '../../../src/ui/components/approval-dialog';
import { createChatController } from '../../../src/ui/chat/chat-controller';
import type { ApprovalDetails } from '../../../src/core/tool-runner';
import { mount, unmountAll } from '../support/mount';

afterEach(unmountAll);

const call = { id: 'c1', name: 'model_api', arguments: { task: 'chat', prompt: 'Here is what the user said' } };
const details: ApprovalDetails = {
  reasons: ['side-effects', 'untrusted-context'],
  destinations: ['https://models.example'],
  untrustedSources: ['fetch_page', 'knowledge'],
  requests: [
    {
      method: 'POST',
      url: 'https://models.example/v1/chat/completions',
      headers: { Authorization: 'Bearer ‹secret: Model API key›' },
      body: '{"model":"big","messages":[{"role":"user","content":"Here is what the user said"}]}',
    },
  ],
};

describe('approval dialog: what will be sent where', () => {
  it('warns about outside text, names the destination and shows the exact request with the key as a label', async () => {
    const gate = createApprovalGate();
    mount(() => (
      <Show when={gate.pending()} keyed>
        {(pending) => (
          <ApprovalDialog call={pending.call} {...(pending.details ? { details: pending.details } : {})} onDecision={(decision) => gate.answer(decision)} />
        )}
      </Show>
    ));
    const decision = gate.approve(call, new AbortController().signal, details);
    const dialog = page.getByRole('dialog', { name: 'Allow this tool call?' });
    await expect.element(dialog).toBeVisible();
    await expect.element(dialog.getByRole('note')).toHaveTextContent(/text from outside \(fetch_page, knowledge\)/);
    await expect.element(dialog.getByText('It may send data to: https://models.example')).toBeVisible();
    const request = dialog.getByLabelText('Request that will be sent').element().textContent ?? '';
    expect(request).toContain('POST https://models.example/v1/chat/completions');
    expect(request).toContain('Authorization: Bearer ‹secret: Model API key›');
    expect(request).toContain('"content":"Here is what the user said"');
    // The safe choice has focus; Escape denies.
    await expect.element(dialog.getByRole('button', { name: 'Deny' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(await decision).toBe('deny');
  });

  it('reaches the chat view with its details from the agent run', async () => {
    const controller = createChatController({
      runAgent: async function* (options) {
        yield { type: 'step-start', step: 1 };
        yield { type: 'tool-call', step: 1, call };
        yield { type: 'approval-requested', step: 1, call, details };
        const decision = await options.approve!(call, options.signal!, details);
        yield { type: 'approval-resolved', step: 1, call, decision };
        yield { type: 'finish', text: decision, steps: 1, stopped: false, usage: { promptTokens: 0, completionTokens: 0 } };
      },
      prepareRun: () => ({ engine: {} as never, tools: {} as never }),
    });
    mount(() => <ChatView controller={controller} />);
    void controller.send('go');
    const dialog = page.getByRole('dialog');
    await expect.element(dialog.getByText('It may send data to: https://models.example')).toBeVisible();
    await userEvent.click(dialog.getByRole('button', { name: 'Deny' }));
    await expect.poll(() => controller.running()).toBe(false);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { AgentEvent } from '../../src/core/agent/events';
import type { RunAgentOptions } from '../../src/core/agent/options';
import { TabagentError } from '../../src/core/errors';
import type { ApprovalDetails } from '../../src/core/tool-runner';
import { historyOf } from '../../src/ui/chat/transcript';
import { mountChat } from './support/chat-harness';
import { unmountAll } from './support/mount';
import { call, finish, lastUserText, message, pause, streamingRun } from './support/scripted-run';

afterEach(unmountAll);

const exact = { exact: true } as const;
const messageBox = () => page.getByRole('textbox', { name: 'Message', exact: true });
const sendButton = () => page.getByRole('button', { name: 'Send', exact: true });
const stopButton = () => page.getByRole('button', { name: 'Stop', exact: true });
const conversation = () => page.getByRole('log', { name: 'Conversation' });

async function send(text: string): Promise<void> {
  await userEvent.fill(messageBox(), text);
  await userEvent.keyboard('{Enter}');
}

describe('chat controller and view', () => {
  it('streams the answer as it arrives', async () => {
    const { run } = streamingRun(() => ['The answer', ' is', ' forty', '-two.'], 60);
    const controller = mountChat(run);
    await expect.element(stopButton()).toBeDisabled();
    await send('What is the answer?');
    await expect.element(conversation().getByText('What is the answer?')).toBeVisible();
    await expect.element(stopButton()).toBeEnabled();
    // Part of the text shows before the run ends.
    await expect.element(conversation().getByText('The answer', { exact: false })).toBeVisible();
    expect(controller.running()).toBe(true);
    await expect.element(conversation().getByText('The answer is forty-two.', exact)).toBeVisible();
    await expect.element(stopButton()).toBeDisabled();
    expect(controller.turns[0]?.status).toBe('done');
    expect(controller.turns[0]?.messages).toEqual([{ role: 'assistant', content: 'The answer is forty-two.' }]);
  });

  it('renders the answer as sanitized markdown', async () => {
    const { run } = streamingRun(() => ['**bold** ![x](https://evil.invalid/?q=secret)'], 5);
    mountChat(run);
    await send('format');
    await expect.element(conversation().getByText('bold', exact)).toBeVisible();
    const log = conversation().element();
    expect(log.querySelector('strong')?.textContent).toBe('bold');
    expect(log.querySelector('img')).toBeNull();
    await expect.element(conversation().getByRole('link', { name: 'Image: x' })).toBeVisible();
  });

  it('Stop ends the run, keeps the partial text marked incomplete, and the next message works', async () => {
    const pieces = Array.from({ length: 40 }, (_, index) => `w${index} `);
    const { run, calls } = streamingRun((options) => (lastUserText(options) === 'long' ? pieces : ['short answer']), 40);
    const controller = mountChat(run);
    await send('long');
    await expect.element(conversation().getByText('w1', { exact: false })).toBeVisible();
    await userEvent.click(stopButton());
    await expect.element(stopButton()).toBeDisabled();
    expect(controller.running()).toBe(false);

    const turn = controller.turns[0];
    const shown = turn?.items[0]?.kind === 'assistant' ? turn.items[0].text : '';
    expect(shown.length).toBeGreaterThan(0);
    await expect.element(conversation().getByText('(incomplete)')).toBeVisible();
    await expect.element(conversation().getByText('Stopped.')).toBeVisible();
    expect(turn?.status).toBe('stopped');
    // No token after stop.
    await pause(200);
    const after = controller.turns[0]?.items[0];
    expect(after?.kind === 'assistant' && after.text).toBe(shown);
    // The history holds exactly what was shown.
    expect(turn?.messages).toEqual([{ role: 'assistant', content: shown }]);

    await send('next');
    await expect.element(conversation().getByText('short answer', exact)).toBeVisible();
    expect(calls[1]?.messages).toEqual([
      { role: 'user', content: 'long' },
      { role: 'assistant', content: shown },
      { role: 'user', content: 'next' },
    ]);
  });

  it('leaves behind a run that ignores Stop, and keeps the transcript consistent', async () => {
    async function* hung(): AsyncGenerator<AgentEvent> {
      yield { type: 'text-delta', step: 1, text: 'Working' };
      yield message({ role: 'assistant', content: 'Working', toolCalls: [call('slow_tool', {})] });
      yield { type: 'tool-call', step: 1, call: call('slow_tool', {}) };
      await new Promise(() => undefined);
    }
    const controller = mountChat(hung, { stopGraceMs: 100 });
    await send('go');
    await expect.element(page.getByRole('article', { name: 'Tool call: slow_tool' })).toBeVisible();
    await userEvent.click(stopButton());
    await expect.element(stopButton()).toBeDisabled();
    await expect.element(page.getByRole('article', { name: 'Tool call: slow_tool' }).getByText('Stopped', exact)).toBeVisible();
    expect(historyOf(controller.turns)).toEqual([
      { role: 'user', content: 'go' },
      { role: 'assistant', content: 'Working', toolCalls: [call('slow_tool', {})] },
      { role: 'tool', toolCallId: 'call-slow_tool', name: 'slow_tool', content: '{"error":"Stopped before it finished."}' },
    ]);
  });

  it('edits a sent message: later turns are dropped and the run starts again from it', async () => {
    const { run, calls } = streamingRun((options) => [`Answer to ${lastUserText(options)}`], 5);
    const controller = mountChat(run);
    await send('first');
    await expect.element(conversation().getByText('Answer to first', exact)).toBeVisible();
    await send('second');
    await expect.element(conversation().getByText('Answer to second', exact)).toBeVisible();

    await userEvent.click(page.getByRole('button', { name: 'Edit message' }).first());
    const editor = page.getByRole('textbox', { name: 'Edited message', exact: true });
    await expect.element(editor).toHaveValue('first');
    await userEvent.fill(editor, 'first, edited');
    await userEvent.click(page.getByRole('button', { name: 'Save and rerun' }));

    await expect.element(conversation().getByText('Answer to first, edited', exact)).toBeVisible();
    expect(conversation().getByText('second', exact).query()).toBeNull();
    expect(conversation().getByText('Answer to first', exact).query()).toBeNull();
    expect(controller.turns.map((turn) => turn.userText)).toEqual(['first, edited']);
    expect(calls.at(-1)?.messages).toEqual([{ role: 'user', content: 'first, edited' }]);
  });

  it('regenerates the last answer in place', async () => {
    let attempt = 0;
    const { run, calls } = streamingRun(() => [`Attempt ${(attempt += 1)}`], 5);
    const controller = mountChat(run);
    await send('first');
    await expect.element(conversation().getByText('Attempt 1', exact)).toBeVisible();
    await send('question');
    await expect.element(conversation().getByText('Attempt 2', exact)).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Regenerate' }));
    await expect.element(conversation().getByText('Attempt 3', exact)).toBeVisible();
    expect(conversation().getByText('Attempt 2', exact).query()).toBeNull();
    expect(controller.turns).toHaveLength(2);
    expect(calls[2]?.messages).toEqual(calls[1]?.messages);
    expect(calls[2]?.messages).toEqual([
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'Attempt 1' },
      { role: 'user', content: 'question' },
    ]);
  });

  it('shows an error as an alert and keeps the partial text marked incomplete', async () => {
    async function* failing(): AsyncGenerator<AgentEvent> {
      yield { type: 'text-delta', step: 1, text: 'Half an ans' };
      yield {
        type: 'error',
        error: new TabagentError('malformed-stream', 'The server stopped answering mid-stream. Try again.'),
        partialText: 'Half an ans',
      };
    }
    const controller = mountChat(failing);
    await send('hi');
    await expect.element(page.getByRole('alert')).toHaveTextContent('The server stopped answering mid-stream. Try again.');
    await expect.element(conversation().getByText('Half an ans', exact)).toBeVisible();
    await expect.element(conversation().getByText('(incomplete)')).toBeVisible();
    expect(controller.turns[0]?.status).toBe('error');
    expect(controller.running()).toBe(false);
  });

  it('shows a setup failure (no model configured) as an alert', async () => {
    mountChat(streamingRun(() => ['never']).run, {
      setup: () => {
        throw new TabagentError('config', 'No model is connected yet. Open Settings and enter a Base URL and a model.');
      },
    });
    await send('hello');
    await expect.element(page.getByRole('alert')).toHaveTextContent('No model is connected yet.');
    await expect.element(stopButton()).toBeDisabled();
  });

  it('runs a side-effecting call through the approval dialog and shows its card', async () => {
    const sendMail = call('send_email', { to: 'a@example.com' });
    async function* withApproval(options: RunAgentOptions): AsyncGenerator<AgentEvent> {
      yield message({ role: 'assistant', content: '', toolCalls: [sendMail] });
      yield { type: 'tool-call', step: 1, call: sendMail };
      const details: ApprovalDetails = { reasons: ['side-effects'], destinations: [] };
      yield { type: 'approval-requested', step: 1, call: sendMail, details };
      const decision = (await options.approve?.(sendMail, options.signal ?? new AbortController().signal, details)) ?? 'deny';
      yield { type: 'approval-resolved', step: 1, call: sendMail, decision };
      const result =
        decision === 'allow'
          ? { content: '{"sent":true}', isError: false, durationMs: 7 }
          : { content: '{"error":"denied"}', isError: true, error: new TabagentError('denied', 'Denied.'), durationMs: 0 };
      yield { type: 'tool-result', step: 1, call: sendMail, result };
      yield message({ role: 'tool', toolCallId: sendMail.id, name: sendMail.name, content: result.content });
      yield { type: 'text-delta', step: 2, text: decision === 'allow' ? 'Sent.' : 'Not sent.' };
      yield finish(decision === 'allow' ? 'Sent.' : 'Not sent.');
    }
    mountChat(withApproval);
    await send('mail it');
    const card = page.getByRole('article', { name: 'Tool call: send_email', exact: true });
    await expect.element(card.getByText('Awaiting approval')).toBeVisible();
    const dialog = page.getByRole('dialog', { name: 'Allow this tool call?' });
    await expect.element(dialog.getByText('send_email', exact)).toBeVisible();
    await userEvent.click(dialog.getByRole('button', { name: 'Allow once' }));
    await expect.element(card.getByText('Done', exact)).toBeVisible();
    await expect.element(card.getByText('7 ms')).toBeVisible();
    await expect.element(conversation().getByText('Sent.', exact)).toBeVisible();

    await send('again');
    await expect.element(page.getByRole('dialog')).toBeVisible();
    await userEvent.keyboard('{Enter}');
    await expect.element(conversation().getByText('Not sent.', exact)).toBeVisible();
    await expect
      .element(page.getByRole('article', { name: 'Tool call: send_email', exact: true }).last().getByText('Denied', exact))
      .toBeVisible();
  });

  it('Enter sends, Shift+Enter adds a line, Send is disabled for a blank message', async () => {
    const { calls, run } = streamingRun(() => ['ok'], 5);
    mountChat(run);
    await expect.element(sendButton()).toBeDisabled();
    await userEvent.click(messageBox());
    await userEvent.keyboard('line one{Shift>}{Enter}{/Shift}line two');
    await expect.element(messageBox()).toHaveValue('line one\nline two');
    expect(calls).toHaveLength(0);
    await userEvent.keyboard('{Enter}');
    await expect.element(messageBox()).toHaveValue('');
    await expect.element(conversation().getByText('ok', exact)).toBeVisible();
    expect(calls[0]?.messages).toEqual([{ role: 'user', content: 'line one\nline two' }]);
  });
});

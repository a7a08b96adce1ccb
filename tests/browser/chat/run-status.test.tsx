/**
 * Issue 16 item 6 in the turn: an MCP tool's progress shows in its card while it runs, and a turn
 * sent while saved MCP servers are still reconnecting says so until the wait ends.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { AgentEvent } from '../../../src/core/agent/events';
import type { ToolProgress } from '../../../src/core/tool-runner';
import { setLocale } from '../../../src/ui/i18n';
import { idleEngine, noTools } from '../support/fake-services';
import { mountChat } from '../support/chat-harness';
import { unmountAll } from '../support/mount';
import { call, finish } from '../support/scripted-run';

afterEach(() => {
  unmountAll();
  setLocale('en');
});

const conversation = () => page.getByRole('log', { name: 'Conversation' });
const card = () => conversation().getByRole('article', { name: 'Tool call: everything__long', exact: true });

async function send(text: string): Promise<void> {
  await userEvent.fill(page.getByRole('textbox', { name: 'Message', exact: true }), text);
  await userEvent.keyboard('{Enter}');
}

/** A promise and the function that settles it. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('run status in the turn', () => {
  it('a running MCP call shows its progress (n of total, the server’s message) in its card, gone once it ends', async () => {
    const longCall = call('everything__long', { steps: 3 });
    const steps = [gate(), gate(), gate()];
    const report = (progress: ToolProgress): AgentEvent => ({ type: 'tool-call-progress', step: 1, call: longCall, progress });
    const run = async function* (): AsyncGenerator<AgentEvent> {
      yield { type: 'tool-call', step: 1, call: longCall };
      await steps[0]!.promise;
      yield report({ progress: 1, total: 3, message: 'Step 1 of the operation' });
      await steps[1]!.promise;
      yield report({ progress: 2, total: 3 });
      await steps[2]!.promise;
      yield { type: 'tool-result', step: 1, call: longCall, result: { content: 'Long running operation completed.', isError: false, durationMs: 300 } };
      yield finish('All done.');
    };
    mountChat(run);
    await send('Run the long operation.');
    await expect.element(card()).toBeVisible();
    const bar = card().getByRole('progressbar', { name: 'Progress of everything__long' });
    await expect.element(bar).not.toBeInTheDocument();

    steps[0]!.open();
    await expect.element(bar).toBeVisible();
    await expect.element(card().getByText('1 of 3', { exact: true })).toBeVisible();
    await expect.element(card().getByText('Step 1 of the operation')).toBeVisible();
    const element = bar.element() as HTMLProgressElement;
    expect([element.value, element.max]).toEqual([1, 3]);

    steps[1]!.open();
    await expect.element(card().getByText('2 of 3', { exact: true })).toBeVisible();
    expect((bar.element() as HTMLProgressElement).value).toBe(2);

    steps[2]!.open();
    await expect.element(conversation().getByText('All done.')).toBeVisible();
    await expect.element(bar).not.toBeInTheDocument();
  });

  it('a turn waiting for reconnecting MCP servers says so, and the line goes once they are back', async () => {
    const back = gate();
    const run = async function* (): AsyncGenerator<AgentEvent> {
      yield finish('Every tool is here.');
    };
    mountChat(run, {
      setup: async (_turn, hooks) => {
        hooks?.onServerWait?.('waiting');
        await back.promise;
        hooks?.onServerWait?.('settled');
        return { engine: idleEngine, tools: noTools };
      },
    });
    await send('Use my MCP tools.');
    const line = conversation().getByRole('status').filter({ hasText: 'Waiting for MCP servers to reconnect…' });
    await expect.element(line).toBeVisible();
    back.open();
    await expect.element(conversation().getByText('Every tool is here.')).toBeVisible();
    await expect.element(line).not.toBeInTheDocument();
  });

  it('a wait that timed out stays as a note, in the interface language', async () => {
    const run = async function* (): AsyncGenerator<AgentEvent> {
      yield finish('Fewer tools.');
    };
    mountChat(run, {
      setup: (_turn, hooks) => {
        hooks?.onServerWait?.('waiting');
        hooks?.onServerWait?.('timed-out');
        return { engine: idleEngine, tools: noTools };
      },
    });
    await send('Use my MCP tools.');
    await expect.element(page.getByText('Fewer tools.')).toBeVisible();
    await expect.element(page.getByText('Some MCP servers were still reconnecting: this turn went on without their tools.')).toBeVisible();
    setLocale('zh');
    await expect.element(page.getByText('部分 MCP 服务器仍在重新连接：本轮在没有它们的工具的情况下继续。')).toBeVisible();
  });
});

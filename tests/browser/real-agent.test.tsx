import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { runAgent } from '../../src/core/agent/run-agent';
import { createToolExecutor, registerBuiltins, ToolRegistry } from '../../src/tools';
import { mountChat } from './support/chat-harness';
import { unmountAll } from './support/mount';
import { scriptedEngine, textChunks } from './support/scripted-engine';

afterEach(unmountAll);

const exact = { exact: true } as const;
const conversation = () => page.getByRole('log', { name: 'Conversation' });

async function send(text: string): Promise<void> {
  await userEvent.fill(page.getByRole('textbox', { name: 'Message', exact: true }), text);
  await userEvent.keyboard('{Enter}');
}

function builtinTools() {
  const registry = new ToolRegistry();
  registerBuiltins(registry);
  return createToolExecutor(registry);
}

describe('the chat on the real runAgent and built-in tools, with a scripted engine', () => {
  it('streams text, runs a native tool call and shows its card', async () => {
    const engine = scriptedEngine((_request, index) =>
      index === 0
        ? [
            { type: 'tool-call-delta', index: 0, id: 'call_1', name: 'calculator', argumentsDelta: '{"expres' },
            { type: 'tool-call-delta', index: 0, argumentsDelta: 'sion":"6*7"}' },
            { type: 'finish', reason: 'tool-calls' },
          ]
        : textChunks('The result ', 'is 42.'),
    );
    const controller = mountChat(runAgent, { setup: () => ({ engine, tools: builtinTools(), toolMode: 'native' }) });
    await send('What is 6 times 7?');
    const card = page.getByRole('article', { name: 'Tool call: calculator', exact: true });
    await expect.element(card).toBeVisible();
    await expect.element(card.getByText('Done', exact)).toBeVisible();
    await userEvent.click(card.getByRole('button', { name: 'Details' }));
    const details = card.element();
    expect(JSON.parse(details.querySelector('.tool-card-arguments')?.textContent ?? '')).toEqual({ expression: '6*7' });
    expect(JSON.parse(details.querySelector('.tool-card-result')?.textContent ?? '')).toMatchObject({ result: 42 });
    await expect.element(conversation().getByText('The result is 42.', exact)).toBeVisible();
    await expect.poll(() => controller.running()).toBe(false);
    const roles = controller.turns[0]?.messages.map((message) => message.role);
    expect(roles).toEqual(['assistant', 'tool', 'assistant']);
    expect(engine.requests).toHaveLength(2);
  });

  it('Stop aborts the engine: partial text kept, marked incomplete, no token after, next turn works', async () => {
    const pieces = Array.from({ length: 60 }, (_, index) => `t${index} `);
    const engine = scriptedEngine((request) => {
      const last = request.messages.at(-1);
      return last?.role === 'user' && last.content.includes('again') ? textChunks('Fine.') : textChunks(...pieces);
    }, 30);
    const controller = mountChat(runAgent, { setup: () => ({ engine, tools: builtinTools(), toolMode: 'native' }) });
    await send('Talk for a while');
    await expect.element(conversation().getByText('t2', { exact: false })).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Stop', exact: true }));
    await expect.element(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();
    const turn = controller.turns[0];
    expect(turn?.status).toBe('stopped');
    const item = turn?.items[0];
    const shown = item?.kind === 'assistant' ? item.text : '';
    expect(item?.kind === 'assistant' && item.incomplete).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const later = controller.turns[0]?.items[0];
    expect(later?.kind === 'assistant' && later.text).toBe(shown);
    expect(turn?.messages).toEqual([{ role: 'assistant', content: shown }]);

    await send('again');
    await expect.element(conversation().getByText('Fine.', exact)).toBeVisible();
    expect(engine.requests.at(-1)?.messages.filter((message) => message.role !== 'system')).toEqual([
      { role: 'user', content: 'Talk for a while' },
      { role: 'assistant', content: shown },
      { role: 'user', content: 'again' },
    ]);
  });

  it('edit and regenerate rerun the real loop with the right history', async () => {
    const engine = scriptedEngine((request) => {
      const last = request.messages.at(-1);
      return textChunks(`Echo: ${last?.role === 'user' ? last.content : '?'} #${engine.requests.length}`);
    }, 5);
    mountChat(runAgent, { setup: () => ({ engine, tools: builtinTools(), toolMode: 'native' }) });
    await send('alpha');
    await expect.element(conversation().getByText('Echo: alpha #1', exact)).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Regenerate' }));
    await expect.element(conversation().getByText('Echo: alpha #2', exact)).toBeVisible();
    expect(conversation().getByText('Echo: alpha #1', exact).query()).toBeNull();
    await userEvent.click(page.getByRole('button', { name: 'Edit message' }));
    await userEvent.fill(page.getByRole('textbox', { name: 'Edited message', exact: true }), 'beta');
    await userEvent.keyboard('{Enter}');
    await expect.element(conversation().getByText('Echo: beta #3', exact)).toBeVisible();
    expect(engine.requests[2]?.messages.filter((message) => message.role === 'user')).toEqual([
      { role: 'user', content: 'beta' },
    ]);
  });
});

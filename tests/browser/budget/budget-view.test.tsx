/** The context budget of a turn's last prompt, shown under the turn: compact bar, numbers, notes. */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { runAgent } from '../../../src/core/agent/run-agent';
import { estimateTokens } from '../../../src/core/agent/token-count';
import type { ChatRequest } from '../../../src/core/types';
import { BudgetView } from '../../../src/ui/budget/budget-view';
import { createScriptedEngine, textChunks } from '../../support/scripted-engine';
import { mountChat } from '../support/chat-harness';
import { noTools } from '../support/fake-services';
import { mount, unmountAll } from '../support/mount';

afterEach(unmountAll);

async function send(text: string): Promise<void> {
  await userEvent.fill(page.getByRole('textbox', { name: 'Message', exact: true }), text);
  await userEvent.keyboard('{Enter}');
}

describe('context budget in the chat', () => {
  it('shows the split of each turn and what was left out, using the run setup’s budget and tokenizer', async () => {
    const requests: ChatRequest[] = [];
    const answer = 'A long answer that fills the context quickly. '.repeat(10);
    const controller = mountChat(runAgent, {
      setup: () => {
        const engine = createScriptedEngine([() => textChunks(answer, 50)], { contextWindow: 600 });
        const chat = engine.chat.bind(engine);
        return {
          engine: { ...engine, chat: (request, signal) => (requests.push(request), chat(request, signal)) },
          tools: noTools,
          systemPrompt: 'Be brief.',
          contextBudget: { contextWindow: 600, reserveForAnswer: 100 },
          // Twice the estimate: the split must use the setup's counter.
          countTokens: (text) => 2 * estimateTokens(text),
        };
      },
    });
    await send('First question?');
    const first = page.getByText(/^Context: \d+ of 500 tokens \(\d+%\)$/);
    await expect.element(first).toBeVisible();
    const budget = controller.turns[0]?.budget;
    expect(budget).toMatchObject({ limit: 500, tools: 0, context: 0, omittedMessages: 0 });
    expect(budget!.system).toBe(4 + 2 * estimateTokens('Be brief.'));
    expect(budget!.total).toBe(budget!.system + budget!.history);
    await expect.element(first).toHaveTextContent(`Context: ${budget!.total} of 500 tokens (${Math.round((100 * budget!.total) / 500)}%)`);

    await send('Second question?');
    await expect.element(page.getByText('Second question?')).toBeVisible();
    await expect.poll(() => controller.turns[1]?.status).toBe('done');
    await send('Third question?');
    await expect.poll(() => controller.turns[2]?.status).toBe('done');
    const third = controller.turns[2]!.budget!;
    expect(third.omittedMessages).toBeGreaterThan(0);
    expect(third.total).toBeLessThanOrEqual(500);
    // The system text of the last request says what was left out.
    expect(requests.at(-1)?.messages[0]?.content).toContain(`${third.omittedMessages} earlier message`);

    // Expand the third turn's details: numbers as text and the bar's accessible description.
    const details = page.getByText(`Context: ${third.total} of 500 tokens`, { exact: false }).last();
    await userEvent.click(details);
    const bar = page.getByRole('img', { name: /^Context use: / }).last();
    await expect.element(bar).toHaveAttribute(
      'aria-label',
      `Context use: System: ${third.system} tokens, Tools: 0 tokens, Memories and knowledge: 0 tokens, Conversation: ${third.history} tokens, Free: ${500 - third.total} tokens`,
    );
    await expect.element(page.getByText(`${third.omittedMessages} earlier messages left out to fit.`)).toBeVisible();
  });
});

describe('BudgetView', () => {
  it('draws the parts to scale and warns when the prompt does not fit', async () => {
    mount(() => (
      <BudgetView budget={{ system: 100, tools: 300, context: 200, history: 400, total: 1000, limit: 800, omittedMessages: 0, truncatedResults: 2, overflow: true }} />
    ));
    await userEvent.click(page.getByText('Context: 1,000 of 800 tokens (125%)'));
    const bar = page.getByRole('img', { name: /^Context use: / }).element();
    // Over the limit, the bar's scale is the total: widths are shares of 1000.
    expect([...bar.children].map((segment) => (segment as HTMLElement).style.width)).toEqual(['10%', '30%', '20%', '40%']);
    await expect.element(page.getByText('2 tool results shortened to fit.')).toBeVisible();
    await expect.element(page.getByText(/This message needs about 1,000 tokens, more than the model reads here \(800\)/)).toBeVisible();
    await expect.element(page.getByText('Memories and knowledge', { exact: true })).toBeVisible();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { ToolCallItem } from '../../src/ui/chat/transcript';
import { ToolCallCard } from '../../src/ui/components/tool-call-card';
import { mount, unmountAll } from './support/mount';

afterEach(unmountAll);

const item = (change: Partial<ToolCallItem> = {}): ToolCallItem => ({
  kind: 'tool-call',
  id: 't1.0',
  step: 1,
  callId: 'call-1',
  name: 'calculator',
  arguments: { expression: '2 + 2 * 3' },
  status: 'done',
  result: '{"result":8}',
  durationMs: 12,
  ...change,
});

describe('ToolCallCard', () => {
  it('is an article named "Tool call: <tool name>" with status and duration', async () => {
    mount(() => <ToolCallCard item={item()} />);
    const card = page.getByRole('article', { name: 'Tool call: calculator', exact: true });
    await expect.element(card).toBeVisible();
    await expect.element(card.getByText('Done')).toBeVisible();
    await expect.element(card.getByText('12 ms')).toBeVisible();
  });

  it('expands and collapses its arguments and result with the Details button', async () => {
    mount(() => <ToolCallCard item={item()} />);
    const toggle = page.getByRole('button', { name: 'Details' });
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect.element(page.getByText('"expression": "2 + 2 * 3"')).not.toBeVisible();

    await userEvent.click(toggle);
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'true');
    const argumentsBlock = page.getByText('"expression": "2 + 2 * 3"');
    await expect.element(argumentsBlock).toBeVisible();
    expect(argumentsBlock.element().textContent).toBe('{\n  "expression": "2 + 2 * 3"\n}');
    await expect.element(page.getByText('"result": 8')).toBeVisible();

    toggle.element().focus();
    await userEvent.keyboard('{Enter}');
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'false');
  });

  it.each([
    ['running', 'Running'],
    ['awaiting-approval', 'Awaiting approval'],
    ['error', 'Error'],
    ['denied', 'Denied'],
    ['stopped', 'Stopped'],
  ] as const)('shows the %s status', async (status, label) => {
    mount(() => <ToolCallCard item={item({ status, result: undefined, durationMs: undefined })} />);
    const card = page.getByRole('article', { name: 'Tool call: calculator', exact: true });
    await expect.element(card.getByText(label, { exact: true })).toBeVisible();
    expect(card.element().getAttribute('data-status')).toBe(status);
  });

  it('shows hostile tool output as text, never as HTML', async () => {
    mount(() => <ToolCallCard item={item({ result: '<img src=x onerror="window.__card=1">' })} />);
    await userEvent.click(page.getByRole('button', { name: 'Details' }));
    const card = page.getByRole('article', { name: 'Tool call: calculator', exact: true });
    expect(card.element().querySelector('img')).toBeNull();
    await expect.element(card.getByText('<img src=x onerror="window.__card=1">')).toBeVisible();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { SlashCommand } from '../../../src/tools/mcp/prompts';
import { SlashCommandMenu } from '../../../src/ui/chat/slash-command-menu';
import { mount, unmountAll } from '../support/mount';

afterEach(unmountAll);

const commands: SlashCommand[] = [
  { serverId: 's', serverName: 'everything', prompt: 'simple-prompt', command: 'everything:simple-prompt', arguments: [] },
  {
    serverId: 's',
    serverName: 'everything',
    prompt: 'args-prompt',
    command: 'everything:args-prompt',
    description: 'Weather',
    arguments: [{ name: 'city', required: true }],
  },
];

describe('SlashCommandMenu', () => {
  it('lists prompts for "/", is usable by keyboard, and a prompt with arguments asks for them first', async () => {
    const inserted: string[] = [];
    const filled: Array<[string, Record<string, string>]> = [];
    mount(() => (
      <SlashCommandMenu
        draft="/every"
        commands={commands}
        fill={(command, args) => {
          filled.push([command.prompt, args]);
          return Promise.resolve(`filled ${command.prompt} ${args.city ?? ''}`.trim());
        }}
        onInsert={(text) => inserted.push(text)}
      />
    ));
    const listbox = page.getByRole('listbox', { name: 'Prompts' });
    await expect.element(listbox).toBeVisible();
    await expect.element(page.getByRole('option', { name: /everything:simple-prompt/ })).toHaveAttribute('aria-selected', 'true');
    (listbox.element() as HTMLElement).focus();
    await userEvent.keyboard('{ArrowDown}');
    await expect.element(page.getByRole('option', { name: /everything:args-prompt/ })).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{Enter}');
    const form = page.getByRole('form', { name: 'Prompt /everything:args-prompt' });
    await expect.element(form).toBeVisible();
    await userEvent.fill(form.getByRole('textbox', { name: /city/ }), 'Lyon');
    await userEvent.click(form.getByRole('button', { name: 'Insert prompt' }));
    await expect.poll(() => inserted).toEqual(['filled args-prompt Lyon']);
    expect(filled).toEqual([['args-prompt', { city: 'Lyon' }]]);
  });

  it('shows nothing when the draft is not a slash command', async () => {
    mount(() => <SlashCommandMenu draft="hello" commands={commands} fill={() => Promise.resolve('')} onInsert={() => undefined} />);
    await expect.element(page.getByRole('listbox')).not.toBeInTheDocument();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { SlashCommand } from '../../../src/tools/mcp/prompts';
import { SlashCommandMenu, type SlashMenuKeys } from '../../../src/ui/chat/slash-command-menu';
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
    let keys: SlashMenuKeys | undefined;
    const press = (key: string) => keys?.keyDown(new KeyboardEvent('keydown', { key, cancelable: true }));
    mount(() => (
      <SlashCommandMenu
        draft="/every"
        commands={commands}
        fill={(command, args) => {
          filled.push([command.prompt, args]);
          return Promise.resolve(`filled ${command.prompt} ${args.city ?? ''}`.trim());
        }}
        onInsert={(text) => inserted.push(text)}
        keys={(handle) => (keys = handle)}
      />
    ));
    const listbox = page.getByRole('listbox', { name: 'Prompts' });
    await expect.element(listbox).toBeVisible();
    await expect.element(page.getByRole('option', { name: /everything:simple-prompt/ })).toHaveAttribute('aria-selected', 'true');
    // The message box hands its keys over (it keeps focus); a key the menu does not use is left alone.
    expect(press('a')).toBe(false);
    expect(press('ArrowDown')).toBe(true);
    await expect.element(page.getByRole('option', { name: /everything:args-prompt/ })).toHaveAttribute('aria-selected', 'true');
    expect(keys?.activeId()).toBe(page.getByRole('option', { name: /everything:args-prompt/ }).element().id);
    press('Enter');
    const form = page.getByRole('form', { name: 'Prompt /everything:args-prompt' });
    await expect.element(form).toBeVisible();
    await userEvent.fill(form.getByRole('textbox', { name: 'city (required)' }), 'Lyon');
    await userEvent.click(form.getByRole('button', { name: 'Insert prompt' }));
    await expect.poll(() => inserted).toEqual(['filled args-prompt Lyon']);
    expect(filled).toEqual([['args-prompt', { city: 'Lyon' }]]);
  });

  it('shows nothing when the draft is not a slash command', async () => {
    mount(() => <SlashCommandMenu draft="hello" commands={commands} fill={() => Promise.resolve('')} onInsert={() => undefined} />);
    await expect.element(page.getByRole('listbox')).not.toBeInTheDocument();
  });
});

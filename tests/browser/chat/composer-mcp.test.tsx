/**
 * The composer's MCP pieces in Chromium: "/" at the start of the message box lists the connected
 * servers' prompts (arrow keys, Enter, Escape, focus staying in the box), a prompt with arguments
 * asks for them in a checked form, and its text fills the box; "Attach resource" opens a
 * keyboard-usable picker whose choice shows as a removable chip and is sent with the message.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { McpContentServices, ResourceAttachmentList } from '../../../src/app/tools/mcp-content';
import type { McpServerStatus } from '../../../src/app/tools/tool-library-services';
import type { AttachedResourceRef } from '../../../src/core/transcript';
import type { SlashCommand } from '../../../src/tools/mcp/prompts';
import type { AttachedResource } from '../../../src/tools/mcp/resources';
import { Composer } from '../../../src/ui/components/composer';
import { mount, unmountAll } from '../support/mount';

afterEach(unmountAll);

const server: McpServerStatus = {
  id: 's1',
  url: 'http://127.0.0.1:3001/mcp',
  name: 'everything',
  enabled: true,
  state: 'connected',
  tools: [],
  resources: [{ uri: 'demo://doc/readme', name: 'readme.md' }],
  prompts: [{ name: 'simple-prompt' }, { name: 'args-prompt' }],
  skipped: [],
  authHeaders: [],
};

const commands: SlashCommand[] = [
  { serverId: 's1', serverName: 'everything', prompt: 'simple-prompt', command: 'everything:simple-prompt', arguments: [] },
  {
    serverId: 's1',
    serverName: 'everything',
    prompt: 'args-prompt',
    command: 'everything:args-prompt',
    description: 'Weather',
    arguments: [
      { name: 'city', required: true },
      { name: 'state', required: false },
    ],
  },
];

/** The composer's attachments as the engine keeps them (in memory, without a server). */
function fakeAttachments(): ResourceAttachmentList {
  const items = new Map<string, AttachedResource>();
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  return {
    attach(serverId, uri, name) {
      const item: AttachedResource = { serverId, serverName: 'everything', uri, name: name ?? uri, text: `text of ${uri}` };
      items.set(uri, item);
      notify();
      return Promise.resolve(item);
    },
    detach(_serverId, uri) {
      items.delete(uri);
      notify();
      return Promise.resolve();
    },
    list: () => [...items.values()],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear() {
      items.clear();
      notify();
      return Promise.resolve();
    },
  };
}

function mountComposer() {
  const sent: Array<{ text: string; resources: AttachedResourceRef[] }> = [];
  const usePrompt = vi.fn((command: SlashCommand, args: Record<string, string>) =>
    Promise.resolve(command.prompt === 'args-prompt' ? `What's weather in ${args.city ?? ''}?` : 'This is a simple prompt.'),
  );
  const attachments = fakeAttachments();
  const content: McpContentServices = {
    resources: () =>
      Promise.resolve({
        resources: [{ uri: 'demo://doc/readme', name: 'readme.md', mimeType: 'text/markdown' }],
        templates: [{ uriTemplate: 'demo://dynamic/{id}', name: 'Dynamic', variables: ['id'] }],
      }),
    read: (_serverId, uri) => Promise.resolve(`text of ${uri}`),
    expand: (template, values) => Promise.resolve(template.replace('{id}', values.id ?? '')),
    attachments: () => Promise.resolve(attachments),
    slashCommands: () => Promise.resolve(commands),
    usePrompt,
  };
  mount(() => (
    <Composer
      running={false}
      configured
      onSend={(text, _images, resources) => sent.push({ text, resources })}
      onStop={() => undefined}
      onOpenSettings={() => undefined}
      mcp={{ servers: () => [server], subscribe: () => () => undefined, content }}
    />
  ));
  return { sent, usePrompt, attachments };
}

const messageBox = () => page.getByRole('textbox', { name: 'Message', exact: true });

describe('slash commands in the composer', () => {
  it('"/" opens the prompts, the arrows move while the box keeps focus, Enter on a prompt without arguments fills the box', async () => {
    const { usePrompt, sent } = mountComposer();
    await userEvent.click(messageBox());
    await userEvent.keyboard('/');
    const listbox = page.getByRole('listbox', { name: 'Prompts', exact: true });
    await expect.element(listbox).toBeVisible();
    const first = page.getByRole('option', { name: /everything:simple-prompt/ });
    await expect.element(first).toHaveAttribute('aria-selected', 'true');
    // The box announces the list and its active option (a combobox's popup).
    await expect.element(messageBox()).toHaveAttribute('aria-activedescendant', first.element().id);
    await userEvent.keyboard('{ArrowDown}');
    await expect.element(page.getByRole('option', { name: /everything:args-prompt/ })).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{ArrowUp}');
    await expect.element(first).toHaveAttribute('aria-selected', 'true');
    expect(document.activeElement).toBe(messageBox().element());
    await userEvent.keyboard('{Enter}');
    await expect.element(messageBox()).toHaveValue('This is a simple prompt.');
    expect(usePrompt).toHaveBeenCalledTimes(1);
    // Enter chose the prompt: nothing was sent.
    expect(sent).toEqual([]);
    await expect.element(listbox).not.toBeInTheDocument();
  });

  it('typing narrows the list; Escape closes it and Enter then sends as usual', async () => {
    const { sent } = mountComposer();
    await userEvent.click(messageBox());
    await userEvent.keyboard('/args');
    await expect.element(page.getByRole('option', { name: /everything:args-prompt/ })).toBeVisible();
    await expect.element(page.getByRole('option', { name: /simple-prompt/ })).not.toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    await expect.element(page.getByRole('listbox', { name: 'Prompts' })).not.toBeInTheDocument();
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(sent).toEqual([{ text: '/args', resources: [] }]));
  });

  it('a prompt with arguments asks for them: labels are their names, the required one is marked and checked', async () => {
    const { usePrompt } = mountComposer();
    await userEvent.click(messageBox());
    await userEvent.keyboard('/');
    await userEvent.keyboard('{ArrowDown}{Enter}');
    const form = page.getByRole('form', { name: 'Prompt /everything:args-prompt', exact: true });
    await expect.element(form).toBeVisible();
    const city = form.getByRole('textbox', { name: 'city (required)', exact: true });
    await expect.element(city).toHaveFocus();
    await expect.element(form.getByRole('textbox', { name: 'state', exact: true })).toBeVisible();
    // Sent empty: refused here, nothing asked of the server.
    await userEvent.click(form.getByRole('button', { name: 'Insert prompt', exact: true }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('Fill in city.');
    await expect.element(city).toHaveAttribute('aria-invalid', 'true');
    expect(usePrompt).not.toHaveBeenCalled();
    await userEvent.fill(city, 'Lyon');
    await userEvent.click(form.getByRole('button', { name: 'Insert prompt', exact: true }));
    await expect.element(messageBox()).toHaveValue("What's weather in Lyon?");
    expect(usePrompt).toHaveBeenCalledWith(expect.objectContaining({ prompt: 'args-prompt' }), { city: 'Lyon', state: '' });
    await expect.element(messageBox()).toHaveFocus();
  });

  it('Escape in the argument form closes it and gives the message box its focus back', async () => {
    mountComposer();
    await userEvent.click(messageBox());
    await userEvent.keyboard('/');
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await expect.element(page.getByRole('form', { name: 'Prompt /everything:args-prompt' })).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await expect.element(page.getByRole('form', { name: 'Prompt /everything:args-prompt' })).not.toBeInTheDocument();
    await expect.element(messageBox()).toHaveFocus();
  });
});

describe('attached resources in the composer', () => {
  it('"Attach resource" opens a keyboard picker; the choice is a chip that can be removed by name', async () => {
    const { sent } = mountComposer();
    const button = page.getByRole('button', { name: 'Attach resource', exact: true });
    await userEvent.click(button);
    const listbox = page.getByRole('listbox', { name: 'Resources to attach', exact: true });
    await expect.element(listbox).toHaveFocus();
    await expect.element(page.getByRole('option', { name: /readme\.md/ })).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{Enter}');
    const chips = page.getByRole('list', { name: 'Attached resources', exact: true });
    await expect.element(chips).toHaveTextContent('readme.md (from everything)');
    // The picker closed, focus back on its button.
    await expect.element(listbox).not.toBeInTheDocument();
    await expect.element(button).toHaveFocus();

    await userEvent.click(page.getByRole('button', { name: 'Remove readme.md', exact: true }));
    await expect.element(chips).not.toBeInTheDocument();
    await userEvent.fill(messageBox(), 'nothing attached');
    await userEvent.click(page.getByRole('button', { name: 'Send', exact: true }));
    await vi.waitFor(() => expect(sent).toEqual([{ text: 'nothing attached', resources: [] }]));
  });

  it('Escape closes the picker and gives its button the focus back; Escape in a template form goes back to the list', async () => {
    mountComposer();
    const button = page.getByRole('button', { name: 'Attach resource', exact: true });
    await userEvent.click(button);
    const listbox = page.getByRole('listbox', { name: 'Resources to attach', exact: true });
    await expect.element(listbox).toHaveFocus();
    await expect.element(button).toHaveAttribute('aria-expanded', 'true');
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await expect.element(page.getByRole('form', { name: 'Resource template Dynamic' })).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await expect.element(listbox).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect.element(listbox).not.toBeInTheDocument();
    await expect.element(button).toHaveFocus();
    await expect.element(button).toHaveAttribute('aria-expanded', 'false');
  });

  it('a template asks for its variables; the attached resource goes with the message and the composer is emptied', async () => {
    const { sent, attachments } = mountComposer();
    await userEvent.click(page.getByRole('button', { name: 'Attach resource', exact: true }));
    await expect.element(page.getByRole('listbox', { name: 'Resources to attach' })).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    await expect.element(page.getByRole('option', { name: /Dynamic \(template\)/ })).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{Enter}');
    const form = page.getByRole('form', { name: 'Resource template Dynamic', exact: true });
    const id = form.getByRole('textbox', { name: 'id', exact: true });
    await expect.element(id).toHaveFocus();
    await userEvent.click(form.getByRole('button', { name: 'Attach', exact: true }));
    await expect.element(form.getByRole('alert')).toHaveTextContent('Fill in id.');
    await userEvent.fill(id, '7');
    await userEvent.click(form.getByRole('button', { name: 'Attach', exact: true }));
    await expect.element(page.getByRole('list', { name: 'Attached resources' })).toHaveTextContent('Dynamic 7 (from everything)');

    // A resource alone is worth sending.
    await userEvent.click(page.getByRole('button', { name: 'Send', exact: true }));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ text: '', resources: [{ serverId: 's1', serverName: 'everything', uri: 'demo://dynamic/7', name: 'Dynamic 7' }] });
    await expect.element(page.getByRole('list', { name: 'Attached resources' })).not.toBeInTheDocument();
    expect(attachments.list()).toEqual([]);
  });
});

/** A server's resources browser on the Tools page, in Chromium: listed when opened, read, templates filled in by their form. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { McpServerStatus } from '../../../src/app/tools/tool-library-services';
import { ServerResources } from '../../../src/ui/tools/server-resources';
import { mount, unmountAll } from '../support/mount';

afterEach(unmountAll);

const server: McpServerStatus = {
  id: 's1',
  url: 'http://127.0.0.1:3001/mcp',
  name: 'everything',
  enabled: true,
  state: 'connected',
  tools: [],
  resources: [],
  prompts: [],
  skipped: [],
  authHeaders: [],
};

describe('ServerResources', () => {
  it('lists resources and templates when opened, reads one, and reads a filled template', async () => {
    const resources = vi.fn(() =>
      Promise.resolve({
        resources: [{ uri: 'demo://doc/readme', name: 'readme.md', mimeType: 'text/markdown' }],
        templates: [{ uriTemplate: 'demo://dynamic/{id}', name: 'Dynamic', variables: ['id'] }],
      }),
    );
    const read = vi.fn((_serverId: string, uri: string) => Promise.resolve(`text of ${uri}`));
    mount(() => (
      <ServerResources server={server} content={{ resources, read, expand: (template, values) => Promise.resolve(template.replace('{id}', values.id ?? '')) }} />
    ));
    // Nothing is asked of the server until the disclosure opens.
    expect(resources).not.toHaveBeenCalled();
    await userEvent.click(page.getByText('Resources of everything', { exact: true }));
    await expect.element(page.getByText('demo://doc/readme', { exact: true })).toBeVisible();
    await expect.element(page.getByText('· text/markdown')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Read readme.md', exact: true }));
    await expect.element(page.getByLabelText('Content of readme.md', { exact: true })).toHaveTextContent('text of demo://doc/readme');

    const form = page.getByRole('form', { name: 'Resource template Dynamic', exact: true });
    await expect.element(form).toHaveTextContent('demo://dynamic/{id}');
    await userEvent.click(form.getByRole('button', { name: 'Read', exact: true }));
    await expect.element(form.getByRole('alert')).toHaveTextContent('Fill in id.');
    await userEvent.fill(form.getByRole('textbox', { name: 'id', exact: true }), '42');
    await userEvent.click(form.getByRole('button', { name: 'Read', exact: true }));
    await expect.element(page.getByLabelText('Content of Dynamic', { exact: true })).toHaveTextContent('text of demo://dynamic/42');
    expect(read).toHaveBeenLastCalledWith('s1', 'demo://dynamic/42');
    expect(resources).toHaveBeenCalledTimes(1);
  });
});

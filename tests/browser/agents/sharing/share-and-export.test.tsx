/**
 * Export and share in Chromium: "Export <name>" saves `<name>.agent.json` that imports back
 * equal; "Copy share link for <name>" copies a link whose fragment opens the share dialog, which
 * shows the agent and adds it only on confirmation.
 */
import { createSignal } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { CopyShareLinkButton } from '../../../../src/ui/agents/sharing/copy-share-link-button';
import { ExportAgentButton } from '../../../../src/ui/agents/sharing/export-agent-button';
import { SharedAgentDialog } from '../../../../src/ui/agents/sharing/shared-agent-dialog';
import { FakeAgentService, sampleAgent } from '../../../support/fake-agents-ashare';
import { mount, unmountAll } from '../../support/mount';
import { useTestDatabase } from './test-db';

const openDb = useTestDatabase('tabagent-agent-share-test');

const agent = sampleAgent({
  id: 'mine',
  name: 'Trip planner',
  description: 'Plans trips on a budget.',
  instructions: 'Ask for dates first.',
  starterPrompts: ['Plan a weekend in Lisbon'],
  tools: [
    { kind: 'tool', name: 'current_time' },
    { kind: 'mcp-server', serverId: 'maps' },
  ],
});

async function saveMapsServer(): Promise<void> {
  await (await openDb()).put('mcpServers', { id: 'maps', url: 'https://maps.example.com/mcp', name: 'maps', enabled: true, headerSecrets: { Authorization: 'secret-maps' }, createdAt: 1, updatedAt: 1 });
}

describe('ExportAgentButton', () => {
  it('saves <name>.agent.json with the agent and its MCP server, without secrets', async () => {
    await saveMapsServer();
    const saved: Array<{ text: string; name: string }> = [];
    mount(() => <ExportAgentButton agent={agent} openDatabase={openDb} save={(text, name) => saved.push({ text, name })} />);
    await page.getByRole('button', { name: 'Export Trip planner' }).click();
    await expect.poll(() => saved.length).toBe(1);
    expect(saved[0]?.name).toBe('Trip planner.agent.json');
    const file = JSON.parse(saved[0]!.text) as { agent: { name: string }; mcpServers: unknown[] };
    expect(file.agent.name).toBe('Trip planner');
    expect(file.mcpServers).toEqual([{ ref: 'maps', name: 'maps', url: 'https://maps.example.com/mcp', headers: ['Authorization'] }]);
    expect(saved[0]?.text).not.toContain('secret-maps');
  });
});

describe('share links', () => {
  it('copy a link that opens a preview and adds the agent only on confirmation', async () => {
    const copied: string[] = [];
    mount(() => <CopyShareLinkButton agent={agent} base="http://localhost/app/" copy={async (text) => void copied.push(text)} />);
    await page.getByRole('button', { name: 'Copy share link for Trip planner' }).click();
    await expect.element(page.getByRole('status')).toHaveTextContent('Share link copied.');
    expect(copied[0]).toMatch(/^http:\/\/localhost\/app\/#\/agents\/import\?a=[A-Za-z0-9_-]+$/);
    unmountAll();

    const agents = new FakeAgentService();
    const [hash] = createSignal(copied[0]!.slice(copied[0]!.indexOf('#')));
    let closed = 0;
    mount(() => <SharedAgentDialog agents={agents} openDatabase={openDb} hash={hash} onClose={() => closed++} />);
    const dialog = page.getByRole('dialog', { name: 'Add a shared agent?' });
    await expect.element(dialog).toBeVisible();
    await expect.element(dialog.getByRole('heading', { name: 'Trip planner' })).toBeVisible();
    await expect.element(dialog.getByText('Plans trips on a budget.')).toBeVisible();
    await expect.element(dialog.getByText('Ask for dates first.')).toBeVisible();
    await expect.element(dialog.getByText('current_time')).toBeVisible();
    // Without its server list (no database given to the button), the MCP server cannot be placed: it is named as left out.
    await expect.element(dialog.getByText(/MCP server maps has no counterpart here/)).toBeVisible();
    expect(agents.agents.size).toBe(0);

    await dialog.getByRole('button', { name: 'Add agent', exact: true }).click();
    await expect.poll(() => closed).toBe(1);
    const [added] = await agents.list();
    expect(added).toMatchObject({ name: 'Trip planner', instructions: 'Ask for dates first.', starterPrompts: ['Plan a weekend in Lisbon'], tools: [{ kind: 'tool', name: 'current_time' }] });
    expect(added?.id).not.toBe('mine');
  });

  it('list the MCP server a shared agent would add, unticked, and cancelling adds nothing', async () => {
    await saveMapsServer();
    const copied: string[] = [];
    mount(() => <CopyShareLinkButton agent={agent} base="http://localhost/" openDatabase={openDb} copy={async (text) => void copied.push(text)} />);
    await page.getByRole('button', { name: 'Copy share link for Trip planner' }).click();
    await expect.poll(() => copied.length).toBe(1);
    unmountAll();
    // Another browser: no saved servers.
    await (await openDb()).clear('mcpServers');

    const agents = new FakeAgentService();
    const [hash] = createSignal(copied[0]!.slice(copied[0]!.indexOf('#')));
    let closed = 0;
    mount(() => <SharedAgentDialog agents={agents} openDatabase={openDb} hash={hash} onClose={() => closed++} />);
    const dialog = page.getByRole('dialog', { name: 'Add a shared agent?' });
    await expect.element(dialog.getByRole('checkbox', { name: 'Add MCP server maps (https://maps.example.com/mcp)' })).not.toBeChecked();
    await expect.element(dialog.getByText(/maps needs Authorization/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => closed).toBe(1);
    expect(agents.agents.size).toBe(0);
    expect(await (await openDb()).getAll('mcpServers')).toEqual([]);
  });

  it('open from the page address and put it back to the Agents page when done', async () => {
    const copied: string[] = [];
    mount(() => <CopyShareLinkButton agent={agent} copy={async (text) => void copied.push(text)} />);
    await page.getByRole('button', { name: 'Copy share link for Trip planner' }).click();
    await expect.poll(() => copied.length).toBe(1);
    expect(copied[0]!.startsWith(`${location.origin}${location.pathname}${location.search}#/agents/import?a=`)).toBe(true);
    unmountAll();

    const before = location.href;
    history.replaceState(null, '', copied[0]);
    try {
      const agents = new FakeAgentService();
      mount(() => <SharedAgentDialog agents={agents} openDatabase={openDb} />);
      const dialog = page.getByRole('dialog', { name: 'Add a shared agent?' });
      await dialog.getByRole('button', { name: 'Add agent', exact: true }).click();
      await expect.poll(() => location.hash).toBe('#/agents');
      expect((await agents.list()).map((added) => added.name)).toEqual(['Trip planner']);
      await expect.element(dialog).not.toBeInTheDocument();
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('say when a link is damaged, and add nothing', async () => {
    const agents = new FakeAgentService();
    const [hash] = createSignal('#/agents/import?a=AAAA');
    mount(() => <SharedAgentDialog agents={agents} openDatabase={openDb} hash={hash} onClose={() => undefined} />);
    await expect.element(page.getByRole('alert')).toHaveTextContent(/share link is damaged/);
    expect(agents.agents.size).toBe(0);
  });
});

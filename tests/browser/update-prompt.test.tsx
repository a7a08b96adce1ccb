import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { App } from '../../src/ui/app';
import { createAppUpdates } from '../../src/app/updates';
import { fakeServices } from './support/fake-services';
import { mount, unmountAll } from './support/mount';
import { streamingRun } from './support/scripted-run';

const DB_NAME = 'tabagent-update-prompt-test';
const exact = { exact: true } as const;

afterEach(async () => {
  unmountAll();
  await deleteDB(DB_NAME);
});

function mountWithUpdates() {
  const updates = createAppUpdates();
  const activations: number[] = [];
  updates.connect(async () => {
    activations.push(activations.length + 1);
  });
  mount(() => <App services={fakeServices(streamingRun(() => ['x']).run, { updates })} databaseName={DB_NAME} />);
  return { updates, activations };
}

describe('new version prompt', () => {
  it('says nothing until a new version is waiting, then alerts with Reload, which activates it', async () => {
    const { updates, activations } = mountWithUpdates();
    await expect.element(page.getByRole('button', { name: 'Settings', ...exact })).toBeVisible();
    expect(page.getByRole('alert').elements()).toHaveLength(0);
    updates.markNeedRefresh();
    const alert = page.getByRole('alert');
    await expect.element(alert).toHaveTextContent('A new version of Tabagent is available.');
    await userEvent.click(alert.getByRole('button', { name: 'Reload', ...exact }));
    expect(activations).toEqual([1]);
  });

  it('Later hides the prompt and activates nothing', async () => {
    const { updates, activations } = mountWithUpdates();
    updates.markNeedRefresh();
    await userEvent.click(page.getByRole('alert').getByRole('button', { name: 'Later', ...exact }));
    await expect.element(page.getByRole('alert')).not.toBeInTheDocument();
    expect(activations).toEqual([]);
  });
});

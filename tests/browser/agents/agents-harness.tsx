/** The app on the Agents page with an in-memory agent service, for the agents' Chromium tests. */
import { deleteDB } from 'idb';
import { page } from 'vitest/browser';
import type { AgentService } from '../../../src/app/agents/agent-service';
import type { AppServices } from '../../../src/app/services';
import { App } from '../../../src/ui/app';
import { fakeServices } from '../support/fake-services';
import { mount, unmountAll } from '../support/mount';
import { streamingRun } from '../support/scripted-run';

export const DB_NAME = 'tabagent-agents-page-test';
export const exact = { exact: true } as const;

/** Mounts the app at `hash` (e.g. `#/agents`) with `agents` and any other services changed. */
export function mountAgentsApp(hash: string, agents: AgentService, change: Partial<AppServices> = {}): void {
  location.hash = hash;
  mount(() => <App services={fakeServices(streamingRun(() => ['x']).run, { agents, ...change })} databaseName={DB_NAME} />);
}

/** Unmounts the app, clears the hash and the test database (afterEach). */
export async function cleanUp(): Promise<void> {
  unmountAll();
  history.replaceState(null, '', location.pathname + location.search);
  await deleteDB(DB_NAME);
}

/** The agent's card on the list. */
export const card = (name: string) => page.getByRole('article', { name, exact: true });

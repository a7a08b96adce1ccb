/**
 * Issue 16 item 6 through the real composition root in Chromium: after a reload, a run prepared
 * while a saved MCP server is still reconnecting reports the wait ('waiting', then how it ended),
 * so the turn can say so; with nothing to wait for it reports nothing.
 */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerWaitReport } from '../../../src/app/chat/run-turn';
import { createRealServices } from '../../../src/app/composition-root';
import { createAppNetwork } from '../../../src/net/app-network';
import { defaultSettings, openTabagentDb, type Settings, type TabagentDb } from '../../../src/store';

const DB_NAME = 'tabagent-server-wait-test';
const opened: TabagentDb[] = [];
const openDatabase = async (): Promise<TabagentDb> => {
  if (!opened[0]) opened.push(await openTabagentDb({ name: DB_NAME }));
  return opened[0]!;
};

afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  await deleteDB(DB_NAME);
});

function configured(): Settings {
  const settings = defaultSettings();
  settings.engine = { ...settings.engine, baseUrl: 'http://127.0.0.1:9/v1', model: 'scripted', toolMode: 'native' };
  return settings;
}

/** The door's fetch: MCP requests hang until `release()`, then fail (the server is gone). */
function heldFetch(): { fetch: typeof fetch; release: () => void } {
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    fetch: async () => {
      await released;
      return new Response('gone', { status: 503 });
    },
    release,
  };
}

describe('a run prepared while saved MCP servers reconnect', () => {
  it('reports "waiting" while the reconnect lasts, then "settled", and the run goes on', async () => {
    const db = await openDatabase();
    await db.put('mcpServers', { id: 's1', url: 'http://127.0.0.1:9/mcp', name: 'slow', enabled: true, headerSecrets: {}, createdAt: 1, updatedAt: 1 });
    const held = heldFetch();
    const network = createAppNetwork({ appOrigin: location.origin, fetch: held.fetch });
    const services = createRealServices({ openDatabase, network });
    // The tool machinery is a dynamic import, compiled on demand by the test's dev server (seconds on
    // a busy machine): loaded first, so the poll below times the reconnect wait, not the compiler.
    await services.preloadTools();
    const settings = configured();
    services.useSettings?.(settings);
    void services.toolLibrary?.start(openDatabase);

    const reports: ServerWaitReport[] = [];
    const preparing = Promise.resolve(
      services.prepareRun(settings, { openDatabase, conversationId: undefined, knowledgeBaseIds: [], onServerWait: (report) => reports.push(report) }),
    );
    await expect.poll(() => reports).toEqual(['waiting']);
    held.release();
    const setup = await preparing;
    expect(reports).toEqual(['waiting', 'settled']);
    expect(setup.engine).toBeDefined();
  });

  it('reports nothing when no server is saved', async () => {
    const services = createRealServices({ openDatabase });
    const settings = configured();
    services.useSettings?.(settings);
    await services.toolLibrary?.start(openDatabase);
    const reports: ServerWaitReport[] = [];
    await services.prepareRun(settings, { openDatabase, conversationId: undefined, knowledgeBaseIds: [], onServerWait: (report) => reports.push(report) });
    expect(reports).toEqual([]);
  });
});

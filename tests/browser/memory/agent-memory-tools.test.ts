/**
 * An agent's memory mode reaches the memory tools (issue 13): through the real composition root
 * and store in Chromium, an 'own' agent's `remember` tags the memory with its id, so only that
 * agent recalls it; another 'own' agent and a 'shared' agent do not see it, and what a 'shared'
 * agent remembers stays shared (untagged).
 */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgentService } from '../../../src/app/agents/agent-service-impl';
import { createRealServices } from '../../../src/app/composition-root';
import type { AgentDefinition, AgentMemoryMode } from '../../../src/core/agent-definition';
import type { ToolRunner } from '../../../src/core/tool-runner';
import { defaultSettings, openTabagentDb, type Settings, type TabagentDb } from '../../../src/store';

const DB_NAME = 'tabagent-agent-memory-tools-test';
const opened: TabagentDb[] = [];
const openDatabase = async (): Promise<TabagentDb> => {
  if (!opened[0]) opened.push(await openTabagentDb({ name: DB_NAME }));
  return opened[0]!;
};

afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  await deleteDB(DB_NAME);
});

const MEMORY_TOOLS = ['remember', 'recall', 'forget'].map((name) => ({ kind: 'tool' as const, name }));

async function saveAgent(name: string, memory: AgentMemoryMode): Promise<AgentDefinition> {
  const agents = createAgentService({ openDatabase });
  return agents.save({ ...agents.draft(), name, memory, tools: MEMORY_TOOLS });
}

function configured(): Settings {
  const settings = defaultSettings();
  settings.engine = { ...settings.engine, baseUrl: 'http://127.0.0.1:9/v1', model: 'scripted', toolMode: 'native' };
  return settings;
}

async function toolsOf(agent: AgentDefinition): Promise<ToolRunner> {
  const services = createRealServices({ openDatabase });
  const setup = await services.prepareRun(configured(), { openDatabase, conversationId: undefined, knowledgeBaseIds: [], agent });
  return setup.tools;
}

let calls = 0;
async function call(tools: ToolRunner, name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = await tools.execute({ id: `call-${++calls}`, name, arguments: args }, { approve: () => Promise.resolve('allow') });
  expect(result.isError, result.content).toBeFalsy();
  return JSON.parse(result.content) as Record<string, unknown>;
}

async function recalled(tools: ToolRunner, query: string): Promise<string[]> {
  const { memories } = (await call(tools, 'recall', { query })) as { memories: Array<{ text: string }> };
  return memories.map((memory) => memory.text);
}

describe("an agent's memory tools", () => {
  it("keep an 'own' agent's memories to that agent, apart from other agents and the shared memories", async () => {
    const keeper = await saveAgent('Keeper', 'own');
    const other = await saveAgent('Other', 'own');
    const sharer = await saveAgent('Sharer', 'shared');
    const keeperTools = await toolsOf(keeper);
    expect(keeperTools.definitions().map((tool) => tool.name).sort()).toEqual(['forget', 'recall', 'remember']);

    await call(keeperTools, 'remember', { text: 'The vault code is 7341.' });
    const stored = await (await openDatabase()).getAll('memories');
    expect(stored.map((memory) => [memory.text, memory.agentId])).toEqual([['The vault code is 7341.', keeper.id]]);

    expect(await recalled(await toolsOf(other), 'vault code')).toEqual([]);
    expect(await recalled(await toolsOf(sharer), 'vault code')).toEqual([]);
    expect(await recalled(keeperTools, 'vault code')).toEqual(['The vault code is 7341.']);

    // Another agent cannot delete it by id either.
    const id = stored[0]!.id;
    const refused = await (await toolsOf(other)).execute({ id: 'call-x', name: 'forget', arguments: { id } }, { approve: () => Promise.resolve('allow') });
    expect(refused.isError).toBe(true);
    expect(await (await openDatabase()).get('memories', id)).toBeDefined();
  });

  it("write shared (untagged) memories for a 'shared' agent, which an 'own' agent does not see", async () => {
    const sharer = await saveAgent('Sharer', 'shared');
    const keeper = await saveAgent('Keeper', 'own');
    await call(await toolsOf(sharer), 'remember', { text: 'The user likes green tea.' });
    const [memory] = await (await openDatabase()).getAll('memories');
    expect(memory?.agentId).toBeUndefined();
    expect(await recalled(await toolsOf(await saveAgent('Another sharer', 'shared')), 'green tea')).toEqual(['The user likes green tea.']);
    expect(await recalled(await toolsOf(keeper), 'green tea')).toEqual([]);

    // The same fact remembered by the 'own' agent is its own memory, not the shared one.
    await call(await toolsOf(keeper), 'remember', { text: 'The user likes green tea.' });
    expect((await (await openDatabase()).getAll('memories')).map((stored) => stored.agentId ?? 'shared').sort()).toEqual([keeper.id, 'shared'].sort());
  });
});

/**
 * The person's agents in IndexedDB (the `agents` store, migration 5). Built-in agents are code
 * constants (src/app/agents/built-in-agents.ts) and never reach this store; the rules about them
 * live in the agent service, not here.
 */
import type { AgentRecord } from './records';
import type { TabagentDb } from './schema';
import { toStorageError } from './storage-error';
import { writeTransaction } from './write-transaction';

/** The id of the default agent "Tabagent", which migration 5 gives every earlier conversation. */
export const DEFAULT_AGENT_ID = 'tabagent';

/** Every stored agent, most recently changed first. Throws TabagentError('storage'). */
export async function listAgentRecords(db: TabagentDb): Promise<AgentRecord[]> {
  try {
    const ascending = await db.getAllFromIndex('agents', 'by-updated');
    return ascending.reverse();
  } catch (error) {
    throw toStorageError(error, 'list your agents');
  }
}

/** One stored agent, or undefined. Throws TabagentError('storage'). */
export async function getAgentRecord(db: TabagentDb, id: string): Promise<AgentRecord | undefined> {
  try {
    return await db.get('agents', id);
  } catch (error) {
    throw toStorageError(error, 'load the agent');
  }
}

/** Creates or replaces one agent (one transaction). Throws TabagentError('storage'), reason 'quota' when full. */
export async function putAgentRecord(db: TabagentDb, agent: AgentRecord): Promise<void> {
  await writeTransaction(db, ['agents'], () => `save the agent "${agent.name}"`, async (tx) => {
    await tx.objectStore('agents').put(agent);
  });
}

/**
 * Adds `agent` unless an agent with its id is stored already; the read and the write share one
 * transaction, so two tabs opening at once add it once. Returns the stored agent (the one found,
 * or `agent`).
 */
export async function addAgentRecordIfAbsent(db: TabagentDb, agent: AgentRecord): Promise<AgentRecord> {
  return writeTransaction(db, ['agents'], () => `save the agent "${agent.name}"`, async (tx) => {
    const store = tx.objectStore('agents');
    const existing = await store.get(agent.id);
    if (existing) return existing;
    await store.add(agent);
    return agent;
  });
}

/** Deletes one agent; its conversations are left as they are (they stay readable). */
export async function deleteAgentRecord(db: TabagentDb, id: string): Promise<void> {
  await writeTransaction(db, ['agents'], () => 'delete the agent', async (tx) => {
    await tx.objectStore('agents').delete(id);
  });
}

/**
 * The agent service (agent-service.ts) over IndexedDB: the built-in agents (code constants,
 * read-only) first, then the person's, most recently changed first. The default agent "Tabagent"
 * is written on first use (default-agent.ts).
 */
import { agentDefaults, AGENT_DEFINITION_VERSION, type AgentDefinition } from '../../core/agent-definition';
import { TabagentError } from '../../core/errors';
import type { TabagentDb } from '../../store';
import { deleteAgentRecord, getAgentRecord, listAgentRecords, putAgentRecord } from '../../store/agent-repository';
import type { AgentService } from './agent-service';
import type { InterfaceLanguage } from '../interface-language';
import { builtInAgents } from './built-in-agents';
import { DEFAULT_AGENT_ID, ensureDefaultAgent } from './default-agent';

export interface AgentServiceOptions {
  openDatabase: () => Promise<TabagentDb>;
  /** Default: the built-in agents of built-in-agents.ts, in `language`. */
  builtIns?: () => AgentDefinition[];
  /** The interface language the built-in agents are listed and duplicated in (asked each time; default English). */
  language?: () => InterfaceLanguage;
  now?: () => number;
  createId?: () => string;
}

function readOnly(agent: AgentDefinition, what: string): TabagentError {
  return new TabagentError(
    'config',
    `“${agent.name}” is a built-in agent and cannot be ${what}. Duplicate it to make a copy you can change.`,
    { data: { reason: 'built-in', agentId: agent.id } },
  );
}

/** Creates the app's agent service. */
export function createAgentService(options: AgentServiceOptions): AgentService {
  const language = options.language ?? ((): InterfaceLanguage => 'en');
  const builtIns = options.builtIns ?? (() => builtInAgents(language()));
  const now = options.now ?? Date.now;
  const createId = options.createId ?? (() => crypto.randomUUID());
  // Once per connection: a new connection (after an upgrade in another tab) checks again.
  let ensured: { db: TabagentDb; done: Promise<unknown> } | undefined;
  const database = async (): Promise<TabagentDb> => {
    const db = await options.openDatabase();
    if (ensured?.db !== db) {
      const done = ensureDefaultAgent(db, now());
      ensured = { db, done };
      // A failure is tried again on the next call, and reported to this one.
      done.catch(() => {
        if (ensured?.done === done) ensured = undefined;
      });
    }
    await ensured.done;
    return db;
  };
  const builtIn = (id: string): AgentDefinition | undefined => builtIns().find((agent) => agent.id === id);

  const service: AgentService = {
    async list() {
      const db = await database();
      return [...builtIns(), ...(await listAgentRecords(db))];
    },
    async get(id) {
      return builtIn(id) ?? getAgentRecord(await database(), id);
    },
    async save(agent) {
      const shipped = builtIn(agent.id);
      if (shipped || agent.builtIn === true) throw readOnly(shipped ?? agent, 'changed');
      const db = await database();
      const existing = await getAgentRecord(db, agent.id);
      const saved: AgentDefinition = structuredClone({ ...agent, version: AGENT_DEFINITION_VERSION, createdAt: existing?.createdAt ?? agent.createdAt, updatedAt: now() });
      await putAgentRecord(db, saved);
      return saved;
    },
    async duplicate(id) {
      const source = await service.get(id);
      if (!source) throw new TabagentError('config', 'This agent no longer exists (perhaps it was deleted in another tab), so it cannot be duplicated.');
      const time = now();
      const { builtIn: _builtIn, ...fields } = structuredClone(source);
      return service.save({ ...fields, id: createId(), name: `Copy of ${source.name}`, createdAt: time, updatedAt: time });
    },
    async remove(id) {
      const shipped = builtIn(id);
      if (shipped) throw readOnly(shipped, 'deleted');
      if (id === DEFAULT_AGENT_ID) {
        throw new TabagentError('config', 'Tabagent is the default agent and cannot be deleted. Edit it instead, or choose another agent for new conversations.', {
          data: { reason: 'default-agent', agentId: id },
        });
      }
      await deleteAgentRecord(await database(), id);
    },
    async defaultAgentId() {
      await database();
      return DEFAULT_AGENT_ID;
    },
    draft() {
      const time = now();
      return {
        ...agentDefaults(),
        id: createId(),
        name: 'New agent',
        avatar: { kind: 'emoji', emoji: '🙂' },
        createdAt: time,
        updatedAt: time,
      };
    },
  };
  return service;
}

import { createSignal } from 'solid-js';
import type { AgentService } from '../../app/agents/agent-service';
import type { MemoryRecord } from '../../store';
import { t } from './messages';

/** Which memories the list shows: every one, the shared ones, or one agent's own. */
export type OwnerFilter = { kind: 'all' } | { kind: 'shared' } | { kind: 'agent'; agentId: string };

/** One choice of the "Agent" filter: its value in the select and its label. */
export interface OwnerOption {
  value: string;
  label: string;
}

/** The Memory page's view of who owns a memory: an agent (its own memory) or nobody (shared). */
export interface MemoryOwners {
  /** The owner's name as shown on a memory: the agent's, "Shared", or "Deleted agent". */
  nameOf(memory: Pick<MemoryRecord, 'agentId'>): string;
  /** The filter's choices: all, shared, then each agent that has an agent list entry or owns one of `memories`. */
  options(memories: readonly MemoryRecord[]): OwnerOption[];
  /** Whether `memory` passes `filter`. */
  matches(memory: Pick<MemoryRecord, 'agentId'>, filter: OwnerFilter): boolean;
  /** Reads the agents' names (on start; agents change rarely while this page is open). */
  refresh(): Promise<void>;
}

/** The select's value of a filter, and back. */
export function filterValue(filter: OwnerFilter): string {
  return filter.kind === 'agent' ? `agent:${filter.agentId}` : filter.kind;
}
export function filterOf(value: string): OwnerFilter {
  if (value.startsWith('agent:')) return { kind: 'agent', agentId: value.slice('agent:'.length) };
  return value === 'shared' ? { kind: 'shared' } : { kind: 'all' };
}

/**
 * Memory owners over the agent service (per-agent memory: `MemoryRecord.agentId` set means that
 * agent's own memory, absent means shared by all agents). An owner the service no longer lists is a
 * deleted agent; without an agent service (nothing to ask) the raw id is shown.
 */
export function createMemoryOwners(agents: AgentService | undefined): MemoryOwners {
  const [names, setNames] = createSignal<ReadonlyMap<string, string>>(new Map());
  const nameOf = (memory: Pick<MemoryRecord, 'agentId'>): string => {
    if (memory.agentId === undefined) return t('shared');
    return names().get(memory.agentId) ?? (agents ? t('deletedAgent') : memory.agentId);
  };
  return {
    nameOf,
    options(memories) {
      const ids = new Set([...names().keys()]);
      for (const memory of memories) if (memory.agentId !== undefined) ids.add(memory.agentId);
      return [
        { value: 'all', label: t('allAgents') },
        { value: 'shared', label: t('shared') },
        ...[...ids].map((agentId) => ({ value: filterValue({ kind: 'agent', agentId }), label: nameOf({ agentId }) })),
      ];
    },
    matches(memory, filter) {
      if (filter.kind === 'all') return true;
      if (filter.kind === 'shared') return memory.agentId === undefined;
      return memory.agentId === filter.agentId;
    },
    async refresh() {
      if (!agents) return;
      const listed = await agents.list();
      setNames(new Map(listed.map((agent) => [agent.id, agent.name])));
    },
  };
}

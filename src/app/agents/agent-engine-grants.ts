/**
 * Strict network mode lets requests reach only granted origins. An agent's own server engine is an
 * address the person typed in the agent editor, or ticked when importing the agent, as they type
 * the Settings engine's: its origin is granted while the agent exists, as the Settings engine's is.
 * The door asks for grants synchronously, so the origins are kept in a list that is read again
 * after every change made through this service (and once at start).
 */
import type { AgentDefinition } from '../../core/agent-definition';
import type { Grant } from '../../net/policy';
import { isPrivateOrigin } from '../../tools/private-address';
import type { AgentService } from './agent-service';

/** The grants for the agents' own server engines (one per origin). */
export function engineGrantsOf(agents: readonly AgentDefinition[]): Grant[] {
  const grants = new Map<string, Grant>();
  for (const agent of agents) {
    if (agent.engine.kind !== 'server') continue;
    let origin: string;
    try {
      origin = new URL(agent.engine.baseUrl).origin;
    } catch {
      continue;
    }
    if (origin === 'null' || grants.has(origin)) continue;
    grants.set(origin, { origin, holder: `agent:${agent.name}`, ...(isPrivateOrigin(origin) ? { privateNetwork: true } : {}) });
  }
  return [...grants.values()];
}

/** `service` whose changes keep `grants()` current. */
export function withEngineGrants(service: AgentService): { agents: AgentService; grants: () => Grant[] } {
  let current: Grant[] = [];
  const refresh = async (): Promise<void> => {
    current = engineGrantsOf(await service.list());
  };
  const after = async <T>(work: Promise<T>): Promise<T> => {
    const value = await work;
    await refresh().catch(() => undefined);
    return value;
  };
  void refresh().catch(() => undefined);
  return {
    grants: () => current,
    agents: {
      ...service,
      save: (agent) => after(service.save(agent)),
      duplicate: (id) => after(service.duplicate(id)),
      remove: (id) => after(service.remove(id)),
    },
  };
}

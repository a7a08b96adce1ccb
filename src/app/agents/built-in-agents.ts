/**
 * The built-in agents: read-only code constants shipped with the app, never stored (so an update
 * can improve them). Today the six demos; other built-ins (the agent builder) join this list.
 */
import type { AgentDefinition } from '../../core/agent-definition';
import { demoAgents } from '../demos/demo-agents';

/** Every built-in agent, in the order the Agents page lists them (fresh copies). */
export function builtInAgents(): AgentDefinition[] {
  return demoAgents();
}

/** Whether `id` names a built-in agent. */
export function isBuiltInAgentId(id: string, builtIns: readonly AgentDefinition[] = builtInAgents()): boolean {
  return builtIns.some((agent) => agent.id === id);
}

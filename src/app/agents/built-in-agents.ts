/**
 * The built-in agents: read-only code constants shipped with the app, never stored (so an update
 * can improve them). Today the six demos; other built-ins (the agent builder) join this list.
 * They are built in the interface language, which the caller knows (the settings' language or the
 * browser's, see interface-language.ts); ids and names are the same in every language.
 */
import type { AgentDefinition } from '../../core/agent-definition';
import { demoAgents } from '../demos/demo-agents';
import type { InterfaceLanguage } from '../interface-language';

/** Every built-in agent in `language`, in the order the Agents page lists them (fresh copies). */
export function builtInAgents(language: InterfaceLanguage): AgentDefinition[] {
  return demoAgents(language);
}

/** The built-in agent `id` in `language`, if there is one. */
export function builtInAgent(id: string, language: InterfaceLanguage): AgentDefinition | undefined {
  return builtInAgents(language).find((agent) => agent.id === id);
}

/** Whether `id` names a built-in agent. */
export function isBuiltInAgentId(id: string, builtIns: readonly AgentDefinition[] = builtInAgents('en')): boolean {
  return builtIns.some((agent) => agent.id === id);
}

/**
 * The default agent "Tabagent": what Tabagent was before agents existed. Made once, on first open
 * after migration 5 (or on a fresh install), from the settings of the time — their system prompt,
 * and the pinned tools and tools per turn settings held before migration 6 moved them here —,
 * offering every tool switched on in the tool library (tools that join later included), as before.
 * Done here rather than in the upgrade transaction, which must stay synchronous, and written with
 * add-if-absent, so it happens once however often it is tried.
 */
import { agentDefaults, type AgentDefinition } from '../../core/agent-definition';
import { loadLegacyAgentSettings, loadSettings, type LegacyAgentSettings, type Settings, type TabagentDb } from '../../store';
import { addAgentRecordIfAbsent, DEFAULT_AGENT_ID } from '../../store/agent-repository';

export { DEFAULT_AGENT_ID };

/**
 * The default agent made from `settings` and what older settings held for it (`legacy`); pure: the
 * conversion itself, tested on its own.
 */
export function defaultAgentFromSettings(settings: Settings, now: number, legacy: LegacyAgentSettings = {}): AgentDefinition {
  return {
    ...agentDefaults(),
    id: DEFAULT_AGENT_ID,
    name: 'Tabagent',
    avatar: { kind: 'emoji', emoji: '🤖' },
    description: 'Your general assistant, with every tool you switched on.',
    instructions: settings.systemPrompt,
    // toolFormat stays 'auto', the engine's own (the tool mode in Settings stays with the engine, where it is global).
    tools: [{ kind: 'all-tools' }],
    pinnedTools: [...(legacy.pinnedTools ?? [])],
    ...(legacy.toolsPerTurn !== undefined ? { toolsPerTurn: legacy.toolsPerTurn } : {}),
    memory: 'shared',
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Returns the stored default agent, writing it from the saved settings first when it is not there
 * yet. Idempotent, and safe with several tabs (the check and the write share one transaction).
 * Throws TabagentError('storage').
 */
export async function ensureDefaultAgent(db: TabagentDb, now: number = Date.now()): Promise<AgentDefinition> {
  const existing = await db.get('agents', DEFAULT_AGENT_ID).catch(() => undefined);
  if (existing) return existing;
  return addAgentRecordIfAbsent(db, defaultAgentFromSettings(await loadSettings(db), now, await loadLegacyAgentSettings(db)));
}

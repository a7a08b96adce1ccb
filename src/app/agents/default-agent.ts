/**
 * The default agent "Tabagent": what Tabagent was before agents existed. Made once, on first open
 * after migration 5 (or on a fresh install), from the settings of the time — their system prompt and
 * pinned tools —, offering every tool switched on in the tool library (tools that
 * join later included), as before. Done here rather than in the upgrade transaction, which must
 * stay synchronous, and written with add-if-absent, so it happens once however often it is tried.
 */
import { AGENT_DEFINITION_VERSION, DEFAULT_AGENT_STEP_LIMIT, type AgentDefinition } from '../../core/agent-definition';
import { loadSettings, type Settings, type TabagentDb } from '../../store';
import { addAgentRecordIfAbsent, DEFAULT_AGENT_ID } from '../../store/agent-repository';

export { DEFAULT_AGENT_ID };

/** The default agent made from `settings` (pure: the conversion itself, tested on its own). */
export function defaultAgentFromSettings(settings: Settings, now: number): AgentDefinition {
  return {
    id: DEFAULT_AGENT_ID,
    version: AGENT_DEFINITION_VERSION,
    name: 'Tabagent',
    avatar: { kind: 'emoji', emoji: '🤖' },
    description: 'Your general assistant, with every tool you switched on.',
    instructions: settings.systemPrompt,
    starterPrompts: [],
    engine: { kind: 'default' },
    // The engine's own (the tool mode in Settings stays with the engine, where it is global).
    toolFormat: 'auto',
    tools: [{ kind: 'all-tools' }],
    pinnedTools: [...(settings.pinnedTools ?? [])],
    knowledgeBaseIds: [],
    memory: 'shared',
    stepLimit: DEFAULT_AGENT_STEP_LIMIT,
    approval: 'side-effects',
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
  return addAgentRecordIfAbsent(db, defaultAgentFromSettings(await loadSettings(db), now));
}

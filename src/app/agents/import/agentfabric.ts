/**
 * Reads ModelScope AgentFabric's saved agent, `builder_config.json`: name, avatar, description,
 * instruction, `prompt_recommend` (starter prompts), knowledge (file names: the files are not in
 * the config), the `tools` map (each tool with `use: true` mapped to its nearest built-in, a note
 * for each without one) and model (a hosted model's name, kept as a note: the agent starts on
 * the default engine).
 */
import { AGENT_DEFINITION_VERSION, type AgentAvatar, type AgentDefinition, type AgentToolRef } from '../../../core/agent-definition';
import { agentFabricCounterpart } from './builtin-counterparts';
import { confirmationsFor } from './confirmations';
import { refuse, type ImportContext, type ImportedAgent, type ImportNote } from './import-plan';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** True when `value` looks like an AgentFabric `builder_config.json`. */
export function isAgentFabricConfig(value: unknown): boolean {
  if (!isObject(value)) return false;
  return 'prompt_recommend' in value || 'instruction' in value || (isObject(value.tools) && 'name' in value && !('servers' in value));
}

function optionalText(value: Json, key: string, fileName: string): string {
  const field = value[key];
  if (field === undefined || field === null) return '';
  if (typeof field !== 'string') refuse('bad-shape', `${fileName}: "${key}" must be text, not ${Array.isArray(field) ? 'a list' : typeof field}.`);
  return field;
}

function textList(value: Json, key: string, fileName: string): string[] {
  const field = value[key];
  if (field === undefined || field === null) return [];
  if (!Array.isArray(field) || field.some((item) => typeof item !== 'string')) refuse('bad-shape', `${fileName}: "${key}" must be a list of texts.`);
  return field as string[];
}

/** One emoji, ZWJ sequences (👩‍💻) and flags included: a single grapheme that is pictographic. */
function isSingleEmoji(text: string): boolean {
  if (text === '' || text.length > 32) return false;
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)];
  return graphemes.length === 1 && /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(text);
}

/** An emoji or image avatar as is; a file name (the usual `custom_bot_avatar.png`) is noted, the draft's avatar kept. */
function avatarOf(avatar: string, fallback: AgentAvatar, notes: ImportNote[]): AgentAvatar {
  if (/^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/.test(avatar)) return { kind: 'image', dataUrl: avatar };
  if (isSingleEmoji(avatar)) return { kind: 'emoji', emoji: avatar };
  if (avatar !== '') notes.push({ kind: 'avatar-file', file: avatar });
  return fallback;
}

/** The tools switched on (`use: true`) as built-in refs; the rest of them noted. */
function toolsOf(value: Json, fileName: string, notes: ImportNote[]): AgentToolRef[] {
  const tools = value.tools;
  if (tools === undefined || tools === null) return [];
  if (!isObject(tools)) refuse('bad-shape', `${fileName}: "tools" must be a map of tool names to settings.`);
  const refs: AgentToolRef[] = [];
  for (const [key, settings] of Object.entries(tools)) {
    if (!isObject(settings)) refuse('bad-shape', `${fileName}: the settings of tool "${key}" must be an object.`);
    if (settings.use !== true) continue;
    const counterpart = agentFabricCounterpart(key);
    const label = typeof settings.name === 'string' && settings.name !== '' ? `${settings.name} (${key})` : key;
    if (!counterpart) {
      notes.push({ kind: 'tool-unmapped', tool: label });
      continue;
    }
    notes.push({ kind: 'tool-mapped', from: label, to: counterpart });
    if (!refs.some((ref) => ref.kind === 'tool' && ref.name === counterpart)) refs.push({ kind: 'tool', name: counterpart });
  }
  return refs;
}

/** Plans the import of one AgentFabric config (already parsed from JSON). */
export function readAgentFabricConfig(value: unknown, fileName: string, context: ImportContext): ImportedAgent {
  if (!isObject(value)) refuse('bad-shape', `${fileName} must hold a JSON object.`);
  const notes: ImportNote[] = [];
  const draft = context.draft();
  const name = optionalText(value, 'name', fileName).trim();
  const knowledge = textList(value, 'knowledge', fileName);
  if (knowledge.length > 0) notes.push({ kind: 'knowledge-files', files: knowledge });
  const model = optionalText(value, 'model', fileName).trim();
  if (model !== '') notes.push({ kind: 'hosted-model', model });
  const agent: AgentDefinition = {
    ...draft,
    version: AGENT_DEFINITION_VERSION,
    name: name === '' ? 'AgentFabric agent' : name.slice(0, 200),
    avatar: avatarOf(optionalText(value, 'avatar', fileName).trim(), draft.avatar, notes),
    description: optionalText(value, 'description', fileName),
    instructions: optionalText(value, 'instruction', fileName),
    starterPrompts: textList(value, 'prompt_recommend', fileName).filter((prompt) => prompt.trim() !== ''),
    tools: toolsOf(value, fileName, notes),
  };
  return { format: 'agentfabric', files: [fileName], agent, mcpServers: [], notes, confirmations: confirmationsFor(agent, [], context) };
}

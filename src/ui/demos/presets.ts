/**
 * The demos, as data: which tools each switches on and pins, what it prepares (a knowledge base,
 * an OpenAPI import, the Tools page, the model_api settings) and where it ends. Every word a demo
 * shows or sends (title, summary, system prompt, first message) is in `messages.ts`, in English and
 * Chinese, under `<id>Title`, `<id>Summary`, `<id>System` and `<id>Prompt`.
 */
import type { Settings } from '../../store';

/** The demos, in the order the dialog lists them. */
export type DemoId = 'calculator' | 'documents' | 'mcp' | 'openapi' | 'modelApi' | 'memory';

/** What a demo prepares besides the settings. */
export type DemoSetup =
  /** Nothing: built-in tools only. */
  | 'none'
  /** The sample guide in the "Demo" knowledge base, switched on for the new conversation. */
  | 'knowledge'
  /** The Tools page, with the MCP server URL filled in. */
  | 'mcp'
  /** The bundled Open-Meteo OpenAPI document imported as tools. */
  | 'openapi'
  /** The model_api endpoint: Settings opens at its section while none is set. */
  | 'model-api';

export interface DemoPreset {
  id: DemoId;
  /** Tools switched on and pinned (offered to the model on every turn), in this order. */
  tools: readonly string[];
  setup: DemoSetup;
}

/** The reference MCP server's default Streamable HTTP address (@modelcontextprotocol/server-everything). */
export const MCP_DEMO_URL = 'http://127.0.0.1:3001/mcp';

/** The command that starts that server on the person's computer. */
export const MCP_DEMO_COMMAND = 'npx @modelcontextprotocol/server-everything streamableHttp';

/** The tools the bundled Open-Meteo document becomes (its operationIds). */
export const OPENAPI_DEMO_TOOLS: readonly string[] = ['geocodePlace', 'getWeatherForecast'];

/** The memory tools ("Remember me"). */
const MEMORY_TOOLS = ['remember', 'recall', 'forget'] as const;

export const demoPresets: readonly DemoPreset[] = [
  { id: 'calculator', tools: ['calculator', 'unit_convert', 'current_time'], setup: 'none' },
  { id: 'documents', tools: [], setup: 'knowledge' },
  { id: 'mcp', tools: [], setup: 'mcp' },
  // The imported tools are added to these once the import has named them.
  { id: 'openapi', tools: [], setup: 'openapi' },
  { id: 'modelApi', tools: ['model_api'], setup: 'model-api' },
  { id: 'memory', tools: MEMORY_TOOLS, setup: 'none' },
];

/** Whether the demo ends on the Tools page rather than in a conversation. */
export function endsOnToolsPage(preset: DemoPreset): boolean {
  return preset.setup === 'mcp';
}

/**
 * The settings a demo runs with: its tools switched on and pinned first (the person's other pins
 * stay, after them), and its system prompt. Nothing else changes: the engine, keys and the other
 * tools' switches are left as they were.
 */
export function applyPreset(settings: Settings, tools: readonly string[], systemPrompt: string): Settings {
  const enabledTools = { ...settings.enabledTools };
  for (const name of tools) enabledTools[name] = true;
  const others = (settings.pinnedTools ?? []).filter((name) => !tools.includes(name));
  const pinnedTools = [...new Set([...tools, ...others])];
  return { ...settings, enabledTools, pinnedTools, systemPrompt };
}

/** Whether the model_api tool can make images: an endpoint, a chat model (it always needs one) and an image model. */
export function isModelApiReadyForImages(settings: Settings): boolean {
  const { baseUrl, model, imageModel } = settings.modelApi;
  return baseUrl.trim() !== '' && model.trim() !== '' && imageModel.trim() !== '';
}

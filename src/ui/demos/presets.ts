/**
 * The demos, as data: which tools each offers and pins, what it prepares (a knowledge base, an
 * OpenAPI import, the Tools page, the model_api settings) and where it ends. Each demo is a
 * built-in agent (src/app/demos/demo-agents.ts: its instructions and tools); the words a demo shows
 * or sends (title, summary, first message) are in `messages.ts`, in English and Chinese, under
 * `<id>Title`, `<id>Summary` and `<id>Prompt`.
 */
import { OPENAPI_DEMO_TOOLS, type DemoId } from '../../app/demos/demo-agents';
import type { Settings } from '../../store';

export { OPENAPI_DEMO_TOOLS, type DemoId };

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
  /** Tools its agent offers and pins (offered to the model on every turn), in this order. */
  tools: readonly string[];
  setup: DemoSetup;
}

/** The reference MCP server's default Streamable HTTP address (@modelcontextprotocol/server-everything). */
export const MCP_DEMO_URL = 'http://127.0.0.1:3001/mcp';

/** The command that starts that server on the person's computer. */
export const MCP_DEMO_COMMAND = 'npx @modelcontextprotocol/server-everything streamableHttp';

/** The memory tools ("Remember me"). */
const MEMORY_TOOLS = ['remember', 'recall', 'forget'] as const;

export const demoPresets: readonly DemoPreset[] = [
  { id: 'calculator', tools: ['calculator', 'unit_convert', 'current_time'], setup: 'none' },
  { id: 'documents', tools: [], setup: 'knowledge' },
  { id: 'mcp', tools: [], setup: 'mcp' },
  { id: 'openapi', tools: OPENAPI_DEMO_TOOLS, setup: 'openapi' },
  { id: 'modelApi', tools: ['model_api'], setup: 'model-api' },
  { id: 'memory', tools: MEMORY_TOOLS, setup: 'none' },
];

/** Whether the demo ends on the Tools page rather than in a conversation. */
export function endsOnToolsPage(preset: DemoPreset): boolean {
  return preset.setup === 'mcp';
}

/** Whether the model_api tool can make images: an endpoint, a chat model (it always needs one) and an image model. */
export function isModelApiReadyForImages(settings: Settings): boolean {
  const { baseUrl, model, imageModel } = settings.modelApi;
  return baseUrl.trim() !== '' && model.trim() !== '' && imageModel.trim() !== '';
}

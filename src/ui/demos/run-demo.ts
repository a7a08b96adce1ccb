import type { Accessor } from 'solid-js';
import { viewError } from '../errors/error-text';
import type { Embedder } from '../../embed/types';
import type { Settings, TabagentDb } from '../../store';
import type { ToolLibraryServices } from '../../app/tools/tool-library-services';
import { locale } from '../i18n';
import { t } from './messages';
import { demoAgent, demoAgentId } from '../../app/demos/demo-agents';
import { isModelApiReadyForImages, MCP_DEMO_URL, OPENAPI_DEMO_TOOLS, type DemoPreset } from './presets';

/** Where Settings should open (the dialog scrolls to that section and focuses its first field). */
export type SettingsSection = 'model-api';

/**
 * What the demos need from the app: its settings (read only: a demo changes none), database and
 * tool library, and the moves a demo makes (a new conversation with its agent, a message in the
 * box, Settings, Models, the Tools page).
 */
export interface DemoHost {
  settings: Accessor<Settings>;
  /** Whether a model is set up to answer. */
  configured: () => boolean;
  openDatabase: () => Promise<TabagentDb>;
  /** The tool library (OpenAPI import); absent where the app has none. */
  toolLibrary?: ToolLibraryServices | undefined;
  /** The loaded embedding model, if any (documents are embedded as they are added). */
  embedder?: () => Embedder | undefined;
  /** Stops any run and opens a new, empty conversation with the agent `agentId` (absent: the default agent). */
  startConversation: (agentId?: string) => Promise<void>;
  /** Sets the knowledge bases the open conversation draws on. */
  setKnowledgeBaseIds: (ids: string[]) => Promise<void>;
  /** Puts text in the message box without sending it; `focus` moves the focus there. */
  fillComposer: (text: string, focus: boolean) => void;
  /** Sends a message in the open conversation. */
  send: (text: string) => Promise<void>;
  /** Opens Settings, at a section when given. */
  openSettings: (section?: SettingsSection) => void;
  /** Opens the Models page (absent where only servers are offered). */
  openModels?: (() => void) | undefined;
  /** Shows the Tools page with the MCP server URL filled in. */
  openMcp: (url: string) => void;
}

/** Where a demo left the person. */
export type DemoOutcome = 'sent' | 'composer' | 'settings' | 'tools';

export interface StartDemoOptions {
  /** Send the first message at once (needs a configured model) instead of leaving it in the box. */
  run: boolean;
  /** Called once everything is prepared, right before the demo hands over (the dialog closes here). */
  onPrepared?: () => void;
}

/** The preset's title, first message and its agent's instructions, in the interface's language. */
export function demoTexts(preset: DemoPreset): { title: string; system: string; prompt: string } {
  return { title: t(`${preset.id}Title`), system: demoAgent(preset.id, locale()).instructions, prompt: t(`${preset.id}Prompt`) };
}

/** What a preset prepares: the knowledge base it draws on, the tools it imports. */
async function prepare(preset: DemoPreset, host: DemoHost): Promise<{ knowledgeBaseId?: string }> {
  switch (preset.setup) {
    case 'knowledge': {
      const [{ ensureDemoKnowledge }, { demoDocuments }] = await Promise.all([import('../../app/demos/demo-knowledge'), import('../../app/demos/demo-assets')]);
      const knowledgeBaseId = await ensureDemoKnowledge(await host.openDatabase(), {
        name: t('knowledgeBaseName'),
        names: [t.table.en.knowledgeBaseName as string, t.table.zh.knowledgeBaseName as string],
        documents: demoDocuments,
        embedder: host.embedder?.(),
      });
      return { knowledgeBaseId };
    }
    case 'openapi': {
      const library = host.toolLibrary;
      if (!library) throw viewError('config', t('noToolLibrary'));
      await library.start(host.openDatabase);
      const [{ ensureOpenApiTools }, { openMeteoDocument }] = await Promise.all([import('../../app/demos/demo-openapi'), import('../../app/demos/demo-assets')]);
      await ensureOpenApiTools(library, openMeteoDocument, OPENAPI_DEMO_TOOLS);
      return {};
    }
    default:
      return {};
  }
}

/**
 * Runs a demo: prepares what it needs (the sample document, the imported tools), then opens a new
 * conversation with its built-in agent (whose instructions and tools apply to that conversation
 * only: no setting changes) and its first message, sent at once with `run` or left in the box. The MCP demo ends on the Tools page with
 * the server URL filled in; the image demo opens Settings at the model_api section while no image
 * endpoint is set. Downloads nothing. Throws a TabagentError (nothing handed over) when a step fails.
 */
export async function startDemo(preset: DemoPreset, host: DemoHost, options: StartDemoOptions): Promise<DemoOutcome> {
  const texts = demoTexts(preset);
  const prepared = await prepare(preset, host);
  await host.startConversation(demoAgentId(preset.id));
  if (prepared.knowledgeBaseId !== undefined) await host.setKnowledgeBaseIds([prepared.knowledgeBaseId]);
  options.onPrepared?.();

  if (preset.setup === 'mcp') {
    // The message waits in the (hidden) chat while the person connects the server.
    host.fillComposer(texts.prompt, false);
    host.openMcp(MCP_DEMO_URL);
    return 'tools';
  }
  if (preset.setup === 'model-api' && !isModelApiReadyForImages(host.settings())) {
    host.fillComposer(texts.prompt, false);
    host.openSettings('model-api');
    return 'settings';
  }
  if (options.run && host.configured()) {
    await host.send(texts.prompt);
    return 'sent';
  }
  host.fillComposer(texts.prompt, true);
  return 'composer';
}

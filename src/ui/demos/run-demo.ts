import type { Accessor } from 'solid-js';
import { viewError } from '../errors/error-text';
import type { Embedder } from '../../embed/types';
import type { Settings, TabagentDb } from '../../store';
import type { ToolLibraryServices } from '../../app/tools/tool-library-services';
import { t } from './messages';
import { applyPreset, isModelApiReadyForImages, MCP_DEMO_URL, OPENAPI_DEMO_TOOLS, type DemoPreset } from './presets';

/** Where Settings should open (the dialog scrolls to that section and focuses its first field). */
export type SettingsSection = 'model-api';

/**
 * What the demos need from the app: its settings, database and tool library, and the moves a
 * demo makes (a new conversation, a message in the box, Settings, Models, the Tools page).
 */
export interface DemoHost {
  settings: Accessor<Settings>;
  /** Saves settings; false when storing failed (the app shows why). */
  saveSettings: (next: Settings) => Promise<boolean>;
  /** Whether a model is set up to answer. */
  configured: () => boolean;
  openDatabase: () => Promise<TabagentDb>;
  /** The tool library (OpenAPI import); absent where the app has none. */
  toolLibrary?: ToolLibraryServices | undefined;
  /** The loaded embedding model, if any (documents are embedded as they are added). */
  embedder?: () => Embedder | undefined;
  /** Stops any run and opens a new, empty conversation. */
  startConversation: () => Promise<void>;
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

/** The preset's system prompt and first message, in the interface's language. */
export function demoTexts(preset: DemoPreset): { title: string; system: string; prompt: string } {
  return { title: t(`${preset.id}Title`), system: t(`${preset.id}System`), prompt: t(`${preset.id}Prompt`) };
}

/** The tools a preset switches on once prepared: its own, plus what its setup added (imported tools). */
async function prepare(preset: DemoPreset, host: DemoHost): Promise<{ tools: string[]; knowledgeBaseId?: string }> {
  switch (preset.setup) {
    case 'knowledge': {
      const [{ ensureDemoKnowledge }, { demoDocuments }] = await Promise.all([import('../../app/demos/demo-knowledge'), import('../../app/demos/demo-assets')]);
      const knowledgeBaseId = await ensureDemoKnowledge(await host.openDatabase(), {
        name: t('knowledgeBaseName'),
        names: [t.table.en.knowledgeBaseName as string, t.table.zh.knowledgeBaseName as string],
        documents: demoDocuments,
        embedder: host.embedder?.(),
      });
      return { tools: [...preset.tools], knowledgeBaseId };
    }
    case 'openapi': {
      const library = host.toolLibrary;
      if (!library) throw viewError('config', t('noToolLibrary'));
      await library.start(host.openDatabase);
      const [{ ensureOpenApiTools }, { openMeteoDocument }] = await Promise.all([import('../../app/demos/demo-openapi'), import('../../app/demos/demo-assets')]);
      const names = await ensureOpenApiTools(library, openMeteoDocument, OPENAPI_DEMO_TOOLS);
      return { tools: [...preset.tools, ...names] };
    }
    default:
      return { tools: [...preset.tools] };
  }
}

/**
 * Runs a demo: prepares what it needs (the sample document, the imported tools), switches its
 * tools on and pins them, sets its system prompt, then opens a new conversation with its first
 * message, sent at once with `run` or left in the box. The MCP demo ends on the Tools page with
 * the server URL filled in; the image demo opens Settings at the model_api section while no image
 * endpoint is set. Downloads nothing. Throws a TabagentError (nothing handed over) when a step fails.
 */
export async function startDemo(preset: DemoPreset, host: DemoHost, options: StartDemoOptions): Promise<DemoOutcome> {
  const texts = demoTexts(preset);
  const prepared = await prepare(preset, host);
  const next = applyPreset(host.settings(), prepared.tools, texts.system);
  if (!(await host.saveSettings(next))) throw viewError('storage', t('saveFailed'));
  await host.startConversation();
  if (prepared.knowledgeBaseId !== undefined) await host.setKnowledgeBaseIds([prepared.knowledgeBaseId]);
  options.onPrepared?.();

  if (preset.setup === 'mcp') {
    // The message waits in the (hidden) chat while the person connects the server.
    host.fillComposer(texts.prompt, false);
    host.openMcp(MCP_DEMO_URL);
    return 'tools';
  }
  if (preset.setup === 'model-api' && !isModelApiReadyForImages(next)) {
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

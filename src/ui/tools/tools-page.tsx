import { createSignal, createUniqueId, onCleanup, onMount, Show } from 'solid-js';
import { errorText } from '../errors/error-text';
import { ErrorAlert } from '../components/error-alert';
import { McpDemoNote } from '../demos/mcp-demo-note';
import { mcpUrlFromHash } from '../demos/tools-link';
import type { PageContext } from '../pages/page-context';
import { CustomToolsSlot } from './custom-tools-slot';
import { McpSection } from './mcp-section';
import { t } from './messages';
import { OpenApiSection } from './openapi-section';
import type { LibraryTool, McpServerStatus, ToolLibraryServices } from '../../app/tools/tool-library-services';
import { ToolList } from './tool-list';
import { createDefaultAgentPins } from './default-agent-pins';
import './tools.css';

/**
 * The Tools page: every tool with on/off and pin switches, the custom-tool editor's slot, MCP
 * servers and OpenAPI import. On/off is the library's global switch (`Settings.enabledTools`, a
 * gate over every agent); a pin is the default agent's (its record's `pinnedTools`, as its editor
 * shows them): other agents pin their tools in their own editor.
 */
export function ToolsPage(props: { context: PageContext }) {
  return (
    <div class="tools-page">
      <h2>{t('title')}</h2>
      <p class="muted">{t('intro')}</p>
      <Show when={props.context.services.toolLibrary} fallback={<p>{t('unavailable')}</p>}>
        {(library) => <ToolsPageBody context={props.context} library={library()} />}
      </Show>
    </div>
  );
}

function ToolsPageBody(props: { context: PageContext; library: ToolLibraryServices }) {
  const { context, library } = props;
  const listHeadingId = createUniqueId();
  const [tools, setTools] = createSignal<LibraryTool[]>(library.tools());
  const [servers, setServers] = createSignal<McpServerStatus[]>(library.servers());
  const [status, setStatus] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  // The MCP demo opens this page as `#/tools?mcp=<url>` (src/ui/demos/tools-link.ts).
  const demoMcpUrl = mcpUrlFromHash(location.hash);
  const refresh = () => {
    setTools(library.tools());
    setServers(library.servers());
  };
  onCleanup(library.subscribe(refresh));
  onMount(() => {
    library
      .start(context.openDatabase)
      .then(refresh)
      .catch((caught: unknown) => setError(errorText(caught)));
  });

  const settings = () => context.settings();
  const save = async (next: ReturnType<typeof settings>) => {
    setError(undefined);
    await context.saveSettings(next);
  };
  const pins = createDefaultAgentPins(context.services.agents, (caught) => setError(errorText(caught)));

  return (
    <>
      <p role="status" class="tools-status">
        {status()}
      </p>
      <Show when={error()}>{(message) => <ErrorAlert message={message()} />}</Show>
      <section class="tools-section" aria-labelledby={listHeadingId}>
        <h3 id={listHeadingId}>{t('listHeading')}</h3>
        <ToolList
          tools={tools()}
          busy={busy()}
          isEnabled={(name) => settings().enabledTools[name] !== false}
          onToggle={(name, enabled) => void save({ ...settings(), enabledTools: { ...settings().enabledTools, [name]: enabled } })}
          {...(pins ? { isPinned: pins.isPinned, onPin: pins.pin } : {})}
          onRemove={(name) => {
            setBusy(true);
            setError(undefined);
            library
              .removeTool(name)
              .then(() => setStatus(t('removed', { name })))
              .catch((caught: unknown) => setError(errorText(caught)))
              .finally(() => setBusy(false));
          }}
        />
      </section>
      <CustomToolsSlot context={context} library={library} />
      <McpSection
        library={library}
        servers={servers()}
        announce={setStatus}
        initialUrl={demoMcpUrl}
        note={demoMcpUrl ? <McpDemoNote url={demoMcpUrl} /> : undefined}
      />
      <OpenApiSection library={library} announce={setStatus} />
    </>
  );
}

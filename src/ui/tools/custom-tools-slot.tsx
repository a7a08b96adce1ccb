import { createUniqueId, Show } from 'solid-js';
import type { PageContext } from '../pages/page-context';
import { ToolEditor } from '../tool-editor/tool-editor';
import { t } from './messages';
import type { ToolLibraryServices } from '../../app/tools/tool-library-services';

export interface CustomToolsSlotProps {
  context: PageContext;
  library: ToolLibraryServices;
}

/**
 * ── SLOT: the custom-tool editor (src/ui/tool-editor) mounts here. ──
 * The Tools page renders this section between the tool list and the MCP servers. The editor's
 * owner replaces the placeholder paragraph below with their component; the rest of the page
 * does not need to change. Tools the editor registers in the agent's registry appear in the list
 * above by themselves (the library lists the registry and follows its changes).
 */
export function CustomToolsSlot(props: CustomToolsSlotProps) {
  const headingId = createUniqueId();
  return (
    <section class="tools-section tools-custom-slot" aria-labelledby={headingId} data-slot="custom-tool-editor">
      <h3 id={headingId}>{t('customHeading')}</h3>
      <Show when={props.context.services.customTools} fallback={<p class="muted">{t('customPlaceholder')}</p>}>
        {(services) => <ToolEditor services={services()} openDatabase={props.context.openDatabase} />}
      </Show>
    </section>
  );
}

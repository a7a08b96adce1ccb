import { createEffect, createSignal, createUniqueId, on, onCleanup, Show, type Accessor } from 'solid-js';
import { createAgentImporter, type ImportableToolInfo } from '../../../app/agents/import/agent-importer';
import type { AgentService } from '../../../app/agents/agent-service';
import { sharePayload, SHARE_ROUTE } from '../../../app/agents/share-link';
import type { AgentDefinition } from '../../../core/agent-definition';
import type { TabagentDb } from '../../../store';
import { createImportFlow } from './import-flow';
import { ImportPlanView } from './import-plan-view';
import { t } from './messages';
import './sharing.css';

export interface SharedAgentDialogProps {
  agents: AgentService;
  openDatabase: () => Promise<TabagentDb>;
  tools?: () => readonly ImportableToolInfo[];
  /** The URL fragment to watch (default: `location.hash`, followed on `hashchange`). */
  hash?: Accessor<string>;
  /** Called with the agents added. */
  onImported?: (agents: AgentDefinition[]) => void;
  /** Called when the dialog closes (added or cancelled); default: the fragment becomes `#/agents`. */
  onClose?: () => void;
}

/** The page's fragment as a signal, following back, forward and pasted links. */
function locationHash(): { hash: Accessor<string>; update: () => void } {
  const [hash, setHash] = createSignal(location.hash);
  const update = (): void => {
    setHash(location.hash);
  };
  window.addEventListener('hashchange', update);
  onCleanup(() => window.removeEventListener('hashchange', update));
  return { hash, update };
}

/**
 * Opens when the page's fragment is a share link (`#/agents/import?a=…`, see
 * src/app/agents/share-link.ts): a modal that shows the shared agent — name, description,
 * instructions, tools, what it would connect to — and adds it only on "Add agent". Mounted once
 * in the app shell.
 */
export function SharedAgentDialog(props: SharedAgentDialogProps) {
  const titleId = createUniqueId();
  let dialog: HTMLDialogElement | undefined;
  const followed = props.hash ? undefined : locationHash();
  const hash = props.hash ?? followed!.hash;
  const importer = () => createAgentImporter({ agents: props.agents, openDatabase: props.openDatabase, ...(props.tools ? { tools: props.tools } : {}) });
  const [open, setOpen] = createSignal(false);
  const close = (): void => {
    setOpen(false);
    dialog?.close();
    if (props.onClose) props.onClose();
    else if (sharePayload(location.hash) !== undefined) {
      // replaceState fires no hashchange: follow it by hand, so opening the same link again works.
      history.replaceState(null, '', SHARE_ROUTE.replace(/\/import$/, ''));
      followed?.update();
    }
  };
  const flow = createImportFlow(importer, { onImported: (agents) => props.onImported?.(agents), onDone: close });

  createEffect(
    on(hash, (current) => {
      if (sharePayload(current) === undefined) return;
      setOpen(true);
      void flow.start((importer) => importer.planShared(current));
    }),
  );
  createEffect(() => {
    if (open() && dialog && !dialog.open) dialog.showModal();
  });
  return (
    <dialog ref={dialog} class="agent-share-dialog" aria-labelledby={titleId} onCancel={() => close()}>
      <h2 id={titleId}>{t('sharedTitle')}</h2>
      <p class="muted">{t('sharedIntro')}</p>
      <ImportPlanView flow={flow} />
      <Show when={!flow.busy() && !flow.plan()}>
        <div class="dialog-actions">
          <button type="button" onClick={() => close()}>
            {t('cancel')}
          </button>
        </div>
      </Show>
    </dialog>
  );
}

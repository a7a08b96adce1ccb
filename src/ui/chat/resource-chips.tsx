import { For, Show } from 'solid-js';
import type { AttachedResourceRef } from '../../core/transcript';
import { RemovableChip } from '../components/removable-chip';
import { t } from './composer-mcp-messages';
import './composer-mcp.css';

export interface ResourceChipsProps {
  resources: readonly AttachedResourceRef[];
  /** Absent: the chips only show (a sent message). */
  onRemove?: (resource: AttachedResourceRef) => void;
}

/** The MCP resources attached to a message, as chips (name, server, URI as the tooltip), each removable while the message is written. */
export function ResourceChips(props: ResourceChipsProps) {
  return (
    <Show when={props.resources.length > 0}>
      <ul class="resource-chips" aria-label={t('attachedResources')}>
        <For each={props.resources}>
          {(resource) => (
            <RemovableChip
              class="resource-chip"
              title={resource.uri}
              buttonClass="link-button"
              removeLabel={t('removeResource', { name: resource.name })}
              onRemove={props.onRemove && (() => props.onRemove?.(resource))}
            >
              <span aria-hidden="true">📎 </span>
              {t('attachedResource', { name: resource.name, server: resource.serverName })}
            </RemovableChip>
          )}
        </For>
      </ul>
    </Show>
  );
}

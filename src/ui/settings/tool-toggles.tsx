import { createUniqueId, For, Show } from 'solid-js';
import type { ToolInfo } from '../../app/services';
import { t } from './messages';

export interface ToolTogglesProps {
  tools: ToolInfo[];
  isEnabled: (name: string) => boolean;
  onToggle: (name: string, enabled: boolean) => void;
}

/** One checkbox per tool, labelled by the tool's name and described by its description. */
export function ToolToggles(props: ToolTogglesProps) {
  return (
    <fieldset>
      <legend>{t('tools')}</legend>
      <Show when={props.tools.length > 0} fallback={<p class="muted">{t('noTools')}</p>}>
        <For each={props.tools}>
          {(tool) => {
            const id = createUniqueId();
            const descriptionId = createUniqueId();
            return (
              <div class="checkbox-field">
                <input
                  id={id}
                  type="checkbox"
                  checked={props.isEnabled(tool.name)}
                  aria-describedby={descriptionId}
                  onChange={(event) => props.onToggle(tool.name, event.currentTarget.checked)}
                />
                <label for={id}>{tool.name}</label>
                <small id={descriptionId} class="muted">
                  {tool.description}
                </small>
              </div>
            );
          }}
        </For>
      </Show>
    </fieldset>
  );
}

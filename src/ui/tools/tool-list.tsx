import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import { t } from './messages';
import type { LibraryTool, ToolSource } from '../../app/tools/tool-library-services';

export interface ToolListProps {
  tools: LibraryTool[];
  isEnabled: (name: string) => boolean;
  /** Pins, when there is an agent to pin for (absent: no pin switches). */
  isPinned?: (name: string) => boolean;
  onToggle: (name: string, enabled: boolean) => void;
  onPin?: (name: string, pinned: boolean) => void;
  onRemove: (name: string) => void;
  busy?: boolean;
}

const SOURCE_LABEL: Record<ToolSource, () => string> = {
  builtin: () => t('sourceBuiltin'),
  mcp: () => t('sourceMcp'),
  openapi: () => t('sourceOpenapi'),
  custom: () => t('sourceCustom'),
};

/** Every tool with its source, what it reaches, and switches for on/off and pinning. */
export function ToolList(props: ToolListProps) {
  const filterId = createUniqueId();
  const [filter, setFilter] = createSignal('');
  const shown = createMemo(() => {
    const query = filter().trim().toLowerCase();
    if (!query) return props.tools;
    return props.tools.filter((tool) => `${tool.name} ${tool.description}`.toLowerCase().includes(query));
  });

  return (
    <div class="tools-list-wrap">
      <div class="field tools-filter">
        <label for={filterId}>{t('filter')}</label>
        <input id={filterId} type="search" value={filter()} onInput={(event) => setFilter(event.currentTarget.value)} />
      </div>
      <Show when={shown().length > 0} fallback={<p class="muted">{t('noTools')}</p>}>
        <ul class="tools-list">
          <For each={shown()}>
            {(tool) => {
              const descriptionId = createUniqueId();
              return (
                <li class="tools-item" data-source={tool.source}>
                  <div class="tools-item-head">
                    <code class="tools-item-name">{tool.name}</code>
                    <span class="tools-badge">{SOURCE_LABEL[tool.source]()}</span>
                    <span class={tool.sideEffects ? 'tools-badge tools-badge-warn' : 'tools-badge'}>
                      {tool.sideEffects ? t('asksApproval') : t('noApproval')}
                    </span>
                  </div>
                  <p id={descriptionId} class="tools-item-description">
                    {tool.description}
                  </p>
                  <Show when={tool.allowedOrigins.length > 0}>
                    <p class="muted tools-item-origins">{t('reaches', { origins: tool.allowedOrigins.join(', ') })}</p>
                  </Show>
                  <div class="tools-item-controls">
                    <label class="tools-switch">
                      <input
                        type="checkbox"
                        aria-label={t('enable', { name: tool.name })}
                        aria-describedby={descriptionId}
                        checked={props.isEnabled(tool.name)}
                        onChange={(event) => props.onToggle(tool.name, event.currentTarget.checked)}
                      />
                      <span aria-hidden="true">{t('enabled')}</span>
                    </label>
                    <Show when={props.onPin}>
                      {(onPin) => (
                        <label class="tools-switch">
                          <input
                            type="checkbox"
                            aria-label={t('pin', { name: tool.name })}
                            checked={props.isPinned?.(tool.name) ?? false}
                            onChange={(event) => onPin()(tool.name, event.currentTarget.checked)}
                          />
                          <span aria-hidden="true">{t('pinned')}</span>
                        </label>
                      )}
                    </Show>
                    <Show when={tool.removable}>
                      <button type="button" aria-label={t('removeTool', { name: tool.name })} disabled={props.busy} onClick={() => props.onRemove(tool.name)}>
                        {t('remove')}
                      </button>
                    </Show>
                  </div>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </div>
  );
}

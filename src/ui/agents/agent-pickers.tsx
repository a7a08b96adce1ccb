import { For, Show } from 'solid-js';
import { sameToolRef, type AgentKnowledgeChoice } from '../../app/agents/builder-tools';
import type { AgentToolRef } from '../../core/agent-definition';
import type { ToolGroup, ToolOption } from './agent-choices';
import { t } from './messages';

const GROUPS: readonly { group: ToolGroup; label: () => string }[] = [
  { group: 'general', label: () => t('toolGroupGeneral') },
  { group: 'builtin', label: () => t('toolGroupBuiltin') },
  { group: 'custom', label: () => t('toolGroupCustom') },
  { group: 'openapi', label: () => t('toolGroupOpenapi') },
  { group: 'mcp', label: () => t('toolGroupMcp') },
  { group: 'agents', label: () => t('toolGroupAgents') },
];


/** One checkbox per tool, grouped by where the tool comes from; an MCP server can be chosen whole or tool by tool. */
export function ToolPicker(props: {
  options: readonly ToolOption[];
  selected: readonly AgentToolRef[];
  onChange: (refs: AgentToolRef[]) => void;
  disabled?: boolean;
}) {
  const isSelected = (ref: AgentToolRef): boolean => props.selected.some((have) => sameToolRef(have, ref));
  const toggle = (ref: AgentToolRef, on: boolean): void => {
    const rest = props.selected.filter((have) => !sameToolRef(have, ref));
    props.onChange(on ? [...rest, ref] : rest);
  };
  const labelOf = (option: ToolOption): string => (option.ref.kind === 'mcp-server' ? t('mcpServer', { name: option.label }) : option.label);
  return (
    <fieldset class="agent-picker">
      <legend>{t('tools')}</legend>
      <Show when={props.options.length > 0} fallback={<p class="muted">{t('noTools')}</p>}>
        <For each={GROUPS.filter((entry) => props.options.some((option) => option.group === entry.group))}>
          {(entry) => (
            <fieldset class="agent-picker-group">
              <legend>{entry.label()}</legend>
              <For each={props.options.filter((option) => option.group === entry.group)}>
                {(option) => (
                  <label class="agent-check" title={option.description} classList={{ 'agent-check-nested': option.ref.kind === 'mcp-tool' }}>
                    <input
                      type="checkbox"
                      checked={isSelected(option.ref)}
                      disabled={props.disabled}
                      onChange={(event) => toggle(option.ref, event.currentTarget.checked)}
                    />
                    {labelOf(option)}
                  </label>
                )}
              </For>
            </fieldset>
          )}
        </For>
      </Show>
    </fieldset>
  );
}

/** One checkbox per knowledge base. */
export function KnowledgePicker(props: {
  bases: readonly AgentKnowledgeChoice[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  disabled?: boolean;
}) {
  const toggle = (id: string, on: boolean): void => {
    const rest = props.selected.filter((have) => have !== id);
    props.onChange(on ? [...rest, id] : rest);
  };
  return (
    <fieldset class="agent-picker">
      <legend>{t('knowledgeBases')}</legend>
      <Show when={props.bases.length > 0} fallback={<p class="muted">{t('noKnowledgeBases')}</p>}>
        <For each={props.bases}>
          {(base) => (
            <label class="agent-check">
              <input
                type="checkbox"
                checked={props.selected.includes(base.id)}
                disabled={props.disabled}
                onChange={(event) => toggle(base.id, event.currentTarget.checked)}
              />
              {base.name}
            </label>
          )}
        </For>
      </Show>
    </fieldset>
  );
}

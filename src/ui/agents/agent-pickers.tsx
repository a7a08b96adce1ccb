import { For, Show } from 'solid-js';
import { hasTool, keptPins, withPin, type PinnableTool } from '../../app/agents/agent-pins';
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

/** The library tool an option stands for, when it is one tool that can be pinned (not a server, agent or "every tool"). */
function pinnableOf(option: ToolOption): PinnableTool | undefined {
  if (option.ref.kind === 'tool') return { name: option.ref.name };
  if (option.ref.kind === 'mcp-tool') return { name: option.ref.name, serverId: option.ref.serverId };
  return undefined;
}

/**
 * One checkbox per tool, grouped by where the tool comes from; an MCP server can be chosen whole or
 * tool by tool. Each tool the agent has also gets a "Pin <tool>" checkbox: a pinned tool is offered
 * on every turn. Taking a tool away unpins it (a pin would otherwise keep offering it).
 */
export function ToolPicker(props: {
  options: readonly ToolOption[];
  selected: readonly AgentToolRef[];
  pinned: readonly string[];
  onChange: (refs: AgentToolRef[], pinned: string[]) => void;
  onPin: (pinned: string[]) => void;
  disabled?: boolean;
}) {
  const isSelected = (ref: AgentToolRef): boolean => props.selected.some((have) => sameToolRef(have, ref));
  const library = (): PinnableTool[] => props.options.map(pinnableOf).filter((tool) => tool !== undefined);
  const toggle = (ref: AgentToolRef, on: boolean): void => {
    const rest = props.selected.filter((have) => !sameToolRef(have, ref));
    const tools = on ? [...rest, ref] : rest;
    props.onChange(tools, keptPins(props.pinned, tools, library()));
  };
  const labelOf = (option: ToolOption): string => (option.ref.kind === 'mcp-server' ? t('mcpServer', { name: option.label }) : option.label);
  return (
    <fieldset class="agent-picker">
      <legend>{t('tools')}</legend>
      <Show when={props.options.length > 0} fallback={<p class="muted">{t('noTools')}</p>}>
        <p class="muted agent-picker-hint">{t('pinsHint')}</p>
        <For each={GROUPS.filter((entry) => props.options.some((option) => option.group === entry.group))}>
          {(entry) => (
            <fieldset class="agent-picker-group">
              <legend>{entry.label()}</legend>
              <For each={props.options.filter((option) => option.group === entry.group)}>
                {(option) => {
                  const pinnable = pinnableOf(option);
                  const chosen = (): boolean => pinnable !== undefined && hasTool(props.selected, pinnable.name, pinnable.serverId);
                  return (
                    <div class="agent-check-row" classList={{ 'agent-check-nested': option.ref.kind === 'mcp-tool' }}>
                      <label class="agent-check" title={option.description}>
                        <input
                          type="checkbox"
                          checked={isSelected(option.ref)}
                          disabled={props.disabled}
                          onChange={(event) => toggle(option.ref, event.currentTarget.checked)}
                        />
                        {labelOf(option)}
                      </label>
                      <Show when={pinnable && chosen() ? pinnable : undefined}>
                        {(tool) => (
                          <label class="agent-pin">
                            <input
                              type="checkbox"
                              aria-label={t('pinTool', { name: tool().name })}
                              checked={props.pinned.includes(tool().name)}
                              disabled={props.disabled}
                              onChange={(event) => props.onPin(withPin(props.pinned, tool().name, event.currentTarget.checked))}
                            />
                            <span aria-hidden="true">{t('pinned')}</span>
                          </label>
                        )}
                      </Show>
                    </div>
                  );
                }}
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

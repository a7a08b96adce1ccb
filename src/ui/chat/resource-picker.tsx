import { createSignal, createUniqueId, For, Show } from 'solid-js';
import type { McpContentServices, ResourceInfo, ResourceTemplateInfo } from '../../app/tools/mcp-content';
import type { McpServerStatus } from '../../app/tools/tool-library-services';
import { ResourceSummary } from '../components/resource-summary';
import { t } from './composer-mcp-messages';
import { TemplateForm } from './template-form';

/** One choice of the picker: a resource to attach as it is, or a template to fill in first. */
type Choice =
  | { kind: 'resource'; server: McpServerStatus; resource: ResourceInfo }
  | { kind: 'template'; server: McpServerStatus; template: ResourceTemplateInfo };

export interface ResourcePickerProps {
  /** The connected servers whose resources are offered. */
  servers: readonly McpServerStatus[];
  content: Pick<McpContentServices, 'resources' | 'expand'>;
  /** Attaches the chosen resource (reads it); a failure is shown in the picker. */
  onAttach: (serverId: string, uri: string, name: string) => Promise<void>;
  disabled?: boolean;
}

/**
 * "Attach resource": a button opening a listbox of the connected servers' resources and resource
 * templates (arrow keys, Home/End, Enter, Escape); a template asks for its variables in a small
 * form first. Focus returns to the button when the picker closes.
 */
export function ResourcePicker(props: ResourcePickerProps) {
  const baseId = createUniqueId();
  const [open, setOpen] = createSignal(false);
  const [choices, setChoices] = createSignal<Choice[] | undefined>();
  const [problems, setProblems] = createSignal<string[]>([]);
  const [active, setActive] = createSignal(0);
  const [template, setTemplate] = createSignal<Extract<Choice, { kind: 'template' }> | undefined>();
  const [error, setError] = createSignal<string | undefined>();
  let button: HTMLButtonElement | undefined;

  const close = (): void => {
    setOpen(false);
    setTemplate(undefined);
    setError(undefined);
    button?.focus();
  };

  const load = async (): Promise<void> => {
    setChoices(undefined);
    setProblems([]);
    const lists = await Promise.all(
      props.servers.map(async (server): Promise<Choice[]> => {
        try {
          const { resources, templates } = await props.content.resources(server.id);
          return [
            ...resources.map((resource): Choice => ({ kind: 'resource', server, resource })),
            ...templates.map((item): Choice => ({ kind: 'template', server, template: item })),
          ];
        } catch (failure) {
          setProblems((current) => [...current, t('listFailed', { server: server.name, message: failure instanceof Error ? failure.message : String(failure) })]);
          return [];
        }
      }),
    );
    setChoices(lists.flat());
    setActive(0);
  };

  const attach = async (serverId: string, uri: string, name: string): Promise<void> => {
    setError(undefined);
    try {
      await props.onAttach(serverId, uri, name);
      close();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  const choose = (choice: Choice): void => {
    if (choice.kind === 'resource') void attach(choice.server.id, choice.resource.uri, choice.resource.name);
    else setTemplate(choice);
  };

  const labelOf = (choice: Choice): string => (choice.kind === 'resource' ? choice.resource.name : `${choice.template.name} (${t('template')})`);

  return (
    <div
      class="resource-picker"
      // Escape closes the picker wherever its focus is (the listbox handles its own; a template's form goes back to the list).
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || event.defaultPrevented || !open()) return;
        event.preventDefault();
        close();
      }}
    >
      <button
        ref={(element) => (button = element)}
        type="button"
        class="attach-resource"
        aria-expanded={open()}
        aria-controls={`${baseId}-panel`}
        disabled={props.disabled}
        title={t('attachResource')}
        onClick={() => {
          if (open()) {
            close();
            return;
          }
          setOpen(true);
          void load();
        }}
      >
        <span aria-hidden="true">📎</span>
        <span class="visually-hidden">{t('attachResource')}</span>
      </button>
      <Show when={open()}>
        <div class="resource-picker-panel" id={`${baseId}-panel`}>
          <For each={problems()}>{(problem) => <p class="muted">{problem}</p>}</For>
          <Show when={choices()} fallback={<p class="muted">{t('loadingResources')}</p>}>
            {(list) => (
              <Show when={list().length > 0} fallback={<p class="muted">{t('noResources')}</p>}>
                <Show when={!template()}>
                  <ul
                    role="listbox"
                    aria-label={t('resources')}
                    tabIndex={0}
                    ref={(element) => queueMicrotask(() => element.focus())}
                    aria-activedescendant={`${baseId}-option-${active()}`}
                    onKeyDown={(event) => {
                      const count = list().length;
                      if (event.key === 'ArrowDown') setActive((active() + 1) % count);
                      else if (event.key === 'ArrowUp') setActive((active() - 1 + count) % count);
                      else if (event.key === 'Home') setActive(0);
                      else if (event.key === 'End') setActive(count - 1);
                      else if (event.key === 'Enter' || event.key === ' ') {
                        const choice = list()[active()];
                        if (choice) choose(choice);
                      } else if (event.key === 'Escape') close();
                      else return;
                      event.preventDefault();
                    }}
                  >
                    <For each={list()}>
                      {(choice, index) => (
                        <li
                          id={`${baseId}-option-${index()}`}
                          role="option"
                          aria-selected={index() === active()}
                          onClick={() => {
                            setActive(index());
                            choose(choice);
                          }}
                        >
                          <ResourceSummary
                            name={labelOf(choice)}
                            server={choice.server.name}
                            uri={choice.kind === 'resource' ? choice.resource.uri : choice.template.uriTemplate}
                            mimeType={choice.kind === 'resource' ? choice.resource.mimeType : undefined}
                          />
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </Show>
            )}
          </Show>
          <Show when={template()}>
            {(chosen) => (
              <TemplateForm
                template={chosen().template}
                submitLabel={t('attach')}
                onCancel={() => setTemplate(undefined)}
                onSubmit={async (values) => {
                  const uri = await props.content.expand(chosen().template.uriTemplate, values);
                  // Named with its values, so two resources of one template are told apart (chips, "Remove <name>").
                  await attach(chosen().server.id, uri, [chosen().template.name, ...Object.values(values)].join(' '));
                }}
              />
            )}
          </Show>
          <Show when={error()}>{(message) => <p role="alert">{message()}</p>}</Show>
        </div>
      </Show>
    </div>
  );
}

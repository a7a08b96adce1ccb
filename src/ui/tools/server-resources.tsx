import { createSignal, For, Show } from 'solid-js';
import type { McpContentServices, ServerResources as Listing } from '../../app/tools/mcp-content';
import type { McpServerStatus } from '../../app/tools/tool-library-services';
import { TemplateForm } from '../chat/template-form';
import { ResourceSummary } from '../components/resource-summary';
import { t } from './resources-messages';

export interface ServerResourcesProps {
  server: McpServerStatus;
  content: Pick<McpContentServices, 'resources' | 'read' | 'expand'>;
}

/** Text read from the server, shown under what was read. */
interface Reading {
  name: string;
  uri: string;
  text: string;
}

/**
 * A connected server's resources on the Tools page: a disclosure "Resources of <server>" listing
 * each resource (name, URI, media type) with a Read button, and each resource template with its
 * URI template and a small form for its variables. Listed when first opened.
 */
export function ServerResources(props: ServerResourcesProps) {
  const [listing, setListing] = createSignal<Listing | undefined>();
  const [error, setError] = createSignal<string | undefined>();
  const [reading, setReading] = createSignal<Reading | undefined>();
  let loaded = false;
  const message = (failure: unknown): string => (failure instanceof Error ? failure.message : String(failure));

  const load = (): void => {
    if (loaded) return;
    loaded = true;
    props.content.resources(props.server.id).then(setListing, (failure: unknown) => {
      loaded = false;
      setError(message(failure));
    });
  };
  const read = async (name: string, uri: string): Promise<void> => {
    setError(undefined);
    try {
      setReading({ name, uri, text: await props.content.read(props.server.id, uri) });
    } catch (failure) {
      setError(message(failure));
    }
  };

  return (
    <details class="server-resources" onToggle={(event) => event.currentTarget.open && load()}>
      <summary>{t('resourcesOf', { name: props.server.name || props.server.url })}</summary>
      <Show when={listing()} fallback={<Show when={!error()}><p class="muted">{t('loading')}</p></Show>}>
        {(found) => (
          <Show when={found().resources.length + found().templates.length > 0} fallback={<p class="muted">{t('none')}</p>}>
            <Show when={found().resources.length > 0}>
              <h4>{t('resources')}</h4>
              <ul class="server-resource-list">
                <For each={found().resources}>
                  {(resource) => (
                    <li>
                      <ResourceSummary name={resource.name} uri={resource.uri} mimeType={resource.mimeType} description={resource.description} />
                      <button type="button" aria-label={t('readResource', { name: resource.name })} onClick={() => void read(resource.name, resource.uri)}>
                        {t('read')}
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <Show when={found().templates.length > 0}>
              <h4>{t('templates')}</h4>
              <ul class="server-resource-list">
                <For each={found().templates}>
                  {(template) => (
                    <li>
                      {/* The template form shows its URI template. */}
                      <ResourceSummary name={template.name} mimeType={template.mimeType} description={template.description} />
                      <TemplateForm
                        template={template}
                        submitLabel={t('read')}
                        onCancel={() => setReading(undefined)}
                        onSubmit={async (values) => read(template.name, await props.content.expand(template.uriTemplate, values))}
                        focusOnMount={false}
                      />
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </Show>
        )}
      </Show>
      <Show when={reading()}>
        {(shown) => (
          <figure class="server-resource-content">
            <figcaption>
              <code>{shown().uri}</code>
            </figcaption>
            <pre aria-label={t('contentOf', { name: shown().name })} tabIndex={0}>
              {shown().text}
            </pre>
          </figure>
        )}
      </Show>
      <Show when={error()}>{(text) => <p role="alert">{text()}</p>}</Show>
    </details>
  );
}

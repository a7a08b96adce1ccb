import { Show } from 'solid-js';
import './resource-summary.css';

export interface ResourceSummaryProps {
  /** The resource's (or template's) name, as the person reads it. */
  name: string;
  /** The server that offers it, where several servers are listed together. */
  server?: string | undefined;
  /** Its URI (or URI template), where the list shows it. */
  uri?: string | undefined;
  mimeType?: string | undefined;
  description?: string | undefined;
}

/**
 * One MCP resource as lists show it: its name, the server offering it, its URI, media type and
 * description, each where known. The composer's "Attach resource" picker and the Tools page's
 * "Resources of <server>" list both use it, so a resource reads the same in both.
 */
export function ResourceSummary(props: ResourceSummaryProps) {
  return (
    <>
      <strong class="resource-name">{props.name}</strong>
      <Show when={props.server}>{(server) => <span class="muted"> — {server()}</span>}</Show>
      {/* URI and media type on one line of their own: URIs are long. */}
      <Show when={props.uri || props.mimeType}>
        <span class="resource-uri">
          <Show when={props.uri}>{(uri) => <code>{uri()}</code>}</Show>
          <Show when={props.mimeType}>{(mime) => <span> · {mime()}</span>}</Show>
        </span>
      </Show>
      <Show when={props.description}>{(description) => <p class="muted">{description()}</p>}</Show>
    </>
  );
}

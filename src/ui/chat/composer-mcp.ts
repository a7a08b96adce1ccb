import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { McpContentServices, ResourceAttachmentList } from '../../app/tools/mcp-content';
import type { SlashCommand } from '../../app/tools/slash-commands';
import type { McpServerStatus, ToolLibraryServices } from '../../app/tools/tool-library-services';
import type { AttachedResourceRef } from '../../core/transcript';

/** What the composer needs of the tool library: the servers, and their prompts and resources. */
export type ComposerMcpLibrary = Pick<ToolLibraryServices, 'servers' | 'subscribe'> & Required<Pick<ToolLibraryServices, 'content'>>;

/** The composer's view of the connected MCP servers: their prompts and the resources attached to the message. */
export interface ComposerMcp {
  /** The servers' prompts and resources (the library's). */
  content: McpContentServices;
  /** Connected servers (reactive). */
  connected: Accessor<McpServerStatus[]>;
  /** The prompts offered as slash commands, fetched by `loadCommands` (reactive). */
  commands: Accessor<SlashCommand[]>;
  /** Lists the connected servers' prompts again (called when a `/` starts the message). */
  loadCommands(): void;
  /** What is attached to the message being written (reactive; text kept current by subscriptions). */
  attached: Accessor<AttachedResourceRef[]>;
  attach(serverId: string, uri: string, name: string): Promise<void>;
  detach(resource: AttachedResourceRef): Promise<void>;
  /** What is attached, handed over for sending; the composer is then left with none. */
  takeAttached(): AttachedResourceRef[];
}

/**
 * The composer's MCP state over the tool library: reactive lists of connected servers, their slash
 * commands and the attached resources (the library's shared `ResourceAttachments`, whose
 * subscriptions re-read a resource the server says changed). Call inside a component.
 */
export function createComposerMcp(library: ComposerMcpLibrary): ComposerMcp {
  const connectedNow = () => library.servers().filter((server) => server.state === 'connected');
  const [connected, setConnected] = createSignal(connectedNow());
  onCleanup(library.subscribe(() => setConnected(connectedNow())));
  const [commands, setCommands] = createSignal<SlashCommand[]>([]);
  const [attached, setAttached] = createSignal<AttachedResourceRef[]>([]);
  let list: Promise<ResourceAttachmentList> | undefined;
  let resolved: ResourceAttachmentList | undefined;
  let stop: (() => void) | undefined;
  let disposed = false;
  onCleanup(() => {
    disposed = true;
    stop?.();
  });
  const attachments = (): Promise<ResourceAttachmentList> => {
    list ??= library.content.attachments().then((created) => {
      const show = () => setAttached(created.list().map(({ serverId, serverName, uri, name }) => ({ serverId, serverName, uri, name })));
      resolved = created;
      if (!disposed) stop = created.subscribe(show);
      show();
      return created;
    });
    return list;
  };
  let loading = 0;
  return {
    content: library.content,
    connected,
    commands,
    loadCommands() {
      const call = (loading += 1);
      library.content
        .slashCommands()
        .then((found) => {
          // Only the latest listing counts (a slow server's older answer does not replace it).
          if (call === loading) setCommands(found);
        })
        .catch(() => undefined);
    },
    attached,
    async attach(serverId, uri, name) {
      await (await attachments()).attach(serverId, uri, name);
    },
    async detach(resource) {
      await (await attachments()).detach(resource.serverId, resource.uri);
    },
    takeAttached() {
      const taken = attached();
      // Detaching removes them at once (the subscriptions end in the background).
      void resolved?.clear();
      setAttached([]);
      return taken;
    },
  };
}

/** The composer's MCP state where the library offers servers' content; undefined otherwise (tests, the agent builder's chat). */
export function composerMcpOf(library: Partial<ComposerMcpLibrary> | undefined): ComposerMcp | undefined {
  const { content, servers, subscribe } = library ?? {};
  return content && servers && subscribe ? createComposerMcp({ content, servers, subscribe }) : undefined;
}

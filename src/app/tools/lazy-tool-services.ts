/**
 * Stand-ins for the tool library and custom tools while their module loads (tool-machinery.ts is
 * a dynamic import): the UI keeps its synchronous reads, which answer "nothing yet" until the
 * machinery is there and notify subscribers once it is; every action waits for the load.
 */
import { TabagentError } from '../../core/errors';
import type { CustomToolServices } from '../custom-tools/custom-tool-services';
import type { McpContentServices } from './mcp-content';
import type { ToolLibrary } from './tool-library';
import type { ToolLibraryServices } from './tool-library-services';

/** How the stand-ins reach the real thing. */
export interface LazyTarget<T> {
  /** Loads it (once; memoised by the caller). */
  load(): Promise<T>;
  /** It, when loaded already. */
  current(): T | undefined;
  /** Resolves when it has loaded, without starting the load. */
  loaded: Promise<T>;
}

function notAvailable(what: string): TabagentError {
  return new TabagentError('internal', `The tool library offers no ${what}.`);
}

/** The content services (resources, prompts) of the tool library behind `target`. */
function lazyContent(target: LazyTarget<ToolLibrary>): McpContentServices {
  const content = async (): Promise<McpContentServices> => (await target.load()).content;
  return {
    resources: async (serverId) => (await content()).resources(serverId),
    read: async (serverId, uri) => (await content()).read(serverId, uri),
    expand: async (uriTemplate, values) => (await content()).expand(uriTemplate, values),
    attachments: async () => (await content()).attachments(),
    slashCommands: async () => (await content()).slashCommands(),
    usePrompt: async (command, args) => (await content()).usePrompt(command, args),
  };
}

/** The stand-in, plus what a run waits for. */
export interface LazyToolLibrary extends ToolLibraryServices {
  /**
   * Settles when the start asked for (app.tsx, after the settings are read) has read the saved
   * tools and servers: a run prepared meanwhile then knows which servers are still reconnecting,
   * however the load's steps interleave. Settles at once when no start was asked for.
   */
  started(): Promise<void>;
}

/**
 * The Tools page's library before and after the machinery loads. `tools()` and `servers()` list
 * nothing until then; a subscriber is told once it has loaded (the lists changed), then follows
 * the real library. `signInMcp` stays synchronous when loaded, as the popup must open in the click.
 */
export function lazyToolLibrary(target: LazyTarget<ToolLibrary>): LazyToolLibrary {
  const library = (): Promise<ToolLibrary> => target.load();
  let starting: Promise<void> | undefined;
  return {
    start(openDatabase) {
      const started = library().then((loaded) => loaded.start(openDatabase));
      starting ??= started;
      return started;
    },
    started: async () => starting?.catch(() => undefined),
    tools: () => target.current()?.tools() ?? [],
    servers: () => target.current()?.servers() ?? [],
    subscribe(listener) {
      const current = target.current();
      if (current) return current.subscribe(listener);
      let active = true;
      let unsubscribe: (() => void) | undefined;
      void target.loaded.then((loaded) => {
        if (!active) return;
        unsubscribe = loaded.subscribe(listener);
        listener();
      });
      return () => {
        active = false;
        unsubscribe?.();
      };
    },
    connectMcp: async (input) => (await library()).connectMcp(input),
    reconnectMcp: async (id) => (await library()).reconnectMcp(id),
    disconnectMcp: async (id) => (await library()).disconnectMcp(id),
    removeMcp: async (id) => (await library()).removeMcp(id),
    signInMcp(id, input) {
      const signIn = (loaded: ToolLibrary) => {
        if (!loaded.signInMcp) throw notAvailable('MCP sign-in');
        return loaded.signInMcp(id, input);
      };
      const current = target.current();
      return current ? signIn(current) : library().then(signIn);
    },
    signOutMcp: async (id) => {
      const loaded = await library();
      if (!loaded.signOutMcp) throw notAvailable('MCP sign-out');
      return loaded.signOutMcp(id);
    },
    previewOpenApi: async (source) => (await library()).previewOpenApi(source),
    addOpenApi: async (preview, choice) => (await library()).addOpenApi(preview, choice),
    removeTool: async (name) => (await library()).removeTool(name),
    importMcpServers: async (text) => {
      const loaded = await library();
      if (!loaded.importMcpServers) throw notAvailable('mcpServers import');
      return loaded.importMcpServers(text);
    },
    refreshServers: async () => (await library()).refreshServers?.(),
    content: lazyContent(target),
  };
}

/** The tool editor's custom tools before and after the machinery loads (no reserved names until then). */
export function lazyCustomTools(target: LazyTarget<CustomToolServices>): CustomToolServices {
  const tools = (): Promise<CustomToolServices> => target.load();
  return {
    start: async (openDatabase) => (await tools()).start(openDatabase),
    list: async () => (await tools()).list(),
    reservedNames: () => target.current()?.reservedNames() ?? [],
    save: async (manifest, options) => (await tools()).save(manifest, options),
    remove: async (name) => (await tools()).remove(name),
    test: async (manifest, args, options) => (await tools()).test(manifest, args, options),
    secretStatus: async (ids, origin) => (await tools()).secretStatus(ids, origin),
  };
}

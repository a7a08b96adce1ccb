/**
 * The Tools page's MCP sign-in and sign-out: one sign-in in progress per server (a new click ends
 * the previous wait), the popup opened inside the click, the server's origin granted while it runs.
 */
import { abortedError } from '../../core/errors';
import type { McpServerManager } from '../../tools/mcp';
import { openSignInWindow, type OpenedSignInWindow, type OpenSignInWindowOptions } from './oauth-window';
import type { ToolLibraryServices } from './tool-library-services';

export interface McpSignInsOptions {
  manager: () => Promise<McpServerManager>;
  /** The server's name and origin as its row shows them, while the manager is loaded. */
  serverOf: (id: string) => { name: string; origin: string | undefined } | undefined;
  grantWhile: <T>(origin: string | undefined, holder: string, work: () => Promise<T>) => Promise<T>;
  openSignInWindow?: (options: OpenSignInWindowOptions) => OpenedSignInWindow;
}

/** `signInMcp` and `signOutMcp` of the tool library. */
export function createMcpSignIns(options: McpSignInsOptions): Required<Pick<ToolLibraryServices, 'signInMcp' | 'signOutMcp'>> {
  const signIns = new Map<string, AbortController>();
  return {
    async signInMcp(id, input = {}) {
      const serverName = options.serverOf(id)?.name ?? id;
      signIns.get(id)?.abort(abortedError(`A newer sign-in to ${serverName} replaced this one.`));
      const controller = new AbortController();
      signIns.set(id, controller);
      // Before the first await: a popup opened later than the click is blocked by the browser.
      let popup: OpenedSignInWindow;
      try {
        popup = (options.openSignInWindow ?? openSignInWindow)({ serverName, signal: controller.signal });
      } catch (error) {
        signIns.delete(id);
        throw error;
      }
      try {
        const created = await options.manager();
        return await options.grantWhile(options.serverOf(id)?.origin, 'mcp:sign-in', () => created.signIn(id, popup, input.clientId));
      } catch (error) {
        popup.close();
        throw error;
      } finally {
        if (signIns.get(id) === controller) signIns.delete(id);
      }
    },

    async signOutMcp(id) {
      const created = await options.manager();
      return options.grantWhile(options.serverOf(id)?.origin, 'mcp:sign-out', () => created.signOut(id));
    },
  };
}

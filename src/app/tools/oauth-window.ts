import { TabagentError } from '../../core/errors';
import type { OAuthRedirect } from '../../tools/mcp/oauth/redirect';
import type { SignInWindow } from '../../tools/mcp/oauth/server-oauth';

/** How long a sign-in waits for the person to finish on the authorization page. */
export const SIGN_IN_TIMEOUT_MS = 10 * 60_000;

/** The `data.reason` of the error when the browser refused to open the sign-in window. */
export const POPUP_BLOCKED = 'popup-blocked';

export interface OpenSignInWindowOptions {
  /** How the server is named in messages. */
  serverName: string;
  /** Ends the wait (a newer sign-in to the same server, or the page going away). */
  signal?: AbortSignal;
  /** Default: the page's `window.open`. */
  open?: (url: string, target: string, features: string) => WindowProxy | null;
  timeoutMs?: number;
}

/** A sign-in window for one sign-in; `close` shuts it when the sign-in failed before its page loaded. */
export interface OpenedSignInWindow extends SignInWindow {
  close(): void;
}

/**
 * Opens the popup for an MCP server's OAuth sign-in. It must be called synchronously in the click
 * that starts the sign-in (a popup opened after an await is blocked by browsers), so the window is
 * opened empty now and sent to the authorization page once discovery and registration found it.
 * The popup loses its `opener` at once: the authorization page (another origin) can then neither
 * read nor navigate this tab (reverse tabnabbing); its answer comes back on a BroadcastChannel
 * from our own callback page (`oauth-callback.ts`), matched by `state`.
 *
 * Throws a TabagentError ('auth', `data.reason` 'popup-blocked') when the browser refused the popup.
 */
export function openSignInWindow(options: OpenSignInWindowOptions): OpenedSignInWindow {
  const open = options.open ?? ((url, target, features) => window.open(url, target, features));
  const popup = open('', '_blank', 'popup=yes,width=520,height=720');
  if (!popup) {
    throw new TabagentError(
      'auth',
      `The browser blocked the sign-in window for ${options.serverName}. Allow pop-ups for this page (the icon at the end of the address bar), then click "Sign in to ${options.serverName}" again.`,
      { data: { reason: POPUP_BLOCKED, server: options.serverName } },
    );
  }
  try {
    popup.opener = null;
  } catch {
    // Some browsers refuse the assignment; the popup then keeps only what `noopener` would have removed.
  }
  // Loaded on demand (the callback module is also the popup's whole start, main.tsx), from the click on.
  const callbackModule = import('./oauth-callback');
  const timeout = AbortSignal.timeout(options.timeoutMs ?? SIGN_IN_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let expected: (() => Promise<string | undefined>) | undefined;
  let waiting: Promise<OAuthRedirect> | undefined;
  return {
    async open(url) {
      // Listening before the popup leaves for the authorization page, so no answer can come first.
      const { waitForOAuthCallback } = await callbackModule;
      waiting = waitForOAuthCallback(() => (expected ? expected() : Promise.resolve(undefined)), signal);
      waiting.catch(() => undefined);
      popup.location.href = url.href;
    },
    async waitForRedirect(expectedState): Promise<OAuthRedirect> {
      expected = expectedState;
      if (!waiting) throw new TabagentError('internal', 'The sign-in window was never sent to an authorization page.');
      try {
        return await waiting;
      } catch (reason) {
        if (timeout.aborted) {
          throw new TabagentError('timeout', `The sign-in to ${options.serverName} was not finished in time. Click "Sign in to ${options.serverName}" to try again.`, { cause: reason });
        }
        throw reason;
      }
    },
    close() {
      if (!popup.closed) popup.close();
    },
  };
}

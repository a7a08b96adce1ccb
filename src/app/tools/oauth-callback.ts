import { parseOAuthRedirect, type OAuthRedirect } from '../../tools/mcp/oauth/redirect';

/** The channel a sign-in popup hands its callback to the page that opened it. */
export const OAUTH_CHANNEL = 'tabagent-mcp-oauth';

/**
 * Run at start. When this page load is an OAuth callback (`/?oauth=callback&code…&state…`), it
 * hands the answer to the page that started the sign-in (over a BroadcastChannel: the popup and
 * the app share the origin), removes the code from the address bar, and closes the popup.
 * Returns whether it was a callback (the app then shows only "Signed in, you can close this").
 *
 * Why a popup: the app's state (the conversation, the draft, the MCP connections) lives in this
 * tab; leaving it for the authorization page would lose it. The redirect URI is a real URL
 * (`<origin>/?oauth=callback`), because an authorization server cannot redirect to a hash route.
 */
export function handleOAuthCallback(location: Pick<Location, 'href'>, options: { close?: () => void; replaceUrl?: (url: string) => void } = {}): boolean {
  let redirect: OAuthRedirect | undefined;
  try {
    redirect = parseOAuthRedirect(location.href);
  } catch {
    // A callback without code or state cannot be matched to a sign-in; the opener times out and says so.
    return true;
  }
  if (!redirect) return false;
  const channel = new BroadcastChannel(OAUTH_CHANNEL);
  channel.postMessage(redirect);
  channel.close();
  const clean = new URL(location.href);
  clean.search = '';
  options.replaceUrl?.(clean.href);
  options.close?.();
  return true;
}

/** Waits for the callback of the sign-in whose `state` is `state` (other sign-ins' answers are ignored). */
export function waitForOAuthCallback(state: () => Promise<string | undefined>, signal?: AbortSignal): Promise<OAuthRedirect> {
  return new Promise((resolve, reject) => {
    const channel = new BroadcastChannel(OAUTH_CHANNEL);
    const stop = () => {
      channel.close();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      stop();
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    channel.onmessage = (event: MessageEvent<OAuthRedirect>) => {
      void state().then((expected) => {
        // A redirect for another sign-in (another server, another tab) is not ours to refuse.
        if (!event.data?.state || event.data.state !== expected) return;
        stop();
        resolve(event.data);
      });
    };
  });
}

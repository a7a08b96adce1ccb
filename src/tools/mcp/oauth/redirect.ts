import { TabagentError } from '../../../core/errors';

/** The query parameter that marks a page load as the end of an MCP sign-in (`<origin>/?oauth=callback`). */
export const OAUTH_CALLBACK_PARAM = 'oauth';
export const OAUTH_CALLBACK_VALUE = 'callback';

/** What the authorization server sent back to the redirect URI. */
export type OAuthRedirect =
  | { kind: 'code'; code: string; state: string }
  | { kind: 'error'; error: string; description?: string; state?: string };

/**
 * The redirect URI for `origin`: a real URL (the app's start page, which the service worker's
 * navigation fallback serves) because an authorization server cannot redirect to a hash route.
 */
export function oauthRedirectUrl(origin: string): string {
  const url = new URL('/', origin);
  url.searchParams.set(OAUTH_CALLBACK_PARAM, OAUTH_CALLBACK_VALUE);
  return url.href;
}

/**
 * Reads an OAuth callback from a page address. Returns undefined when the address is not a
 * callback (no `oauth=callback`), so the app can call it on every start. A callback without a
 * state, or without a code and an error, is refused: it cannot be matched to a sign-in.
 */
export function parseOAuthRedirect(href: string): OAuthRedirect | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.searchParams.get(OAUTH_CALLBACK_PARAM) !== OAUTH_CALLBACK_VALUE) return undefined;
  const state = url.searchParams.get('state') ?? undefined;
  const error = url.searchParams.get('error');
  if (error) {
    const description = url.searchParams.get('error_description') ?? undefined;
    return { kind: 'error', error, ...(description ? { description } : {}), ...(state ? { state } : {}) };
  }
  const code = url.searchParams.get('code');
  if (!code || !state) {
    throw new TabagentError('auth', 'The sign-in came back without a code or a state; start the sign-in again from the Tools page.');
  }
  return { kind: 'code', code, state };
}

/** Constant-time-ish comparison: both strings are ours or the server's, but a state check should not leak by timing. */
function sameString(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let index = 0; index < a.length; index += 1) diff |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return diff === 0;
}

/**
 * The authorization code of a callback, after checking that it answers the sign-in we started
 * (its `state` is the one we sent). A wrong or missing state (a forged or replayed redirect), or
 * an error from the server, is a TabagentError and no code is returned.
 */
export function codeFromRedirect(redirect: OAuthRedirect, expectedState: string | undefined): string {
  if (!expectedState || !redirect.state || !sameString(redirect.state, expectedState)) {
    throw new TabagentError('auth', 'The sign-in answer does not match the sign-in that was started (wrong state); it was refused. Start the sign-in again.');
  }
  if (redirect.kind === 'error') {
    throw new TabagentError('auth', `The authorization server refused the sign-in: ${redirect.error}${redirect.description ? ` (${redirect.description})` : ''}.`);
  }
  return redirect.code;
}

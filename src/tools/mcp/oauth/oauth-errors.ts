import { TabagentError } from '../../../core/errors';

/**
 * How a server's app registration happens: `dynamic` when its authorization server registers
 * Tabagent itself (RFC 7591), `manual` when the person must enter a client ID they registered.
 */
export type OAuthRegistration = 'dynamic' | 'manual';

/** The `data.reason` of the errors below, for the UI to put into words. */
export type OAuthErrorReason = 'sign-in-required' | 'client-id-required';

/**
 * The server needs an OAuth sign-in that only the person can give (no saved tokens, or they
 * can no longer be refreshed). Connections never open a sign-in page themselves: they fail with
 * this, and the Tools page offers "Sign in to <server>". `hasClientId`: the person already
 * entered a client ID, so only the sign-in is missing.
 */
export function signInRequiredError(server: string, registration: OAuthRegistration | undefined, hasClientId = false): TabagentError {
  const needsClientId = registration === 'manual' && !hasClientId;
  return new TabagentError(
    'auth',
    needsClientId
      ? `${server} needs you to sign in, and its authorization server does not register apps automatically: enter the OAuth client ID you registered with it on the Tools page, then click "Sign in to ${server}".`
      : `${server} needs you to sign in: click "Sign in to ${server}" on the Tools page.`,
    { data: { reason: needsClientId ? 'client-id-required' : 'sign-in-required', server, ...(registration ? { registration } : {}) } },
  );
}

/** True for the error above (also after it crossed a worker or a bundle). */
export function isSignInRequired(error: unknown): error is TabagentError {
  if (!TabagentError.is(error) || error.code !== 'auth') return false;
  const reason = error.data.reason;
  return reason === 'sign-in-required' || reason === 'client-id-required';
}

/** The registration kind an authorization server's metadata allows. */
export function registrationOf(metadata: { registration_endpoint?: unknown } | undefined): OAuthRegistration {
  return typeof metadata?.registration_endpoint === 'string' && metadata.registration_endpoint !== '' ? 'dynamic' : 'manual';
}

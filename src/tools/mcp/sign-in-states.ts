/**
 * The OAuth sign-in state of the MCP servers the manager holds, and its transitions. A server
 * that never asked for a sign-in has no state; one that refused a connection and offers OAuth is
 * "sign in needed" (with how apps register there); one connected with saved tokens is signed in;
 * signing out makes it "signed out". The manager owns the connections, and calls these
 * transitions at the moments they happen.
 */
import { TabagentError, toTabagentError } from '../../core/errors';
import type { McpServerConfig } from '../../core/mcp-server-config';
import { isSignInRequired, signInRequiredError } from './oauth/oauth-errors';
import type { McpOAuthStatus, McpServerOAuth, SignInWindow } from './oauth/server-oauth';

/** A server as its sign-in sees it: the saved record, and the state the Tools page shows. */
export interface SignInHolder {
  readonly config: McpServerConfig;
  oauth?: McpOAuthStatus;
}

/** The registration kind a sign-in-required error names, as a status field. */
function registrationIn(error: TabagentError): Pick<McpOAuthStatus, 'registration'> {
  const registration = error.data.registration;
  return registration === 'dynamic' || registration === 'manual' ? { registration } : {};
}

/** The sign-in states of a manager's servers over its OAuth support (none: servers asking for one stay auth errors). */
export class McpSignInStates {
  readonly #oauth: McpServerOAuth | undefined;

  constructor(oauth: McpServerOAuth | undefined) {
    this.#oauth = oauth;
  }

  /** The OAuth support; throws a config TabagentError when this build has none. */
  require(): McpServerOAuth {
    if (!this.#oauth) throw new TabagentError('config', 'This build of Tabagent cannot sign in to MCP servers (no OAuth support configured).');
    return this.#oauth;
  }

  /** The connection options of a server with a saved sign-in (undefined without one, or without OAuth support). */
  connectOptions(server: SignInHolder): ReturnType<McpServerOAuth['connectOptions']> | undefined {
    return this.#oauth?.connectOptions(server.config);
  }

  /**
   * Runs the sign-in through `window`. On failure the server becomes "sign in needed" when the
   * error says so, and the failure is thrown as a TabagentError.
   */
  async signIn(server: SignInHolder, window: SignInWindow): Promise<void> {
    const oauth = this.require();
    try {
      await oauth.signIn(server.config, window);
    } catch (error) {
      const failure = toTabagentError(error, 'auth');
      if (isSignInRequired(failure)) await this.#needed(server, failure);
      throw failure;
    }
  }

  /** Revokes and deletes the server's tokens (the state changes with `signedOut`, once the connection is closed). */
  revoke(server: SignInHolder): Promise<{ revoked: boolean }> {
    return this.require().signOut(server.config);
  }

  /** Signed out: the rest of the state (registration, client ID) stays for the next sign-in. */
  signedOut(server: SignInHolder): void {
    server.oauth = { ...(server.oauth ?? {}), signedIn: false };
  }

  /** A removed server's sign-in goes with it: revoked where possible, deleted in any case; never throws. */
  async forget(server: SignInHolder): Promise<void> {
    if (server.oauth?.signedIn) await this.#oauth?.signOut(server.config).catch(() => undefined);
  }

  /** Connected with the saved sign-in: the state is read again from the saved tokens. */
  async connected(server: SignInHolder): Promise<void> {
    server.oauth = await this.#status(server);
  }

  /**
   * A refused connection of a server that offers OAuth becomes "sign in first" (and the server
   * remembers how it registers apps); any other failure is returned as it is.
   */
  async explainFailure(server: SignInHolder, failure: TabagentError): Promise<TabagentError> {
    const oauth = this.#oauth;
    if (!oauth || failure.code !== 'auth') return failure;
    if (isSignInRequired(failure)) {
      await this.#needed(server, failure);
      return failure;
    }
    const { config } = server;
    const registration = await oauth.probe(config);
    if (!registration) return failure;
    server.oauth = { signedIn: false, registration, ...(config.oauthClientId ? { clientId: config.oauthClientId } : {}) };
    // Named as the Tools page names the server (its label, else its address), so "Sign in to …" matches the button.
    return signInRequiredError(config.name || config.url, registration, config.oauthClientId !== undefined);
  }

  /** The sign-in as the status shows it: the client ID saved with the server, and the redirect URI where one must be registered. */
  view(server: SignInHolder): McpOAuthStatus | undefined {
    if (!server.oauth) return undefined;
    const { clientId: _stale, redirectUrl: _unused, ...rest } = server.oauth;
    return {
      ...rest,
      ...(server.config.oauthClientId ? { clientId: server.config.oauthClientId } : {}),
      ...(server.oauth.registration === 'manual' && this.#oauth ? { redirectUrl: this.#oauth.redirectUrl } : {}),
    };
  }

  /** Sign in needed, as `failure` (a sign-in-required error) says. */
  async #needed(server: SignInHolder, failure: TabagentError): Promise<void> {
    server.oauth = { ...(await this.#status(server)), signedIn: false, ...registrationIn(failure) };
  }

  /** The saved sign-in's status, else the state held so far (undefined when the server has none). */
  async #status(server: SignInHolder): Promise<McpOAuthStatus | undefined> {
    return (await this.#oauth?.status(server.config).catch(() => undefined)) ?? server.oauth;
  }
}

/** OAuth 2.1 sign-in to MCP servers (authorization code + PKCE through the SDK's OAuthClientProvider). */
export { createMemoryOAuthStore, type McpOAuthState, type McpOAuthStore } from './oauth-store';
export { McpOAuthProvider, type McpOAuthProviderOptions } from './oauth-provider';
export { createOAuthFetch, type GrantOrigins, type OAuthFetchOptions } from './oauth-fetch';
export { codeFromRedirect, oauthRedirectUrl, parseOAuthRedirect, OAUTH_CALLBACK_PARAM, OAUTH_CALLBACK_VALUE, type OAuthRedirect } from './redirect';
export { signInToMcpServer, signOutOfMcpServer, type SignInOptions, type SignOutOptions } from './sign-in';
export { isSignInRequired, registrationOf, signInRequiredError, type OAuthErrorReason, type OAuthRegistration } from './oauth-errors';
export { createMcpServerOAuth, type McpOAuthStatus, type McpServerOAuth, type McpServerOAuthOptions, type SignInWindow } from './server-oauth';

/**
 * The MCP server manager's parts on their own: the sign-in states and their transitions, the
 * routing of servers' own requests, and the naming of a server's tools in the registry. The
 * manager's tests (server-oauth-manager, sampling-engine-route, mcp-client) cover them together
 * against real servers; these pin each transition and rule down without one.
 */
import { describe, expect, it, vi } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import type { McpServerConfig } from '../../../src/core/mcp-server-config';
import type { ChatEngine } from '../../../src/core/types';
import type { McpTool } from '../../../src/tools/mcp/mcp-connection';
import { isSignInRequired, signInRequiredError } from '../../../src/tools/mcp/oauth/oauth-errors';
import type { McpServerOAuth } from '../../../src/tools/mcp/oauth/server-oauth';
import { CallEngines } from '../../../src/tools/mcp/sampling-route';
import type { McpSamplingRequest } from '../../../src/tools/mcp/sampling-types';
import { requesterOf, serverRequestOptions } from '../../../src/tools/mcp/server-request-routing';
import { labelFor, syncServerTools } from '../../../src/tools/mcp/server-tools';
import { McpSignInStates, type SignInHolder } from '../../../src/tools/mcp/sign-in-states';
import { ToolRegistry } from '../../../src/tools/registry';

const config: McpServerConfig = { id: 's1', url: 'https://mcp.example/mcp', name: 'example', enabled: true, headerSecrets: {}, createdAt: 0, updatedAt: 0 };

function oauthDouble(overrides: Partial<McpServerOAuth> = {}): McpServerOAuth {
  return {
    redirectUrl: 'https://app.example/?oauth=callback',
    connectOptions: () => Promise.resolve(undefined),
    probe: () => Promise.resolve(undefined),
    status: () => Promise.resolve(undefined),
    signIn: () => Promise.resolve(),
    signOut: () => Promise.resolve({ revoked: true }),
    ...overrides,
  };
}

describe('McpSignInStates', () => {
  it('refuses to sign in without OAuth support, and leaves auth failures as they are', async () => {
    const states = new McpSignInStates(undefined);
    expect(() => states.require()).toThrow(/cannot sign in to MCP servers/);
    const failure = new TabagentError('auth', 'refused');
    const server: SignInHolder = { config };
    expect(await states.explainFailure(server, failure)).toBe(failure);
    expect(server.oauth).toBeUndefined();
  });

  it('turns a refused connection of a server offering OAuth into "sign in first", remembering the registration', async () => {
    const states = new McpSignInStates(oauthDouble({ probe: () => Promise.resolve('manual') }));
    const server: SignInHolder = { config: { ...config, oauthClientId: 'client-1' } };
    const explained = await states.explainFailure(server, new TabagentError('auth', 'HTTP 401'));
    expect(isSignInRequired(explained)).toBe(true);
    expect(explained.message).toContain('Sign in to example');
    expect(server.oauth).toEqual({ signedIn: false, registration: 'manual', clientId: 'client-1' });
    // Shown with the saved client ID and the redirect URI to register (manual registration only).
    expect(states.view(server)).toEqual({ signedIn: false, registration: 'manual', clientId: 'client-1', redirectUrl: 'https://app.example/?oauth=callback' });
    // Other failures are not about signing in.
    const network = new TabagentError('network', 'unreachable');
    expect(await states.explainFailure(server, network)).toBe(network);
  });

  it('records a sign-in the server still asks for, over the saved status, and throws it', async () => {
    const required = signInRequiredError('example', 'dynamic');
    const states = new McpSignInStates(oauthDouble({ status: () => Promise.resolve({ signedIn: true, clientId: 'stale' }), signIn: () => Promise.reject(required) }));
    const server: SignInHolder = { config };
    await expect(states.signIn(server, { open: () => undefined, waitForRedirect: () => new Promise(() => undefined) })).rejects.toBe(required);
    expect(server.oauth).toEqual({ signedIn: false, clientId: 'stale', registration: 'dynamic' });
    // The view never shows a client ID the server's record does not hold, nor a redirect URI for dynamic registration.
    expect(states.view(server)).toEqual({ signedIn: false, registration: 'dynamic' });
  });

  it('reads the state again once connected, signs out keeping the registration, and forgets only a signed-in server', async () => {
    const signOut = vi.fn(() => Promise.resolve({ revoked: false }));
    const states = new McpSignInStates(oauthDouble({ status: () => Promise.resolve({ signedIn: true, registration: 'dynamic' }), signOut }));
    const server: SignInHolder = { config };
    await states.connected(server);
    expect(server.oauth).toEqual({ signedIn: true, registration: 'dynamic' });
    expect(await states.revoke(server)).toEqual({ revoked: false });
    states.signedOut(server);
    expect(server.oauth).toEqual({ signedIn: false, registration: 'dynamic' });
    await states.forget(server);
    expect(signOut).toHaveBeenCalledTimes(1);
    server.oauth = { signedIn: true };
    signOut.mockRejectedValueOnce(new Error('revocation endpoint down'));
    await expect(states.forget(server)).resolves.toBeUndefined();
    expect(signOut).toHaveBeenCalledTimes(2);
  });
});

describe('server request routing', () => {
  it('names the server by its label, else its origin', () => {
    expect(requesterOf(config)).toEqual({ name: 'example', origin: 'https://mcp.example' });
    expect(requesterOf({ ...config, name: '' })).toEqual({ name: 'https://mcp.example', origin: 'https://mcp.example' });
  });

  it('declares only what the app answers, and runs sampling on the engine of the call in flight', async () => {
    expect(Object.keys(serverRequestOptions({}, new CallEngines(), () => config))).toEqual(['requester']);
    const complete = vi.fn((_request: Readonly<McpSamplingRequest>, _signal: AbortSignal, engine?: ChatEngine) =>
      Promise.resolve({ model: engine?.id ?? 'default', text: 'ok', stopReason: 'endTurn' as const }),
    );
    const calls = new CallEngines();
    let current = config;
    const options = serverRequestOptions({ sampling: { approve: () => Promise.resolve(true), complete } }, calls, () => current);
    const request: McpSamplingRequest = { server: requesterOf(config), messages: [], maxTokens: 5, toolsRefused: false };
    const signal = new AbortController().signal;
    expect(await options.sampling?.complete(request, signal)).toMatchObject({ model: 'default' });
    const engine = { id: 'run-engine' } as ChatEngine;
    await calls.during(engine, async () => {
      expect(await options.sampling?.complete(request, signal)).toMatchObject({ model: 'run-engine' });
    });
    // The label is read at each request: a name the handshake gave later is used.
    current = { ...config, name: 'renamed' };
    expect(options.requester?.().name).toBe('renamed');
  });
});

describe('server tools in the registry', () => {
  const tool = (name: string, extra: Partial<McpTool> = {}): McpTool => ({ name, inputSchema: { type: 'object' }, ...extra });
  const register = (registry: ToolRegistry) => (mcpTool: McpTool, name: string) => {
    if (mcpTool.name === 'broken') throw new Error('bad schema');
    registry.register({ name, description: mcpTool.name, parameters: { type: 'object', properties: {} }, kind: 'mcp', sideEffects: true, allowedOrigins: [], version: '1.0.0' }, () => Promise.resolve(null), { replace: true });
  };

  it('labels a server by the last part of its own name, else its host', () => {
    expect(labelFor('https://mcp.example/mcp', 'mcp-servers/everything')).toBe('everything');
    expect(labelFor('https://mcp.example/mcp', undefined)).toBe('mcp.example');
  });

  it('prefixes names, keeps a tool its name while offered, skips with why, and unregisters what is gone', () => {
    const registry = new ToolRegistry();
    const first = syncServerTools(registry, new Map(), [tool('echo'), tool('add'), tool('later', { execution: { taskSupport: 'required' } }), tool('broken')], 'example', register(registry));
    expect([...first.tools]).toEqual([
      ['example__echo', 'echo'],
      ['example__add', 'add'],
    ]);
    expect(first.skipped).toEqual(['later: runs only as a background task, which Tabagent does not support yet', 'broken: bad schema']);
    const second = syncServerTools(registry, first.tools, [tool('add')], 'example', register(registry));
    expect([...second.tools]).toEqual([['example__add', 'add']]);
    expect(registry.has('example__echo')).toBe(false);
    expect(registry.has('example__add')).toBe(true);
  });
});

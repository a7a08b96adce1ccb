import { afterEach, describe, expect, it } from 'vitest';
import { handleOAuthCallback, waitForOAuthCallback } from '../../../src/app/tools/oauth-callback';
import { createOAuthSecretStore, oauthSecretId } from '../../../src/app/tools/oauth-secrets';
import { openSignInWindow, POPUP_BLOCKED } from '../../../src/app/tools/oauth-window';
import { storedSecretResolver } from '../../../src/app/tools/stored-secrets';
import { StoreScope } from '../store/support';

/** The app's side of MCP sign-in, in Chromium: tokens as an origin-bound secret in IndexedDB, and the popup's callback handed over. */
describe('MCP OAuth in the app', () => {
  const scope = new StoreScope();
  afterEach(() => scope.cleanup());

  it('keeps the sign-in as a secret granted to the server origin only, and forgets it on sign-out', async () => {
    const db = await scope.open();
    const origins: Record<string, string> = { s1: 'https://mcp.example' };
    const store = createOAuthSecretStore({ database: () => Promise.resolve(db), originOf: (id) => origins[id] });
    await store.save('s1', { tokens: { access_token: 'at-1', token_type: 'bearer', refresh_token: 'rt-1' } });

    const record = await db.get('secrets', oauthSecretId('s1'));
    expect(record?.origins).toEqual(['https://mcp.example']);
    expect((await store.load('s1'))?.tokens?.access_token).toBe('at-1');
    // The secret resolver hands the value out for that origin only.
    const resolve = storedSecretResolver(() => Promise.resolve(db));
    expect(await resolve(oauthSecretId('s1'), 'https://evil.example')).toBeUndefined();
    expect(await resolve(oauthSecretId('s1'), 'https://mcp.example')).toContain('at-1');
    // The same server id at another origin (the address changed) does not get the old tokens.
    origins.s1 = 'https://other.example';
    expect(await store.load('s1')).toBeUndefined();

    await store.remove('s1');
    expect(await db.get('secrets', oauthSecretId('s1'))).toBeUndefined();
  });

  it('a callback page load reaches the waiting sign-in with the matching state; others are ignored', async () => {
    const closed: string[] = [];
    const waiting = waitForOAuthCallback(() => Promise.resolve('state-ours'));
    expect(handleOAuthCallback({ href: 'https://app.example/?oauth=callback&code=c-other&state=state-theirs' })).toBe(true);
    expect(
      handleOAuthCallback(
        { href: 'https://app.example/?oauth=callback&code=c-ours&state=state-ours' },
        { close: () => closed.push('closed'), replaceUrl: (url) => closed.push(url) },
      ),
    ).toBe(true);
    await expect(waiting).resolves.toEqual({ kind: 'code', code: 'c-ours', state: 'state-ours' });
    expect(closed).toEqual(['https://app.example/', 'closed']);
    expect(handleOAuthCallback({ href: 'https://app.example/#/tools' })).toBe(false);
  });
});

describe('the sign-in popup', () => {
  it('is opened at once, loses its opener, is sent to the authorization page, and hands back the matching callback', async () => {
    const popup = { opener: {} as unknown, location: { href: '' }, closed: false, close: () => undefined };
    const opened: string[] = [];
    const signIn = openSignInWindow({
      serverName: 'secure',
      open: (url) => {
        opened.push(url);
        return popup as unknown as WindowProxy;
      },
    });
    expect(opened).toEqual(['']);
    expect(popup.opener).toBeNull();
    await signIn.open(new URL('https://auth.example/authorize?state=s-1'));
    expect(popup.location.href).toBe('https://auth.example/authorize?state=s-1');
    const waiting = signIn.waitForRedirect(() => Promise.resolve('s-1'));
    handleOAuthCallback({ href: 'https://app.example/?oauth=callback&code=c-1&state=s-1' });
    await expect(waiting).resolves.toEqual({ kind: 'code', code: 'c-1', state: 's-1' });
  });

  it('a blocked popup is a typed error naming the server; a sign-in not finished in time ends with a timeout', async () => {
    let thrown: unknown;
    try {
      openSignInWindow({ serverName: 'secure', open: () => null });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'auth', data: { reason: POPUP_BLOCKED, server: 'secure' }, message: expect.stringContaining('Sign in to secure') });
    const popup = { opener: null, location: { href: '' }, closed: false, close: () => undefined };
    const slow = openSignInWindow({ serverName: 'secure', open: () => popup as unknown as WindowProxy, timeoutMs: 50 });
    await slow.open(new URL('https://auth.example/authorize'));
    await expect(slow.waitForRedirect(() => Promise.resolve('never'))).rejects.toMatchObject({ code: 'timeout' });
  });
});

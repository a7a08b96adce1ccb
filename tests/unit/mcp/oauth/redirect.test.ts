import { describe, expect, it } from 'vitest';
import { codeFromRedirect, oauthRedirectUrl, parseOAuthRedirect } from '../../../../src/tools/mcp/oauth/redirect';

describe('OAuth redirect parsing', () => {
  it('builds a real (non-hash) redirect URI on the app origin', () => {
    expect(oauthRedirectUrl('https://tabagent.example')).toBe('https://tabagent.example/?oauth=callback');
  });

  it('ignores page loads that are not a callback', () => {
    expect(parseOAuthRedirect('https://tabagent.example/#/chat')).toBeUndefined();
    expect(parseOAuthRedirect('https://tabagent.example/?code=x&state=y')).toBeUndefined();
    expect(parseOAuthRedirect('not a url')).toBeUndefined();
  });

  it('reads the code and state of a callback', () => {
    expect(parseOAuthRedirect('https://tabagent.example/?oauth=callback&code=abc&state=s1')).toEqual({ kind: 'code', code: 'abc', state: 's1' });
  });

  it('reads an error callback', () => {
    expect(parseOAuthRedirect('https://t.example/?oauth=callback&error=access_denied&error_description=No&state=s1')).toEqual({
      kind: 'error',
      error: 'access_denied',
      description: 'No',
      state: 's1',
    });
  });

  it('refuses a callback without a state', () => {
    expect(() => parseOAuthRedirect('https://t.example/?oauth=callback&code=abc')).toThrow(/without a code or a state/);
  });

  it('hands out the code only when the state matches the one sent', () => {
    const redirect = { kind: 'code', code: 'abc', state: 'expected' } as const;
    expect(codeFromRedirect(redirect, 'expected')).toBe('abc');
    expect(() => codeFromRedirect(redirect, 'other-state')).toThrow(/wrong state/);
    expect(() => codeFromRedirect(redirect, 'expectee')).toThrow(/wrong state/);
    expect(() => codeFromRedirect(redirect, undefined)).toThrow(/wrong state/);
  });

  it('turns a refusal with the right state into an error naming it', () => {
    expect(() => codeFromRedirect({ kind: 'error', error: 'access_denied', state: 's' }, 's')).toThrow(/refused the sign-in: access_denied/);
  });
});

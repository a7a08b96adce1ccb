import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { TabagentError } from '../../../src/core/errors';
import type { McpServerStatus } from '../../../src/app/tools/tool-library-services';
import { McpOAuthControls } from '../../../src/ui/tools/mcp-oauth-controls';
import { mount, unmountAll } from '../support/mount';

const exact = { exact: true } as const;

afterEach(() => unmountAll());

function status(oauth: McpServerStatus['oauth']): McpServerStatus {
  return { id: 's1', url: 'https://secure.example/mcp', name: 'secure', enabled: true, state: 'error', tools: [], resources: [], prompts: [], skipped: [], authHeaders: [], ...(oauth ? { oauth } : {}) };
}

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

/** A library whose sign-in answers are scripted; records what the controls asked for. */
function scriptedLibrary(signInAnswers: Array<() => Promise<McpServerStatus>>) {
  const calls: Array<{ id: string; input: { clientId?: string } | undefined }> = [];
  const signOuts: string[] = [];
  return {
    calls,
    signOuts,
    signInMcp: (id: string, input?: { clientId?: string }) => {
      calls.push({ id, input });
      return (signInAnswers.shift() ?? (() => Promise.reject(new Error('unexpected sign-in'))))();
    },
    signOutMcp: (id: string) => {
      signOuts.push(id);
      return Promise.resolve({ revoked: true });
    },
  };
}

/** The OAuth part of an MCP server's row on the Tools page, in Chromium. */
describe('McpOAuthControls', () => {
  it('a blocked popup says so and the same button tries again', async () => {
    const announced: string[] = [];
    const blocked = new TabagentError('auth', 'blocked', { data: { reason: 'popup-blocked' } });
    const library = scriptedLibrary([() => Promise.reject(blocked), () => Promise.resolve({ ...status({ signedIn: true }), state: 'connected', tools: ['secure__whoami'] })]);
    mount(() => <McpOAuthControls server={status({ signedIn: false, registration: 'dynamic' })} library={library} announce={(message) => announced.push(message)} />);
    await expect.element(page.getByText(/secure asks you to sign in \(OAuth\)/)).toBeVisible();
    await expect.element(page.getByLabelText('OAuth client ID', exact)).not.toBeInTheDocument();
    const signIn = page.getByRole('button', { name: 'Sign in to secure', ...exact });
    await userEvent.click(signIn);
    await expect.element(page.getByRole('alert')).toHaveTextContent(/The browser blocked the sign-in window\. Allow pop-ups for this page.*“Sign in to secure” again\./);
    await userEvent.click(signIn);
    await expect.poll(() => announced).toEqual(['Signed in to secure: 1 tools.']);
    await expect.element(page.getByRole('alert')).not.toBeInTheDocument();
    expect(library.calls).toEqual([
      { id: 's1', input: {} },
      { id: 's1', input: {} },
    ]);
  });

  it('a second click replaces a sign-in still waiting; the replaced one ends quietly', async () => {
    const announced: string[] = [];
    const first = deferred<McpServerStatus>();
    const second = deferred<McpServerStatus>();
    const library = scriptedLibrary([() => first.promise, () => second.promise]);
    mount(() => <McpOAuthControls server={status({ signedIn: false, registration: 'dynamic' })} library={library} announce={(message) => announced.push(message)} />);
    const signIn = page.getByRole('button', { name: 'Sign in to secure', ...exact });
    await userEvent.click(signIn);
    await expect.element(page.getByText('Waiting for the sign-in in the other window…', exact)).toBeVisible();
    await userEvent.click(signIn);
    first.reject(new TabagentError('aborted', 'A newer sign-in to secure replaced this one.'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect.element(page.getByRole('alert')).not.toBeInTheDocument();
    await expect.element(page.getByText('Waiting for the sign-in in the other window…', exact)).toBeVisible();
    second.resolve({ ...status({ signedIn: true }), state: 'connected', tools: ['secure__whoami'] });
    await expect.poll(() => announced).toEqual(['Signed in to secure: 1 tools.']);
    await expect.element(page.getByText('Waiting for the sign-in in the other window…', exact)).not.toBeInTheDocument();
  });

  it('without dynamic registration it asks for an OAuth client ID, shows the redirect URI, and signs in with the ID', async () => {
    const library = scriptedLibrary([() => Promise.resolve({ ...status({ signedIn: true, registration: 'manual', clientId: 'my-client' }), state: 'connected' })]);
    mount(() => (
      <McpOAuthControls server={status({ signedIn: false, registration: 'manual', redirectUrl: 'https://app.example/?oauth=callback' })} library={library} announce={() => undefined} />
    ));
    await expect.element(page.getByText(/does not register apps automatically/)).toBeVisible();
    await expect.element(page.getByText('Redirect URI: https://app.example/?oauth=callback', exact)).toBeVisible();
    const signIn = page.getByRole('button', { name: 'Sign in to secure', ...exact });
    await userEvent.click(signIn);
    await expect.element(page.getByRole('alert')).toHaveTextContent('Enter the OAuth client ID first.');
    expect(library.calls).toEqual([]);
    await userEvent.fill(page.getByLabelText('OAuth client ID', exact), ' my-client ');
    await userEvent.click(signIn);
    await expect.poll(() => library.calls).toEqual([{ id: 's1', input: { clientId: 'my-client' } }]);
  });

  it('signed in: "Sign out of <server>" revokes and says so; nothing shows for a server without OAuth', async () => {
    const announced: string[] = [];
    const library = scriptedLibrary([]);
    mount(() => <McpOAuthControls server={{ ...status({ signedIn: true, registration: 'dynamic' }), state: 'connected' }} library={library} announce={(message) => announced.push(message)} />);
    mount(() => <McpOAuthControls server={{ ...status(undefined), name: 'plain' }} library={library} announce={() => undefined} />);
    await expect.element(page.getByText('Signed in with OAuth', exact)).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Sign in to secure', ...exact })).not.toBeInTheDocument();
    await expect.element(page.getByRole('button', { name: /plain/ })).not.toBeInTheDocument();
    await userEvent.click(page.getByRole('button', { name: 'Sign out of secure', ...exact }));
    await expect.poll(() => announced).toEqual(['Signed out of secure; its token was revoked.']);
    expect(library.signOuts).toEqual(['s1']);
  });
});

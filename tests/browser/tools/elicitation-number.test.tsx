/**
 * A server's form with a fractional number (server-everything's "Number in range 1-1000" defaults
 * to 3.14): Accept sends it. The browser's default number step of 1 used to block the submit
 * silently, so the form never closed (found by tests/e2e/mcp-sampling.spec.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createServerRequestQueue } from '../../../src/app/tools/server-requests';
import { ServerRequestDialogs } from '../../../src/ui/tools/server-request-dialog';
import { mount, unmountAll } from '../support/mount';

afterEach(unmountAll);

describe('elicitation form', () => {
  it('accepts a fractional number and an integer as the schema allows', async () => {
    const queue = createServerRequestQueue();
    mount(() => <ServerRequestDialogs queue={queue} />);
    const answer = queue.elicit(
      {
        mode: 'form',
        server: { name: 'everything', origin: 'http://127.0.0.1:1' },
        message: 'Please provide inputs.',
        fields: [
          { name: 'number', label: 'Number in range 1-1000', type: 'number', required: false, default: 3.14 },
          { name: 'integer', label: 'Integer', type: 'integer', required: false, default: 42 },
        ],
        schema: { type: 'object', properties: { number: { type: 'number', minimum: 1, maximum: 1000 }, integer: { type: 'integer' } } },
      },
      new AbortController().signal,
    );
    const form = page.getByRole('dialog', { name: 'everything asks for input' });
    await expect.element(form).toBeVisible();
    await userEvent.click(form.getByRole('button', { name: 'Accept', exact: true }));
    expect(await answer).toEqual({ action: 'accept', content: { number: 3.14, integer: 42 } });
  });
});

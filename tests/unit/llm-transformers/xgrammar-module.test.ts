/** The bundler's XGrammar import, where no bundler ran: plain Node. */
import { expect, it } from 'vitest';
import { importXGrammar } from '../../../src/llm/transformers/grammar';
import { TabagentError } from '../../../src/core/errors';

it('fails in plain Node with a typed error that says what to do (engines there take a loader instead)', async () => {
  const failure = await importXGrammar().catch((error: unknown) => error);
  expect(TabagentError.is(failure) && failure.code).toBe('internal');
  expect((failure as Error).message).toMatch(/could not be loaded\. Reload the page/);
});

/** The agent editor offers the browser's own model as an engine where the page has LanguageModel, and saves it as {kind: 'builtin'}. */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { fakeAgents } from '../../support/fake-agents-apage';
import { createFakeLanguageModel } from '../../support/fake-language-model';
import { fakeModelServices } from '../models/fake-model-services';
import { cleanUp, exact, mountAgentsApp } from './agents-harness';

const original = Object.getOwnPropertyDescriptor(globalThis, 'LanguageModel');

function installLanguageModel(value: unknown): void {
  Object.defineProperty(globalThis, 'LanguageModel', { value, configurable: true, writable: true });
}

afterEach(async () => {
  await cleanUp();
  if (original) Object.defineProperty(globalThis, 'LanguageModel', original);
  else delete (globalThis as { LanguageModel?: unknown }).LanguageModel;
});

describe("the agent editor's engine", () => {
  it('offers Built-in AI (Chrome) where the browser has LanguageModel, and saves it', async () => {
    installLanguageModel(createFakeLanguageModel());
    const agents = fakeAgents();
    mountAgentsApp('#/agents/new', agents, { models: fakeModelServices().services });
    const form = page.getByRole('form', { name: 'Agent' });
    await userEvent.fill(form.getByLabelText('Name', exact), 'Chrome agent');
    await userEvent.selectOptions(form.getByLabelText('Engine', exact), 'Built-in AI (Chrome)');
    await userEvent.click(page.getByRole('button', { name: 'Save agent', ...exact }));
    await expect.element(page.getByText('Saved Chrome agent.', exact)).toBeVisible();
    const [saved] = [...agents.agents.values()];
    expect(saved?.engine).toEqual({ kind: 'builtin' });
  });

  it('does not offer it where the browser has none', async () => {
    installLanguageModel(undefined);
    mountAgentsApp('#/agents/new', fakeAgents(), { models: fakeModelServices().services });
    const engine = page.getByRole('form', { name: 'Agent' }).getByLabelText('Engine', exact);
    await expect.element(engine).toBeVisible();
    const options = [...(engine.element() as HTMLSelectElement).options].map((option) => option.textContent);
    expect(options).toContain('A local model');
    expect(options).not.toContain('Built-in AI (Chrome)');
  });
});

/**
 * Share links: the agent travels in the fragment (compressed, base64url) and comes back equal;
 * a damaged link or one that inflates past 1 MB is refused with a typed error.
 */
import { describe, expect, it } from 'vitest';
import { exportAgentFile } from '../../../../src/app/agents/agent-file';
import { planAgentImport } from '../../../../src/app/agents/import/plan-import';
import { readShareFragment, shareFragment, shareLink, sharePayload } from '../../../../src/app/agents/share-link';
import { TabagentError } from '../../../../src/core/errors';
import { sampleAgent } from '../../../support/fake-agents-ashare';
import { importContext, textFile } from './import-context';

const agent = sampleAgent({
  name: '翻译助手',
  description: 'Translates between Chinese and English.',
  instructions: 'Translate faithfully. '.repeat(40),
  starterPrompts: ['Translate: 你好'],
  tools: [{ kind: 'tool', name: 'calculator' }],
});

async function refusal(hash: string): Promise<TabagentError> {
  try {
    await readShareFragment(hash);
  } catch (error) {
    if (TabagentError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('share links', () => {
  it('carry the agent file in the fragment and give it back byte-equal', async () => {
    const link = await shareLink(agent, 'https://tabagent.example/app/#/agents');
    expect(link.startsWith('https://tabagent.example/app/#/agents/import?a=')).toBe(true);
    const hash = link.slice(link.indexOf('#'));
    expect(sharePayload(hash)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await readShareFragment(hash)).toBe(exportAgentFile(agent));
  });

  it('compress: a long agent makes a shorter link than its file', async () => {
    const text = exportAgentFile(agent);
    expect((await shareFragment(text)).length).toBeLessThan(text.length);
  });

  it('round-trip through the import planner to the same agent', async () => {
    const text = await readShareFragment(await shareFragment(exportAgentFile(agent)));
    const plan = await planAgentImport([textFile('share link', text)], importContext());
    const { id: _a, createdAt: _b, updatedAt: _c, ...expected } = agent;
    expect(plan.agents[0]?.agent).toMatchObject(expected);
  });

  it('refuse a damaged payload', async () => {
    expect((await refusal('#/agents/import?a=not*base64')).code).toBe('invalid-file');
    expect((await refusal('#/agents/import?a=AAAA')).message).toMatch(/damaged/);
    expect((await refusal('#/agents/import')).message).toMatch(/not a share link/);
  });

  it('refuse a payload that inflates past 1 MB, without inflating all of it', async () => {
    const bomb = await shareFragment(' '.repeat(8 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(40_000);
    const error = await refusal(bomb);
    expect(error.data.reason).toBe('too-large');
  });

  it('are recognised only on their route', () => {
    expect(sharePayload('#/agents')).toBeUndefined();
    expect(sharePayload('#/tools?a=xyz')).toBeUndefined();
    expect(sharePayload('#/agents/import?a=xyz')).toBe('xyz');
  });
});

/**
 * Bad files: not JSON, wrong shape, unknown version, over 1 MB, unknown format — each refused
 * with a message naming the problem, without stopping the good files chosen beside it.
 */
import { describe, expect, it } from 'vitest';
import { exportAgentFile } from '../../../../src/app/agents/agent-file';
import { MAX_AGENT_IMPORT_BYTES } from '../../../../src/app/agents/import/import-plan';
import { planAgentImport } from '../../../../src/app/agents/import/plan-import';
import { sampleAgent } from '../../../support/fake-agents-ashare';
import { importContext, textFile } from './import-context';

const good = exportAgentFile(sampleAgent({ name: 'Good' }));

async function problemsOf(name: string, text: string) {
  return (await planAgentImport([textFile(name, text)], importContext())).problems;
}

describe('bad agent files', () => {
  it('refuses text that is not JSON, with the parser’s reason', async () => {
    const [problem] = await problemsOf('broken.agent.json', '{"format": "tabagent-agent", ');
    expect(problem).toMatchObject({ file: 'broken.agent.json', reason: 'not-json' });
    expect(problem?.message).toMatch(/^broken\.agent\.json is not JSON \(/);
  });

  it('refuses an agent file of the wrong shape, naming the field', async () => {
    const file = JSON.parse(good) as { agent: Record<string, unknown> };
    file.agent.stepLimit = 'many';
    delete file.agent.name;
    const [problem] = await problemsOf('shape.agent.json', JSON.stringify(file));
    expect(problem?.reason).toBe('bad-shape');
    expect(problem?.message).toContain('/agent/stepLimit');
    expect(problem?.message).toContain('"name"');
  });

  it('refuses extra properties (a secret smuggled into a file is not read)', async () => {
    const file = JSON.parse(good) as { agent: Record<string, unknown> };
    file.agent.engine = { kind: 'server', baseUrl: 'https://x.example/v1', model: 'm', apiKey: 'sk-123' };
    const [problem] = await problemsOf('key.agent.json', JSON.stringify(file));
    expect(problem?.reason).toBe('bad-shape');
  });

  it('refuses an unknown version, naming both versions', async () => {
    const [problem] = await problemsOf('v2.agent.json', JSON.stringify({ ...(JSON.parse(good) as object), version: 2 }));
    expect(problem).toMatchObject({ reason: 'unknown-version', detail: '2' });
    expect(problem?.message).toMatch(/version 2.*reads version 1/);
  });

  it('refuses a file over 1 MB without reading it', async () => {
    let read = false;
    const plan = await planAgentImport(
      [{ name: 'huge.agent.json', size: MAX_AGENT_IMPORT_BYTES + 1, text: () => ((read = true), Promise.resolve(good)) }],
      importContext(),
    );
    expect(read).toBe(false);
    expect(plan.problems[0]).toMatchObject({ reason: 'too-large', message: expect.stringMatching(/at most 1 MB/) as unknown });
  });

  it('refuses JSON of no known format', async () => {
    const [problem] = await problemsOf('package.json', JSON.stringify({ dependencies: {} }));
    expect(problem?.reason).toBe('unknown-format');
    expect(problem?.message).toMatch(/tabagent-agent.*builder_config\.json.*agent\.json/);
  });

  it('refuses a JSON array or scalar', async () => {
    expect((await problemsOf('list.json', '[1, 2]'))[0]?.reason).toBe('unknown-format');
    expect((await problemsOf('null.json', 'null'))[0]?.reason).toBe('unknown-format');
  });

  it('refuses a file whose text cannot be read', async () => {
    const plan = await planAgentImport([{ name: 'gone.json', size: 10, text: () => Promise.reject(new Error('file moved')) }], importContext());
    expect(plan.problems[0]).toMatchObject({ reason: 'unreadable', message: expect.stringContaining('file moved') as unknown });
  });

  it('plans the good file chosen beside bad ones', async () => {
    const plan = await planAgentImport([textFile('bad.json', 'nope'), textFile('good.agent.json', good)], importContext());
    expect(plan.agents.map((agent) => agent.agent.name)).toEqual(['Good']);
    expect(plan.problems.map((problem) => problem.file)).toEqual(['bad.json']);
  });
});

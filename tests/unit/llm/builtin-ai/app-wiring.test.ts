/** The built-in model as the app's engine and as an agent's engine. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentFileProblems } from '../../../../src/app/agents/import/agent-file-schema';
import { BUILTIN_AI_CHOICE, localChoiceOf, withLocalChoice } from '../../../../src/app/models/local-choice';
import { LocalEngineHolder } from '../../../../src/app/models/local-engines';
import { agentEngineSetup, engineSetup } from '../../../../src/app/run-config';
import { defaultSettings, isEngineConfigured, normalizeSettings } from '../../../../src/store/settings';

describe('the built-in model in settings and agents', () => {
  it('is an engine the settings can choose, keep and read back', () => {
    const settings = withLocalChoice(defaultSettings(), BUILTIN_AI_CHOICE);
    expect(settings.engine.kind).toBe('builtin');
    expect(isEngineConfigured(settings)).toBe(true);
    const read = normalizeSettings(JSON.parse(JSON.stringify(settings)));
    expect(localChoiceOf(read)).toEqual(BUILTIN_AI_CHOICE);
    const setup = engineSetup(read, new LocalEngineHolder());
    expect(setup.engine.id).toBe('builtin-ai');
    expect(setup.engine.capabilities).toMatchObject({ nativeToolCalls: false, constrainedOutput: 'json-schema' });
    expect(setup.toolMode).toBe('hermes');
  });

  it("is an agent's engine; the agent's own tool format still wins", () => {
    const holder = new LocalEngineHolder();
    const auto = agentEngineSetup({ engine: { kind: 'builtin' }, toolFormat: 'auto' }, defaultSettings(), holder);
    expect(auto.engine.id).toBe('builtin-ai');
    expect(auto.toolMode).toBe('hermes');
    expect(agentEngineSetup({ engine: { kind: 'builtin' }, toolFormat: 'react' }, defaultSettings(), holder).toolMode).toBe('react');
  });

  it('is valid in an agent file, and nothing else may ride along with it', () => {
    const doc = readFileSync(resolve(import.meta.dirname, '../../../../docs/agents.md'), 'utf8');
    const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(doc)?.[1] ?? '{}') as { agent: Record<string, unknown> };
    example.agent.engine = { kind: 'builtin' };
    expect(agentFileProblems(example)).toEqual([]);
    example.agent.engine = { kind: 'builtin', baseUrl: 'https://elsewhere.example' };
    expect(agentFileProblems(example)).not.toEqual([]);
  });
});
